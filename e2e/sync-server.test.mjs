// Self-test of the sync server harness (e2e/sync-server.mjs) and the server-side pieces
// (couchdb/, scripts/couchdb-install.mjs) against a real pouchdb-server:
//   node e2e/sync-server.test.mjs        exit code 0 when every check passes
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { designDocFromSource, readDesignDoc } from "../scripts/couchdb-install.mjs";
import { http, run } from "./check.mjs";
import { appOrigin, login, setupDatabase, startCouch, TEST_ADMIN } from "./sync-server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const DB = "desk";
const ADMIN_AUTH = { authorization: `Basic ${Buffer.from(`${TEST_ADMIN.name}:${TEST_ADMIN.password}`).toString("base64")}` };
const ORIGIN = appOrigin();
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

let serial = 0;
/** An event document as the app writes it. */
function eventDoc(overrides = {}) {
  serial += 1;
  const id = `01JEVENT${String(serial).padStart(18, "0")}`;
  const event = JSON.stringify({ id, kind: "registered", complaint: "01JCOMPLAINT00000000000000" });
  return { _id: id, type: "event", complaint: "01JCOMPLAINT00000000000000", device: "K7Q", hlc_ms: 1764000000000 + serial, sha256: sha256(event), event, ...overrides };
}
function attachmentDoc(content = "a photo's bytes") {
  serial += 1;
  const data = Buffer.from(content);
  return {
    _id: `att:${sha256(content).slice(0, 16)}-${serial}`,
    type: "attachment",
    complaint: "01JCOMPLAINT00000000000000",
    name: "photo.jpg",
    mime: "image/jpeg",
    bytes: data.length,
    sha256: sha256(content),
    _attachments: { file: { content_type: "image/jpeg", data: data.toString("base64") } },
  };
}

let couch;
let cookie; // the member k7's session
let other; // a signed-in user without the complaint-desk role
const member = () => ({ cookie, origin: ORIGIN });

