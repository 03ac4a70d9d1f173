// Sync benchmark (a report, not a test): run by `BENCH=sync scripts/bench.sh`.
//
// 1. A device holding N complaints (a batch file from `examples/bench_batch.rs`, imported through
//    the Data page) signs in to an empty database on a local pouchdb-server and sends everything:
//    the time from "Connect" to the end of that first sync, as the app records it.
// 2. A fresh supervisor signs in to the same database and pulls everything back.
// 3. The reference: the same documents in a local PouchDB (pouchdb-browser, IndexedDB) in the same
//    Chromium, replicated with PouchDB's own `replicate` to an empty database, and back into a
//    fresh local PouchDB.
// Also: the requests an idle sync makes (nothing to send, nothing new).
//
//   node scripts/bench-sync.mjs <batch.json> <complaints>     (dist/ must hold the release build)
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { startCouch, setupDatabase, freePort } from "../e2e/sync-server.mjs";
import { startFaultProxy } from "../e2e/fault-proxy.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [batchPath, complaintsArg] = process.argv.slice(2);
if (!batchPath) {
  console.error("usage: node scripts/bench-sync.mjs <batch.json> <complaints>");
  process.exit(2);
}
const USER = { name: "bench", password: "bench-pass" };
const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
};

async function serveDist(port) {
  const child = spawn(process.execPath, [join(root, "scripts/serve-dist.mjs"), join(root, "dist"), String(port)], { stdio: "ignore" });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/index.html`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error("the release build is not served (is dist/ built?)");
}

function adminFetch(couch, path, init = {}) {
  const auth = "Basic " + Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString("base64");
  return fetch(`${couch.url}/${path}`, { ...init, headers: { authorization: auth, "content-type": "application/json", ...init.headers } });
}

async function docCount(couch, db) {
  return (await (await adminFetch(couch, db)).json()).doc_count;
}

/** The app's record of its last sync (meta "sync-status"). */
function syncRecord(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("complaint-desk");
        open.onsuccess = () => {
          const get = open.result.transaction("meta").objectStore("meta").get("sync-status");
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result ? JSON.parse(get.result.json) : null);
          };
          get.onerror = () => reject(get.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

async function connect(page, url, db) {
  await page.goto("/settings");
  const panel = page.getByTestId("sync-panel");
  await panel.getByLabel("Server address").fill(url);
  await panel.getByLabel("Database").fill(db);
  await panel.getByLabel("User name").fill(USER.name);
  await panel.getByLabel("Password", { exact: true }).fill(USER.password);
  const started = await page.evaluate(() => Date.now());
  await panel.getByTestId("sync-connect").click();
  // The first sync after connecting does everything (it pushes until the outbox is empty and
  // pulls until the server has no more); the app records when it ended.
  for (;;) {
    const r = await syncRecord(page);
    if (r?.last_ok_ms > started) return { ms: r.last_ok_ms - started, sent: r.last_sent, received: r.last_received };
    if (r?.last_error && r.last_error_ms > started) throw new Error(`sync failed: ${r.last_error}`);
    await page.waitForTimeout(250);
  }
}

/**
 * Serves the page the reference runs in on 127.0.0.1 (a real server: Chromium lets only pages
 * from the loopback address space reach the loopback server): pouchdb-browser as an ES module,
 * its CommonJS dependencies wrapped as modules.
 */
async function serveReference(port) {
  const nm = join(root, "node_modules");
  const cjs = async (file) => `const module = { exports: {} }; const exports = module.exports;\n${await readFile(file, "utf8")}\nexport default module.exports;\n`;
  const html = `<!doctype html><meta charset="utf-8"><title>reference</title>
<script type="importmap">{"imports":{"spark-md5":"/spark-md5.js","vuvuzela":"/vuvuzela.js","events":"/events.js","uuid":"/uuid/index.js"}}</script>
<script type="module">import PouchDB from "/pouchdb.js"; window.PouchDB = PouchDB; window.ready = true;</script>`;
  const files = {
    "/index.html": async () => html,
    "/pouchdb.js": () => readFile(join(nm, "pouchdb-browser/lib/index.es.js"), "utf8"),
    "/spark-md5.js": () => cjs(join(nm, "spark-md5/spark-md5.js")),
    "/vuvuzela.js": () => cjs(join(nm, "vuvuzela/index.js")),
    "/events.js": () => cjs(join(nm, "events/events.js")),
  };
  const uuidDir = join(nm, "pouchdb-browser/node_modules/uuid/dist/esm-browser");
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    try {
      let body;
      if (files[path]) body = await files[path]();
      else if (/^\/uuid\/[\w-]+\.js$/.test(path)) body = await readFile(join(uuidDir, path.slice("/uuid/".length)), "utf8");
      else return res.writeHead(404).end();
      res.writeHead(200, { "content-type": path.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8" }).end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return server;
}

async function referencePage(context, origin) {
  const page = await context.newPage();
  // (404s are PouchDB looking for checkpoints that do not exist yet.)
  page.on("console", (m) => m.type() === "error" && !m.text().includes("404") && console.error(`reference page: ${m.text()}`));
  await page.goto(`${origin}/index.html`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

async function main() {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = await serveDist(port);
  const refPort = await freePort();
  const refOrigin = `http://127.0.0.1:${refPort}`;
  const refServer = await serveReference(refPort);
  const couch = await startCouch({ origins: [origin, refOrigin] });
  const browser = await chromium.launch(LAUNCH);
  try {
    for (const db of ["bench-app", "bench-ref"]) await setupDatabase(couch, { db, users: [USER] });
    const bytes = await readFile(batchPath);
    const events = JSON.parse(bytes).events?.length;

    // 1. The device: import the batch, then the first sync to the empty database.
    const device = await browser.newContext({ baseURL: origin, locale: "en" });
    const page = await device.newPage();
    await page.goto("/data");
    let t = Date.now();
    await page.getByLabel("Choose batch files").setInputFiles({ name: "bench.json", mimeType: "application/json", buffer: bytes });
    await page.getByTestId("import-run").click();
    await page.getByTestId("import-done").waitFor({ timeout: 600_000 });
    console.log(`imported ${complaintsArg ?? "?"} complaints (${events} events) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const push = await connect(page, couch.url, "bench-app");
    const onServer = (await docCount(couch, "bench-app")) - 1; // the design document
    console.log(`app push: ${(push.ms / 1000).toFixed(1)} s, ${push.sent} documents sent, ${onServer} on the server`);

    // 2. A fresh supervisor pulls everything.
    const supervisor = await browser.newContext({ baseURL: origin, locale: "en" });
    const sPage = await supervisor.newPage();
    await sPage.goto("/settings");
    const pull = await connect(sPage, couch.url, "bench-app");
    console.log(`app pull: ${(pull.ms / 1000).toFixed(1)} s, ${pull.received} events received`);

    // An idle sync (nothing to send, nothing new), counted by a proxy in front of the server.
    await setupDatabase(couch, { db: "bench-idle" });
    const proxy = await startFaultProxy({ target: couch.url });
    const idler = await browser.newContext({ baseURL: origin, locale: "en" });
    const iPage = await idler.newPage();
    await iPage.goto("/settings");
    await connect(iPage, proxy.url, "bench-idle");
    const before = proxy.log.length;
    const started = await iPage.evaluate(() => Date.now());
    await iPage.getByTestId("sync-now").click();
    while (!((await syncRecord(iPage))?.last_ok_ms > started)) await iPage.waitForTimeout(100);
    const idle = proxy.log.slice(before).filter((e) => e.method !== "OPTIONS").map((e) => `${e.method} ${e.path.replace(/\?.*/, "")}`);
    await idler.close();
    await proxy.stop();
    console.log(`idle sync: ${idle.length} requests (${idle.join(", ")})`);

    // 3. The reference: the same documents, replicated by PouchDB itself.
    const all = await (await adminFetch(couch, "bench-app/_all_docs?include_docs=true&attachments=true")).json();
    const docs = all.rows.map((r) => r.doc).filter((d) => !d._id.startsWith("_design/")).map(({ _rev, ...d }) => d);
    const reference = await browser.newContext();
    const rPage = await referencePage(reference, refOrigin);
    for (let i = 0; i < docs.length; i += 2000) {
      await rPage.evaluate((chunk) => new window.PouchDB("ref-src").bulkDocs(chunk).then(() => undefined), docs.slice(i, i + 2000));
    }
    const remote = `${couch.url}/bench-ref`;
    const ref = await rPage.evaluate(
      async ({ remote, user }) => {
        const opts = { auth: { username: user.name, password: user.password } };
        const explain = (e) => {
          throw new Error(`PouchDB replicate failed: ${JSON.stringify({ name: e.name, status: e.status, message: e.message, reason: e.reason, result: e.result && { errors: e.result.errors?.slice(0, 3), docs_written: e.result.docs_written } })}`);
        };
        let t = performance.now();
        const up = await window.PouchDB.replicate(new window.PouchDB("ref-src"), new window.PouchDB(remote, opts)).catch(explain);
        const pushMs = performance.now() - t;
        t = performance.now();
        const down = await window.PouchDB.replicate(new window.PouchDB(remote, opts), new window.PouchDB("ref-dst")).catch(explain);
        const pullMs = performance.now() - t;
        return { pushMs, pullMs, written: up.docs_written, read: down.docs_written };
      },
      { remote, user: USER },
    );
    console.log(`PouchDB push: ${(ref.pushMs / 1000).toFixed(1)} s (${ref.written} documents); PouchDB pull: ${(ref.pullMs / 1000).toFixed(1)} s (${ref.read} documents)`);
    console.log("\n| complaints | documents | app push s | PouchDB push s | ratio | app pull s | PouchDB pull s | ratio | idle sync requests |");
    console.log("|---|---|---|---|---|---|---|---|---|");
    console.log(
      `| ${complaintsArg ?? "?"} | ${onServer} | ${(push.ms / 1000).toFixed(1)} | ${(ref.pushMs / 1000).toFixed(1)} | ${(push.ms / ref.pushMs).toFixed(2)} | ${(pull.ms / 1000).toFixed(1)} | ${(ref.pullMs / 1000).toFixed(1)} | ${(pull.ms / ref.pullMs).toFixed(2)} | ${idle.length} |`,
    );
  } finally {
    await browser.close();
    await couch.stop();
    server.kill();
    refServer.close();
  }
}

await main();
