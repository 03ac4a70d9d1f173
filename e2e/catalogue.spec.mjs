// The complaint types, their sub-types and the severity scheme are the working rules' (SPEC §4):
// a type the supervisor adds in Settings is offered when classifying, with its sub-types, named
// as the supervisor named it, and in the list's filter.
import { test, expect } from "./fixtures.mjs";
import { register } from "./helpers.mjs";

test("a type added in Settings is offered with its sub-types and a severity, and named as configured", async ({ page }) => {
  await page.goto("/settings");
  const types = page.getByLabel("Complaint types and sub-types");
  await expect(types).toHaveValue(/product_quality: Product quality \/ 产品质量/);
  await types.fill(`${await types.inputValue()}\ndelivery: Delivery / 配送 | late: Late delivery / 延迟送达, damaged: Damaged in transit / 运输损坏`);
  // A malformed line is refused with its line number; nothing is saved.
  await types.fill(`${await types.inputValue()}\nBad Code: x`);
  await page.getByTestId("save-rules").click();
  await expect(page.locator("#settings-types-error")).toContainText("line 7");
  await types.fill((await types.inputValue()).replace("\nBad Code: x", ""));
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");

  const number = await register(page, { name: "Ms. He", phone: "13600001111", product: "Sofa" });
  await page.goto("/complaints");
  await expect(page.locator("#type-filter option", { hasText: "Delivery" })).toHaveCount(1);
  await page.getByRole("link", { name: number }).click();
  const classify = page.getByTestId("classify-panel");
  await classify.getByLabel("Complaint type").selectOption("delivery");
  const sub = classify.getByLabel("Sub-type");
  await expect(sub.locator("option")).toHaveText(["—", "Late delivery", "Damaged in transit"]);
  await sub.selectOption("damaged");
  await classify.getByLabel("Severity").selectOption({ index: 2 });
  await classify.getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("detail-status")).toHaveText("Classified");
  await expect(page.getByTestId("detail-type")).toHaveText("Delivery");
  // Re-classifying starts from what was recorded, sub-type included.
  const again = page.getByTestId("classify-panel");
  await again.locator("summary").click();
  await expect(again.getByLabel("Sub-type")).toHaveValue("damaged");
});
