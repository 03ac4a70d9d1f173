// The walking skeleton end to end: offline load, offline registration, reload, language, devices.
import { test, expect } from "./fixtures.mjs";

/** Waits until the service worker controls the page (the shell is cached). */
async function waitForOfflineReady(page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === "activated" && navigator.serviceWorker.controller !== null;
  });
}

async function registerComplaint(page, { name, product, description, phone = "", receivedBy = "Counter clerk Li" }) {
  await page.getByRole("link", { name: /Register|登记/ }).click();
  await page.getByLabel(/Received by|首问负责人/).fill(receivedBy);
  await page.getByLabel(/Customer name|客户姓名/).fill(name);
  if (phone) await page.getByLabel(/^Phone|^电话/).fill(phone);
  await page.getByLabel(/Product or service|涉及产品/).fill(product);
  await page.getByLabel(/customer's own words|客户原话/).fill(description);
  await page.getByRole("button", { name: /Save complaint|保存投诉/ }).click();
  const number = page.getByTestId("saved-number");
  await expect(number).toHaveText(/^\d{8}-TEL-[2-9A-Z]{2,4}-\d{3}$/);
  return number.textContent();
}

test("the app loads and works offline, and keeps what was registered", async ({ page, context }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  await waitForOfflineReady(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  // Really offline: anything not in the cache fails to load.
  const probe = await page.evaluate(() =>
    fetch(`/probe-${Date.now()}.txt`).then(
      (r) => `reached the server (${r.status})`,
      () => "network error",
    ),
  );
  expect(probe).toBe("network error");
  await expect(page.getByTestId("online-badge")).toContainText("Offline");

  const number = await registerComplaint(page, {
    name: "王先生",
    phone: "138 0013 8000",
    product: "Air conditioner KFR-35GW",
    description: "Newly bought, cools badly: the room is still 28 °C after a day.",
  });

  await page.reload();
  await page.getByRole("link", { name: "Complaints" }).click();
  const list = page.getByTestId("complaint-list");
  await expect(list).toContainText(number);
  await expect(list).toContainText("Air conditioner KFR-35GW");
  await expect(page.getByTestId("count")).toContainText("1");

  // A deep link loads offline too: every route is served from the cached shell.
  await page.goto("/complaints");
  await expect(page.getByTestId("complaint-list")).toContainText(number);
});

test("invalid input gets field-level errors and saves nothing", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Phone").fill("12ab");
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByRole("alert").first()).toContainText("Please correct the highlighted fields");
  const name = page.getByLabel(/Customer name/);
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toBeFocused();
  await expect(page.locator("#customer_name-error")).toHaveText("This field is required.");
  await expect(page.locator("#customer_phone-error")).toContainText("5 to 20 digits");
  await page.getByRole("link", { name: "Complaints" }).click();
  await expect(page.getByTestId("empty")).toBeVisible();
});

test("the first-contact owner is required and remembered on this device", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel(/Customer name/).fill("王先生");
  await page.getByLabel("Phone").fill("138 0013 8000");
  await page.getByLabel(/Product or service/).fill("Air conditioner");
  await page.getByLabel(/customer's own words/).fill("Cools badly.");
  await page.getByRole("button", { name: "Save complaint" }).click();
  const owner = page.getByLabel(/Received by/);
  await expect(owner).toHaveAttribute("aria-invalid", "true");
  await expect(owner).toBeFocused();
  await expect(page.locator("#first_contact_owner-error")).toHaveText("This field is required.");
  await owner.fill("Counter clerk Li");
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByTestId("saved-number")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(/Received by/)).toHaveValue("Counter clerk Li");
});

