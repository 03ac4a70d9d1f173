// Holiday calendars (issue #12): an iCalendar file is checked, previewed per year and added to
// the working rules only on request; the official list of the year being edited is offered
// with its source, and adds only the days not there yet.
import { test, expect } from "./fixtures.mjs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const at = (local) => new Date(`${local}+08:00`);
const ics = (lines) => ({ name: "holidays.ics", mimeType: "text/calendar", buffer: Buffer.from(lines.join("\r\n")) });

test("an iCalendar holiday file and the official list are previewed, then added", async ({ page }) => {
  await page.clock.install({ time: at("2026-03-02T10:00:00") });
  await page.goto("/settings");
  const tools = page.getByTestId("holiday-tools");
  await expect(tools.getByLabel("Official list for mainland China")).toHaveValue("2026");
  await expect(tools.getByTestId("holidays-source")).toContainText("国务院办公厅关于2026年部分节假日安排的通知");
  await expect(tools.getByTestId("holidays-source")).toContainText("国办发明电〔2025〕7号");
  const holidays = page.getByLabel("Public holidays");
  const makeup = page.getByLabel("Make-up working days (调休)");
  await expect(holidays).toHaveValue("");

  // Files that cannot be used say why, and nothing changes.
  const file = tools.getByLabel("Import an iCalendar (.ics) holiday file");
  await file.setInputFiles({ name: "notes.ics", mimeType: "text/calendar", buffer: Buffer.from("Dear team, …") });
  await expect(tools.getByTestId("holidays-error")).toHaveText(/not an iCalendar file/);
  await file.setInputFiles(ics(["BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260101", "not a property", "END:VEVENT", "END:VCALENDAR"]));
  await expect(tools.getByTestId("holidays-error")).toHaveText("Line 4 of the file cannot be read.");
  await file.setInputFiles(ics(["BEGIN:VCALENDAR", "VERSION:2.0", "END:VCALENDAR"]));
  await expect(tools.getByTestId("holidays-error")).toHaveText("The calendar has no events with dates.");
  await expect(tools.getByTestId("holidays-preview")).toHaveCount(0);
  await expect(holidays).toHaveValue("");

  // A holiday feed: its days per year, holidays and the make-up working days it marks.
  await file.setInputFiles("e2e/data/holidays-cn-2026.ics");
  await expect(tools.getByTestId("holidays-error")).toHaveText("");
  const preview = tools.getByTestId("holidays-preview");
  await expect(preview).toContainText("holidays-cn-2026.ics");
  await expect(preview.getByTestId("holidays-year")).toHaveCount(1);
  await expect(preview.getByTestId("holidays-days")).toHaveText(
    "01-01, 01-02, 01-03, 02-15, 02-16, 02-17, 02-18, 02-19, 02-20, 02-21, 02-22, 02-23, 04-04, 04-05, 04-06, 05-01, 05-02, 05-03, 05-04, 05-05",
  );
  await expect(preview.getByTestId("holidays-makeup")).toHaveText("01-04, 02-14, 02-28, 05-09");
  // Accessible, and it fits a phone.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  for (const width of [390, 1024, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await tools.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `at ${width} px`).toBeLessThanOrEqual(0);
    await tools.screenshot({ path: test.info().outputPath(`holiday-tools-${width}.png`) });
  }
  await expect(holidays).toHaveValue("", { timeout: 1000 });
  await preview.getByTestId("holidays-apply").click();
  await expect(tools.getByTestId("holidays-applied")).toContainText("Save the working rules");
  await expect(holidays).toHaveValue("2026-01-01..2026-01-03\n2026-02-15..2026-02-23\n2026-04-04..2026-04-06\n2026-05-01..2026-05-05");
  await expect(makeup).toHaveValue("2026-01-04\n2026-02-14\n2026-02-28\n2026-05-09");

  // The official list adds only what the file did not have.
  await tools.getByTestId("holidays-official").click();
  await expect(preview.getByTestId("holidays-days")).toHaveText("06-19, 06-20, 06-21, 09-25, 09-26, 09-27, 10-01, 10-02, 10-03, 10-04, 10-05, 10-06, 10-07");
  await expect(preview.getByTestId("holidays-makeup")).toHaveText("09-20, 10-10");
  await preview.getByTestId("holidays-apply").click();
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");
  await page.reload();
  await expect(makeup).toHaveValue("2026-01-04\n2026-02-14\n2026-02-28\n2026-05-09\n2026-09-20\n2026-10-10");
  await tools.getByTestId("holidays-official").click();
  await expect(tools.getByTestId("holidays-nothing-new")).toBeVisible();
  await expect(tools.getByTestId("holidays-apply")).toBeDisabled();
});
