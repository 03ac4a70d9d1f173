// The Complaints list: search, order, filters and deadlines, in the release build.
import { test, expect } from "./fixtures.mjs";
import { panel, register, step } from "./helpers.mjs";

test("search, order and filters find the right complaints", async ({ page }) => {
  const wang = await register(page, { name: "王先生", phone: "138 0013 8000", product: "Air conditioner" });
  const li = await register(page, { name: "Li Na", phone: "021-5555-1234", product: "Washing machine" });
  const zhao = await register(page, { name: "Zhao Lei", phone: "139 1111 2222", product: "Router" });

  await page.getByRole("link", { name: "Complaints" }).click();
  const list = page.getByTestId("complaint-list");
  const numbers = () => list.locator(".complaint-number").allTextContents();
  await expect(list.getByTestId("complaint-card")).toHaveCount(3);
  await expect(page.getByTestId("count")).toContainText("3");
  // Every new complaint has a running deadline, shown in words.
  await expect(list.getByTestId("due").first()).toContainText(/due in \d/);
  await expect(list.locator(".status").first()).toHaveText("Registered");

  await page.getByLabel("Order").selectOption("newest");
  await expect.poll(numbers).toEqual([zhao, li, wang]);

  const search = page.getByLabel("Search by number, phone, customer name or product");
  await search.fill("021555");
  await expect.poll(numbers).toEqual([li]);
  await search.fill("li");
  await expect.poll(numbers).toEqual([li]);
  await search.fill(zhao.slice(0, zhao.length - 1));
  await expect.poll(numbers).toContain(zhao);
  await search.fill("wash");
  await expect.poll(numbers).toEqual([li]);
  await search.fill("nobody");
  await expect(page.getByTestId("no-match")).toBeVisible();
  await search.fill("");

  await page.getByLabel("Status", { exact: true }).selectOption("closed");
  await expect(page.getByTestId("no-match")).toBeVisible();
  await page.getByLabel("Status", { exact: true }).selectOption("registered");
  await expect(list.getByTestId("complaint-card")).toHaveCount(3);
  await page.getByLabel("Overdue only").check();
  await expect(page.getByTestId("no-match")).toBeVisible();
  await page.getByLabel("Overdue only").uncheck();
  await expect(list.getByTestId("complaint-card")).toHaveCount(3);

  // Type, urgency, department and device filters read what classification recorded.
  await list.getByRole("link", { name: li }).click();
  const classify = page.getByTestId("classify-panel");
  await classify.getByLabel("Complaint type").selectOption("billing");
  await classify.getByLabel("Urgency").selectOption("urgent");
  await classify.getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("detail-status")).toHaveText("Classified");
  await page.getByRole("link", { name: "Complaints" }).click();
  await page.getByLabel("Complaint type").selectOption("billing");
  await expect.poll(numbers).toEqual([li]);
  await page.getByLabel("Complaint type").selectOption("");
  await page.getByLabel("Urgency").selectOption("urgent");
  await expect.poll(numbers).toEqual([li]);
  await page.getByLabel("Urgency").selectOption("");
  await page.getByLabel("Responsible department").selectOption("finance");
  await expect.poll(numbers).toEqual([li]);
  await page.getByLabel("Responsible department").selectOption("after_sales");
  await expect(page.getByTestId("no-match")).toBeVisible();
  await page.getByLabel("Responsible department").selectOption("");
  await page.getByLabel("Device").selectOption({ label: "This device" });
  await expect(list.getByTestId("complaint-card")).toHaveCount(3);

  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.getByLabel("状态", { exact: true })).toBeVisible();
  // Every filter's "all" follows the language at once, the urgency's (a placeholder option) too.
  await expect(page.getByLabel("紧急程度").locator("option").first()).toHaveText("全部");
  await expect(page.getByLabel("责任部门").locator("option").first()).toHaveText("全部");
  await expect(list).toContainText("已登记");
  await expect(list).toContainText("已分类");
});

test("a complaint's detail shows its deadlines and timeline, offline too", async ({ page, context }) => {
  const number = await register(page, { name: "王先生", phone: "138 0013 8000", product: "Air conditioner" });
  await page.getByRole("link", { name: "Complaints" }).click();
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByTestId("detail-number")).toHaveText(number);
  await expect(page.getByTestId("detail-status")).toHaveText("Registered");
  await expect(page.getByTestId("detail-owner")).toHaveText("Clerk Li");
  const clocks = page.getByTestId("clocks");
  await expect(clocks).toContainText("First contact with the customer");
  await expect(clocks).toContainText("Resolution");
  await expect(clocks).toContainText("Running");
  const timeline = page.getByTestId("timeline");
  await expect(timeline.locator("li")).toHaveCount(1);
  await expect(timeline).toContainText("Registered");
  await expect(timeline).toContainText("Clerk Li");

  // The deep link works offline (the shell is cached) and in Chinese.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const url = page.url();
  await context.setOffline(true);
  await page.goto(url);
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.getByTestId("timeline")).toContainText("登记");
  await expect(page.getByTestId("clocks")).toContainText("首次联系客户");
  await context.setOffline(false);

  await page.goto("/complaints/NO-SUCH-ID");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("本设备上没有这条投诉。");
});

