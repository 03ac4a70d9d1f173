// Settings: the working rules (staff, routing, SLA preset, business calendar with holidays and
// make-up days, templates, number format) are checked, saved on the device and used.
import { test, expect } from "./fixtures.mjs";
import { addPerson, openAndClassify, panel, register } from "./helpers.mjs";

const at = (local) => new Date(`${local}+08:00`);


test("working rules are checked, kept, and move the deadlines", async ({ page, context }) => {
  await page.clock.install({ time: at("2023-10-01T09:30:00") });
  await page.goto("/settings");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);

  await addPerson(page, "Clerk Li", ["Clerk"]);
  await addPerson(page, "After-sales lead Chen", ["Handler", "Manager"]);
  await addPerson(page, "Engineer Zhao", ["Handler"]);
  await page.getByLabel("Time limits").selectOption("seed_004");
  await page.getByLabel("Product quality").selectOption("technical");
  // A wrong holiday line and a number format without the device code are refused at their fields.
  await page.getByLabel("Public holidays").fill("2023-10-01\nNational Day");
  await page.getByTestId("save-rules").click();
  await expect(page.locator("#settings-holidays-error")).toContainText("line 2");
  await expect(page.getByLabel("Public holidays")).toBeFocused();
  // The official list of the year being edited (2023 here), with its source; added on "Add",
  // once the dates typed in the form read.
  await expect(page.getByLabel("Official list for mainland China")).toHaveValue("2023");
  await expect(page.getByTestId("holidays-source")).toContainText("国办发明电〔2022〕16号");
  await page.getByTestId("holidays-official").click();
  await expect(page.getByTestId("holidays-year")).toHaveCount(2); // 2022-12-31 opens the 2023 New Year holiday
  await page.getByTestId("holidays-apply").click();
  await expect(page.getByTestId("holidays-error")).toHaveText("Write dates as 2023-10-01 or ranges as 2023-09-29..2023-10-06.");
  await page.getByLabel("Public holidays").fill("2023-10-01");
  await page.getByTestId("holidays-apply").click();
  await expect(page.getByTestId("holidays-applied")).toContainText("Save the working rules");
  await expect(page.getByLabel("Public holidays")).toHaveValue(/2023-09-29\.\.2023-10-06/);
  await page.getByLabel("Number format").fill("{YYYY}{MM}{DD}-{SEQ:3}");
  await page.getByTestId("save-rules").click();
  await expect(page.locator("#settings-number_mask-error")).toContainText("{DEV}");
  await page.getByLabel("Number format").fill("{YY}{MM}{DD}/{CH}/{DEV}/{SEQ:4}");
  await expect(page.getByTestId("mask-preview")).toContainText("231001/TEL/K7A/0003");
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");

  // Kept after a reload, offline.
  await page.reload();
  await expect(page.getByLabel("Time limits")).toHaveValue("seed_004");
  await expect(page.getByLabel("Make-up working days (调休)")).toHaveValue(/2023-10-07\.\.2023-10-08$/);
  const names = await page.getByTestId("staff-name").evaluateAll((inputs) => inputs.map((i) => i.value));
  expect(names).toEqual(["Clerk Li", "After-sales lead Chen", "Engineer Zhao"]);
  await expect(page.getByTestId("staff-row").nth(1).getByLabel("Manager", { exact: true })).toBeChecked();

  // A complaint phoned in on National Day: 3 working days count from the make-up Saturday.
  await page.goto("/register");
  await page.getByLabel(/Received by/).selectOption("Clerk Li");
  await page.getByLabel(/Customer name/).fill("Mr. Zhang");
  await page.getByLabel(/^Phone/).fill("13800138000");
  await page.getByLabel(/Product or service/).fill("Air conditioner");
  await page.getByLabel(/customer's own words/).fill("Cools badly.");
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByTestId("saved-number")).toHaveText(/^231001\/TEL\/[A-Z0-9]{3}\/0001$/);
  await expect(page.getByTestId("slip-deadline")).toHaveText("2023-10-09 18:00");

  // Routing follows the new table; staff names are offered.
  const number = await page.getByTestId("saved-number").textContent();
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  const classify = page.getByTestId("classify-panel");
  await classify.getByLabel("Complaint type").selectOption("product_quality");
  await classify.getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("case-department")).toHaveText("Technical team");
  await expect(page.locator("#staff-list option")).toHaveCount(3);
  await expect(page.locator("#assign-handler")).toHaveAttribute("list", "staff-list");
  await context.setOffline(false);
});

test("the language is also chosen on the Settings page, and another tab picks up saved rules", async ({ context }) => {
  const page = await context.newPage();
  await page.goto("/settings");
  await page.getByTestId("settings-language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "设置" })).toBeVisible();
  await expect(page.getByTestId("language-switch")).toHaveValue("zh-CN");
  await page.getByTestId("settings-language").selectOption("en");

  // A second tab, open before the rules change, uses them for its next step.
  const other = await context.newPage();
  await other.goto("/register");
  await expect(other.getByLabel(/Received by/)).toBeVisible();
  await page.getByLabel("Number format").fill("{YYYY}{MM}{DD}.{DEV}.{SEQ:2}");
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toBeVisible();
  await other.getByLabel(/Received by/).fill("Clerk Li");
  await other.getByLabel(/Customer name/).fill("Mr. Wang");
  await other.getByLabel(/^Phone/).fill("13800138000");
  await other.getByLabel(/Product or service/).fill("Kettle");
  await other.getByLabel(/customer's own words/).fill("Leaks.");
  await other.getByRole("button", { name: "Save complaint" }).click();
  await expect(other.getByTestId("saved-number")).toHaveText(/^\d{8}\.[A-Z0-9]{3}\.01$/);
});

test("message templates come in the interface's language, and their English text is a working rule", async ({ page }) => {
  await page.goto("/settings");
  // The shipped English text stands beside the seed's Chinese one.
  const english = page.getByLabel("First soothing line, in English");
  await expect(english).toHaveValue(/^\{customer_title\}, we are very sorry/);
  await english.fill("Dear {name}, sorry.");
  await page.getByTestId("save-rules").click();
  await expect(page.locator("#settings-template_en_soothe-error")).toHaveText("The template uses an unknown placeholder.");
  await expect(english).toBeFocused();
  await english.fill("Dear {customer_title}, your complaint number is {number}.");
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");

  const number = await register(page, { name: "Mr. Zhang", phone: "13800138000", product: "Air conditioner" });
  await openAndClassify(page, number);
  const contact = await panel(page, "contact");
  await contact.locator("#contact-template").selectOption("soothe");
  await expect(contact.locator("#contact-summary")).toHaveValue(`Dear Mr. Zhang, your complaint number is ${number}.`);
  await contact.locator("#contact-template").selectOption("result");
  await expect(contact.locator("#contact-summary")).toHaveValue(`Hello Mr. Zhang, your complaint (number ${number}) has been resolved. If anything else comes up, please contact us at any time.`);
  // In Chinese the same template is the seed's Chinese text.
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await contact.locator("#contact-template").selectOption("soothe");
  await expect(contact.locator("#contact-summary")).toHaveValue(new RegExp(`^Mr\\. Zhang，非常抱歉.*${number}`));
});
