// Improvement actions (专项改进计划, issue #15) on the Review page, offline: made from a
// recurring row with that row's complaints linked, edited, refused at the field, kept over a
// reload, marked overdue, and carried to another device by a batch file.
import { test, expect, watchCrashes } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";
import { register, seriousViolations } from "./helpers.mjs";



/** A device: a fresh browser context with the app installed, then taken offline. */
async function device(browser, locale = "en") {
  const context = await browser.newContext({ locale });
  const crashes = watchCrashes(context);
  const page = await context.newPage();
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  return { context, page, crashes };
}

async function openReview(page, received) {
  await page.getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { name: "Review", level: 1 })).toBeVisible();
  const summary = page.getByTestId("review-summary").locator("tr", { has: page.getByRole("rowheader", { name: "Received", exact: true }) });
  await expect(summary.locator("td")).toHaveText(received);
}

/** The action rows as { title, due, then, now, links }. */
async function actionRows(page) {
  return page.getByTestId("action-row").evaluateAll((trs) =>
    trs.map((tr) => ({
      title: tr.querySelector("th").innerText.split("\n")[0].trim(),
      due: tr.querySelector('[data-testid="action-due"]').textContent.trim(),
      then: tr.querySelector('[data-testid="action-status-then"]').textContent.trim(),
      now: tr.querySelector('[data-testid="action-status-now"]').textContent.trim(),
      links: [...tr.querySelectorAll("a")].map((a) => a.textContent.trim()).sort(),
    })),
  );
}

