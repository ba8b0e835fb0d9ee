#!/usr/bin/env bash
# Prints each asset of a build folder with its raw, gzip -9 and brotli sizes, and the total.
set -euo pipefail
dir=${1:-dist}
printf '%-44s %10s %10s %10s\n' file raw gzip brotli
total_raw=0 total_gz=0 total_br=0
for f in $(cd "$dir" && find . -type f ! -path './.stage/*' | sort); do
  raw=$(stat -c%s "$dir/$f")
  gz=$(gzip -9c "$dir/$f" | wc -c)
  # Brotli at quality 11 through Node's zlib, which every machine that builds lede has
  # (the brotli command is not installed by default).
  br=$(node -e 'const z = require("zlib"); process.stdout.write(String(z.brotliCompressSync(require("fs").readFileSync(process.argv[1]), { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length))' "$dir/$f")
  printf '%-44s %10d %10d %10d\n' "${f#./}" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '%-44s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
