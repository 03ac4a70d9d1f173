#!/usr/bin/env bash
# Storage benchmark: write and query times at 10k and 100k complaints in headless Chromium.
#   scripts/bench.sh               # 10000,100000 (takes several minutes)
#   BENCH_SIZES=1000,5000 scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=7200
export BENCH_SIZES="${BENCH_SIZES:-10000,100000}"
cargo test --release --target wasm32-unknown-unknown --test bench_store -- --nocapture
