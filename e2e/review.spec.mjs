// The Review page (issue #15, SPEC §11): a small known set registered and classified through
// the UI, then the month's figures on the page, after a filter, and in the CSV downloads —
// the page and the files must say the same. Works offline.
import { test, expect } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";
import { register, openAndClassify } from "./helpers.mjs";

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const bytes = await readFile(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  return { name: file.suggestedFilename(), lines: text.split("\r\n").filter((l) => l !== "") };
}

/** A section's table as rows of cell texts (header row first). */
async function tableOf(page, key) {
  const rows = page.getByTestId(`review-${key}`).locator("tr");
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
}

/** The summary's value for a figure. */
async function figure(page, name) {
  const row = page.getByTestId("review-summary").locator("tr", { has: page.getByRole("rowheader", { name, exact: true }) });
  return row.locator("td").textContent();
}

test("a month's review shows the registered set, filters it, and exports the same figures", async ({ page, context }) => {
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  const a = await register(page, { name: "王先生", phone: "138 0013 8000", product: "空调 KF-35" });
  const b = await register(page, { name: "Ms. Chen", phone: "13800138000", product: "空调 kf-35 " });
  await register(page, { name: "Mr. Li", phone: "13900139000", product: "Kettle" });
  await openAndClassify(page, a, { type: "product_quality", urgency: "urgent" });
  await openAndClassify(page, b, { type: "billing", urgency: "normal" });

  await page.getByRole("link", { name: "Review" }).click();
  await expect(page.getByRole("heading", { name: "Review", level: 1 })).toBeVisible();
  await expect.poll(() => figure(page, "Received")).toBe("3");
  expect(await figure(page, "Registered late")).toBe("0");
  expect(await figure(page, "Customers who came back / their complaints")).toBe("1 / 2");
  expect(await figure(page, "Open and overdue now")).toBe("0");

  const byType = await tableOf(page, "by_type");
  expect(byType[0]).toEqual(["Type", "Complaints", "Share"]);
  expect(byType.slice(1).map((r) => r.join("|")).sort()).toEqual(
    ["Billing dispute|1|33.3 %", "Not set yet|1|33.3 %", "Product quality|1|33.3 %"],
  );
  const products = await tableOf(page, "by_product");
  expect(products[1]).toEqual(["空调 kf-35", "2", "66.7 %"]);
  expect(await tableOf(page, "repeat_products")).toEqual([["Product", "Complaints", "Share", "Actions"], ["空调 kf-35", "2", "66.7 %", "Create an improvement action"]]);
  // The customer coming back: named as on the first complaint, the phone masked to its tail.
  const customers = await tableOf(page, "repeat_customers");
  expect(customers).toEqual([["Customer", "Phone (last digits)", "Complaints", "Complaint numbers", "Actions"], ["王先生", "****8000", "2", `${a} ${b}`, "Create an improvement action"]]);
  expect(await page.getByTestId("review-repeat_customers").textContent()).not.toContain("13800138000");
  // Printed too (the button column is not).
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("review-repeat_customers").getByRole("rowheader", { name: "王先生" })).toBeVisible();
  await expect(page.getByTestId("review-repeat_customers").getByTestId("action-from-row")).toBeHidden();
  await page.emulateMedia({ media: "screen" });
  const matrix = await tableOf(page, "matrix");
  // Two classified categories, each a third of the month: high frequency; one urgent, one normal.
  expect(matrix[1]).toEqual(["High (≥ 20 %)", "1", "1", "0"]);
  const onTime = await tableOf(page, "on_time");
  expect(onTime.find((r) => r[0] === "Registration / acceptance")).toEqual(["Registration / acceptance", "3", "0", "0", "0", "100.0 %"]);
  const backlog = await tableOf(page, "backlog");
  expect(backlog[1]).toEqual(["Under 1 day", "3"]);

  // The CSV of one table is the table on the page.
  const csv = await download(page, () => page.getByTestId("review-by_product").getByRole("button", { name: "CSV" }).click());
  expect(csv.name).toMatch(/^review-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}-by_product\.csv$/);
  expect(csv.lines).toEqual(products.map((r) => r.join(",")));

  // Every table in one file, under the period line the print head shows.
  const all = await download(page, () => page.getByRole("button", { name: "Export all tables as CSV" }).click());
  const heading = await page.getByTestId("review-heading").textContent();
  expect(all.lines[0]).toBe(heading);
  expect(all.lines).toContain("Received,3");
  expect(all.lines).toContain("空调 kf-35,2,66.7 %");
  expect(all.lines).toContain(customers[1].slice(0, 4).join(","));
  const customersCsv = await download(page, () => page.getByTestId("review-repeat_customers").getByRole("button", { name: "CSV" }).click());
  expect(customersCsv.lines).toEqual(customers.map((r) => r.slice(0, 4).join(",")));

  // Filtering by channel (a typed choice; "All" is no filter): none came by letter.
  await page.getByLabel("Channel", { exact: true }).selectOption("letter");
  await expect.poll(() => figure(page, "Received")).toBe("0");
  expect(await page.getByTestId("review-heading").textContent()).toContain("Channel: Letter");
  await page.getByLabel("Channel", { exact: true }).selectOption("");
  await expect.poll(() => figure(page, "Received")).toBe("3");

  // Filtering by type: only the billing complaint.
  await page.getByLabel("Type", { exact: true }).selectOption("billing");
  await expect.poll(() => figure(page, "Received")).toBe("1");
  expect(await page.getByTestId("review-heading").textContent()).toContain("Type: Billing dispute");
  expect((await tableOf(page, "by_department"))[1][1]).toBe("1");

  // The previous month has none of them.
  await page.getByLabel("Type", { exact: true }).selectOption("");
  await page.getByRole("button", { name: "Previous" }).click();
  await expect.poll(() => figure(page, "Received")).toBe("0");

  // A complaint number of a customer coming back is a link that finds that complaint.
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByTestId("review-repeat_customers").getByRole("link", { name: b }).click();
  await expect(page).toHaveURL(new RegExp(`/complaints\\?q=${b}$`));
  await expect(page.getByTestId("complaint-card")).toHaveCount(1);
  await expect(page.getByTestId("complaint-card")).toContainText(b);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });
  test("the review is in Chinese", async ({ page }) => {
    await page.goto("/review");
    await expect(page.getByRole("heading", { name: "复盘", level: 1 })).toBeVisible();
    await expect(page.getByTestId("review-summary").getByRole("rowheader", { name: "受理数" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "多次投诉的客户", level: 2 })).toBeVisible();
  });
});

test("the period's kind moves the range: the week or month of its first day, or the range kept", async ({ page }) => {
  await page.goto("/review");
  const kind = page.getByLabel("Period", { exact: true });
  const from = page.locator("#review-from");
  const to = page.locator("#review-to");
  await expect(kind).toHaveValue("month");
  const first = await from.inputValue();
  expect(first.endsWith("-01")).toBe(true);
  await kind.selectOption("week");
  await expect(kind).toHaveValue("week");
  // Seven days, Monday to Sunday, around the month's first day.
  await expect.poll(async () => (Date.parse(await to.inputValue()) - Date.parse(await from.inputValue())) / 86400000).toBe(6);
  expect(new Date(await from.inputValue()).getUTCDay()).toBe(1);
  const week = [await from.inputValue(), await to.inputValue()];
  await kind.selectOption("custom");
  await expect(kind).toHaveValue("custom");
  expect([await from.inputValue(), await to.inputValue()]).toEqual(week);
  await kind.selectOption("month");
  await expect(from).toHaveValue(/-01$/);
});
