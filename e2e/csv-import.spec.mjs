// CSV import with column mapping (issue #14), offline, through the page a supervisor uses:
// the CFPB sample (2,067 real complaints) with a saved mapping, counted by channel and product
// against figures computed here from the file; a GBK file with Chinese headers in the Chinese
// interface; and every kind of bad file refused with its own message, nothing written.
import { test, expect } from "./fixtures.mjs";
import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CFPB = "tests/data/cfpb-complaints-sample.csv";
const GBK = "e2e/data/legacy-gbk.csv";
/** The form's limit on the customer's own words (`domain::intake::MAX_LONG`). */
const MAX_LONG = 4000;

/** RFC 4180 records of a CSV text: the test's own reading, independent of the app's. */
function parseCsv(text) {
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

function countBy(values) {
  const out = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  const bytes = await readFile(await file.path());
  return { name: file.suggestedFilename(), bytes, rows: parseCsv(bytes.toString("utf8").replace(/^\uFEFF/, "")) };
}

async function openImportPage(page, context) {
  await page.goto("/data");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.getByTestId("csv-import-link").click();
  await expect(page).toHaveURL(/\/data\/csv$/);
}

test("the CFPB sample imports once with a saved mapping; counts by channel and product match the file", async ({ page, context }) => {
  test.setTimeout(240_000);
  // Independent figures: the file read here, by header name.
  const [header, ...records] = parseCsv(await readFile(CFPB, "utf8"));
  const col = (name) => header.indexOf(name);
  expect(records).toHaveLength(2067);
  const fits = (r) => [...r[col("Consumer complaint narrative")].trim()].length <= MAX_LONG;
  const valid = records.filter(fits);
  const rejected = records.filter((r) => !fits(r));
  expect(rejected.length).toBeGreaterThan(0);
  const channels = JSON.parse(await readFile("locales/en.json", "utf8")).channel;
  const channelOf = { Web: channels.web, Phone: channels.phone, Referral: channels.letter, "Postal mail": channels.letter };
  const expectedChannels = countBy(valid.map((r) => channelOf[r[col("Submitted via")]]));
  const expectedProducts = countBy(valid.map((r) => r[col("Product")]));

  await openImportPage(page, context);
  await page.locator("#csv-file").setInputFiles(CFPB);
  await expect(page.getByTestId("csv-size")).toHaveText("2067 rows, 18 columns");
  await expect(page.getByTestId("csv-encoding")).toHaveText("UTF-8");
  await expect(page.getByTestId("csv-sample").locator("tbody tr")).toHaveCount(3);
  // The proposal, as a person checks it.
  const fills = (h) => page.getByRole("combobox", { name: `Field filled by column ${h}`, exact: true });
  await expect(fills("Complaint ID")).toHaveValue("source_id");
  await expect(fills("Date received")).toHaveValue("received_at");
  await expect(fills("Submitted via")).toHaveValue("channel");
  await expect(fills("Product")).toHaveValue("product");
  await expect(fills("Consumer complaint narrative")).toHaveValue("own_words");
  await expect(page.locator("#csv-date-received_at")).toHaveValue("iso");
  await expect(page.getByTestId("csv-date-received_at-reads")).toHaveText("“2023-08-25” reads as 2023-08-25 00:00.");

  // One channel value has no built-in meaning: nothing can be imported with it until chosen.
  const untranslated = page.getByTestId("csv-untranslated");
  await expect(untranslated.locator("li")).toHaveCount(1);
  await expect(untranslated).toContainText("Channel: “Referral”");
  const referrals = records.filter((r) => r[col("Submitted via")] === "Referral" && fits(r)).length;
  await expect(page.getByTestId("csv-new")).toHaveText(String(valid.length - referrals));
  await untranslated.getByRole("combobox").selectOption("letter");
  await expect(page.getByTestId("csv-values-done")).toBeVisible();
  await expect(page.getByTestId("csv-translations")).toContainText("Referral");

  await page.getByLabel("Save this mapping as").fill("CFPB export");
  await page.getByTestId("csv-save").click();
  await expect(page.getByTestId("csv-saved-status")).toHaveText("Mapping saved.");
  await expect(page.getByTestId("csv-saved-in-use")).toHaveText("Using the saved mapping “CFPB export”.");

  // The preview: every row checked, nothing written yet.
  await expect(page.getByTestId("csv-rows")).toHaveText("2067");
  await expect(page.getByTestId("csv-new")).toHaveText(String(valid.length));
  await expect(page.getByTestId("csv-before")).toHaveText("0");
  await expect(page.getByTestId("csv-rejected")).toHaveText(String(rejected.length));
  const problems = page.getByTestId("csv-problems").locator("tbody tr");
  await expect(problems).toHaveCount(rejected.length);
  await expect(problems.first()).toContainText("Consumer complaint narrative: This is too long.");

  // The rows with problems, back as CSV: original columns, their line, what is wrong.
  const rejects = await download(page, "csv-rejects");
  expect(rejects.name).toBe("cfpb-complaints-sample-rejects.csv");
  expect(rejects.rows[0].slice(-2)).toEqual(["Line", "Problems"]);
  const rejectIds = rejects.rows.slice(1).filter((r) => r.length > 1).map((r) => r[col("Complaint ID")]);
  expect(rejectIds.sort()).toEqual(rejected.map((r) => r[col("Complaint ID")]).sort());

  const started = Date.now();
  await page.getByTestId("csv-import").click();
  await expect(page.getByTestId("csv-done")).toHaveText(`Imported ${valid.length} complaints.`, { timeout: 180_000 });
  console.log(`CSV import of ${valid.length} CFPB complaints through the page took ${Date.now() - started} ms`);
  await expect(page.getByTestId("csv-report")).toContainText(`${rejected.length} rows with problems were not imported.`);
  await expect(page.getByTestId("csv-new")).toHaveText("0");
  await expect(page.getByTestId("csv-before")).toHaveText(String(valid.length));
  await expect(page.getByTestId("csv-import")).toBeDisabled();

  // Again, after a reload: the saved mapping is chosen by itself, and nothing new is imported.
  await page.reload();
  await page.locator("#csv-file").setInputFiles(CFPB);
  await expect(page.getByTestId("csv-saved-in-use")).toHaveText("Using the saved mapping “CFPB export”.");
  await expect(page.getByTestId("csv-before")).toHaveText(String(valid.length));
  await expect(page.getByTestId("csv-new")).toHaveText("0");
  await expect(page.getByTestId("csv-import")).toBeDisabled();

  // Real complaints: the list exports them, counted by channel and product as in the file.
  await page.goto("/complaints");
  const listed = await download(page, "export-csv");
  const [h, ...rows] = listed.rows.filter((r) => r.length > 1);
  expect(rows).toHaveLength(valid.length);
  expect(countBy(rows.map((r) => r[h.indexOf("Channel")]))).toEqual(expectedChannels);
  expect(countBy(rows.map((r) => r[h.indexOf("Product")]))).toEqual(expectedProducts);
  expect(rows.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[h.indexOf("Received")]))).toBe(true);
  const receivedDays = countBy(rows.map((r) => r[h.indexOf("Received")].slice(0, 10)));
  expect(receivedDays).toEqual(countBy(valid.map((r) => r[col("Date received")])));

  // A complaint opened from the list holds its row's words exactly (the narrative, else the issue).
  const squash = (t) => t.replace(/\s+/g, " ").trim();
  const wordsOf = new Set(valid.map((r) => squash(r[col("Consumer complaint narrative")].trim() || r[col("Issue")])));
  await page.getByTestId("complaint-card").first().getByRole("link").first().click();
  const description = page.locator("dd.description");
  await expect(description).toBeVisible();
  expect(wordsOf.has(squash(await description.innerText()))).toBe(true);
});

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("a GBK file with Chinese headers: mapping proposed, date format chosen, bad rows shown at their line and column", async ({ page, context }) => {
    await openImportPage(page, context);
    await page.locator("#csv-file").setInputFiles(GBK);
    await expect(page.getByTestId("csv-encoding")).toHaveText("GBK / GB18030（中文版 Excel）");
    await expect(page.getByTestId("csv-size")).toHaveText("5 行，10 列");
    const fills = (h) => page.getByRole("combobox", { name: `“${h}”列对应的字段`, exact: true });
    await expect(fills("客户姓名")).toHaveValue("customer_name");
    await expect(fills("联系电话")).toHaveValue("phone");
    await expect(fills("投诉内容")).toHaveValue("own_words");
    await expect(fills("投诉日期")).toHaveValue("received_at");
    await expect(fills("备注")).toHaveValue("");

    // `明天` reads in no format: the person chooses, and sees what the first value becomes.
    const format = page.locator("#csv-date-received_at");
    await expect(format).toHaveValue("");
    await format.selectOption("chinese");
    await expect(page.getByTestId("csv-date-received_at-reads")).toHaveText("“2026年11月20日 09:30”读作 2026-11-20 09:30。");
    await page.getByTestId("csv-untranslated").getByRole("combobox").selectOption("letter");

    await expect(page.getByTestId("csv-rows")).toHaveText("5");
    await expect(page.getByTestId("csv-new")).toHaveText("4");
    await expect(page.getByTestId("csv-rejected")).toHaveText("1");
    const bad = page.getByTestId("csv-problems").locator("tbody tr");
    await expect(bad).toHaveCount(1);
    await expect(bad.locator("th")).toHaveText("6");
    await expect(bad.locator("td")).toHaveText("投诉日期：“明天”不是所选格式的日期。");

    await page.getByTestId("csv-import").click();
    await expect(page.getByTestId("csv-done")).toHaveText("已导入 4 条投诉。");
    await page.goto("/complaints");
    await expect(page.getByTestId("complaint-card")).toHaveCount(4);
    await expect(page.getByTestId("complaint-card").filter({ hasText: "王建国" })).toHaveCount(1);
  });
});