const checks = [
  ["couchdb/design.json is built from couchdb/validate_doc_update.js", async () => {
    assert.deepEqual(await readDesignDoc(), await designDocFromSource(), "run: node scripts/couchdb-install.mjs --write-design");
  }],

  ["startCouch: pouchdb-server answers the welcome on 127.0.0.1, files only in a temp dir", async () => {
    couch = await startCouch();
    assert.match(couch.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await http("GET", `${couch.url}/`);
    assert.equal(res.status, 200);
    assert.equal(res.json["express-pouchdb"], "Welcome!");
    assert.deepEqual(res.json["pouchdb-adapters"], ["memory"]);
    assert.ok(existsSync(join(couch.dir, "config.json")) && existsSync(join(couch.dir, "log.txt")));
    for (const f of ["config.json", "log.txt", "e2e/config.json", "e2e/log.txt"]) assert.ok(!existsSync(join(root, f)), `${f} written into the repo`);
  }],

  ["scripts/couchdb-install.mjs: database, design document, _security, users; again changes nothing", async () => {
    const first = await setupDatabase(couch, { db: DB, users: [{ name: "k7", password: "k7-pass" }, { name: "visitor", password: "visitor-pass", roles: ["guest"] }] });
    assert.match(first.join("\n"), /database desk: created[\s\S]*_design\/complaint-desk: installed[\s\S]*_security: set[\s\S]*user k7: created with roles \["complaint-desk"\]/);
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, "scripts/couchdb-install.mjs"), couch.url, DB], {
      env: { ...process.env, COUCHDB_AUTH: `${TEST_ADMIN.name}:${TEST_ADMIN.password}` },
    });
    assert.match(stdout, /database desk: exists\n_design\/complaint-desk: up to date .*\n_security: up to date/);
    const sec = await http("GET", `${couch.url}/${DB}/_security`, { headers: ADMIN_AUTH });
    assert.deepEqual(sec.json, { admins: { names: [], roles: ["_admin"] }, members: { names: [], roles: ["complaint-desk"] } });
  }],

  ["scripts/couchdb-install.mjs: a wrong admin password fails with exit code 1 and says why", async () => {
    const result = await promisify(execFile)(process.execPath, [join(root, "scripts/couchdb-install.mjs"), couch.url, DB, "admin:wrong"]).then(
      () => null,
      (e) => e,
    );
    assert.ok(result, "expected a failure");
    assert.equal(result.code, 1);
    assert.match(result.stderr, /HTTP 401 .*sign-in refused/);
  }],

  ["CORS preflight from the app's origin allows the method, Content-Type and credentials", async () => {
    const res = await fetch(`${couch.url}/${DB}/_bulk_docs`, {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    assert.ok(res.status === 200 || res.status === 204, `preflight status ${res.status}`);
    assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    assert.match(res.headers.get("access-control-allow-methods"), /\bPOST\b.*\bPUT\b|\bPUT\b.*\bPOST\b/);
    assert.match(res.headers.get("access-control-allow-headers").toLowerCase(), /\bcontent-type\b/);
  }],

  ["CORS: another origin gets no CORS headers", async () => {
    const res = await fetch(`${couch.url}/${DB}/_bulk_docs`, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    assert.equal(res.headers.get("access-control-allow-origin"), null);
  }],

  ["session: POST /_session sets an HttpOnly AuthSession cookie; with it GET /_session names the user", async () => {
    cookie = await login(couch.url, "k7", "k7-pass");
    const res = await http("GET", `${couch.url}/_session`, { headers: member() });
    assert.equal(res.json.userCtx.name, "k7");
    assert.deepEqual(res.json.userCtx.roles, ["complaint-desk"]);
    const raw = await fetch(`${couch.url}/_session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "k7", password: "k7-pass" }) });
    assert.match(raw.headers.get("set-cookie"), /^AuthSession=[^;]+;.*Path=\/.*HttpOnly/i);
  }],

  ["session: a wrong password is 401 (session and basic auth)", async () => {
    const res = await http("POST", `${couch.url}/_session`, { body: { name: "k7", password: "nope" } });
    assert.equal(res.status, 401);
    assert.equal(res.json.error, "unauthorized");
    const basic = await http("GET", `${couch.url}/${DB}`, { headers: { authorization: `Basic ${Buffer.from("k7:nope").toString("base64")}` } });
    assert.equal(basic.status, 401);
  }],

  ["credentialed GET from the app's origin: CORS headers and the renewed cookie", async () => {
    const res = await fetch(`${couch.url}/${DB}`, { headers: { ...member(), accept: "application/json" } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    assert.match(res.headers.get("set-cookie") ?? "", /^AuthSession=/);
  }],

  ["with the session: _bulk_docs (new_edits false), _revs_diff, _bulk_get, _all_docs, _changes, _local", async () => {
    const e1 = { ...eventDoc(), _rev: "1-0123456789abcdef0123456789abcdef", _revisions: { start: 1, ids: ["0123456789abcdef0123456789abcdef"] } };
    const pushed = await http("POST", `${couch.url}/${DB}/_bulk_docs`, { headers: member(), body: { new_edits: false, docs: [e1] } });
    assert.equal(pushed.status, 201);
    assert.deepEqual(pushed.json, []);
    const diff = await http("POST", `${couch.url}/${DB}/_revs_diff`, { headers: member(), body: { [e1._id]: [e1._rev], "01JMISSING": ["1-abc"] } });
    assert.deepEqual(diff.json, { "01JMISSING": { missing: ["1-abc"] } });
    const got = await http("POST", `${couch.url}/${DB}/_bulk_get?revs=true`, { headers: member(), body: { docs: [{ id: e1._id, rev: e1._rev }] } });
    const doc = got.json.results[0].docs[0].ok;
    assert.equal(doc.event, e1.event);
    assert.equal(doc.sha256, e1.sha256);
    const all = await http("GET", `${couch.url}/${DB}/_all_docs?keys=${encodeURIComponent(JSON.stringify([e1._id]))}`, { headers: member() });
    assert.equal(all.json.rows[0].value.rev, e1._rev);
    const changes = await http("GET", `${couch.url}/${DB}/_changes?since=0`, { headers: member() });
    assert.ok(changes.json.results.some((c) => c.id === e1._id));
    const put = await http("PUT", `${couch.url}/${DB}/_local/sync-K7Q`, { headers: member(), body: { last_seq: changes.json.last_seq } });
    assert.equal(put.status, 201);
    const local = await http("GET", `${couch.url}/${DB}/_local/sync-K7Q`, { headers: member() });
    assert.deepEqual(local.json.last_seq, changes.json.last_seq);
    const again = await http("PUT", `${couch.url}/${DB}/_local/sync-K7Q`, { headers: member(), body: { _rev: local.json._rev, last_seq: "later" } });
    assert.equal(again.status, 201, "checkpoints are updated in place (not validated)");
  }],

  ["_changes?feed=longpoll answers when a document arrives", async () => {
    const since = (await http("GET", `${couch.url}/${DB}/_changes?since=0`, { headers: member() })).json.last_seq;
    const waiting = http("GET", `${couch.url}/${DB}/_changes?feed=longpoll&since=${encodeURIComponent(since)}&timeout=20000`, { headers: member() });
    const e = eventDoc();
    assert.equal((await http("PUT", `${couch.url}/${DB}/${e._id}`, { headers: member(), body: e })).status, 201);
    const res = await waiting;
    assert.deepEqual(res.json.results.map((c) => c.id), [e._id]);
  }],

  ["validate: a new event is accepted, a member's update of it and its deletion are 403", async () => {
    const e = eventDoc();
    const created = await http("PUT", `${couch.url}/${DB}/${e._id}`, { headers: member(), body: e });
    assert.equal(created.status, 201);
    const rev = created.json.rev;
    const again = await http("PUT", `${couch.url}/${DB}/${e._id}`, { headers: member(), body: e });
    assert.equal(again.status, 409, "created again without a revision: conflict, as CouchDB answers");
    const update = await http("PUT", `${couch.url}/${DB}/${e._id}`, { headers: member(), body: { ...e, _rev: rev, hlc_ms: e.hlc_ms + 1 } });
    assert.equal(update.status, 403);
    assert.match(update.json.reason, /immutable/);
    const del = await http("DELETE", `${couch.url}/${DB}/${e._id}?rev=${rev}`, { headers: member() });
    assert.equal(del.status, 403);
    assert.match(del.json.reason, /never deleted/);
    const tombstone = await http("POST", `${couch.url}/${DB}/_bulk_docs`, { headers: member(), body: { new_edits: false, docs: [{ _id: e._id, _rev: "2-aa", _deleted: true, _revisions: { start: 2, ids: ["aa", rev.slice(2)] } }] } });
    assert.equal(tombstone.json[0]?.error, "forbidden");
    const other = await http("POST", `${couch.url}/${DB}/_bulk_docs`, { headers: member(), body: { new_edits: false, docs: [{ ...e, _rev: "1-bb", _revisions: { start: 1, ids: ["bb"] } }] } });
    assert.equal(other.json[0]?.error, "forbidden", "another revision of a stored event is refused");
    const stored = await http("GET", `${couch.url}/${DB}/${e._id}?conflicts=true`, { headers: member() });
    assert.equal(stored.json._rev, rev);
    assert.equal(stored.json._conflicts, undefined);
  }],

  ["validate: the same revision pushed again (a retried push) is accepted and changes nothing", async () => {
    const e = { ...eventDoc(), _rev: "1-11111111111111111111111111111111", _revisions: { start: 1, ids: ["11111111111111111111111111111111"] } };
    const a = attachmentDoc("retried photo");
    Object.assign(a, { _rev: "1-22222222222222222222222222222222", _revisions: { start: 1, ids: ["22222222222222222222222222222222"] } });
    for (let i = 0; i < 2; i++) {
      const res = await http("POST", `${couch.url}/${DB}/_bulk_docs`, { headers: member(), body: { new_edits: false, docs: [e, a] } });
      assert.deepEqual(res.json, [], `push ${i + 1}`);
    }
    const changed = await http("POST", `${couch.url}/${DB}/_bulk_docs`, { headers: member(), body: { new_edits: false, docs: [{ ...a, _attachments: { file: { content_type: "image/jpeg", data: Buffer.from("another photo").toString("base64") } } }] } });
    assert.equal(changed.json[0]?.error, "forbidden", "different content (of the same length) under the same revision");
    const file = await fetch(`${couch.url}/${DB}/${encodeURIComponent(a._id)}/file`, { headers: member() });
    assert.equal(await file.text(), "retried photo");
  }],

  ["validate: malformed events and unknown types are 403 with the reason", async () => {
    const cases = [
      [{ sha256: "A".repeat(64) }, /sha256/],
      [{ sha256: "abc" }, /sha256/],
      [{ hlc_ms: 1.5 }, /hlc_ms/],
      [{ hlc_ms: "1764000000000" }, /hlc_ms/],
      [{ device: undefined }, /device/],
      [{ complaint: 7 }, /complaint/],
      [{ event: { not: "text" } }, /event/],
      [{ type: "note" }, /Unknown document type/],
      [{ type: undefined }, /Unknown document type/],
    ];
    for (const [overrides, reason] of cases) {
      const doc = eventDoc(overrides);
      const res = await http("PUT", `${couch.url}/${DB}/${doc._id}`, { headers: member(), body: doc });
      assert.equal(res.status, 403, JSON.stringify(overrides));
      assert.match(res.json.reason, reason);
    }
    const bad = attachmentDoc();
    delete bad._attachments;
    const res = await http("PUT", `${couch.url}/${DB}/${encodeURIComponent(bad._id)}`, { headers: member(), body: bad });
    assert.equal(res.status, 403);
  }],

  ["validate: an attachment document is accepted whole; its file comes back", async () => {
    const a = attachmentDoc("\u00ff\u00d8 jpeg-ish");
    const res = await http("POST", `${couch.url}/${DB}/_bulk_docs`, { headers: member(), body: { docs: [a] } });
    assert.equal(res.json[0].ok, true, JSON.stringify(res.json));
    const file = await fetch(`${couch.url}/${DB}/${encodeURIComponent(a._id)}/file`, { headers: member() });
    assert.equal(file.headers.get("content-type"), "image/jpeg");
    assert.equal(Buffer.from(await file.arrayBuffer()).toString(), "\u00ff\u00d8 jpeg-ish");
  }],

  ["validate: an attachment document cannot be changed (new file, or new fields with the same file)", async () => {
    const a = attachmentDoc("original");
    const created = await http("PUT", `${couch.url}/${DB}/${encodeURIComponent(a._id)}`, { headers: member(), body: a });
    assert.equal(created.status, 201);
    const stored = (await http("GET", `${couch.url}/${DB}/${encodeURIComponent(a._id)}`, { headers: member() })).json;
    const newFile = { ...stored, _attachments: { file: { content_type: "image/jpeg", data: Buffer.from("replaced").toString("base64") } } };
    assert.equal((await http("PUT", `${couch.url}/${DB}/${encodeURIComponent(a._id)}`, { headers: member(), body: newFile })).status, 403);
    const renamed = { ...stored, name: "other.jpg" };
    assert.equal((await http("PUT", `${couch.url}/${DB}/${encodeURIComponent(a._id)}`, { headers: member(), body: renamed })).status, 403);
    const extra = await fetch(`${couch.url}/${DB}/${encodeURIComponent(a._id)}/extra?rev=${stored._rev}`, { method: "PUT", headers: { cookie, "content-type": "text/plain" }, body: "more" });
    assert.equal(extra.status, 403, "no second attachment added later");
  }],

  ["a member cannot change the design document", async () => {
    const ddoc = await http("GET", `${couch.url}/${DB}/_design/complaint-desk`, { headers: member() });
    const res = await http("PUT", `${couch.url}/${DB}/_design/complaint-desk`, { headers: member(), body: { ...ddoc.json, validate_doc_update: "function () {}" } });
    assert.ok(res.status === 401 || res.status === 403, `status ${res.status}`);
  }],

  ["a signed-in non-member is refused by the database (pouchdb-server: 401; CouchDB: 403)", async () => {
    other = await login(couch.url, "visitor", "visitor-pass");
    const e = eventDoc();
    const write = await http("PUT", `${couch.url}/${DB}/${e._id}`, { headers: { cookie: other }, body: e });
    assert.equal(write.status, 401);
    assert.match(write.json.reason, /not authorized to access this db/);
    const read = await http("GET", `${couch.url}/${DB}/_changes`, { headers: { cookie: other } });
    assert.equal(read.status, 401);
  }],

  ["validate: without _security members, writing still needs the role (403 for a non-member, 401 anonymous)", async () => {
    assert.equal((await http("PUT", `${couch.url}/open`, { headers: ADMIN_AUTH })).status, 201);
    assert.equal((await http("PUT", `${couch.url}/open/_design/complaint-desk`, { headers: ADMIN_AUTH, body: await readDesignDoc() })).status, 201);
    const e = eventDoc();
    const visitor = await http("PUT", `${couch.url}/open/${e._id}`, { headers: { cookie: other }, body: e });
    assert.equal(visitor.status, 403);
    assert.match(visitor.json.reason, /Only members/);
    const anonymous = await http("PUT", `${couch.url}/open/${e._id}`, { body: e });
    assert.equal(anonymous.status, 401);
    const bulk = await http("POST", `${couch.url}/open/_bulk_docs`, { headers: { cookie: other }, body: { docs: [e] } });
    assert.equal(bulk.json[0].error, "forbidden");
    assert.equal((await http("PUT", `${couch.url}/open/${e._id}`, { headers: member(), body: e })).status, 201);
  }],

  ["stop: the server is gone and its temp dir removed; the port can be used again", async () => {
    const { port, dir } = couch;
    await couch.stop();
    await assert.rejects(fetch(`${couch.url}/`));
    assert.ok(!existsSync(dir));
    couch = await startCouch({ port });
    assert.equal((await http("GET", `${couch.url}/`)).status, 200);
    assert.equal((await http("GET", `${couch.url}/${DB}`, { headers: ADMIN_AUTH })).status, 404, "in memory: a restart starts empty");
    await couch.stop();
    couch = null;
  }],
];

await run("sync server (pouchdb-server) harness", checks, async () => {
  if (couch) await couch.stop();
});
