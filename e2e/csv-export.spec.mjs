// CSV export of the Complaints list (issue #14): UTF-8 with a BOM and CRLF so Excel opens
// Chinese correctly, headers and values in the current language, cells that would start a
// formula shown as text, and a variant without the customers' personal data. Offline.
import { test, expect } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";
import { register } from "./helpers.mjs";

async function exportCsv(page, testId) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const bytes = await readFile(await download.path());
  return { name: download.suggestedFilename(), bytes, text: bytes.toString("utf8").replace(/^\uFEFF/, "") };
}

test("the list exports as an Excel-ready CSV, formulas defused, and without personal data on request", async ({ page, context }) => {
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await register(page, { name: "=1+2", phone: "13800138000", product: "@SUM(A1)" });
  await register(page, { name: "王先生", phone: "13900139000", product: "空调 KFR-35GW" });

  await page.goto("/complaints");
  await expect(page.getByTestId("complaint-card")).toHaveCount(2);
  const full = await exportCsv(page, "export-csv");
  expect(full.name).toMatch(/^complaints-\d{8}-\d{4}\.csv$/);
  expect([...full.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = full.text.split("\r\n").filter((l) => l !== "");
  expect(full.text.replace(/\r\n/g, "")).not.toContain("\n");
  expect(lines[0]).toBe("Number,Received,Channel,Customer,Phone,Product,Type,Urgency,Status,Handler,Department,Due,Overdue,Closed,Satisfaction,Device");
  expect(lines).toHaveLength(3);
  const rows = lines.slice(1).join("\n");
  expect(rows).toContain("'=1+2");
  expect(rows).toContain("'@SUM(A1)");
  expect(rows).toContain("王先生");
  expect(rows).toContain("13900139000");
  expect(rows).toMatch(/,Registered,/);
  expect(rows).not.toMatch(/,registered,/);
  await expect(page.getByTestId("export-csv-result")).toContainText("Exported 2 complaints as CSV");

  const redacted = await exportCsv(page, "export-csv-redacted");
  expect(redacted.name).toMatch(/-redacted\.csv$/);
  const header = redacted.text.split("\r\n")[0];
  expect(header).not.toContain("Customer");
  expect(header).not.toContain("Phone");
  for (const personal of ["王先生", "=1+2", "13800138000", "13900139000"]) expect(redacted.text).not.toContain(personal);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });
  test("the headers are in Chinese", async ({ page }) => {
    await page.goto("/complaints");
    const csv = await exportCsv(page, "export-csv");
    expect(csv.text.split("\r\n")[0]).toBe("编号,受理时间,渠道,客户,电话,产品/服务,投诉类型,紧急程度,状态,处理人,责任部门,截止时间,已超时,结案时间,满意度,设备");
  });
});
