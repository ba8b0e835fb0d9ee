#!/usr/bin/env bash
# Prints each asset of a build folder with its raw, gzip -9 and brotli sizes, and the total.
set -euo pipefail
dir=${1:-dist}
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
for f in $(cd "$dir" && find . -type f ! -path './.stage/*' | sort); do
  raw=$(stat -c%s "$dir/$f")
  gz=$(gzip -9c "$dir/$f" | wc -c)
  if command -v brotli >/dev/null; then br=$(brotli -c -q 11 "$dir/$f" | wc -c); else br=-1; fi
  printf '%-44s %10d %10d %10d\n' "${f#./}" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-44s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
