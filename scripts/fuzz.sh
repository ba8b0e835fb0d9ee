#!/usr/bin/env bash
# `make fuzz [FUZZ_SECONDS=60]`: runs each fuzz target for that long on the nightly
# toolchain (cargo-fuzz needs it), seeded with fuzz/seeds (damaged and hostile samples), seeds/ and tests/inputs/.
# Crashes land in fuzz/artifacts/<target>/:
# turn each into a regression test in tests/ before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] installing cargo-fuzz 0.13.2 for the nightly toolchain"
  cargo +nightly install cargo-fuzz --version 0.13.2 --locked
fi
for target in analyze parse_html; do
  mkdir -p "fuzz/corpus/$target"
  echo "[fuzz] $target for ${seconds}s"
  cargo +nightly fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" fuzz/seeds seeds tests/inputs -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1 | tee "fuzz/last-$target.log" | grep -E "^(#[0-9]+ +(DONE|INITED)|stat::number_of_executed_units|==|SUMMARY)" || true
done
grep -h "stat::number_of_executed_units" fuzz/last-*.log | awk '{s+=$2} END {print "[fuzz] executions in this run: " s}'
