// Pages loaded on first use (src/ui/lazy_pages.rs, cut out by scripts/wasm-split.mjs): a first
// visit to Register fetches none of them, and after it every one opens offline, by a link and
// by a deep link, from the service worker's cache.
import { test, expect } from "./fixtures.mjs";
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
