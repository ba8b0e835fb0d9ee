#!/usr/bin/env bash
# Runs a command with $DISPLAY on a new Xvfb display, and stops that Xvfb when the command ends,
# whatever its status (which is this script's). Used for WebKit's component tests: WebKitGTK's
# MiniBrowser needs a display. Not xvfb-run: when its cleanup fails (it did once here, most
# likely while a WebKit process still held its temporary folder) it exits 5 and leaves its
# Xvfb running.
# Usage: scripts/xvfb.sh command [args...]
set -euo pipefail
fifo=$(mktemp -u -t lede-xvfb.XXXXXX)
mkfifo "$fifo"
# -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$fifo" 2>/dev/null &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true; rm -f "$fifo"' EXIT
if ! read -r display <"$fifo"; then
  echo "xvfb.sh: Xvfb did not start (scripts/setup.sh test installs it)" >&2
  exit 1
fi
DISPLAY=":$display" "$@"
