#!/usr/bin/env bash
# `make fuzz [FUZZ_SECONDS=1800]`: runs each fuzz target for that long on the nightly toolchain
# (cargo-fuzz needs it), with the dictionary fuzz/lede.dict and the corpus fuzz/corpus/<target>
# (committed, minimized by `cargo fuzz cmin`), seeded with fuzz/seeds (damaged and hostile
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
for target in $targets; do
  mkdir -p "fuzz/corpus/$target"
  # The whole analysis costs milliseconds per input: shorter inputs, more of them.
  max_len=65536
  [ "$target" = analyze ] && max_len=4096
  echo "[fuzz] $target for ${seconds}s"
  cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" fuzz/seeds seeds tests/inputs -- \
    -max_total_time="$seconds" -max_len="$max_len" -dict=fuzz/lede.dict -print_final_stats=1 2>&1 |
    tee "fuzz/last-$target.log" | grep -E "^(#[0-9]+ +(DONE|INITED)|stat::number_of_executed_units|==|SUMMARY)" || true
  runs=$(grep -h "stat::number_of_executed_units" "fuzz/last-$target.log" | awk '{print $2}')
  echo "[fuzz] $target: ${runs:-0} executions in ${seconds}s ($(( ${runs:-0} / seconds )) per second)"
done
grep -h "stat::number_of_executed_units" fuzz/last-*.log | awk '{s+=$2} END {print "[fuzz] executions in this run: " s}'
