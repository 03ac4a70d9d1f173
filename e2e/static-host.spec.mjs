// A plain static host (issue #12, "every route"): no single-page-app fallback, unknown paths
// get 404.html with status 404, as GitHub Pages or a bucket's error document do. A deep link
// opened on a tablet that never visited must still start the app on that page, with the
// manifest, icons and service worker found from the site root on every route.
import { test, expect } from "./fixtures.mjs";
import { spawn } from "node:child_process";

const port = Number(process.env.E2E_PORT ?? 4173) + 11;
const origin = `http://127.0.0.1:${port}`;
let server;

test.beforeAll(async () => {
  server = spawn(process.execPath, ["scripts/serve-dist.mjs", "dist", String(port), "--no-fallback"], { stdio: "pipe" });
  await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => String(d).includes("serving") && resolve());
    server.on("exit", (code) => reject(new Error(`the static server stopped (${code})`)));
  });
});

test.afterAll(() => server?.kill());

for (const path of ["/complaints/01HZZZZZZZZZZZZZZZZZZZZZZZ", "/data/csv", "/complaints"]) {
  test(`a first visit to ${path} on a host without fallback starts the app there`, async ({ page }) => {
    const missing = [];
    page.on("response", (r) => {
      if (r.status() === 404 && r.url() !== `${origin}${path}`) missing.push(r.url());
    });
    const response = await page.goto(`${origin}${path}`);
    expect(response.status()).toBe(404); // the host's answer; the page is the app's
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await expect(page.locator("main h1")).toBeVisible();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${origin}/`);
    const manifest = await page.evaluate(() => document.querySelector("link[rel=manifest]").href);
    expect(manifest).toBe(`${origin}/manifest.webmanifest`);
    expect(missing).toEqual([]);
  });
}

test("while the app downloads, a light page says so at once; the app replaces it", async ({ page }) => {
  let release;
  const downloaded = new Promise((resolve) => (release = resolve));
  await page.route("**/*_bg.wasm", async (route) => {
    await downloaded;
    await route.continue();
  });
  await page.goto("/register");
  await expect(page.locator("#boot")).toContainText("Loading the app");
  await expect(page.locator("#boot")).toContainText("正在加载应用");
  release();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(page.locator("#boot")).toHaveCount(0);
});
