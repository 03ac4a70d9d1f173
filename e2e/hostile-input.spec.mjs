// Text that hides what it says (a right-to-left override, control characters, only invisible
// characters) is refused at its input on every form, with a message that says why, and nothing
// is stored.
import { test, expect } from "./fixtures.mjs";
import { openAndClassify, register, step } from "./helpers.mjs";

test("the register form refuses hidden direction controls and invisible-only values at their field", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel(/Received by/).fill("Clerk Li");
  await page.getByLabel(/Customer name/).fill("Mr. Wang\u202Egnaw");
  await page.getByLabel(/^Phone/).fill("13800138000");
  await page.getByLabel(/Product or service/).fill("\u200B\u200B");
  await page.getByLabel(/customer's own words/).fill("It\u0007 rings.");
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.locator("#customer_name-error")).toContainText("text-direction character");
  await expect(page.locator("#product-error")).not.toBeEmpty();
  await expect(page.locator("#description-error")).toContainText("control character");
  await expect(page.getByTestId("saved")).toHaveCount(0);
  await expect(page.getByLabel(/Customer name/)).toBeFocused();
});

test("a step refuses a hidden direction control at its input and stores nothing", async ({ page }) => {
  const number = await register(page, { name: "Ms. Zhou", phone: "13700001111", product: "Kettle K1" });
  await openAndClassify(page, number);
  const timeline = page.getByTestId("timeline").locator("li");
  const before = await timeline.count();
  const p = page.getByTestId("assign-panel");
  await p.getByLabel(/Handler/).fill("Lead\u202E Chen");
  await p.getByTestId("assign-submit").click();
  await expect(p.locator("#assign-handler-error")).toContainText("text-direction character");
  await expect(timeline).toHaveCount(before);
  // Corrected, it is saved.
  await step(page, "assign", async (panel) => panel.getByLabel(/Handler/).fill("Lead Chen"));
  await expect(page.getByTestId("detail-handler")).toHaveText("Lead Chen");
});
