#!/usr/bin/env node
// Prepares a CouchDB (or pouchdb-server) database for the complaint desk's sync:
//   node scripts/couchdb-install.mjs <server-url> <db> [admin:password] [--add-user name:password]
// creates the database if missing, installs _design/complaint-desk (couchdb/design.json; its
// validate_doc_update keeps events and attachments immutable), merges the members role
// `complaint-desk` into the database's _security and, with --add-user, creates or updates a user
// with that role. The admin credentials may also come from COUCHDB_AUTH=admin:password (keeps
// the password out of `ps`). Running it again changes nothing that is already right.
//
//   node scripts/couchdb-install.mjs --write-design   rebuilds couchdb/design.json from
//                                                      couchdb/validate_doc_update.js
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DESIGN_ID = "_design/complaint-desk";
export const MEMBER_ROLE = "complaint-desk";
const VALIDATE_PATH = join(root, "couchdb", "validate_doc_update.js");
const DESIGN_PATH = join(root, "couchdb", "design.json");

/** The design document built from the validate function's source (its leading comment dropped). */
export function buildDesignDoc(source) {
  const start = source.indexOf("function");
  if (start < 0) throw new Error("validate_doc_update.js holds no function");
  return {
    _id: DESIGN_ID,
    language: "javascript",
    validate_doc_update: source.slice(start).trim(),
  };
}

export async function designDocFromSource() {
  return buildDesignDoc(await readFile(VALIDATE_PATH, "utf8"));
}

/** The committed design document, the one that gets installed. */
export async function readDesignDoc() {
  return JSON.parse(await readFile(DESIGN_PATH, "utf8"));
}

/** `"name:password"` or `{ name, password }` → an Authorization header value (or none). */
function basic(auth) {
  if (!auth) return undefined;
  const pair = typeof auth === "string" ? auth : `${auth.name}:${auth.password}`;
  if (!pair.includes(":")) throw new Error(`credentials must be name:password, got "${pair}"`);
  return `Basic ${Buffer.from(pair).toString("base64")}`;
}

class CouchError extends Error {}

function client(serverUrl, auth) {
  const base = serverUrl.endsWith("/") ? serverUrl : `${serverUrl}/`;
  const authorization = basic(auth);
  return async function request(method, path, body) {
    const headers = { accept: "application/json" };
    if (authorization) headers.authorization = authorization;
    if (body !== undefined) headers["content-type"] = "application/json";
    let res;
    try {
      res = await fetch(new URL(path, base), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new CouchError(`cannot reach ${base}: ${e.cause?.code ?? e.message}`);
    }
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { raw: text };
    }
    return { status: res.status, json };
  };
}

function fail(what, { status, json }) {
  const reason = json.reason ?? json.error ?? json.raw ?? "";
  const hint =
    status === 401 ? " (sign-in refused: give a server admin as admin:password)"
    : status === 403 ? " (not allowed: the credentials must be a server admin's)"
    : "";
  return new CouchError(`${what}: HTTP ${status} ${json.error ?? ""} ${reason}${hint}`.replace(/\s+/g, " ").trim());
}

function checkDbName(db) {
  // CouchDB's rule for database names.
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(db)) {
    throw new CouchError(`"${db}" is not a valid database name (lowercase letter first, then a-z 0-9 _ $ ( ) + - /)`);
  }
}

/** Adds `value` to `list` if missing; reports whether it changed. */
function addTo(obj, key, value) {
  obj[key] = Array.isArray(obj[key]) ? obj[key] : [];
  if (obj[key].includes(value)) return false;
  obj[key].push(value);
  return true;
}

/**
 * Creates the database if missing, installs the design document, merges the _security roles.
 * Returns the lines it would print. `auth`: "name:password", { name, password } or undefined
 * (admin party).
 */
