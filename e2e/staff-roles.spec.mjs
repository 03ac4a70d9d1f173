// Roles (issue #12): staff with roles set up in Settings (refusals at their row), the acting
// person picked from the staff list and kept across reloads, "Received by" a choice of the staff,
// and a plan approved only by a manager other than its proposer.
import { test, expect } from "./fixtures.mjs";
import { openAndClassify, panel, step, seriousViolations, addPerson } from "./helpers.mjs";




test("staff with roles, the acting person, and approval by a manager other than the proposer", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/settings");
  await expect(page.getByTestId("staff-empty")).toBeVisible();
  await addPerson(page, "Clerk Li", ["Clerk"]);
  await addPerson(page, "Handler Wang", ["Handler"]);
  await addPerson(page, "Manager Sun", ["Handler", "Manager"]);

  // A person without a role, then a name already on the list, are refused at their row.
  await addPerson(page, "Temp", []);
  await page.getByTestId("save-rules").click();
  const fourth = page.getByTestId("staff-row").nth(3);
  await expect(fourth.locator(".field-error")).toHaveText("Tick at least one role for this person.");
  await expect(fourth.getByLabel("Name")).toBeFocused();
  await fourth.getByLabel("Name").fill("handler  wang");
  await fourth.getByLabel("Clerk", { exact: true }).check();
  await page.getByTestId("save-rules").click();
  await expect(fourth.locator(".field-error")).toHaveText("This person is on the list twice.");
  expect(await seriousViolations(page)).toEqual([]);
  await fourth.getByTestId("staff-remove").click();
  await expect(page.getByTestId("staff-row")).toHaveCount(3);
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");

  // "Received by" is a choice of the staff, with their roles.
  await page.goto("/register");
  const owner = page.getByLabel(/Received by/);
  await expect(owner.locator("option", { hasText: "Manager Sun — Handler, Manager" })).toHaveCount(1);
  await owner.selectOption("Clerk Li");
  await page.getByLabel(/Customer name/).fill("Mr. Zhang");
  await page.getByLabel(/^Phone/).fill("13800138000");
  await page.getByLabel(/Product or service/).fill("Air conditioner");
  await page.getByLabel(/customer's own words/).fill("Cools badly.");
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = await page.getByTestId("saved-number").textContent();

  // The handler works the complaint and proposes the plan.
  await openAndClassify(page, number);
  const acting = page.getByLabel("Acting as");
  await expect(acting).toHaveValue("Clerk Li");
  await acting.selectOption("Handler Wang");
  await step(page, "assign", (p) => p.getByLabel(/Handler/).fill("Handler Wang"));
  await step(page, "investigate");
  await step(page, "step", async (p) => {
    await p.getByLabel("What will be done").fill("An engineer visits within 3 days.");
    await p.getByLabel(/^Owner/).fill("Handler Wang");
  });
  await step(page, "propose");
  await expect(page.getByTestId("detail-status")).toHaveText("Plan proposed");
  await expect(page.getByTestId("timeline")).toContainText("Handler Wang");

  // The approver is the acting person: the proposer cannot approve the plan.
  const approve = await panel(page, "approve");
  const approver = approve.getByLabel("Approved by");
  await expect(approver).toHaveValue("Handler Wang");
  await approve.getByTestId("approve-submit").click();
  await expect(approve.locator("#approve-approver-error")).toHaveText(
    "The plan must be approved by a manager other than the person who proposed it.",
  );
  await expect(approver).toBeFocused();
  // Someone else without the manager role cannot either.
  await approver.selectOption("Clerk Li");
  await expect(acting).toHaveValue("Clerk Li");
  await approve.getByTestId("approve-submit").click();
  await expect(approve.locator("#approve-approver-error")).toHaveText(
    "Only a manager can approve a plan: this person does not have the manager role.",
  );
  expect(await seriousViolations(page)).toEqual([]);
  // A manager can; changing the acting person above changes the approver too.
  await acting.selectOption("Manager Sun");
  await expect(approver).toHaveValue("Manager Sun");
  await approve.getByTestId("approve-submit").click();
  await expect(page.getByTestId("response-panel")).toBeVisible();

  // The acting person is kept on this device.
  await page.reload();
  await expect(page.getByLabel("Acting as")).toHaveValue("Manager Sun");
});

test("the staff editor fits phones, tablets and laptops, and works by keyboard", async ({ page }) => {
  await page.goto("/settings");
  await page.getByTestId("staff-add").click();
  // The new row's name has the focus; tab goes through its role boxes to its remove button.
  await page.keyboard.type("Clerk Li");
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("staff-row").getByLabel("Clerk", { exact: true })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("staff-row").getByLabel("Clerk", { exact: true })).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Remove Clerk Li" })).toBeFocused();
  await page.getByTestId("staff-add").click();
  await page.keyboard.type("After-sales manager Sun");
  for (const width of [390, 1024, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    const editor = page.getByTestId("staff-editor");
    await editor.scrollIntoViewIfNeeded();
    // Nothing sticks out to the right.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `at ${width} px`).toBeLessThanOrEqual(0);
    const box = await editor.boundingBox();
    expect(box.x + box.width, `at ${width} px`).toBeLessThanOrEqual(width);
    await editor.screenshot({ path: test.info().outputPath(`staff-editor-${width}.png`) });
  }
});
