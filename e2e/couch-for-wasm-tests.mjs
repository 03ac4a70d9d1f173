// The sync server for the wasm-bindgen tests (tests/web_sync.rs), started by scripts/test.sh:
// pouchdb-server in memory on 127.0.0.1 allowing any origin (the test runner's port is random),
// databases web-sync-1..4 with the validate design document and the user "wasm". Prints
// "SYNC_TEST_COUCH=<url>" once ready; SIGTERM or SIGINT stops it and removes its files.
import { startCouch, setupDatabase } from "./sync-server.mjs";

const couch = await startCouch({ origins: "*" });
for (const db of ["web-sync-1", "web-sync-2", "web-sync-3", "web-sync-4"]) {
  await setupDatabase(couch, { db, users: [{ name: "wasm", password: "wasm-pass" }] });
}
console.log(`SYNC_TEST_COUCH=${couch.url}`);
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await couch.stop();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
