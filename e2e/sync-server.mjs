// A CouchDB-compatible sync server for tests and the benchmark: pouchdb-server (npm) in memory on
// 127.0.0.1, started and stopped by the test itself. Its config, log and database directory live
// in a fresh temp directory (pouchdb-server otherwise writes config.json and log.txt into the
// working directory), removed on stop.
//
//   const couch = await startCouch({ port: 5985 });
//   await setupDatabase(couch, { db: "desk", users: [{ name: "k7", password: "pw" }] });
//   ... couch.url ...
//   await couch.stop();
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureUser, installDatabase } from "../scripts/couchdb-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(root, "node_modules", ".bin", "pouchdb-server");

/** The server admin every test server gets (tests only; the server listens on 127.0.0.1). */
export const TEST_ADMIN = Object.freeze({ name: "admin", password: "admin-pass" });

/** The app's origin in the end-to-end tests (playwright.config.mjs serves dist/ there). */
export function appOrigin() {
  return `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4173)}`;
}

/** A port the OS says is free now (for callers that give none). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Rejects when something already listens on the port (its welcome would be mistaken for ours). */
function ensureFree(port) {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", (e) => reject(new Error(`port ${port} on 127.0.0.1 is in use (${e.code}); stop what runs there or pick another`)));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve()));
  });
}

const running = new Set();
// A test that crashes must not leave servers behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/**
 * Starts pouchdb-server in memory on 127.0.0.1.
 *   port            default: a free port
 *   origins         origins allowed by CORS, with credentials (default: [appOrigin()]);
 *                   "*" allows (and reflects) any origin
 *   admin           server admin { name, password } (default TEST_ADMIN); null = admin party
 *   sessionTimeout  seconds a cookie session lasts without use (default 600, as CouchDB)
 *   config          extra config sections merged in, e.g. { couchdb: { max_document_size: 20971520 } }
 *   timeoutMs       how long to wait for the server to answer (default 30000)
 * Resolves to { url, port, origins, admin, dir, stop() } once GET / answers with the welcome.
 */
export async function startCouch({
  port,
  origins = [appOrigin()],
  admin = TEST_ADMIN,
  sessionTimeout = 600,
  config = {},
  timeoutMs = 30_000,
} = {}) {
  port = port ?? (await freePort());
  await ensureFree(port);
  const dir = await mkdtemp(join(tmpdir(), "pouchdb-server-"));
  const originList = origins === "*" ? "*" : [].concat(origins).join(", "); // pouchdb-server splits on ", "
  const settings = {
    couchdb: { database_dir: dir, ...config.couchdb },
    log: { file: join(dir, "log.txt"), level: "info", ...config.log },
    httpd: { enable_cors: true, ...config.httpd },
    cors: {
      origins: originList,
      credentials: true,
      methods: "GET, HEAD, POST, PUT, DELETE, COPY",
      headers: "accept, authorization, content-type, origin, referer",
      ...config.cors,
    },
    couch_httpd_auth: { timeout: sessionTimeout, ...config.couch_httpd_auth },
  };
  for (const [section, values] of Object.entries(config)) settings[section] ??= values;
  if (admin) settings.admins = { [admin.name]: admin.password };
  const configFile = join(dir, "config.json");
  await writeFile(configFile, JSON.stringify(settings, null, 2));

  const args = ["--in-memory", "--no-stdout-logs", "--no-color", "--host", "127.0.0.1", "--port", String(port), "--config", configFile, "--dir", dir];
  const child = spawn(BIN, args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk).slice(-4000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
    child.once("error", (error) => {
      running.delete(child);
      resolve({ error });
    });
  });
  let exitInfo = null;
  exited.then((info) => (exitInfo = info));

  const url = `http://127.0.0.1:${port}`;
  async function stop() {
    if (!exitInfo) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  }

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitInfo) {
      const log = await readFile(join(dir, "log.txt"), "utf8").catch(() => "");
      await rm(dir, { recursive: true, force: true });
      throw new Error(`pouchdb-server exited before answering (${JSON.stringify(exitInfo)}):\n${output}${log.slice(-2000)}`);
    }
    if (await answersWelcome(url)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`pouchdb-server did not answer on ${url} within ${timeoutMs} ms:\n${output}`);
    }
    // Wait for the next sign of life: the process exiting or a short poll interval.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 50))]);
  }
  return { url, port, origins: originList, admin, dir, stop };
}

async function answersWelcome(url) {
  try {
    const res = await fetch(`${url}/`);
    const json = await res.json();
    // Apache CouchDB says {"couchdb":"Welcome"}, pouchdb-server {"express-pouchdb":"Welcome!"}.
    return res.ok && (json.couchdb === "Welcome" || json["express-pouchdb"] === "Welcome!");
  } catch {
    return false;
  }
}

/**
 * What a sync test needs on the server: the database with the validate design document and
 * _security (members: role complaint-desk), and users with that role.
 * users: [{ name, password, roles? }]; returns the lines scripts/couchdb-install.mjs prints.
 */
export async function setupDatabase(server, { db, users = [] }) {
  const auth = server.admin ?? undefined;
  const lines = await installDatabase({ url: server.url, db, auth });
  for (const u of users) lines.push(await ensureUser({ url: server.url, auth, ...u }));
  return lines;
}

/** Signs in with a cookie session (POST /_session); resolves to the `AuthSession=...` cookie. */
export async function login(url, name, password) {
  const res = await fetch(`${url}/_session`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ name, password }),
  });
  if (res.status !== 200) throw new Error(`POST /_session as ${name}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("AuthSession="));
  if (!cookie) throw new Error(`POST /_session as ${name}: no AuthSession cookie`);
  return cookie.split(";")[0];
}
