// A returning customer (same phone) is recognised while the phone is typed on the Register
// form, with their earlier complaints one tap away; an anonymous customer is registered without
// a name and the slip says "Anonymous customer" instead of an empty row.
import { test, expect } from "./fixtures.mjs";
import { register, seriousViolations } from "./helpers.mjs";

test("a returning customer's earlier complaints show while the phone is typed, each one tap away", async ({ page }) => {
  const first = await register(page, { name: "Mr. Qian", phone: "137 2468 1357", product: "Kettle K1" });
  const second = await register(page, { name: "Mr. Qian", phone: "13724681357", product: "Toaster T2" });

  await page.goto("/register");
  const phone = page.getByLabel(/^Phone/);
  const notice = page.getByTestId("returning");
  await expect(notice).toHaveAttribute("role", "status");
  // Written another way, the same digits: both earlier complaints, newest first.
  await phone.fill("137-2468-1357");
  await expect(notice).toContainText("Returning customer — earlier complaints: 2");
  await expect(notice.getByRole("link")).toHaveText([second, first]);
  await expect(notice).toContainText("Toaster T2");
  expect(await seriousViolations(page)).toEqual([]);

  // Another phone: nothing, also once the lookup for it has answered.
  await phone.fill("137 2468 1358");
  await expect(notice).toHaveText("");
  await phone.fill("137 2468 135");
  await phone.fill("137 2468 1359");
  await expect(notice).toHaveText("");

  await phone.fill("137 2468 1357");
  await notice.getByRole("link", { name: first }).click();
  await expect(page.getByTestId("detail-number")).toHaveText(first);
});

/** Saves the Register form (its button named `save`), then expects `anonymous` where the
 * customer's name would be: the slip, the complaint page, its printed feedback form, the list. */
async function savedAsAnonymous(page, save, anonymous) {
  await page.getByRole("button", { name: save }).click();
  await expect(page.getByTestId("saved-number")).toBeVisible();
  await expect(page.getByTestId("slip-customer")).toHaveText(anonymous);
  const number = await page.getByTestId("saved-number").textContent();
  await page.getByTestId("open-saved").click();
  await expect(page.getByTestId("detail-customer")).toContainText(anonymous);
  await page.getByTestId("feedback-form-link").click();
  await expect(page.getByTestId("feedback-form")).toContainText(anonymous);
  await page.goto("/complaints");
  const card = page.getByTestId("complaint-card").filter({ hasText: number });
  await expect(card.locator(".customer")).toHaveText(anonymous);
}

test("an anonymous customer is registered without a name; the slip says Anonymous customer", async ({ page }) => {
  await page.goto("/register");
  await page.evaluate(() => localStorage.setItem("desk.received_by", JSON.stringify("Clerk Li")));
  await page.reload();
  const name = page.getByLabel(/Customer name/);
  const anonymous = page.getByLabel(/^Anonymous/);
  // Beside the name, not folded away in "More about the customer".
  await expect(anonymous).toBeVisible();
  await expect(page.locator("#more-customer #anonymous")).toHaveCount(0);
  await expect(name).toHaveAttribute("aria-required", "true");
  await anonymous.check();
  await expect(name).toHaveAttribute("aria-required", "false");
  await expect(page.locator('label[for="customer_name"]')).toHaveText("Customer name");

  await page.getByLabel(/Product or service/).fill("Rice cooker RC-10");
  await page.getByLabel(/customer's own words/).fill("The lid does not close.");
  // The complaint page, its printed feedback form and the list say so too, never an empty name.
  await savedAsAnonymous(page, "Save complaint", "Anonymous customer");
});

test("in Chinese an anonymous customer is 匿名客户 on the slip, the complaint, the feedback form and the list", async ({ page }) => {
  await page.goto("/register");
  await page.evaluate(() => localStorage.setItem("desk.received_by", JSON.stringify("李文员")));
  await page.reload();
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登记投诉");
  await page.getByLabel(/^匿名/).check();
  await page.getByLabel(/涉及产品\/服务/).fill("电饭煲 RC-10");
  await page.getByLabel(/问题描述/).fill("锅盖合不上。");
  await savedAsAnonymous(page, "保存投诉", "匿名客户");
});
