#!/usr/bin/env bash
# The Python side of lede's tests and benchmarks: a virtualenv in tools/venv with maturin,
# pytest, PySpark and Dask at the versions python/requirements.txt pins (every package, so a
# fresh machine gets what the tests were written against). Skips what is there. PySpark 4
# needs Java 17 or later: Debian's openjdk-17-jre-headless is installed when no java is found.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[setup-python] %s\n' "$*"; }

VENV=tools/venv
if [ ! -x "$VENV/bin/python" ]; then
  log "creating the virtualenv $VENV ($(python3 --version))"
  python3 -m venv "$VENV"
fi
stamp="$VENV/.requirements.txt"
if ! cmp -s python/requirements.txt "$stamp"; then
  log "installing python/requirements.txt (PySpark is a 300 MB download)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r python/requirements.txt
  cp python/requirements.txt "$stamp"
fi
if ! command -v java >/dev/null; then
  log "installing Debian openjdk-17-jre-headless for PySpark"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
log "python tools ready"
