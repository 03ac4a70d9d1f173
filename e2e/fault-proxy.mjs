// A fault-injecting HTTP proxy for the sync fault tests: everything is forwarded to `target`
// unchanged (method, path, headers with cookies, body; the response's status, headers with
// CORS and Set-Cookie, body, streamed) unless a rule says otherwise.
//
//   const proxy = await startFaultProxy({ target: couch.url });
//   proxy.set([{ method: "POST", path: /\/_bulk_docs$/, fault: "drop" }]);
//   ... the app syncs against proxy.url ...
//   await proxy.waitFor((e) => e.fault === "drop");
//   await proxy.stop();
//
// A rule: { method?, path?, count = 1, fault, ...options }, matched in order against the
// request's method (any when missing; preflights only when method is "OPTIONS") and path with
// query (a RegExp or its source); each match uses one of `count` (Infinity: every time).
//   drop       forward, then send the status, headers and half the body, and cut the connection
//              (the server did the work, the client never hears the end)
//   reset      cut the connection without forwarding (the request never arrived)
//   status     answer `status` (default 503) without forwarding; `body` (JSON, default an
//              error object) and `headers` optional, CORS headers added for the request's Origin
//   delay      wait `ms` (Infinity: until the client gives up), then forward
//   duplicate  forward the request twice, one after the other, and answer with the second
//              response (a retried request as the server sees it)
import { EventEmitter } from "node:events";
import { Agent, createServer, request as httpRequest } from "node:http";

const FAULTS = new Set(["drop", "reset", "status", "delay", "duplicate"]);
// Hop-by-hop headers belong to one connection and are not forwarded.
const HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer", "proxy-authorization", "proxy-authenticate"]);

function normalise(rule) {
  if (!rule || !FAULTS.has(rule.fault)) throw new Error(`fault-proxy: unknown fault in ${JSON.stringify(rule)}`);
  const path = rule.path === undefined ? /.*/ : rule.path instanceof RegExp ? rule.path : new RegExp(rule.path);
  return { ...rule, method: rule.method?.toUpperCase(), path, count: rule.count ?? 1 };
}

function forwardHeaders(raw, targetHost) {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (HOP.has(name)) continue;
    out.push(raw[i], name === "host" ? targetHost : raw[i + 1]);
  }
  return out;
}

function responseHeaders(raw) {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
  return out;
}

function readAll(stream) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/**
 * Starts the proxy on 127.0.0.1:`port` (default: a free port) in front of `target`
 * (e.g. "http://127.0.0.1:5985"). Resolves to
 * { url, port, log, set(rules), clear(), waitFor(predicate, timeoutMs = 15000), stop() }.
 * `log` holds one entry per request, in arrival order, updated as it goes:
 *   { method, path, status, fault, done }   status: what the client got (null while pending or
 *   when cut before the headers); fault: the fault applied or null; done: the proxy is finished
 *   with it (answered, cut, or the client went away); `duplicate` adds firstStatus.
 */
export async function startFaultProxy({ target, port = 0 }) {
  const targetUrl = new URL(target);
  if (targetUrl.protocol !== "http:") throw new Error(`fault-proxy: only http targets, got ${target}`);
  const agent = new Agent({ keepAlive: true });
  const events = new EventEmitter();
  const log = [];
  let rules = [];
  const timers = new Set();

  function take(req) {
    for (const rule of rules) {
      if (rule.count <= 0) continue;
      if (rule.method ? rule.method !== req.method : req.method === "OPTIONS") continue;
      if (!rule.path.test(req.url)) continue;
      rule.count -= 1;
      return rule;
    }
    return null;
  }

  function note(entry, changes) {
    Object.assign(entry, changes);
    events.emit("entry", entry);
  }

  // One request to the target; resolves to the upstream response (not yet read).
  function upstream(req, body) {
    return new Promise((resolve, reject) => {
      const up = httpRequest(
        {
          host: targetUrl.hostname,
          port: targetUrl.port || 80,
          method: req.method,
          path: req.url,
          headers: forwardHeaders(req.rawHeaders, targetUrl.host),
          agent,
        },
        resolve,
      );
      up.on("error", reject);
      up.end(body);
    });
  }

  function answer(res, entry, status, headers, body) {
    res.writeHead(status, headers);
    res.end(body);
    note(entry, { status });
  }

  function corsFor(req) {
    const origin = req.headers.origin;
    return origin ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", Vary: "Origin" } : {};
  }

  async function handle(req, res) {
    const entry = { method: req.method, path: req.url, status: null, fault: null, done: false };
    log.push(entry);
    const rule = take(req);
    if (rule) entry.fault = rule.fault;
    events.emit("entry", entry);
    // 'close' comes last in every case: answered, cut by a fault, or the client went away.
    res.on("close", () => note(entry, { done: true }));

    if (rule?.fault === "reset") {
      req.socket.destroy();
      return;
    }
    const body = await readAll(req);
    if (rule?.fault === "status") {
      const status = rule.status ?? 503;
      const payload = JSON.stringify(rule.body ?? { error: "fault_proxy", reason: `injected HTTP ${status}` });
      answer(res, entry, status, { "Content-Type": "application/json", ...corsFor(req), ...rule.headers }, payload);
      return;
    }

    if (rule?.fault === "delay") {
      if (rule.ms === Infinity) return; // never forwarded; the client's own timeout ends it
      await new Promise((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, rule.ms ?? 0);
        timers.add(t);
      });
      if (res.destroyed) return;
    }

    let up;
    try {
      if (rule?.fault === "duplicate") {
        const first = await upstream(req, body);
        await readAll(first);
        entry.firstStatus = first.statusCode;
      }
      up = await upstream(req, body);
    } catch (e) {
      answer(res, entry, 502, { "Content-Type": "application/json", ...corsFor(req) }, JSON.stringify({ error: "bad_gateway", reason: String(e.message) }));
      return;
    }

    if (rule?.fault === "drop") {
      const full = await readAll(up);
      if (full.length < 2) {
        req.socket.destroy(); // nothing to cut in half: cut before the headers
        return;
      }
      res.writeHead(up.statusCode, responseHeaders(up.rawHeaders));
      note(entry, { status: up.statusCode });
      res.write(full.subarray(0, Math.floor(full.length / 2)), () => req.socket.destroy());
      return;
    }

    res.writeHead(up.statusCode, responseHeaders(up.rawHeaders));
    note(entry, { status: up.statusCode });
    up.pipe(res);
    // A client that goes away (a cancelled long poll) ends the upstream request too.
    res.on("close", () => {
      if (!res.writableFinished) up.destroy();
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`fault-proxy: ${e.stack}`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const actualPort = server.address().port;

  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    log,
    /** Replaces the rules (one rule or a list). */
    set(newRules) {
      rules = [].concat(newRules).map(normalise);
    },
    /** Removes every rule: plain forwarding from now on. */
    clear() {
      rules = [];
    },
    /** Resolves with the first log entry (past or future) for which `predicate` holds. */
    waitFor(predicate, timeoutMs = 15_000) {
      const found = log.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          events.off("entry", onEntry);
          reject(new Error(`fault-proxy: no request matched within ${timeoutMs} ms; log: ${JSON.stringify(log)}`));
        }, timeoutMs);
        function onEntry(e) {
          if (!predicate(e)) return;
          clearTimeout(t);
          events.off("entry", onEntry);
          resolve(e);
        }
        events.on("entry", onEntry);
      });
    },
    stop() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      });
    },
  };
}
