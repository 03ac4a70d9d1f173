#!/usr/bin/env bash
# Try sync locally: a CouchDB-compatible server (pouchdb-server, in memory) on
# http://127.0.0.1:5984 with a database, the validate design document, _security and one user,
# allowing the app's dev (scripts/run.sh, :8080) and test (:4173) origins. Ctrl+C stops it;
# everything on it is gone then.
#   scripts/couch-local.sh
#   COUCH_PORT=5985 COUCH_DB=team-north COUCH_USER=k7 COUCH_PASSWORD=secret scripts/couch-local.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/pouchdb-server ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --omit=optional # as scripts/setup.sh does
fi
export COUCH_PORT="${COUCH_PORT:-5984}" COUCH_DB="${COUCH_DB:-complaint-desk}"
export COUCH_USER="${COUCH_USER:-desk}" COUCH_PASSWORD="${COUCH_PASSWORD:-desk-local-only}"
export ROOT="$PWD"
exec node --input-type=module - <<'JS'
const { startCouch, setupDatabase } = await import(`${process.env.ROOT}/e2e/sync-server.mjs`);
const { COUCH_PORT, COUCH_DB, COUCH_USER, COUCH_PASSWORD } = process.env;
// Open the app on 127.0.0.1 (not localhost): the session cookie is only sent within the same site.
const origins = [8080, 4173].flatMap((p) => [`http://127.0.0.1:${p}`, `http://localhost:${p}`]);
const admin = { name: "admin", password: "admin-local-only" };
const couch = await startCouch({ port: Number(COUCH_PORT), origins, admin });
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await couch.stop();
  console.log("\nstopped");
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
try {
  for (const line of await setupDatabase(couch, { db: COUCH_DB, users: [{ name: COUCH_USER, password: COUCH_PASSWORD }] })) console.log(line);
} catch (e) {
  console.error(`couch-local: ${e.message}`);
  await couch.stop();
  process.exit(1);
}
console.log(`
Sync server running (in memory) at ${couch.url}
CORS allows: ${origins.join(", ")}
Server admin: ${admin.name} / ${admin.password}

In the app (scripts/run.sh, then http://127.0.0.1:8080), Settings -> Sync:
  Server:    ${couch.url}
  Database:  ${COUCH_DB}
  User:      ${COUCH_USER}
  Password:  ${COUCH_PASSWORD}

Ctrl+C stops the server; its data is gone then.`);
JS
