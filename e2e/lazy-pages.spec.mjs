// Pages loaded on first use (src/ui/lazy_pages.rs, cut out by scripts/wasm-split.mjs): a first
// visit to Register fetches none of them, and after it every one opens offline, by a link and
// by a deep link, from the service worker's cache.
import { test, expect } from "./fixtures.mjs";
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
