// Saving one step of a complaint must not cost the clerk what was typed elsewhere on the page:
// the other panels keep their text and stay open, the saved panel confirms next to its button
// and starts again empty, and the keyboard focus stays on the panel that was used.
import { test, expect } from "./fixtures.mjs";
import { openAndClassify, panel, register, step } from "./helpers.mjs";

test("saving a step keeps what was typed in the other panels, their state and the focus", async ({ page }) => {
  const number = await register(page, { name: "Ms. Qian", phone: "13900001111", product: "Rice cooker RC-2" });
  await openAndClassify(page, number);

  // Half-typed text in a folded record the clerk opened, and in an open next step.
  const contact = await panel(page, "contact");
  await contact.getByLabel("What was said").fill("Called back, she will send a photo of the lid");
  const correction = page.getByTestId("customer-panel");
  await panel(page, "customer");
  await correction.getByLabel(/Customer name/).fill("Ms. Qian Li");

  // Save a different step.
  await step(page, "assign", async (p) => p.getByLabel(/Handler/).fill("After-sales lead Chen"));
  await expect(page.getByTestId("detail-handler")).toHaveText("After-sales lead Chen");

  // Nothing typed elsewhere was lost, and the folded panels the clerk opened are still open.
  await expect(contact.getByLabel("What was said")).toHaveValue("Called back, she will send a photo of the lid");
  await expect(correction.getByLabel(/Customer name/)).toHaveValue("Ms. Qian Li");
  await expect(correction).toHaveAttribute("open", "");
  // The page did not go back to "Loading…".
  await expect(page.getByRole("status").filter({ hasText: "Loading…" })).toHaveCount(0);

  // Now save the contact itself: it confirms next to its button, starts again empty, and the
  // focus is on its button, not lost at the top of the page.
  await contact.getByLabel("Result").selectOption("reached");
  await contact.getByTestId("contact-submit").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("case-contacts")).toContainText("photo of the lid");
  const fresh = page.getByTestId("contact-panel");
  await expect(fresh.getByTestId("contact-saved")).toHaveText("Saved.");
  await expect(fresh.getByLabel("What was said")).toHaveValue("");
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id ?? ""))
    .toBe("contact-submit");
  // The correction typed earlier is still there after a second save.
  await expect(correction.getByLabel(/Customer name/)).toHaveValue("Ms. Qian Li");
});
