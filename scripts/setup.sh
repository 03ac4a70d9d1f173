#!/usr/bin/env bash
# Installs what the project needs, skipping whatever is already there (safe to run again).
#   scripts/setup.sh app   — what building and serving the app needs
#   scripts/setup.sh test  — that, plus Chromium, ChromeDriver and the test tools
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"
source scripts/env.sh

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer rustc than this machine's; 0.21 builds with it.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  log "installing trunk 0.21 (takes several minutes the first time)"
  cargo install --locked trunk --version '^0.21'
fi

# wasm-bindgen-cli must be exactly the version in Cargo.lock; its own lockfile pins a crate the
# registry no longer serves, hence no --locked.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${wb_version}\$"; then
  log "installing wasm-bindgen-cli ${wb_version}"
  cargo install wasm-bindgen-cli --version "=${wb_version}" --force
fi

# wasm-split-cli cuts the lazily loaded pages out of the wasm after Trunk's build
# (scripts/wasm-split.mjs); 0.2.4 reads what wasm_split_helpers 0.2.x (in Cargo.lock) emits.
if ! cargo install --list | grep '^wasm_split_cli_support v0\.2\.4:' >/dev/null; then
  log "installing wasm-split-cli 0.2.4"
  cargo install --locked wasm_split_cli_support --version '=0.2.4' --features build-binary
fi

# Browser and driver from Debian (test tools cannot download their own browser here).
if [ "$mode" = test ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi

# npm tools: wasm-opt (binaryen; Debian's is too old), Playwright and pouchdb-server (the sync
# tests' server). Reinstall only when the lockfile changed since the last install. Optional
# packages are pouchdb-server's on-disk backends (leveldown, sqlite3 compiled from source);
# the tests run it in memory.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  npm ci --no-audit --no-fund --omit=optional
fi
log "ready"
