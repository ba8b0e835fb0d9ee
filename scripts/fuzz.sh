#!/usr/bin/env bash
# `make fuzz [FUZZ_SECONDS=1800]`: runs each fuzz target for that long on the nightly toolchain
# (cargo-fuzz needs it), with the dictionary fuzz/lede.dict and the corpus fuzz/corpus/<target>
# (kept between runs, minimized by `cargo fuzz cmin`; not committed: twenty minutes make tens
# of megabytes of pages), seeded with fuzz/seeds (damaged and hostile
# samples), seeds/ and tests/inputs/. Crashes land in fuzz/artifacts/<target>/: turn each into a
# regression test in tests/ before fixing it. Prints each target's executions and rate.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-1800}
targets=${FUZZ_TARGETS:-parse markdown analyze}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz 0.13.2 for the nightly toolchain"
  cargo +nightly install cargo-fuzz --version 0.13.2 --locked
fi
# Without a sanitizer: lede forbids unsafe code, so what fuzzing finds is a panic, which
# libFuzzer catches without one, at several times the rate. Debug assertions on, so an
# arithmetic overflow is a crash too. The targets run at once (libFuzzer uses one core each).
run() {
  local target=$1 max_len=65536
  mkdir -p "fuzz/corpus/$target"
  # The whole analysis costs milliseconds per input: shorter inputs, more of them.
  [ "$target" = analyze ] && max_len=4096
  cargo +nightly fuzz run --fuzz-dir fuzz -s none -a "$target" "fuzz/corpus/$target" fuzz/seeds seeds tests/inputs -- \
    -max_total_time="$seconds" -max_len="$max_len" -dict=fuzz/lede.dict -print_final_stats=1 >"fuzz/last-$target.log" 2>&1 || true
}
cargo +nightly fuzz build --fuzz-dir fuzz -s none -a
for target in $targets; do
  echo "[fuzz] $target for ${seconds}s"
  run "$target" &
done
wait
for target in $targets; do
  grep -E "^(==|SUMMARY|thread '.*' panicked)" "fuzz/last-$target.log" || true
  runs=$(grep -h "stat::number_of_executed_units" "fuzz/last-$target.log" | awk '{print $2}')
  echo "[fuzz] $target: ${runs:-0} executions in ${seconds}s ($(( ${runs:-0} / seconds )) per second)"
done
grep -h "stat::number_of_executed_units" fuzz/last-*.log | awk '{s+=$2} END {print "[fuzz] executions in this run: " s}'
# Keep only the inputs that add coverage.
for target in $targets; do
  cargo +nightly fuzz cmin --fuzz-dir fuzz -s none -a "$target" "fuzz/corpus/$target" >/dev/null 2>&1 || true
done
