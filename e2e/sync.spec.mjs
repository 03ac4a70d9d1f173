// Sync with a CouchDB-compatible server (SPEC §13): pouchdb-server in memory on 127.0.0.1,
// started by this spec. Two tablets and a supervisor sign in, work offline, come online and
// sync by themselves; all three end with the same events and the same conflict flagged.
import { test, expect, watchCrashes } from "./fixtures.mjs";
import { register, openAndClassify, storedEventIds } from "./helpers.mjs";
import { startCouch, setupDatabase } from "./sync-server.mjs";
import { startFaultProxy } from "./fault-proxy.mjs";

const DB = "desk";
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);
let couch;

test.beforeAll(async () => {
  couch = await startCouch();
  await setupDatabase(couch, { db: DB, users: [{ name: "k7", password: "tablet-pass" }, { name: "boss", password: "boss-pass" }] });
});

test.afterAll(async () => {
  await couch?.stop();
});

async function device(browser) {
  const context = await browser.newContext({ locale: "en" });
  const crashes = watchCrashes(context);
  const page = await context.newPage();
  await page.goto("/settings");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return { context, page, crashes };
}

async function connect(page, user, password, url = couch.url) {
  await page.goto("/settings");
  const panel = page.getByTestId("sync-panel");
  await panel.getByLabel("Server address").fill(url);
  await panel.getByLabel("Database").fill(DB);
  await panel.getByLabel("User name").fill(user);
  await panel.getByLabel("Password", { exact: true }).fill(password);
  await panel.getByTestId("sync-connect").click();
  await expect(panel.getByTestId("sync-connected")).toBeVisible();
}

/** Waits until the server holds every event of this device (sent by itself, no click). */
async function pushed(page, timeout = 30_000) {
  await expect.poll(async () => {
    const server = new Set(await serverEventIds());
    return (await eventIds(page)).every((id) => server.has(id));
  }, { timeout }).toBe(true);
}

/** Asks for a sync now and waits until this device holds everything the server holds. */
async function pulled(page) {
  await page.goto("/settings");
  await page.getByTestId("sync-now").click();
  const server = await serverEventIds();
  await expect.poll(async () => {
    const here = new Set(await eventIds(page));
    return server.every((id) => here.has(id));
  }, { timeout: 30_000 }).toBe(true);
}

const eventIds = storedEventIds;

function adminAuth() {
  return "Basic " + Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString("base64");
}

async function serverEventIds() {
  const res = await fetch(`${couch.url}/${DB}/_all_docs`, { headers: { authorization: adminAuth() } });
  const body = await res.json();
  return body.rows.map((r) => r.id).filter((id) => !id.startsWith("_") && !id.startsWith("att:")).sort();
}

test("two tablets and a supervisor sync through the server, offline work included, and converge", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await device(browser);
  const b = await device(browser);
  const s = await device(browser);
  // A wrong password is a clear error and saves nothing.
  await a.page.goto("/settings");
  const panel = a.page.getByTestId("sync-panel");
  await panel.getByLabel("Server address").fill(couch.url);
  await panel.getByLabel("Database").fill(DB);
  await panel.getByLabel("User name").fill("k7");
  await panel.getByLabel("Password", { exact: true }).fill("wrong");
  await panel.getByTestId("sync-connect").click();
  await expect(panel.getByTestId("sync-error")).toHaveAttribute("data-code", "sync_unauthorized");
  await expect(a.page.getByTestId("sync-status")).toHaveCount(0);

  await connect(a.page, "k7", "tablet-pass");
  await connect(b.page, "k7", "tablet-pass");
  await connect(s.page, "boss", "boss-pass");
  const a1 = await register(a.page, { name: "Mr. Wang", phone: "13800138000", product: "Kettle" });
  // A photo travels too.
  await a.page.goto("/register");
  await a.page.getByLabel(/Customer name/).fill("Ms. Li");
  await a.page.getByLabel(/^Phone/).fill("13900139000");
  await a.page.getByLabel(/Product or service/).fill("Toaster");
  await a.page.getByLabel(/customer's own words/).fill("Burns the bread.");
  await a.page.locator("#photos").setInputFiles({ name: "toast.png", mimeType: "image/png", buffer: PNG });
  await a.page.getByRole("button", { name: "Save complaint" }).click();
  const a2 = await a.page.getByTestId("saved-number").textContent();
  await pushed(a.page);
  // B gets it by itself within one period or when it syncs; ask now to keep the test short.
  await pulled(b.page);
  await b.page.goto("/complaints");
  await expect(b.page.getByRole("link", { name: a1 })).toBeVisible();
  await b.page.getByRole("link", { name: a2 }).click();
  await expect(b.page.getByTestId("gallery").getByRole("img", { name: "toast.png" })).toBeVisible();

  // Both edit the same complaint while offline, then come back online: sync without a click.
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await openAndClassify(a.page, a1, { type: "product_quality", urgency: "urgent" });
  await openAndClassify(b.page, a1, { type: "service_attitude", urgency: "low" });
  const b2 = await register(b.page, { name: "Ms. Chen", phone: "13700137000", product: "Fridge" });
  await expect(a.page.getByTestId("sync-status")).toContainText("Offline");
  await a.context.setOffline(false);
  await pushed(a.page);
  await b.context.setOffline(false);
  await pushed(b.page);
  // A and the supervisor pull the rest.
  await pulled(a.page);
  await pulled(b.page);
  await pulled(s.page);
  await expect(s.page.getByTestId("sync-status")).toHaveText("Synced");

  const server = await serverEventIds();
  expect(await eventIds(a.page)).toEqual(server);
  expect(await eventIds(b.page)).toEqual(server);
  expect(await eventIds(s.page)).toEqual(server);
  for (const d of [a, b, s]) {
    await d.page.goto("/complaints");
    await d.page.getByRole("link", { name: a1 }).click();
    await expect(d.page.getByTestId("conflicts"), "the concurrent classification is flagged").toBeVisible();
    await d.page.goto("/complaints");
    await expect(d.page.getByRole("link", { name: b2 })).toBeVisible();
  }
  for (const d of [a, b, s]) {
    expect(d.crashes).toEqual([]);
    await d.context.close();
  }
});

