// Self-test of the fault-injecting proxy (e2e/fault-proxy.mjs) in front of a real
// pouchdb-server (e2e/sync-server.mjs):
//   node e2e/fault-proxy.test.mjs        exit code 0 when every check passes
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { http, run } from "./check.mjs";
import { startFaultProxy } from "./fault-proxy.mjs";
import { appOrigin, login, setupDatabase, startCouch } from "./sync-server.mjs";

const DB = "desk";
const ORIGIN = appOrigin();
let couch;
let proxy;
let cookie;
let serial = 0;

function eventDoc() {
  serial += 1;
  const id = `01JPROXY${String(serial).padStart(18, "0")}`;
  const event = JSON.stringify({ id, kind: "registered" });
  return { _id: id, type: "event", complaint: "01JCOMPLAINT00000000000000", device: "K7Q", hlc_ms: 1764000000000 + serial, sha256: createHash("sha256").update(event).digest("hex"), event };
}
const headers = () => ({ cookie, origin: ORIGIN });
const viaProxy = (path) => `${proxy.url}/${DB}${path}`;
/** Whether the server holds the document (asked directly, not through the proxy). */
async function stored(id) {
  return (await http("GET", `${couch.url}/${DB}/${id}`, { headers: { cookie } })).status === 200;
}
const last = () => proxy.log[proxy.log.length - 1];

