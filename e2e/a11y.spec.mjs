// Accessibility: axe-core on every page, in both languages; no serious or critical violations.
import { test, expect } from "./fixtures.mjs";
import { register, seriousViolations } from "./helpers.mjs";

const pages = ["/register", "/complaints", "/review", "/data", "/settings", "/complaints/NO-SUCH-ID"];


for (const lang of ["en", "zh-CN"]) {
  for (const path of pages) {
    test(`${path} in ${lang} has no serious accessibility violations`, async ({ browser }) => {
      const context = await browser.newContext({ locale: lang });
      const page = await context.newPage();
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      await page.waitForTimeout(300);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }
}

test("the register form with errors is still accessible", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByRole("alert").first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const lang of ["en", "zh-CN"]) {
  test(`the CSV import page with a file read, its mapping and problems is accessible in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ locale: lang });
    const page = await context.newPage();
    await page.goto("/data/csv");
    await page.locator("#csv-file").setInputFiles("e2e/data/legacy-gbk.csv");
    await expect(page.getByTestId("csv-summary")).toBeVisible();
    await expect(page.getByTestId("csv-problems")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
}

test("a complaint's detail page with its classify panel is accessible", async ({ page }) => {
  const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Kettle" });
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByTestId("classify-panel")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const lang of ["en", "zh-CN"]) {
  test(`the step panels, unfolded, and the feedback form are accessible in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ locale: "en" });
    const page = await context.newPage();
    const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Kettle" });
    await page.goto("/complaints");
    await page.getByRole("link", { name: number }).click();
    await page.getByTestId("classify-panel").getByRole("button", { name: "Save classification" }).click();
    await expect(page.getByTestId("detail-status")).toHaveText("Classified");
    if (lang !== "en") await page.getByTestId("language-switch").selectOption(lang);
    // Every folded record opened: all their inputs are on the page.
    for (const d of await page.locator("details.panel").all()) await d.locator("summary").click();
    await expect(page.getByTestId("more-steps").locator("details[open]").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // A refusal shown at its field stays accessible.
    await page.getByTestId("assign-submit").click();
    await expect(page.locator("#assign-handler")).toHaveAttribute("aria-invalid", "true");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("feedback-form-link").click();
    await expect(page.getByTestId("feedback-form")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
}

test("a step is taken with the keyboard alone", async ({ page }) => {
  const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Kettle" });
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  await page.getByTestId("classify-panel").getByRole("button", { name: "Save classification" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("detail-status")).toHaveText("Classified");
  // Tab from the top of the steps to the handler input of the open "Assign the handler" panel
  // (after the pressing "Log a contact"), type, and submit with Enter.
  await page.locator("#detail-status-line").focus();
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.id === "assign-handler");
  }
  expect(reached).toBe(true);
  await page.keyboard.type("After-sales lead Chen");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("detail-handler")).toHaveText("After-sales lead Chen");
  // A folded record opens from the keyboard: focus its summary and press Enter.
  const summary = page.getByTestId("evidence-panel").locator("summary");
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("evidence-panel")).toHaveAttribute("open", "");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("evidence-kind");
});

for (const lang of ["en", "zh-CN"]) {
  test(`the Data page with import previews, an error and a passphrase form is accessible in ${lang}`, async ({ page }) => {
    const { readFile } = await import("node:fs/promises");
    await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Kettle" });
    await page.getByRole("link", { name: "Data" }).click();
    const [plain] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
    await page.getByLabel("Protect with a passphrase").check();
    await page.getByLabel("Passphrase (at least 8 characters)").fill("correct horse battery");
    await page.getByLabel("Passphrase again").fill("correct horse battery");
    const [sealed] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
    await page.getByLabel("Choose batch files").setInputFiles([
      { name: "plain.json", mimeType: "application/json", buffer: await readFile(await plain.path()) },
      { name: "sealed.json", mimeType: "application/json", buffer: await readFile(await sealed.path()) },
      { name: "table.json", mimeType: "application/json", buffer: Buffer.from("a,b\n1,2\n") },
    ]);
    await expect(page.getByTestId("import-preview")).toBeVisible();
    await expect(page.getByTestId("unlock")).toBeVisible();
    await expect(page.getByTestId("import-error")).toBeVisible();
    if (lang !== "en") await page.getByTestId("language-switch").selectOption(lang);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