test("a server that fails, answers twice, refuses a large batch or drops the connection loses and duplicates nothing", async ({ browser }) => {
  test.setTimeout(180_000);
  const proxy = await startFaultProxy({ target: couch.url });
  try {
    const [a, b] = await tabletsThrough(browser, proxy);
    await a.context.setOffline(true);
    const numbers = [];
    for (const [name, product] of [["Mr. Zhou", "Oven"], ["Ms. Xu", "Heater"], ["Mr. Sun", "Fan"]]) {
      numbers.push(await register(a.page, { name, phone: "13600136000", product }));
    }
    // Each push meets a 500, then a 413 (the batch is halved), then an answer given twice
    // (the server stored the documents, then the client was told "conflict").
    proxy.set([
      { method: "POST", path: "_bulk_docs", fault: "status", status: 500 },
      { method: "POST", path: "_bulk_docs", fault: "status", status: 413 },
      { method: "POST", path: "_bulk_docs", fault: "duplicate" },
      { method: "GET", path: "_changes", fault: "drop" },
    ]);
    await a.context.setOffline(false);
    await pushed(a.page);
    await pulled(b.page);
    const server = await serverEventIds();
    for (const n of numbers) {
      await b.page.goto("/complaints");
      await expect(b.page.getByRole("link", { name: n })).toBeVisible();
    }
    // Every fault was met, and afterwards each event is on the server once and on both
    // devices once; nothing was set aside as "different on the server".
    for (const fault of ["status", "duplicate", "drop"]) expect(proxy.log.some((e) => e.fault === fault), fault).toBe(true);
    expect(new Set(server).size).toBe(server.length);
    for (const d of [a, b]) {
      const ids = await eventIds(d.page);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.every((id) => server.includes(id))).toBe(true);
      await d.page.goto("/data");
      await expect(d.page.getByTestId("quarantine")).not.toContainText(/sync_differs_on_server|record_conflicts_with_stored/);
      expect(d.crashes).toEqual([]);
      await d.context.close();
    }
  } finally {
    await proxy.stop();
  }
});

/** Two tablets signed in through the fault proxy. */
async function tabletsThrough(browser, proxy) {
  const tablets = [await device(browser), await device(browser)];
  for (const t of tablets) await connect(t.page, "k7", "tablet-pass", proxy.url);
  return tablets;
}

/** Each device holds every server event once, the server holds each once, nothing set aside. */
async function expectConverged(devices) {
  const server = await serverEventIds();
  expect(new Set(server).size).toBe(server.length);
  for (const d of devices) {
    const ids = await eventIds(d.page);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(server);
    await d.page.goto("/data");
    await expect(d.page.getByTestId("quarantine")).not.toContainText(/sync_differs_on_server|record_conflicts_with_stored/);
    expect(d.crashes).toEqual([]);
  }
}