test("the language switch changes the labels and is remembered", async ({ page }) => {
  await page.goto("/register");
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "登记投诉" })).toBeVisible();
  await expect(page.getByRole("link", { name: "投诉列表" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  // Every heading text the page ever shows after the reload: the remembered language from the
  // first render, never the browser's English first.
  await page.addInitScript(() => {
    window.__headings = [];
    const seen = () => document.querySelectorAll("h1").forEach((h) => window.__headings.push(h.textContent));
    new MutationObserver(seen).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.reload();
  await expect(page.getByRole("heading", { name: "登记投诉" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  expect(await page.evaluate(() => window.__headings.filter((t) => /Register/.test(t)))).toEqual([]);
  // Remembered on every page, not only where it was chosen.
  await page.goto("/data");
  await expect(page.getByRole("heading", { name: "本设备上的数据" })).toBeVisible();
  await page.getByTestId("language-switch").selectOption("en");
  await expect(page.getByRole("heading", { name: "Data on this device" })).toBeVisible();
  await page.goto("/register");
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
});

test("the browser's language is the default", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "登记投诉" })).toBeVisible();
  await context.close();
});

test("two browser contexts are two devices with separate data", async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  await pageA.goto("/");
  await pageB.goto("/");
  const number = await registerComplaint(pageA, {
    name: "李女士",
    phone: "021 5555 1234",
    product: "Washing machine",
    description: "Leaks water during the spin cycle.",
  });
  await pageA.getByRole("link", { name: "Complaints" }).click();
  await expect(pageA.getByTestId("complaint-list")).toContainText(number);

  await pageB.getByRole("link", { name: "Complaints" }).click();
  await expect(pageB.getByTestId("empty")).toBeVisible();

  await pageA.getByRole("link", { name: "Settings" }).click();
  await pageB.getByRole("link", { name: "Settings" }).click();
  const idA = await pageA.getByTestId("device-id").textContent();
  const idB = await pageB.getByTestId("device-id").textContent();
  expect(idA).toMatch(/^[0-9a-f]{32}$/);
  expect(idB).toMatch(/^[0-9a-f]{32}$/);
  expect(idA).not.toBe(idB);
  const codeA = await pageA.getByTestId("device-code").textContent();
  expect(number).toContain(`-${codeA}-`);
  await a.close();
  await b.close();
});

test("the device name can be changed and survives a reload", async ({ page }) => {
  await page.goto("/settings");
  const input = page.getByLabel("Device name");
  await input.fill("   ");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.locator("#device_name-msg")).toContainText("must not be empty");
  await input.fill("Counter tablet 2");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.locator("#device_name-msg")).toContainText("Device name saved");
  await page.reload();
  await expect(page.getByLabel("Device name")).toHaveValue("Counter tablet 2");
});

test("the web app manifest is installable", async ({ page, request }) => {
  await page.goto("/");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const res = await request.get(href);
  expect(res.ok()).toBeTruthy();
  const manifest = await res.json();
  expect(manifest.display).toBe("standalone");
  const sizes = manifest.icons.map((i) => i.sizes);
  expect(sizes).toContain("192x192");
  expect(sizes).toContain("512x512");
  for (const icon of manifest.icons) {
    expect((await request.get(icon.src)).ok()).toBeTruthy();
  }
});

test("a new version waits, never interrupts typing, and applies on request", async ({ page, request }) => {
  await page.goto("/register");
  await waitForOfflineReady(page);
  await page.getByLabel(/Customer name/).fill("typing in progress");

  expect((await request.post("/__test__/new-version")).status()).toBe(204);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

  const banner = page.getByRole("button", { name: "Reload to update" });
  await expect(banner).toBeVisible();
  // Nothing reloaded behind the user's back.
  await expect(page.getByLabel(/Customer name/)).toHaveValue("typing in progress");

  await Promise.all([page.waitForEvent("load"), banner.click()]);
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reload to update" })).toHaveCount(0);
  const state = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return { waiting: reg.waiting !== null, controlled: navigator.serviceWorker.controller !== null };
  });
  expect(state).toEqual({ waiting: false, controlled: true });
});