export async function installDatabase({ url, db, auth, designDoc }) {
  checkDbName(db);
  const request = client(url, auth);
  const dbPath = encodeURIComponent(db);
  const out = [];

  const welcome = await request("GET", "");
  if (welcome.status !== 200) throw fail(`GET ${url}`, welcome);
  const product = welcome.json.couchdb ? `CouchDB ${welcome.json.version}` : `pouchdb-server ${welcome.json.version}`;
  out.push(`server: ${product} at ${url}`);

  const created = await request("PUT", dbPath);
  if (created.status === 201 || created.status === 202) out.push(`database ${db}: created`);
  else if (created.status === 412) out.push(`database ${db}: exists`);
  else throw fail(`creating database ${db}`, created);

  const wanted = designDoc ?? (await readDesignDoc());
  const ddocPath = `${dbPath}/${DESIGN_ID}`;
  const current = await request("GET", ddocPath);
  if (current.status === 200) {
    const same = Object.keys(wanted).every((k) => JSON.stringify(current.json[k]) === JSON.stringify(wanted[k]));
    if (same) {
      out.push(`${DESIGN_ID}: up to date (${current.json._rev})`);
    } else {
      const put = await request("PUT", ddocPath, { ...wanted, _rev: current.json._rev });
      if (put.status !== 201 && put.status !== 202) throw fail(`updating ${DESIGN_ID}`, put);
      out.push(`${DESIGN_ID}: updated (${current.json._rev} -> ${put.json.rev})`);
    }
  } else if (current.status === 404) {
    const put = await request("PUT", ddocPath, wanted);
    if (put.status !== 201 && put.status !== 202) throw fail(`installing ${DESIGN_ID}`, put);
    out.push(`${DESIGN_ID}: installed (${put.json.rev})`);
  } else {
    throw fail(`reading ${DESIGN_ID}`, current);
  }

  const sec = await request("GET", `${dbPath}/_security`);
  if (sec.status !== 200) throw fail(`reading ${db}/_security`, sec);
  const security = { ...sec.json };
  security.admins = { ...(security.admins ?? {}) };
  security.members = { ...(security.members ?? {}) };
  // Merged, not replaced: names and roles someone added by hand stay.
  const addedAdmin = addTo(security.admins, "roles", "_admin");
  const addedMember = addTo(security.members, "roles", MEMBER_ROLE);
  for (const group of [security.admins, security.members]) group.names = Array.isArray(group.names) ? group.names : [];
  if (addedAdmin || addedMember) {
    const put = await request("PUT", `${dbPath}/_security`, security);
    if (put.status !== 200 && put.status !== 201) throw fail(`setting ${db}/_security`, put);
    out.push(`_security: set ${JSON.stringify(security)}`);
  } else {
    out.push(`_security: up to date ${JSON.stringify(security)}`);
  }
  return out;
}

/** Creates the user, or updates its password and adds the role; returns a line to print. */
export async function ensureUser({ url, auth, name, password, roles = [MEMBER_ROLE] }) {
  const request = client(url, auth);
  const path = `_users/${encodeURIComponent(`org.couchdb.user:${name}`)}`;
  const current = await request("GET", path);
  const doc = { _id: `org.couchdb.user:${name}`, name, type: "user", roles: [...roles], password };
  if (current.status === 200) {
    doc._rev = current.json._rev;
    doc.roles = [...new Set([...(current.json.roles ?? []), ...roles])];
  } else if (current.status !== 404) {
    throw fail(`reading user ${name}`, current);
  }
  const put = await request("PUT", path, doc);
  if (put.status !== 201 && put.status !== 202) throw fail(`saving user ${name}`, put);
  return `user ${name}: ${current.status === 200 ? "updated" : "created"} with roles ${JSON.stringify(doc.roles)}`;
}

async function main(argv) {
  if (argv[0] === "--write-design") {
    const doc = await designDocFromSource();
    await writeFile(DESIGN_PATH, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`wrote ${DESIGN_PATH}`);
    return;
  }
  const positional = [];
  const users = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--add-user") users.push(argv[++i] ?? "");
    else if (argv[i] === "-h" || argv[i] === "--help") positional.length = 99;
    else positional.push(argv[i]);
  }
  if (positional.length < 2 || positional.length > 3) {
    console.error("usage: node scripts/couchdb-install.mjs <server-url> <db> [admin:password] [--add-user name:password]...");
    console.error("       (or COUCHDB_AUTH=admin:password instead of the third argument)");
    process.exitCode = 2;
    return;
  }
  const [url, db, authArg] = positional;
  const auth = authArg ?? process.env.COUCHDB_AUTH;
  for (const line of await installDatabase({ url, db, auth })) console.log(line);
  for (const pair of users) {
    const at = pair.indexOf(":");
    if (at < 1) throw new CouchError(`--add-user needs name:password, got "${pair}"`);
    console.log(await ensureUser({ url, auth, name: pair.slice(0, at), password: pair.slice(at + 1) }));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`couchdb-install: ${e instanceof CouchError ? e.message : e.stack}`);
    process.exitCode = 1;
  });
}
