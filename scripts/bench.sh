#!/usr/bin/env bash
# `make bench`: native stage benchmarks, the in-browser comparison with compromise,
# accuracy side by side, and bundle sizes. Prints markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)" >&2
cargo bench --bench pipeline -- --noplot >&2
(cd tests/e2e && node bench/browser.mjs) > "$out/browser.json"
cargo run --release --quiet --bin lede -- eval ../shared/data/conll2003/eng.testa > "$out/lede.txt"
(cd tests/e2e && node bench/accuracy.mjs "$out/compromise.conll")
cargo run --release --quiet --bin lede -- score "$out/compromise.conll" > "$out/compromise.txt"
cargo run --release --quiet --bin lede -- eval tests/inputs/modern-news.conll > "$out/lede-modern.txt"
(cd tests/e2e && node bench/accuracy.mjs "$out/compromise-modern.conll" ../inputs/modern-news.conll)
cargo run --release --quiet --bin lede -- score "$out/compromise-modern.conll" > "$out/compromise-modern.txt"
# lede's whole analysis on the same kind of text compromise reads (what the app shows).
cargo run --release --quiet --bin lede -- eval ../shared/data/conll2003/eng.testa --shown > "$out/shown.txt"
cargo run --release --quiet --bin lede -- eval tests/inputs/modern-news.conll --shown > "$out/shown-modern.txt"
(cd tests/e2e && node bench/report.mjs "$out/browser.json" "$out/lede.txt" "$out/compromise.txt" "$out/lede-modern.txt" "$out/compromise-modern.txt" "$out/shown.txt" "$out/shown-modern.txt")
echo
echo "### Bundle (release build)"
echo
echo '```'
scripts/size.sh dist
echo '```'
