#!/usr/bin/env bash
# Runs every test: native domain tests, wasm tests in headless Chromium, the sync server
# harness's self-tests, and Playwright end-to-end tests against the release build. Installs what
# is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
source scripts/env.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "0/3 lints: clippy on the host (domain) and on wasm32 (everything), warnings are errors"
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --all-targets -- -D warnings

step "1/3 native tests (domain)"
cargo test --quiet

step "2/3 wasm-bindgen tests in headless Chromium"
# The sync client's tests need a server: started here on 127.0.0.1, stopped when this script ends.
couch_log=$(mktemp)
node e2e/couch-for-wasm-tests.mjs >"$couch_log" 2>&1 &
couch_pid=$!
trap 'kill "$couch_pid" 2>/dev/null || true; wait "$couch_pid" 2>/dev/null || true; rm -f "$couch_log"' EXIT
until grep -q '^SYNC_TEST_COUCH=' "$couch_log"; do
  if ! kill -0 "$couch_pid" 2>/dev/null; then cat "$couch_log" >&2; echo "the sync test server did not start" >&2; exit 1; fi
  sleep 0.2
done
export "$(grep '^SYNC_TEST_COUCH=' "$couch_log")"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
web_tests=()
for f in tests/web_*.rs; do web_tests+=(--test "$(basename "$f" .rs)"); done
cargo test --target wasm32-unknown-unknown "${web_tests[@]}"
kill "$couch_pid"; wait "$couch_pid" 2>/dev/null || true

step "3/3 end-to-end tests (sync server harness self-tests, then Playwright on the release build)"
node e2e/sync-server.test.mjs
node e2e/fault-proxy.test.mjs
trunk build --release --offline
# The same app for a sub-path deploy (https://example.org/desk/), tested by e2e/static-host.spec.mjs.
trunk build --release --offline --public-url /desk/ --dist dist-desk
node scripts/size-budget.mjs
npx playwright test
