#!/usr/bin/env bash
# Benchmarks in headless Chromium (release build); reports, not tests.
#   scripts/bench.sh                      # side by side with Dexie, then cold start, at 10,000
#                                         # and 100,000 complaints (BENCH_100K=0: 10,000 only);
#                                         # the raw JSON goes to bench/ (takes a while)
#   BENCH=dexie scripts/bench.sh          # only the app vs Dexie 4 vs a plain IndexedDB loop
#                                         # (tests/bench_dexie.rs; BENCH_DEXIE_ROUNDS)
#   BENCH=cold scripts/bench.sh           # only cold start offline at 0 / 10,000 / 100,000
#                                         # stored, and memory (scripts/bench-cold.mjs)
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
  dexie) benches=(dexie) ;;
  cold) benches=(cold) ;;
  all) benches=(dexie cold) ;;
  *) echo "BENCH must be dexie, cold, store, import, review, sync or all (got '${BENCH}')" >&2; exit 2 ;;
esac
# A git worktree shares another checkout's node_modules through a symbolic link: setup's
# `npm ci` would empty the shared directory, so it runs only in a checkout of its own.
if [ ! -L node_modules ]; then scripts/setup.sh test; fi
source scripts/env.sh
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=7200
export BENCH_SIZES="${BENCH_SIZES:-10000,100000}"
export BENCH_IMPORT_SIZES="${BENCH_IMPORT_SIZES:-10000,100000}"
if [ "${BENCH_100K:-1}" = 0 ]; then big=""; else big=",100000"; fi
export BENCH_DEXIE_SIZES="${BENCH_DEXIE_SIZES:-10000$big}"
export E2E_PORT="${E2E_PORT:-4303}"
stamp=$(date -u +%Y-%m-%dT%H%M)
mkdir -p bench
# What the numbers ran on, kept beside them (the machine is shared: the load average matters).
machine() {
  node -e 'const os = require("os"); console.log(JSON.stringify({ cpu: os.cpus()[0].model, cores: os.cpus().length, memory_gb: +(os.totalmem() / 1e9).toFixed(1), load: os.loadavg() }))'
}
browser_tmp=$(mktemp -d)
trap 'rm -rf "$browser_tmp"' EXIT
export TMPDIR="$browser_tmp"
for bench in "${benches[@]}"; do
  if [ "$bench" = dexie ]; then
    before=$(machine)
    cargo test --release --target wasm32-unknown-unknown --test bench_dexie -- --nocapture | tee "$browser_tmp/dexie.log"
    json=$(grep -o 'BENCH_JSON .*' "$browser_tmp/dexie.log" | head -1 | cut -d' ' -f2-)
    printf '{"date":"%s","machine_before":%s,"machine_after":%s,"results":%s}\n' "$stamp" "$before" "$(machine)" "$json" >"bench/dexie-$stamp.json"
    echo "kept bench/dexie-$stamp.json"
  elif [ "$bench" = cold ]; then
    trunk build --release --offline
    cold_sizes="0,10000$big"
    cargo run --quiet --release --example bench_batch -- "${cold_sizes##*,}" "$browser_tmp/bench" 10000
    before=$(machine)
    node scripts/bench-cold.mjs "$browser_tmp" 10000 "$cold_sizes" "$browser_tmp/cold.json"
    printf '{"date":"%s","machine_before":%s,"machine_after":%s,"results":%s}\n' "$stamp" "$before" "$(machine)" "$(cat "$browser_tmp/cold.json")" >"bench/cold-$stamp.json"
    echo "kept bench/cold-$stamp.json"
  elif [ "$bench" = sync ]; then
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
