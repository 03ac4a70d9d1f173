// A plain static host (issue #12, "every route"): no single-page-app fallback, unknown paths
// get 404.html with status 404, as GitHub Pages or a bucket's error document do. A deep link
// opened on a tablet that never visited must still start the app on that page, with the
// manifest, icons and service worker found from the site root on every route.
import { test, expect } from "./fixtures.mjs";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";

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

// A sub-path deploy (https://example.org/desk/): the build made with `--public-url /desk/`
// (dist-desk/, built by scripts/test.sh), served only under /desk/ by a host without fallback.
test.describe("under a sub-path on a host without fallback", () => {
  const subPort = port + 1;
  const root = `http://127.0.0.1:${subPort}/desk/`;
  let sub;

  test.beforeAll(async () => {
    if (!existsSync("dist-desk/index.html")) {
      throw new Error("dist-desk/ is missing: build it with `trunk build --release --offline --public-url /desk/ --dist dist-desk` (scripts/test.sh does)");
    }
    sub = spawn(process.execPath, ["scripts/serve-dist.mjs", "dist-desk", String(subPort), "--no-fallback", "--prefix", "/desk/"], { stdio: "pipe" });
    await new Promise((resolve, reject) => {
      sub.stdout.on("data", (d) => String(d).includes("serving") && resolve());
      sub.on("exit", (code) => reject(new Error(`the sub-path server stopped (${code})`)));
    });
  });

  test.afterAll(() => sub?.kill());

  test("a deep link starts the app; links, saving and the worker stay under /desk/, offline too", async ({ page, context }) => {
    const deep = `${root}complaints/01HZZZZZZZZZZZZZZZZZZZZZZZ`;
    const missing = [];
    page.on("response", (r) => {
      // The host answers 404 for every deep link it has no file for; the page is the app's.
      if (r.status() === 404 && r.request().resourceType() !== "document") missing.push(r.url());
    });
    expect((await page.goto(deep)).status()).toBe(404);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeVisible();
    await expect(page.locator("main h1")).toBeVisible();
    expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(root);
    expect(await page.evaluate(() => document.querySelector("link[rel=manifest]").href)).toBe(`${root}manifest.webmanifest`);
    await expect(nav.getByRole("link", { name: "Complaints" })).toHaveAttribute("href", "/desk/complaints");

    await nav.getByRole("link", { name: "Register" }).click();
    await expect(page).toHaveURL(`${root}register`);
    await page.getByLabel(/Received by/).fill("Clerk Li");
    await page.getByLabel(/Customer name/).fill("Zhou Min");
    await page.getByLabel(/^Phone/).fill("13900001111");
    await page.getByLabel(/Product or service/).fill("Kettle K2");
    await page.getByLabel(/customer's own words/).fill("The kettle leaks.");
    await page.getByRole("button", { name: "Save complaint" }).click();
    const number = (await page.getByTestId("saved-number").textContent()).trim();
    await page.getByTestId("open-saved").click();
    await expect(page).toHaveURL(/\/desk\/complaints\/[0-9A-Z]{26}$/);
    await expect(page.locator("main h1")).toContainText(number);
    const detail = page.url();

    // Every app link on every page carries the sub-path (a plain <a href="/x"> would leave the app).
    const strayLinks = () =>
      page.evaluate(() => [...document.querySelectorAll("a[href^='/']")].map((a) => a.getAttribute("href")).filter((h) => !h.startsWith("/desk/")));
    expect(await strayLinks()).toEqual([]);
    for (const [name, path] of [["Complaints", "complaints"], ["Review", "review"], ["Data", "data"], ["Settings", "settings"], ["Register", "register"]]) {
      await nav.getByRole("link", { name }).click();
      await expect(page).toHaveURL(`${root}${path}`);
      await expect(page.locator("main h1")).toBeVisible();
      if (path === "complaints") await expect(page.getByText(number)).toBeVisible();
      expect(await strayLinks(), `links on ${path}`).toEqual([]);
    }
    await page.goto(`${root}data/csv`);
    await expect(page.locator("main h1")).toBeVisible();
    expect(await strayLinks(), "links on data/csv").toEqual([]);
    await page.goto(detail);
    await expect(page.locator("main h1")).toContainText(number);
    expect(await strayLinks(), "links on the complaint").toEqual([]);

    // Offline, the worker of /desk/ serves the page for the deep link of the saved complaint.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator("main h1")).toContainText(number);
    await nav.getByRole("link", { name: "Complaints" }).click();
    await expect(page).toHaveURL(`${root}complaints`);
    await expect(page.getByText(number)).toBeVisible();
    expect(missing).toEqual([]);
  });
});
