#!/usr/bin/env bash
# Benchmarks in headless Chromium (release build); reports, not tests.
#   scripts/bench.sh                      # both, at 10,000 and 100,000 complaints (takes a while)
#   BENCH=store scripts/bench.sh          # only storage: write and query times
#   BENCH=import scripts/bench.sh         # only batch import against the IndexedDB floor
#   BENCH=review scripts/bench.sh         # only the review: a month and a year over 100,000
#                                         # complaints (BENCH_REVIEW_SIZE)
#   BENCH=sync scripts/bench.sh           # only sync with a local pouchdb-server, beside PouchDB's
#                                         # own replicate (BENCH_SYNC_SIZES, default 10000)
#   BENCH_SIZES=1000,5000 BENCH_IMPORT_SIZES=10000 BENCH_IMPORT_ROUNDS=1 scripts/bench.sh
# The browser's profile (and the databases of 100,000 complaints in it) lives in a temporary
# directory removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${BENCH:-all}" in
  store) benches=(bench_store) ;;
  import) benches=(bench_import) ;;
  review) benches=(review) ;;
  sync) benches=(sync) ;;
  all) benches=(bench_store bench_import sync) ;;
  *) echo "BENCH must be store, import, review, sync or all (got '${BENCH}')" >&2; exit 2 ;;
esac
scripts/setup.sh test
source scripts/env.sh
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=7200
export BENCH_SIZES="${BENCH_SIZES:-10000,100000}"
export BENCH_IMPORT_SIZES="${BENCH_IMPORT_SIZES:-10000,100000}"
browser_tmp=$(mktemp -d)
trap 'rm -rf "$browser_tmp"' EXIT
export TMPDIR="$browser_tmp"
for bench in "${benches[@]}"; do
  if [ "$bench" = sync ]; then
    trunk build --release --offline
    sizes="${BENCH_SYNC_SIZES:-10000}"
    for n in ${sizes//,/ }; do
      batch="$browser_tmp/bench-$n.json"
      cargo run --quiet --release --example bench_batch -- "$n" "$batch"
      node scripts/bench-sync.mjs "$batch" "$n"
    done
  elif [ "$bench" = review ]; then
    cargo test --release --target wasm32-unknown-unknown --test bench_store -- --nocapture review_benchmark
  else
    cargo test --release --target wasm32-unknown-unknown --test "$bench" -- --nocapture
  fi
done
