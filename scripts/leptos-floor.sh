#!/usr/bin/env bash
# What the framework alone costs: builds bench/leptos-floor (a Leptos 0.8 app with nothing of
# the complaint desk in it) once per feature set, with the desk's release profile, rustflags
# (.cargo/config.toml), wasm-bindgen and wasm-opt options (scripts/wasm-split.mjs), and prints
# each build's wasm + JS glue raw, gzip (level 9) and Brotli (quality 11), as
# scripts/size-budget.mjs counts the shell. A measurement for the README, not a test.
# Usage: scripts/leptos-floor.sh [feature-set ...]   (default: the four below)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=("" "router" "router,i18n" "router,i18n,data")
target_dir="$PWD/target/leptos-floor"
out="$target_dir/out"
mkdir -p "$out"
echo "| features | raw | gzip | brotli |"
echo "|---|---|---|---|"
for set in "${sets[@]}"; do
  name="${set:-counter}"
  name="${name//,/+}"
  (cd bench/leptos-floor && CARGO_TARGET_DIR="$target_dir" cargo build --offline --release \
    --target wasm32-unknown-unknown ${set:+--features "$set"} -q)
  rm -rf "$out/$name" && mkdir -p "$out/$name"
  wasm-bindgen --target web --no-typescript --out-dir "$out/$name" \
    "$target_dir/wasm32-unknown-unknown/release/leptos_floor.wasm"
  wasm-opt -Oz --low-memory-unused --one-caller-inline-max-function-size=0 \
    "$out/$name/leptos_floor_bg.wasm" -o "$out/$name/leptos_floor_bg.wasm"
  node -e '
    const fs = require("fs"), zlib = require("zlib"), dir = process.argv[1];
    let raw = 0, gz = 0, br = 0;
    for (const f of ["leptos_floor_bg.wasm", "leptos_floor.js"]) {
      const b = fs.readFileSync(dir + "/" + f);
      raw += b.length;
      gz += zlib.gzipSync(b, { level: 9 }).length;
      br += zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    const kb = (n) => (n / 1024).toFixed(1) + " KB";
    console.log(`| ${process.argv[2]} | ${kb(raw)} | ${kb(gz)} | ${kb(br)} |`);
  ' "$out/$name" "${set:-counter only}"
done
