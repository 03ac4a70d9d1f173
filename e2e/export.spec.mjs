// Export (SPEC §13, first slice of batch files): everything this device holds goes into one
// batch file — every event exactly as stored, each with its SHA-256, photos included — named
// by device code, day and the day's number, offline too.
import { test, expect } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { register } from "./helpers.mjs";

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

async function exportAll(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
  return { name: download.suggestedFilename(), batch: JSON.parse(await readFile(await download.path(), "utf8")) };
}

test("everything on the device exports as a checksummed batch file, offline, numbered per day", async ({ page, context }) => {
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await register(page, { name: "Mr. Wang", phone: "13800138000", product: "Kettle" });
  await page.goto("/register");
  await page.getByLabel(/Customer name/).fill("Ms. Li <script>alert(1)</script>");
  await page.getByLabel(/^Phone/).fill("13900139000");
  await page.getByLabel(/Product or service/).fill("Toaster");
  await page.getByLabel(/customer's own words/).fill("Burns the bread.");
  await page.locator("#photos").setInputFiles({ name: "toast.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByTestId("photos-attached")).toContainText("1");

  await page.getByRole("link", { name: "Data" }).click();
  const first = await exportAll(page);
  expect(first.name).toMatch(/^complaints-[A-Z0-9]{3}-\d{4}-\d{2}-\d{2}-0001\.json$/);
  const { batch } = first;
  expect(batch.format).toBe("complaint-desk-batch");
  expect(batch.version).toBe("1.0");
  expect(batch.manifest.counts).toEqual({ events: 3, complaints: 2, attachments: 1 });
  expect(batch.events).toHaveLength(3);
  for (const e of batch.events) {
    // Each event is its exact stored text, with the SHA-256 of that text.
    expect(createHash("sha256").update(e.event).digest("hex")).toBe(e.sha256);
    expect(JSON.parse(e.event).complaint).toBeTruthy();
  }
  // Text stays text: the name is carried as typed.
  expect(batch.events.map((e) => e.event).join("")).toContain("Ms. Li <script>alert(1)</script>");
  expect(Buffer.from(batch.attachments[0].data, "base64")).toEqual(png);
  await expect(page.getByTestId("export-result")).toContainText("Exported 3 events of 2 complaints and 1 files");

  // Without files, and the day's second batch.
  await page.getByLabel("Include photos and documents").uncheck();
  const second = await exportAll(page);
  expect(second.name).toMatch(/-0002\.json$/);
  expect(second.batch.manifest.counts.attachments).toBe(0);
  await context.setOffline(false);
});

test("an export takes everything, only what changed since the last one, or a period, and says why when it can't", async ({ page }) => {
  await page.goto("/register");
  await register(page, { name: "Mr. Wang", phone: "13800138000", product: "Kettle" });
  await page.getByRole("link", { name: "Data" }).click();
  const all = await exportAll(page);
  expect(all.batch.manifest.counts.complaints).toBe(1);

  // Since the last export: nothing yet, then only the complaint registered after it.
  await page.getByLabel("Only what changed since the last export").check();
  await page.getByTestId("export-all").click();
  await expect(page.getByTestId("export-error")).toHaveText("Nothing to export: no event matches what was chosen.");
  await page.goto("/register");
  await register(page, { name: "Ms. Li", phone: "13900139000", product: "Toaster" });
  await page.getByRole("link", { name: "Data" }).click();
  await page.getByLabel("Only what changed since the last export").check();
  const since = await exportAll(page);
  expect(since.batch.manifest.counts).toMatchObject({ events: 1, complaints: 1 });
  expect(since.batch.events[0].event).toContain("Toaster");

  // A period: its days are asked for, checked in order, and bound what is taken.
  await page.getByLabel("A period").check();
  await page.getByTestId("export-all").click();
  await expect(page.getByTestId("export-error")).toHaveText("Choose a period: a first and a last day, the last not before the first.");
  await page.getByLabel("From (day)").fill("2020-01-02");
  await page.getByLabel("To (day, included)").fill("2020-01-01");
  await page.getByTestId("export-all").click();
  await expect(page.getByTestId("export-error")).toHaveText("Choose a period: a first and a last day, the last not before the first.");
  await page.getByLabel("To (day, included)").fill("2020-01-03");
  await page.getByTestId("export-all").click();
  await expect(page.getByTestId("export-error")).toHaveText("Nothing to export: no event matches what was chosen.");
  await page.getByLabel("From (day)").fill("2020-01-01");
  await page.getByLabel("To (day, included)").fill("2099-12-31");
  const period = await exportAll(page);
  expect(period.batch.manifest.counts).toMatchObject({ events: 2, complaints: 2 });
  await expect(page.getByTestId("export-error")).toHaveCount(0);

  // Back to everything: the period's days are no longer asked for.
  await page.getByLabel("Everything on this device").check();
  await expect(page.getByLabel("From (day)")).toHaveCount(0);
});