test("bad files are refused with their own message, and nothing is written", async ({ page, context }) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(join(tmpdir(), "csv-bad-"));
  try {
    const big = join(dir, "huge.csv");
    await writeFile(big, Buffer.alloc(100 * 1024 * 1024, "a,b\r\n"));
    const cases = [
      { name: "empty.csv", body: "", code: "csv_empty", text: "The file is empty." },
      { name: "photo.csv", body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0]), code: "csv_binary" },
      { name: "book.csv", body: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), code: "csv_workbook" },
      { name: "headers.csv", body: "Name,Phone,Complaint\r\n", code: "csv_only_headers", text: "The file has a header row but no data rows." },
      { name: "quote.csv", body: 'Name,Complaint\r\nWang,"never closed\r\nLi,fine\r\n', code: "csv_unterminated_quote", text: "line 2" },
    ];
    await openImportPage(page, context);
    const error = page.getByTestId("csv-error");
    for (const c of cases) {
      await page.locator("#csv-file").setInputFiles({ name: c.name, mimeType: "text/csv", buffer: Buffer.from(c.body) });
      await expect(error).toHaveAttribute("data-code", c.code);
      if (c.text) await expect(error).toContainText(c.text);
      await expect(page.getByTestId("csv-summary")).toHaveCount(0);
    }
    // 100 MB: refused from its size, before a byte is read; the page stays responsive.
    await page.locator("#csv-file").setInputFiles(big);
    await expect(error).toHaveAttribute("data-code", "csv_too_large");
    await expect(error).toContainText("larger than 32 MB");

    // A file that reads, with bad rows: a row with more columns than the header, a date that
    // does not read, a cell of 1 MB. Each at its line; the good row alone is importable.
    const huge = "x".repeat(1024 * 1024);
    const body = `Name,Phone,Product,Complaint,Date received\r\nWang,13800138000,Kettle,Too loud,2026-11-20\r\nLi,13900139000,Fan,Broken,2026-11-21,extra,cells\r\nZhao,13700137000,Boiler,Leaks,20/13/2026\r\nQian,13600136000,Heater,${huge},2026-11-22`;
    await page.locator("#csv-file").setInputFiles({ name: "mixed.csv", mimeType: "text/csv", buffer: Buffer.from(body) });
    await expect(error).toHaveText("");
    await page.locator("#csv-default-channel").selectOption("phone");
    await page.locator("#csv-date-received_at").selectOption("iso");
    await expect(page.getByTestId("csv-rejected")).toHaveText("3");
    await expect(page.getByTestId("csv-new")).toHaveText("1");
    const rows = page.getByTestId("csv-problems").locator("tbody tr");
    await expect(rows.nth(0)).toContainText("3");
    await expect(rows.nth(0)).toContainText("This row has 7 columns, the header only 5.");
    await expect(rows.nth(1)).toContainText("Date received: “20/13/2026” is not a date in the chosen format.");
    await expect(rows.nth(2)).toContainText("Complaint: This cell is too large (1024 KB).");

    await page.goto("/complaints");
    await expect(page.getByTestId("complaint-card")).toHaveCount(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
