// Pages loaded on first use (src/ui/lazy_pages.rs, cut out by scripts/wasm-split.mjs): a first
// visit to Register fetches none of them, and after it every one opens offline, by a link and
// by a deep link, from the service worker's cache.
import { readFile } from "node:fs/promises";
import { test, expect, watchCrashes } from "./fixtures.mjs";
import { test as plain } from "@playwright/test";
import { register } from "./helpers.mjs";

/** Waits until the service worker controls the page (the shell is cached). */
async function waitForOfflineReady(page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === "activated" && navigator.serviceWorker.controller !== null;
  });
}

const PAGES = [
  ["/review", "Review"],
  ["/data", "Data on this device"],
  ["/data/csv", "Import complaints from a spreadsheet"],
  ["/settings", "Settings"],
];

test("a first visit loads no lazy page; after it every page opens offline", async ({ page, context }) => {
  const lazyFetched = [];
  page.on("request", (r) => {
    if (/\/(split|chunk)_[^/]*\.wasm$/.test(new URL(r.url()).pathname)) lazyFetched.push(r.url());
  });
  await page.goto("/register");
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  expect(lazyFetched, "the shell alone starts the app").toEqual([]);
  const number = await register(page, { name: "Lazy Test", phone: "13800138000", product: "Kettle" });
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();

  // By the app's own links: the list (in the shell), then a complaint and its form (lazy).
  await page.getByRole("link", { name: "Complaints" }).click();
  await page.getByTestId("complaint-list").getByRole("link", { name: number }).click();
  await expect(page.getByTestId("detail-number")).toHaveText(number);
  const detailUrl = page.url();
  await page.goto(`${detailUrl}/form`);
  await expect(page.getByRole("heading", { name: "Customer complaint feedback form" })).toBeVisible();

  // By deep links, each page the first one the app shows.
  for (const [path, title] of PAGES) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  }
  await page.goto(detailUrl);
  await expect(page.getByTestId("detail-number")).toHaveText(number);
});

