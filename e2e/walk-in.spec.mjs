// The common case at a shop counter: a walk-in customer's complaint registered and the slip
// printed. Every user action (a tap, a choice, filling one field) is counted; the target is
// at most 12. Typing speed is a person's, so time is not measured here.
import { test, expect } from "./fixtures.mjs";

test("a walk-in complaint takes at most 12 interactions, slip included", async ({ page }) => {
  // The clerk has used this tablet before: "Received by" is remembered from the last form.
  await page.goto("/register");
  await page.evaluate(() => localStorage.setItem("desk.received_by", JSON.stringify("Clerk Li")));
  await page.reload();
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed ?? 0) + 1; }; });

  let interactions = 0;
  const act = async (what) => { interactions += 1; await what; };

  await act(page.getByLabel(/^Channel/).selectOption("site"));
  await act(page.getByLabel(/Customer name/).fill("Ms. Zhou"));
  await act(page.getByLabel(/^Phone/).fill("139 1234 5678"));
  await act(page.getByLabel(/Product or service/).fill("Rice cooker RC-10"));
  await act(page.getByLabel(/customer's own words/).fill("The lid does not close since last week; rice comes out half-cooked."));
  await act(page.getByRole("button", { name: "Save complaint" }).click());
  await expect(page.getByTestId("saved-number")).toHaveText(/-SITE-/);
  await act(page.getByRole("button", { name: "Print slip" }).click());
  expect(await page.evaluate(() => window.__printed)).toBe(1);

  // Received at, the first-contact owner and the optional groups needed no interaction.
  expect(interactions).toBeLessThanOrEqual(12);
  await expect(page.getByTestId("slip")).toContainText("Clerk Li");
  await expect(page.getByTestId("slip")).toContainText("Walk-in / on site");
  test.info().annotations.push({ type: "interactions", description: String(interactions) });
});

test("the counter's channel is remembered on this device, and the saved complaint opens in one tap", async ({ page }) => {
  await page.goto("/register");
  await page.evaluate(() => localStorage.setItem("desk.received_by", JSON.stringify("Clerk Li")));
  await page.reload();
  await expect(page.getByLabel(/^Channel/)).toHaveValue("phone");
  await page.getByLabel(/^Channel/).selectOption("site");
  await page.getByLabel(/Customer name/).fill("Ms. Zhou");
  await page.getByLabel(/^Phone/).fill("139 1234 5678");
  await page.getByLabel(/Product or service/).fill("Rice cooker RC-10");
  await page.getByLabel(/customer's own words/).fill("The lid does not close.");
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = await page.getByTestId("saved-number").textContent();

  await page.getByTestId("open-saved").click();
  await expect(page.getByTestId("detail-number")).toHaveText(number);

  // The next complaint on this tablet, even after a reload, starts as a walk-in.
  await page.goto("/register");
  await page.reload();
  await expect(page.getByLabel(/^Channel/)).toHaveValue("site");
});