test("an action made from a recurring row is edited, survives a reload offline and travels by batch file", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await device(browser);
  const n1 = await register(a.page, { name: "王先生", phone: "13800138000", product: "Kettle" });
  const n2 = await register(a.page, { name: "Ms. Chen", phone: "13900139000", product: "kettle " });
  await register(a.page, { name: "Mr. Li", phone: "13700137000", product: "Toaster" });
  const page = a.page;
  await openReview(page, "3");
  await expect(page.getByTestId("actions-none")).toBeVisible();

  // The repeat-product row's button opens the form with the problem and its two complaints.
  await page.getByTestId("review-repeat_products").getByRole("button", { name: /^Create an improvement action: kettle/ }).click();
  const form = page.getByTestId("action-form");
  await expect(form.getByLabel("Title")).toBeFocused();
  await expect(form.getByTestId("action-problem")).toHaveText(/^Product: kettle/);
  await expect(form.getByTestId("action-form-links").locator("li")).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);

  // Refused at the field, nothing stored.
  await form.getByLabel("Title").fill("   ");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Title")).toBeFocused();
  await expect(page.getByTestId("action-row")).toHaveCount(0);

  await form.getByLabel("Title").fill("Kettle lid inspection");
  await form.getByLabel("Owner").fill("Li Wei");
  await form.getByLabel("Due date").fill("2099-01-31");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  await expect.poll(() => actionRows(page)).toEqual([{ title: "Kettle lid inspection", due: "2099-01-31", then: "Planned", now: "Planned", links: [n1, n2].sort() }]);

  // Edit the status; the row follows.
  await page.getByRole("button", { name: "Edit: Kettle lid inspection" }).click();
  await expect(form.getByLabel("Title")).toHaveValue("Kettle lid inspection");
  await form.getByLabel("Status").selectOption({ label: "In progress" });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("action-status-now")).toHaveText("In progress");

  // A second action, not from a row, already past its due date: marked overdue.
  await page.getByRole("button", { name: "New improvement action" }).click();
  await form.getByLabel("Title").fill("Call-back script");
  await form.getByLabel("Problem it answers").fill("Customers wait for call-backs");
  await form.getByLabel("Owner").fill("Zhao");
  await form.getByLabel("Due date").fill("2020-01-15");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("action-row")).toHaveCount(2);
  await expect(page.getByTestId("action-due").first()).toHaveText("2020-01-15 (overdue)");
  expect(await seriousViolations(page)).toEqual([]);

  // Offline reload: still there.
  await page.reload();
  await expect(page.getByTestId("action-row")).toHaveCount(2);
  await expect.poll(async () => (await actionRows(page)).map((r) => `${r.title}|${r.now}`)).toEqual(["Call-back script|Planned", "Kettle lid inspection|In progress"]);

  // ACTIONS_SHOTS=<dir>: the section (and the form) at phone, tablet and desktop widths, to look at.
  if (process.env.ACTIONS_SHOTS) {
    for (const width of [390, 1024, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByTestId("review-actions").screenshot({ path: `${process.env.ACTIONS_SHOTS}/actions-${width}.png` });
      await page.getByRole("button", { name: "Edit: Kettle lid inspection" }).click();
      await page.getByTestId("review-actions").screenshot({ path: `${process.env.ACTIONS_SHOTS}/actions-form-${width}.png` });
      await page.getByTestId("action-form").getByRole("button", { name: "Cancel" }).click();
      await page.getByTestId("review-repeat_products").screenshot({ path: `${process.env.ACTIONS_SHOTS}/repeat-${width}.png` });
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  }

  // A linked complaint opens its page.
  await page.getByTestId("action-row").filter({ hasText: "Kettle lid inspection" }).getByRole("link", { name: n1 }).click();
  await expect(page.getByTestId("detail-number")).toHaveText(n1);

  // Export everything on A, import on B: B's review shows the same actions.
  await page.getByRole("link", { name: "Data" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
  const file = { name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile(await download.path()) };
  const b = await device(browser);
  await b.page.getByRole("link", { name: "Data" }).click();
  await b.page.getByLabel("Choose batch files").setInputFiles([file]);
  await expect(b.page.getByTestId("pv-actions")).toHaveText("2");
  await b.page.getByTestId("import-run").click();
  await expect(b.page.getByTestId("import-done")).toHaveCount(1);
  await openReview(b.page, "3");
  await expect.poll(() => actionRows(b.page)).toEqual([
    { title: "Call-back script", due: "2020-01-15 (overdue)", then: "Planned", now: "Planned", links: [] },
    { title: "Kettle lid inspection", due: "2099-01-31", then: "In progress", now: "In progress", links: [n1, n2].sort() },
  ]);
  expect(a.crashes).toEqual([]);
  expect(b.crashes).toEqual([]);
  await a.context.close();
  await b.context.close();
});

test("an action made from a customer coming back links that customer's complaints", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await device(browser);
  const page = a.page;
  const n1 = await register(page, { name: "Ms. Zhou", phone: "13500135000", product: "Fan" });
  await register(page, { name: "Mr. Li", phone: "13700137000", product: "Toaster" });
  const n2 = await register(page, { name: "Ms. Zhou", phone: "135 0013 5000", product: "Heater" });
  await openReview(page, "3");
  const section = page.getByTestId("review-repeat_customers");
  await expect(section.getByRole("row")).toHaveCount(2);
  await expect(section.getByRole("row").nth(1).locator("td").first()).toHaveText("****5000");

  await section.getByRole("button", { name: "Create an improvement action: Ms. Zhou · ****5000 · 2" }).click();
  const form = page.getByTestId("action-form");
  await expect(form.getByTestId("action-problem")).toHaveText("Customer: Ms. Zhou · ****5000 · 2");
  await expect(form.getByLabel("Title")).toHaveValue("Ms. Zhou · ****5000 · 2");
  await expect(form.getByTestId("action-form-links").locator("li")).toHaveCount(2);
  await form.getByLabel("Title").fill("Call Ms. Zhou back about her appliances");
  await form.getByLabel("Owner").fill("Li Wei");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  await expect.poll(async () => (await actionRows(page)).map((r) => [r.title, r.links])).toEqual([["Call Ms. Zhou back about her appliances", [n1, n2].sort()]]);
  await expect(page.getByTestId("action-row").locator("td").first()).toHaveText("Customer: Ms. Zhou · ****5000 · 2");
  expect(await seriousViolations(page)).toEqual([]);
  expect(a.crashes).toEqual([]);
  await a.context.close();
});

/** Exports everything on a device as a batch file, ready for `setInputFiles`. */
async function exportAll(page) {
  await page.getByRole("link", { name: "Data" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
  return { name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile(await download.path()) };
}

/** Sets the owner of the action titled `title` on the Review page. */
async function setOwner(page, title, owner) {
  await page.getByRole("link", { name: "Review" }).click();
  await page.getByRole("button", { name: `Edit: ${title}` }).click();
  const form = page.getByTestId("action-form");
  await form.getByLabel("Owner").fill(owner);
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
}

test("the import preview names the action fields two devices changed at once", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await device(browser);
  await register(a.page, { name: "Mr. Li", phone: "13700137000", product: "Toaster" });
  await openReview(a.page, "1");
  await a.page.getByRole("button", { name: "New improvement action" }).click();
  const form = a.page.getByTestId("action-form");
  await form.getByLabel("Title").fill("Call-back script");
  await form.getByLabel("Problem it answers").fill("Customers wait for call-backs");
  await form.getByLabel("Owner").fill("Zhao");
  await form.getByLabel("Due date").fill("2099-01-15");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(a.page.getByTestId("action-row")).toHaveCount(1);

  const b = await device(browser);
  const pick = async (file) => {
    await b.page.getByRole("link", { name: "Data" }).click();
    await b.page.getByLabel("Choose batch files").setInputFiles([file]);
  };
  await pick(await exportAll(a.page));
  await expect(b.page.getByTestId("pv-action-conflicts")).toHaveText("0");
  await expect(b.page.getByTestId("pv-action-conflict-list")).toHaveCount(0);
  await b.page.getByTestId("import-run").click();
  await expect(b.page.getByTestId("import-done")).toHaveCount(1);

  // Each device changes the owner without seeing the other's change.
  await setOwner(a.page, "Call-back script", "Qian");
  await setOwner(b.page, "Call-back script", "Sun");
  await pick(await exportAll(a.page));
  await expect(b.page.getByTestId("pv-action-conflicts")).toHaveText("1");
  await expect(b.page.getByTestId("pv-action-conflict-list").locator("li")).toHaveText(["Call-back script · owner"]);
  expect(await seriousViolations(b.page)).toEqual([]);
  await b.page.getByTestId("import-run").click();
  await expect(b.page.getByTestId("import-done")).toHaveCount(1);
  await openReview(b.page, "1");
  await expect(b.page.getByTestId("action-conflict")).toContainText(/Qian|Sun/);
  expect(a.crashes).toEqual([]);
  expect(b.crashes).toEqual([]);
  await a.context.close();
  await b.context.close();
});

test("the actions section is in Chinese", async ({ browser }) => {
  const z = await device(browser, "zh-CN");
  await z.page.goto("/review");
  await expect(z.page.getByRole("heading", { name: "专项改进计划", level: 2 })).toBeVisible();
  await z.page.getByRole("button", { name: "新建专项改进计划" }).click();
  await expect(z.page.getByTestId("action-form").getByLabel("完成期限")).toBeVisible();
  await expect(z.page.getByTestId("action-form").getByLabel("状态")).toHaveValue("planned");
  expect(await seriousViolations(z.page)).toEqual([]);
  expect(z.crashes).toEqual([]);
  await z.context.close();
});
