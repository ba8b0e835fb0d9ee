#!/usr/bin/env bash
# Installs every tool the build and the tests need, skipping what is already there.
# Usage: scripts/setup.sh [build|test]   (test = build tools + browsers + e2e packages)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}

TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1
# Must equal the wasm-bindgen crate version pinned in Cargo.toml / Cargo.lock.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock 2>/dev/null | sed -n 's/^version = "\(.*\)"/\1/p' | head -n1)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}

log() { printf '[setup] %s\n' "$*"; }

# Whether the output of a command (the rest of the arguments) contains $1. Not `cmd | grep -q`:
# under pipefail, grep stops at the first match, the command then dies writing the rest (a
# Rust tool panics on the broken pipe), and the check fails. geckodriver, whose --version
# prints several lines, was reinstalled that way.
has() {
  local want=$1 out
  shift
  out=$("$@" 2>/dev/null) || return 1
  [[ "$out" == *"$want"* ]]
}

if ! has wasm32-unknown-unknown rustup target list --installed; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v trunk >/dev/null || ! has "$TRUNK_VERSION" trunk --version; then
  log "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! command -v wasm-bindgen >/dev/null || ! has "$WASM_BINDGEN_VERSION" wasm-bindgen --version; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: with it, a locked dependency is missing from the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt from the npm package binaryen (Debian's binaryen is too old for today's wasm), and
# esbuild, which minifies wasm-bindgen's JavaScript in the build's hook (scripts/precache.mjs).
if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ ! -x tools/node_modules/.bin/esbuild ]; then
  log "installing wasm-opt (npm binaryen) and esbuild into tools/"
  (cd tools && npm ci --no-audit --no-fund)
fi

if [ "$what" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Debian chromium and chromium-driver"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # Firefox ESR for the component tests in a second engine (make test-web-firefox).
  if ! command -v firefox-esr >/dev/null; then
    log "installing Debian firefox-esr"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
  fi
  # WebKit, Safari's engine (make test-web-webkit, make test-e2e-webkit): Debian's WebKitGTK
  # WebDriver, which starts WebKitGTK's MiniBrowser, and Xvfb for the display it needs.
  if ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; then
    log "installing Debian webkit2gtk-driver and xvfb"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq webkit2gtk-driver xvfb >/dev/null
  fi
  if ! command -v geckodriver >/dev/null || ! has "$GECKODRIVER_VERSION" geckodriver --version; then
    log "installing geckodriver $GECKODRIVER_VERSION (about 3 minutes on 2 cores)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked || cargo install geckodriver --version "$GECKODRIVER_VERSION"
  fi
  if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
    log "installing the end-to-end test packages from tests/e2e/package-lock.json"
    (cd tests/e2e && npm ci --no-audit --no-fund)
  fi
fi
log "tools ready"