test("slow answers, an answer that never comes, and a database replaced before the checkpoint lose and duplicate nothing", async ({ browser }) => {
  test.setTimeout(300_000);
  const proxy = await startFaultProxy({ target: couch.url });
  try {
    const [a, b] = await tabletsThrough(browser, proxy);
    await pulled(a.page);
    await pulled(b.page);

    // Every `_changes` answer is slow, and one `_bulk_docs` is never answered: the app gives up
    // after its timeout (30 s) and sends again by itself.
    proxy.set([
      { method: "POST", path: "_bulk_docs", fault: "delay", ms: Infinity },
      { method: "GET", path: "_changes", fault: "delay", ms: 2000, count: Infinity },
    ]);
    const n1 = await register(a.page, { name: "Mr. Ma", phone: "13500135000", product: "Blender" });
    await proxy.waitFor((e) => e.fault === "delay" && e.path.includes("_bulk_docs") && e.done, 60_000);
    await pushed(a.page, 90_000);
    await pulled(b.page);
    await b.page.goto("/complaints");
    await expect(b.page.getByRole("link", { name: n1 })).toBeVisible();

    // The checkpoint write after a push never arrives, and then the database is replaced (a
    // restore from backup, a new server at the old address): it has none of the devices'
    // checkpoints. Both notice, send everything again and pull from the start.
    proxy.set([{ method: "PUT", path: "/_local/", fault: "reset", count: Infinity }]);
    const n2 = await register(a.page, { name: "Ms. Gao", phone: "13400134000", product: "Iron" });
    await pushed(a.page);
    await proxy.waitFor((e) => e.fault === "reset" && e.method === "PUT");
    // While it is replaced the devices cannot reach it (a server being restored answers 503).
    proxy.set([{ fault: "status", status: 503, count: Infinity }]);
    const gone = await fetch(`${couch.url}/${DB}`, { method: "DELETE", headers: { authorization: adminAuth() } });
    expect(gone.status).toBe(200);
    await setupDatabase(couch, { db: DB });
    expect(await serverEventIds()).toEqual([]);
    proxy.clear();
    await pushed(a.page, 90_000);
    await b.page.goto("/settings");
    await b.page.getByTestId("sync-now").click();
    await pushed(b.page, 90_000);
    await pulled(a.page);
    await pulled(b.page);
    await b.page.goto("/complaints");
    await expect(b.page.getByRole("link", { name: n2 })).toBeVisible();
    await expectConverged([a, b]);
    for (const d of [a, b]) await d.context.close();
  } finally {
    await proxy.stop();
  }
});

test("one tab syncs at a time and the app's other tab shows how it goes", async ({ browser }) => {
  test.setTimeout(180_000);
  const proxy = await startFaultProxy({ target: couch.url });
  try {
    const a = await device(browser);
    await connect(a.page, "k7", "tablet-pass", proxy.url);
    await pulled(a.page);
    const other = await a.context.newPage();
    await other.goto("/complaints");
    await expect(other.getByTestId("sync-status")).toHaveText("Synced");
    // Each push takes a while, so the tab that syncs is seen syncing by the other.
    proxy.set([{ method: "POST", path: "_bulk_docs", fault: "delay", ms: 3000, count: Infinity }]);
    const before = proxy.log.length;
    await register(a.page, { name: "Mr. Lu", phone: "13300133000", product: "Kettle" });
    const badges = [a.page, other].map((p) => p.getByTestId("sync-status"));
    await expect.poll(async () => {
      const texts = await Promise.all(badges.map((b) => b.textContent()));
      return texts.some((t) => t.startsWith("Syncing in another tab"));
    }, { timeout: 30_000 }).toBe(true);
    for (const badge of badges) await expect(badge).toHaveText("Synced", { timeout: 30_000 });
    await pushed(a.page);
    // The change went up once: the other tab did not push it too.
    const pushes = proxy.log.slice(before).filter((e) => e.method === "POST" && e.path.includes("_bulk_docs"));
    expect(pushes.length).toBe(1);
    await expectConverged([a]);
    await a.context.close();
  } finally {
    await proxy.stop();
  }
});

// The sync's own code is a wasm file of its own (services/sync_runner.rs), fetched at the
// first sync. When it cannot be fetched (online, before the service worker has cached it, the
// network dropping), sync fails like a network error and tries again; the app keeps working.
// The service worker is blocked so the page's own fetch of the file can be refused.
test.describe("sync's file cannot be downloaded", () => {
  test.use({ serviceWorkers: "block" });

  test("sync says so, the app keeps working, and sync goes on once the file comes", async ({ page }) => {
    test.setTimeout(120_000);
    let blocked = true;
    const asked = [];
    await page.route(/\/split_sync[^/]*\.wasm$/, (route) => {
      asked.push(route.request().url());
      return blocked ? route.abort() : route.continue();
    });
    await page.goto("/register");
    const number = await register(page, { name: "Mr. Fan", phone: "13600136000", product: "Fan" });
    expect(asked, "a device that has not synced has not fetched sync's file").toEqual([]);
    await connect(page, "k7", "tablet-pass");
    const facts = page.getByTestId("sync-facts");
    await expect(facts.getByTestId("sync-phase")).toHaveText("The part of the app that syncs could not be loaded. It is tried again by itself.");
    await expect(page.getByTestId("sync-status")).toHaveText("Sync problem: it retries by itself");
    expect(asked.length).toBeGreaterThan(0);
    // The app is not stopped: the list opens and shows the complaint.
    await page.getByRole("link", { name: "Complaints" }).click();
    await expect(page.getByTestId("complaint-list").getByRole("link", { name: number })).toBeVisible();

    // The file comes through now; asked to, sync loads it and sends the complaint.
    blocked = false;
    await pulled(page);
    await pushed(page);
    await expect(page.getByTestId("sync-status")).toHaveText("Synced");
    await page.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByTestId("sync-facts").getByTestId("sync-phase")).toHaveCount(0);
  });
});