test("a complaint is classified offline from its detail page", async ({ page, context }) => {
  const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Air conditioner" });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.getByRole("link", { name: "Complaints" }).click();
  await page.getByRole("link", { name: number }).click();
  const panel = page.getByTestId("classify-panel");
  await panel.getByLabel("Complaint type").selectOption("product_quality");
  await panel.getByLabel("Urgency").selectOption("urgent");
  await panel.getByRole("button", { name: "Save classification" }).click();

  await expect(page.getByTestId("detail-status")).toHaveText("Classified");
  await expect(page.getByTestId("detail-type")).toHaveText("Product quality");
  await expect(page.getByTestId("detail-urgency")).toHaveText("Urgent — within 24 hours");
  const timeline = page.getByTestId("timeline");
  await expect(timeline.locator("li")).toHaveCount(3);
  await expect(timeline).toContainText("Type set");
  await expect(timeline).toContainText("Urgency set");
  await expect(timeline).toContainText("→ Classified ·");
  await expect(timeline).toContainText("Status changed");

  // The list shows the new status after a reload, still offline.
  await page.reload();
  await page.getByRole("link", { name: "‹ Back to the list" }).click();
  await expect(page.getByTestId("complaint-list").locator(".status").first()).toHaveText("Classified");
  await context.setOffline(false);
});

test("the registration slip prints alone, with the number and the expected deadline", async ({ page }) => {
  const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Air conditioner" });
  const slip = page.getByTestId("slip");
  await expect(slip).toContainText(number);
  await expect(slip).toContainText("Air conditioner");
  await expect(page.getByTestId("slip-deadline")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  await expect(slip).toContainText("Clerk Li");

  await page.emulateMedia({ media: "print" });
  await expect(slip).toBeVisible();
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print slip" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeHidden();
  const pdf = await page.pdf({ format: "A5" });
  expect(pdf.length).toBeGreaterThan(1000);
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Print slip" })).toBeVisible();
});

test("the optional groups of the register form record every SPEC field, with errors that open their group", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel(/Received by/).fill("Clerk Li");
  await page.getByLabel(/Customer name/).fill("Mr. Sun");
  await page.getByLabel(/Product or service/).fill("Washing machine");
  await page.getByLabel(/customer's own words/).fill("It leaks water on every wash.");
  // The groups start folded.
  await expect(page.locator("#more-customer")).not.toHaveAttribute("open", "");
  await page.locator("#more-customer summary").click();
  await page.getByLabel("Email").fill("sun@example");
  await page.locator("#more-customer summary").click();
  await page.getByRole("button", { name: "Save complaint" }).click();
  // The email error opens its group again and takes the focus; nothing was saved.
  await expect(page.locator("#more-customer")).toHaveAttribute("open", "");
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.locator("#customer_email-error")).not.toBeEmpty();
  await expect(page.getByTestId("saved")).toHaveCount(0);

  await page.getByLabel("Email").fill("sun@example.com");
  await page.getByLabel("Company (business customers)").fill("Sun Laundry Ltd.");
  await page.locator("#more-incident summary").click();
  await page.getByLabel("Model").fill("WM-8000");
  await page.getByLabel("Order or reference number").fill("SO-2026-1125");
  await page.getByLabel("Exchange").check();
  await page.getByLabel("Customer's emotion").selectOption("angry");
  await page.locator("#more-nature summary").click();
  await page.getByLabel("Request type").selectOption("after_sales_support");
  await page.getByLabel("Nature of the complaint").selectOption("major");
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = await page.getByTestId("saved-number").textContent();

  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByTestId("detail-customer")).toContainText("sun@example.com");
  await expect(page.getByTestId("detail-customer")).toContainText("Sun Laundry Ltd.");
  await expect(page.getByTestId("detail-product")).toContainText("WM-8000");
  await page.getByTestId("feedback-form-link").click();
  await expect(page.getByTestId("feedback-form").locator(".ticked", { hasText: "Major" })).toBeVisible();
});

test("registered details are corrected with field-level errors, and the old values stay in the history", async ({ page }) => {
  const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Kettle" });
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  const p = await panel(page, "customer");
  await p.getByLabel("Phone", { exact: true }).fill("12ab");
  await p.getByTestId("customer-submit").click();
  await expect(p.locator("#customer-customer_phone-error")).not.toBeEmpty();
  await expect(p.getByLabel("Phone", { exact: true })).toBeFocused();
  await expect(page.getByTestId("detail-customer")).toContainText("138 0013 8000");
  await step(page, "customer", (q) => q.getByLabel("Phone", { exact: true }).fill("139 2222 3333"));
  await expect(page.getByTestId("detail-customer")).toContainText("139 2222 3333");
  await step(page, "incident", (q) => q.getByLabel("Model").fill("K-1700"));
  await expect(page.getByTestId("detail-product")).toContainText("K-1700");
  await expect(page.getByTestId("timeline")).toContainText("Customer");
  await expect(page.getByTestId("timeline")).toContainText("Complaint details corrected");
});
