// The reference side of `tests/bench_dexie.rs`: the same records written and read with Dexie 4
// (the class is passed in: wasm-bindgen copies this file on its own, so it cannot import
// `dexie` itself) and with a plain IndexedDB loop, timed with `performance.now()` like the app's
// side.

/// Dexie's tables with the indexes the app's `events` and `views` stores have
/// (`src/store/schema.rs`): single fields, `field+order` compounds and the multi-entry `terms`.
function viewsSchema() {
  const single = ["number", "status", "due_ms", "type", "urgency", "department", "updated_ms", "created_ms",
    "phone_key", "name_key", "device", "product_key", "source_key", "*terms"];
  const compound = [];
  for (const field of ["status", "type", "urgency", "department", "device", "stage"]) {
    for (const order of ["created_ms", "due_ms"]) compound.push(`[${field}+${order}]`);
  }
  return ["id", ...single, ...compound].join(", ");
}

export function now() {
  return performance.now();
}

export async function dexieOpen(Dexie, name) {
  const db = new Dexie(name);
  db.version(1).stores({ events: "id, complaint, hlc_ms", views: viewsSchema() });
  await db.open();
  return db;
}

/// One read-write transaction: `bulkPut` of the events, then of the views; the time in ms.
export async function dexieWrite(db, events, views) {
  const t = performance.now();
  await db.transaction("rw", db.events, db.views, async () => {
    await db.events.bulkPut(events);
    await db.views.bulkPut(views);
  });
  return performance.now() - t;
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("aborted"));
  });
}

/// The floor: the app's database (opened at its current version, made by the app), one
/// read-write transaction, a `put` per record, awaited to completion; the time in ms.
export async function idbWrite(name, events, views) {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const t = performance.now();
  const tx = db.transaction(["events", "views"], "readwrite");
  const ev = tx.objectStore("events");
  for (const e of events) ev.put(e);
  const vw = tx.objectStore("views");
  for (const v of views) vw.put(v);
  await done(tx);
  const ms = performance.now() - t;
  db.close();
  return ms;
}

/// The same queries as the app's list and search (`store::list`, `store::search`), as one
/// would write them with Dexie; each resolves to its rows.
const QUERIES = {
  newest: (db) => db.views.orderBy("created_ms").reverse().limit(50).toArray(),
  newest_open: (db) => openRange(db, "created_ms").reverse().limit(50).toArray(),
  due_open: (db) => openRange(db, "due_ms").limit(50).toArray(),
  overdue_due: (db, a) => db.views.where("[stage+due_ms]").between(["open", -Infinity], ["open", a.ms], true, false).limit(50).toArray(),
  overdue_newest: (db, a) => openRange(db, "created_ms").reverse().filter((r) => r.due_ms != null && r.due_ms < a.ms).limit(50).toArray(),
  status: (db, a) => db.views.where("[status+created_ms]").between([a.value, -Infinity], [a.value, Infinity]).reverse().limit(50).toArray(),
  open_urgent: (db) => openRange(db, "created_ms").reverse().filter((r) => r.urgency === "urgent").limit(50).toArray(),
  urgent_open: (db) => db.views.where("[urgency+created_ms]").between(["urgent", -Infinity], ["urgent", Infinity]).reverse().filter((r) => r.stage === "open").limit(50).toArray(),
  deep_newest: (db, a) => db.views.where("created_ms").below(a.ms).reverse().limit(50).toArray(),
  deep_open: (db, a) => db.views.where("[stage+created_ms]").between(["open", -Infinity], ["open", a.ms], true, false).reverse().limit(50).toArray(),
  number: (db, a) => db.views.where("number").startsWith(a.value.toUpperCase()).reverse().limit(50).toArray(),
  term: (db, a) => db.views.where("terms").startsWith(a.value.toLowerCase()).distinct().limit(50).toArray(),
};

function openRange(db, order) {
  return db.views.where(`[stage+${order}]`).between(["open", -Infinity], ["open", Infinity]);
}

/// Runs query `kind` with `arg` ({ms, value}); resolves to [ms, rows].
export async function dexieQuery(db, kind, arg) {
  const t = performance.now();
  const rows = await QUERIES[kind](db, arg);
  return [performance.now() - t, rows.length];
}

/// Registering one complaint: its events and view in one read-write transaction; the time in ms.
export async function dexieRegister(db, events, view) {
  const t = performance.now();
  await db.transaction("rw", db.events, db.views, async () => {
    await db.events.bulkPut(events);
    await db.views.put(view);
  });
  return performance.now() - t;
}

export function dexieClose(db) {
  db.close();
}

/// The JS heap in use, in MB (Chromium's `performance.memory`), or -1.
export function jsHeapMb() {
  return performance.memory ? performance.memory.usedJSHeapSize / 1e6 : -1;
}

/// Closes and deletes a Dexie database (between the benchmark's rounds).
export async function dexieDelete(db) {
  await db.delete();
}