// When a page's file cannot be downloaded (online, before the service worker has cached it,
// the network dropping), the loader panics and the wasm stops: the page says so instead of
// freezing, and a plain link reloads it (src/browser/stopped.rs). The shared fixture fails a
// test on any panic, so this one watches for the panic itself.
plain.describe("a page whose file cannot be downloaded", () => {
  plain.use({ serviceWorkers: "block" });

  plain("stops the app with a notice in both languages, and its link reloads the app", async ({ page }) => {
    const panics = [];
    page.on("console", (m) => {
      if (m.type() === "error" && m.text().includes("panicked at")) panics.push(m.text());
    });
    let blocked = true;
    await page.route(/\/split_[^/]*\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
    await page.goto("/register");
    await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
    await expect(page.locator("#app-stopped")).toHaveCount(0);

    await page.getByRole("link", { name: "Review" }).click();
    const notice = page.getByRole("alert").filter({ hasText: "The app has stopped because of an error" });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText("What was saved is safe on this device");
    await expect(notice).toContainText("应用因错误已停止");
    expect(panics.length, "the loader's failure is a panic").toBeGreaterThan(0);
    await expect(notice.getByRole("link")).toBeFocused();

    // The network is back: the notice's link loads the app again (at the address it had when
    // it stopped), and the page opens.
    blocked = false;
    await notice.getByRole("link", { name: "Reload the app · 重新加载应用" }).click();
    await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
    await expect(page.locator("#app-stopped")).toHaveCount(0);
    await page.getByRole("link", { name: "Review" }).click();
    await expect(page.getByRole("heading", { name: "Review", level: 1 })).toBeVisible();
  });
});

// Work outside the pages whose code is a file of its own, fetched on first use
// (services/on_demand.rs): the list's two exports and the retry of records set aside. A file
// that cannot be fetched is an error shown (or a retry left for the next start), never a stop;
// asking again fetches it. The service worker is blocked so the page's own fetches can be
// refused.
test.describe("code fetched on first use, outside the pages", () => {
  test.use({ serviceWorkers: "block" });
  const MISSING = "A part of the app could not be loaded: check the connection and try again.";

  test("the list's exports say when their code cannot be fetched, and work when it can", async ({ page }) => {
    let blocked = true;
    const asked = [];
    await page.route(/\/split_export_(listed|csv)[^/]*\.wasm$/, (route) => {
      asked.push(new URL(route.request().url()).pathname);
      return blocked ? route.abort() : route.continue();
    });
    const number = await register(page, { name: "Ms. Export", phone: "13500135000", product: "Heater" });
    await page.getByRole("link", { name: "Complaints" }).click();
    await expect(page.getByTestId("complaint-list").getByRole("link", { name: number })).toBeVisible();
    expect(asked, "the list shows without the exports' code").toEqual([]);

    const batch = page.locator(".list-export").filter({ has: page.getByTestId("export-listed") });
    await page.getByTestId("export-listed").click();
    await expect(batch.getByRole("alert")).toHaveText(MISSING);
    await page.getByTestId("export-csv").click();
    await expect(page.getByTestId("export-csv-error")).toHaveText(MISSING);
    expect(asked.some((p) => p.includes("split_export_listed"))).toBe(true);
    expect(asked.some((p) => p.includes("split_export_csv"))).toBe(true);

    blocked = false;
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-listed").click()]);
    const shown = JSON.parse(await readFile(await file.path(), "utf8"));
    expect(shown.events.map((e) => e.event).join("")).toContain("Heater");
    await expect(page.getByTestId("export-listed-result")).toContainText("Exported 1 complaints");
    const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(await readFile(await csv.path(), "utf8")).toContain(number);
    await expect(page.getByTestId("export-csv-result")).toBeVisible();
  });

  test("a record an older version set aside comes in at the next start, once its code can be fetched", async ({ page, browser }) => {
    // Device A makes a complaint and exports it; device B holds one of its records as an older
    // version would have left it: set aside, and not yet retried by this version.
    const number = await register(page, { name: "Mr. Older", phone: "13400134000", product: "Radio" });
    await page.getByRole("link", { name: "Complaints" }).click();
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-listed").click()]);
    const record = JSON.stringify(JSON.parse(await readFile(await file.path(), "utf8")).events[0]);

    const b = await browser.newContext({ locale: "en", serviceWorkers: "block" });
    const crashes = watchCrashes(b);
    const tablet = await b.newPage();
    let blocked = true;
    const asked = [];
    await tablet.route(/\/split_quarantine_retry[^/]*\.wasm$/, (route) => {
      asked.push(route.request().url());
      return blocked ? route.abort() : route.continue();
    });
    await tablet.goto("/data");
    await expect(tablet.getByTestId("quarantine")).toContainText("None: every record on this device could be read and accepted.");
    // This start has recorded its (empty) retry; only then is the record put aside, so the
    // next start is the one that finds it.
    await expect.poll(() => tablet.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open("complaint-desk");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const get = open.result.transaction("meta").objectStore("meta").get("quarantine-retried");
        get.onsuccess = () => { open.result.close(); resolve(get.result?.value ?? null); };
        get.onerror = () => reject(get.error);
      };
    }))).not.toBeNull();
    expect(asked, "nothing set aside: the retry's code is not fetched").toEqual([]);
    await tablet.evaluate((data) => new Promise((resolve, reject) => {
      const open = indexedDB.open("complaint-desk");
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction(["quarantine", "meta"], "readwrite");
        tx.objectStore("quarantine").put({ id: "batch:old:events:0", received_ms: 0, source: "old.json", reason: "record_malformed: older app", data });
        tx.objectStore("meta").delete("quarantine-retried");
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }), record);

    // The next start tries, cannot fetch the code, and leaves the record for the start after.
    await tablet.reload();
    await expect.poll(() => asked.length).toBeGreaterThan(0);
    await expect(tablet.getByTestId("quarantine-list")).toContainText("old.json");
    await tablet.goto("/complaints");
    await expect(tablet.getByTestId("complaint-list")).not.toContainText(number);

    blocked = false;
    await tablet.reload();
    await expect(tablet.getByTestId("complaint-list").getByRole("link", { name: number })).toBeVisible();
    await tablet.goto("/data");
    await expect(tablet.getByTestId("quarantine")).toContainText("None: every record on this device could be read and accepted.");
    expect(crashes).toEqual([]);
    await b.close();
  });
});