const checks = [
  ["setup: pouchdb-server with the database and a member; the proxy in front", async () => {
    couch = await startCouch();
    await setupDatabase(couch, { db: DB, users: [{ name: "k7", password: "k7-pass" }] });
    proxy = await startFaultProxy({ target: couch.url });
    assert.match(proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  }],

  ["forwarding: session cookie, preflight with CORS, credentialed requests, bodies, the log", async () => {
    cookie = await login(proxy.url, "k7", "k7-pass");
    const pre = await fetch(viaProxy("/_bulk_docs"), {
      method: "OPTIONS",
      headers: { origin: ORIGIN, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
    });
    assert.equal(pre.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(pre.headers.get("access-control-allow-credentials"), "true");
    const e = eventDoc();
    const put = await http("PUT", viaProxy(`/${e._id}`), { headers: headers(), body: e });
    assert.equal(put.status, 201);
    assert.equal(put.headers.get("access-control-allow-origin"), ORIGIN);
    assert.ok(await stored(e._id));
    const session = await http("GET", `${proxy.url}/_session`, { headers: headers() });
    assert.equal(session.json.userCtx.name, "k7");
    assert.deepEqual(proxy.log.map(({ method, status, fault }) => [method, status, fault]), [
      ["POST", 200, null],
      ["OPTIONS", 204, null],
      ["PUT", 201, null],
      ["GET", 200, null],
    ]);
    assert.equal(proxy.log[2].path, `/${DB}/${e._id}`);
  }],

  ["status: answers 503 / 413 / 500 without forwarding, with CORS headers, `count` times", async () => {
    proxy.set([
      { method: "POST", path: /\/_bulk_docs$/, fault: "status", status: 503, count: 2, headers: { "Retry-After": "1" } },
      { method: "PUT", path: "^/desk/01JPROXY", fault: "status", status: 413 },
      { method: "GET", path: /_changes/, fault: "status", status: 500 },
    ]);
    const e = eventDoc();
    for (let i = 0; i < 2; i++) {
      const res = await http("POST", viaProxy("/_bulk_docs"), { headers: headers(), body: { docs: [e] } });
      assert.equal(res.status, 503);
      assert.equal(res.headers.get("retry-after"), "1");
      assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
      assert.equal(res.headers.get("access-control-allow-credentials"), "true");
    }
    assert.ok(!(await stored(e._id)), "never forwarded");
    const third = await http("POST", viaProxy("/_bulk_docs"), { headers: headers(), body: { docs: [e] } });
    assert.equal(third.status, 201, "the rule is used up");
    assert.equal((await http("PUT", viaProxy(`/${eventDoc()._id}`), { headers: headers(), body: eventDoc() })).status, 413);
    assert.equal((await http("GET", viaProxy("/_changes?since=0"), { headers: headers() })).status, 500);
    assert.equal((await http("GET", viaProxy("/_changes?since=0"), { headers: headers() })).status, 200);
    assert.deepEqual(proxy.log.slice(-6).map((x) => [x.status, x.fault]), [[503, "status"], [503, "status"], [201, null], [413, "status"], [500, "status"], [200, null]]);
  }],

  ["rules: method and path must match; a preflight passes unless the rule names OPTIONS; clear()", async () => {
    proxy.set({ path: /_revs_diff/, fault: "status", status: 500, count: Infinity });
    const pre = await fetch(viaProxy("/_revs_diff"), { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "POST" } });
    assert.equal(pre.status, 204);
    assert.equal((await http("POST", viaProxy("/_revs_diff"), { headers: headers(), body: {} })).status, 500);
    assert.equal((await http("POST", viaProxy("/_revs_diff"), { headers: headers(), body: {} })).status, 500);
    assert.equal((await http("POST", viaProxy("/_all_docs"), { headers: headers(), body: { keys: [] } })).status, 200);
    proxy.set({ method: "OPTIONS", path: /_revs_diff/, fault: "status", status: 403 });
    assert.equal((await fetch(viaProxy("/_revs_diff"), { method: "OPTIONS", headers: { origin: ORIGIN, "access-control-request-method": "POST" } })).status, 403);
    proxy.set({ path: /_revs_diff/, fault: "status", status: 500, count: Infinity });
    proxy.clear();
    assert.equal((await http("POST", viaProxy("/_revs_diff"), { headers: headers(), body: {} })).status, 200);
    assert.throws(() => proxy.set({ fault: "explode" }), /unknown fault/);
  }],

  ["drop: the server stores the push, the client loses the connection mid-response", async () => {
    proxy.set({ method: "POST", path: /\/_bulk_docs$/, fault: "drop" });
    const e = eventDoc();
    await assert.rejects(
      (async () => {
        const res = await fetch(viaProxy("/_bulk_docs"), { method: "POST", headers: { ...headers(), "content-type": "application/json" }, body: JSON.stringify({ docs: [e] }) });
        assert.equal(res.status, 201, "the status line arrives");
        await res.text(); // ...the body never completes
      })(),
      /terminated|other side closed|socket/i,
    );
    const entry = await proxy.waitFor((x) => x.fault === "drop" && x.done);
    assert.equal(entry.status, 201);
    assert.ok(await stored(e._id), "the server did the work");
    const retry = await http("POST", viaProxy("/_bulk_docs"), { headers: headers(), body: { docs: [e] } });
    assert.equal(retry.json[0].error, "conflict", "a plain retry of an interactive write conflicts");
  }],

  ["reset: the connection is cut before forwarding; the server never sees the request", async () => {
    proxy.set({ method: "PUT", fault: "reset" });
    const e = eventDoc();
    await assert.rejects(http("PUT", viaProxy(`/${e._id}`), { headers: headers(), body: e }), /fetch failed/);
    assert.ok(!(await stored(e._id)));
    assert.equal((await proxy.waitFor((x) => x.fault === "reset" && x.done)).status, null);
  }],

  ["delay: forwarded after `ms`; Infinity never forwards and ends when the client times out", async () => {
    proxy.set({ method: "GET", path: /^\/desk$/, fault: "delay", ms: 300 });
    const t0 = performance.now();
    assert.equal((await http("GET", viaProxy(""), { headers: headers() })).status, 200);
    assert.ok(performance.now() - t0 >= 290, "took at least the delay");
    proxy.set({ method: "PUT", fault: "delay", ms: Infinity });
    const e = eventDoc();
    const res = fetch(viaProxy(`/${e._id}`), {
      method: "PUT",
      headers: { ...headers(), "content-type": "application/json" },
      body: JSON.stringify(e),
      signal: AbortSignal.timeout(250),
    });
    await assert.rejects(res, /TimeoutError|aborted/i);
    const entry = await proxy.waitFor((x) => x.fault === "delay" && x.method === "PUT" && x.done);
    assert.equal(entry.status, null);
    assert.ok(!(await stored(e._id)));
  }],

  ["duplicate: the request reaches the server twice; the client gets the second answer", async () => {
    proxy.set({ method: "PUT", fault: "duplicate" });
    const e = eventDoc();
    const res = await http("PUT", viaProxy(`/${e._id}`), { headers: headers(), body: e });
    assert.equal(res.status, 409, "the second PUT of a new document conflicts");
    const entry = await proxy.waitFor((x) => x.fault === "duplicate" && x.done);
    assert.equal(entry.firstStatus, 201);
    assert.equal(entry.status, 409);
    assert.ok(await stored(e._id));
    // A replication push (new_edits false) twice is fine: the same revision again changes nothing.
    proxy.set({ method: "POST", path: /_bulk_docs/, fault: "duplicate" });
    const pushed = { ...eventDoc(), _rev: "1-33333333333333333333333333333333", _revisions: { start: 1, ids: ["33333333333333333333333333333333"] } };
    const bulk = await http("POST", viaProxy("/_bulk_docs"), { headers: headers(), body: { new_edits: false, docs: [pushed] } });
    assert.equal(bulk.status, 201);
    assert.deepEqual(bulk.json, []);
  }],

  ["streaming: a long poll through the proxy answers when a document arrives", async () => {
    proxy.clear();
    const since = (await http("GET", viaProxy("/_changes?since=0"), { headers: headers() })).json.last_seq;
    const waiting = http("GET", viaProxy(`/_changes?feed=longpoll&since=${encodeURIComponent(since)}&timeout=20000`), { headers: headers() });
    // The long poll is open at the server once its response headers went through the proxy.
    await proxy.waitFor((x) => x.path.includes("feed=longpoll") && x.status === 200);
    const e = eventDoc();
    assert.equal((await http("PUT", `${couch.url}/${DB}/${e._id}`, { headers: { cookie }, body: e })).status, 201);
    assert.deepEqual((await waiting).json.results.map((c) => c.id), [e._id]);
  }],

  ["target down: 502 with CORS headers; after the caller restarts it, forwarding resumes", async () => {
    const port = couch.port;
    await couch.stop();
    const down = await http("GET", `${proxy.url}/`, { headers: { origin: ORIGIN } });
    assert.equal(down.status, 502);
    assert.equal(down.headers.get("access-control-allow-origin"), ORIGIN);
    couch = await startCouch({ port });
    const up = await http("GET", `${proxy.url}/`);
    assert.equal(up.status, 200);
    assert.equal(up.json["express-pouchdb"], "Welcome!");
  }],

  ["stop: the proxy's port is closed", async () => {
    const { url } = proxy;
    await proxy.stop();
    proxy = null;
    await assert.rejects(fetch(`${url}/`));
  }],
];

await run("fault proxy", checks, async () => {
  if (proxy) await proxy.stop();
  if (couch) await couch.stop();
});
