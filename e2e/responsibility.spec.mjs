// Responsibility (SPEC §5): shares that add up to 100, an arbitration ruling, and the outcome
// per party, shown in the case file and on the printed feedback form.
import { test, expect } from "./fixtures.mjs";
import { panel, register, step } from "./helpers.mjs";

test("responsibility shares, arbitration and outcomes are recorded and checked", async ({ page }) => {
  const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Air conditioner" });
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  await page.getByTestId("classify-panel").getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("detail-status")).toHaveText("Classified");

  // Shares that do not add up to 100 are refused at the field; nothing is stored.
  const shares = await panel(page, "shares");
  await shares.getByLabel("Shares", { exact: true }).fill("Installation team: 70\nProduct quality: 20");
  await shares.getByTestId("shares-submit").click();
  await expect(shares.locator("#shares-shares-error")).toHaveText("Responsibility shares must add up to 100 %.");
  await expect(shares.getByLabel("Shares", { exact: true })).toBeFocused();
  await shares.getByLabel("Shares", { exact: true }).fill("Installation team 70");
  await shares.getByTestId("shares-submit").click();
  await expect(shares.locator("#shares-shares-error")).toContainText("one “party: percent” per line");
  await step(page, "shares", (p) => p.getByLabel("Shares", { exact: true }).fill("Installation team: 70\nProduct quality: 30"));
  await expect(page.getByTestId("case-shares")).toHaveText("Installation team 70% · Product quality 30%");

  await step(page, "arbitration", async (p) => {
    await p.getByLabel("Decided by (management)").fill("Director Sun");
    await p.getByLabel("Ruling").fill("The installer mounted the unit wrongly; the product is fine.");
    await p.getByLabel("Shares", { exact: true }).fill("Installation team: 100");
  });
  await expect(page.getByTestId("case-arbitration")).toContainText("Director Sun");
  await expect(page.getByTestId("case-shares")).toHaveText("Installation team 100%");

  await step(page, "outcomes", async (p) => {
    await p.getByRole("group", { name: "Installation team" }).getByLabel("Outcome").selectOption("penalty");
    await p.getByRole("group", { name: "Installation team" }).getByLabel("Note").fill("Retraining");
  });
  await expect(page.getByTestId("case-outcomes")).toContainText("Installation team: Penalty (Retraining)");
  await page.getByTestId("feedback-form-link").click();
  await expect(page.getByTestId("form-assessment")).toContainText("Installation team: Penalty");
});
