// Shared steps of the end-to-end tests.
import { expect } from "@playwright/test";

/** Registers a complaint through the form and returns its number. */
export async function register(page, { name, phone, product, receivedBy = "Clerk Li" }) {
  await page.goto("/register");
  const owner = page.getByLabel(/Received by/);
  await expect(owner).toBeVisible();
  if (!(await owner.inputValue())) await owner.fill(receivedBy);
  await page.getByLabel(/Customer name/).fill(name);
  await page.getByLabel(/^Phone/).fill(phone);
  await page.getByLabel(/Product or service/).fill(product);
  await page.getByLabel(/customer's own words/).fill(`${product} does not work.`);
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = page.getByTestId("saved-number");
  await expect(number).toBeVisible();
  return number.textContent();
}
