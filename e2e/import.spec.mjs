// Batch files between devices (SPEC §13): two tablets and a supervisor, each a browser context
// with its own database, all offline. Files go out by download and in by the file picker; the
// preview changes nothing; importing again changes nothing; any order gives the same state.
import { test, expect, watchCrashes } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { register, openAndClassify, storedEventIds } from "./helpers.mjs";

/** A device: a fresh browser context with the app installed, then taken offline. */
async function device(browser) {
  const context = await browser.newContext({ locale: "en" });
  const crashes = watchCrashes(context);
  const page = await context.newPage();
  page.on("dialog", (d) => crashes.push(`dialog: ${d.message()}`));
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  return { context, page, crashes };
}

async function exportAll(page) {
  await page.getByRole("link", { name: "Data" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
  return { name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile(await download.path()) };
}

/** Picks files on the Data page and waits for every preview (or error). */
async function pick(page, files) {
  await page.getByRole("link", { name: "Data" }).click();
  const list = page.getByTestId("import-files");
  if (await list.getByTestId("import-file").count()) await page.getByTestId("import-clear").click();
  await page.getByLabel("Choose batch files").setInputFiles(files);
  await expect(list.getByTestId("import-file")).toHaveCount(files.length);
  await expect(list.getByText("Reading and checking the file…")).toHaveCount(0);
  return list;
}

async function importFiles(page, files) {
  const list = await pick(page, files);
  await page.getByTestId("import-run").click();
  await expect(list.getByTestId("import-done")).toHaveCount(files.length);
  return list;
}

const eventIds = storedEventIds;

/** Number → status and whether it shows a conflict, read from each complaint's page. */
async function folded(page, numbers) {
  const out = {};
  for (const n of numbers) {
    await page.goto("/complaints");
    await page.getByRole("link", { name: n }).click();
    await expect(page.getByTestId("detail-number")).toHaveText(n);
    out[n] = { status: await page.getByTestId("detail-status").textContent(), conflict: await page.getByTestId("conflicts").count() };
  }
  return out;
}

test("two tablets and a supervisor exchange batch files offline and converge, whatever the order", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await device(browser);
  const b = await device(browser);
  const s = await device(browser);

  const a1 = await register(a.page, { name: "Mr. Wang", phone: "13800138000", product: "Kettle" });
  const a2 = await register(a.page, { name: "<img src=x onerror=alert(1)>", phone: "13900139000", product: "Toaster" });
  const b1 = await register(b.page, { name: "Ms. Chen", phone: "13700137000", product: "Fridge" });
  const fromA = await exportAll(a.page);

  // B previews A's file: nothing is stored until Import.
  const list = await pick(b.page, [fromA]);
  const preview = list.getByTestId("import-preview");
  await expect(preview.getByTestId("pv-new-complaints")).toHaveText("2");
  await expect(preview.getByTestId("pv-new-events")).toHaveText("2");
  await expect(preview.getByTestId("pv-refused")).toHaveText("0");
  await b.page.goto("/complaints");
  await expect(b.page.getByTestId("count")).toHaveText(/^1 /);
  // Now import it.
  const done = await importFiles(b.page, [fromA]);
  await expect(done.getByTestId("import-done")).toContainText("Imported 2 events of 2 complaints (2 new complaints");
  await done.getByTestId("import-show").click();
  await expect(b.page.getByTestId("complaint-card")).toHaveCount(2);
  await expect(b.page.getByTestId("complaint-list")).toContainText(a1);
  await expect(b.page.getByTestId("complaint-list")).not.toContainText(b1);
  // A name from a file is text, never markup.
  await expect(b.page.getByTestId("complaint-list")).toContainText("<img src=x onerror=alert(1)>");

  // Both tablets classify A's first complaint while apart.
  await openAndClassify(a.page, a1, { type: "product_quality", urgency: "urgent" });
  await openAndClassify(b.page, a1, { type: "service_attitude", urgency: "low" });
  const a2nd = await exportAll(a.page);
  const b2nd = await exportAll(b.page);

  // The supervisor imports both at once; the tablets each other's, in the other order.
  const sup = await pick(s.page, [b2nd, a2nd]);
  await expect(sup.getByTestId("import-preview")).toHaveCount(2);
  await s.page.getByTestId("import-run").click();
  await expect(sup.getByTestId("import-done")).toHaveCount(2);
  await importFiles(a.page, [b2nd]);
  await importFiles(b.page, [a2nd]);

  const ids = await eventIds(s.page);
  expect(ids.length).toBeGreaterThan(3);
  expect(await eventIds(a.page)).toEqual(ids);
  expect(await eventIds(b.page)).toEqual(ids);
  const numbers = [a1, a2, b1];
  const state = await folded(s.page, numbers);
  expect(state[a1].conflict, "both classifications are kept for a person to choose").toBe(1);
  expect(await folded(a.page, numbers)).toEqual(state);
  expect(await folded(b.page, numbers)).toEqual(state);

  // Importing a file again, or a device's own events, changes nothing.
  const again = await pick(s.page, [a2nd]);
  await expect(again.getByTestId("import-nothing")).toBeVisible();
  await expect(s.page.getByTestId("import-run")).toBeDisabled();
  const own = await pick(a.page, [await exportAll(b.page)]);
  await expect(own.getByTestId("import-nothing")).toBeVisible();
  expect(await eventIds(s.page)).toEqual(ids);

  for (const d of [a, b, s]) {
    expect(d.crashes, "no crash, no script ran").toEqual([]);
    await d.context.close();
  }
});

test("a damaged or foreign file is a clear error and changes nothing; a bad record is set aside with its file", async ({ browser }) => {
  const a = await device(browser);
  const b = await device(browser);
  await register(a.page, { name: "Mr. Wang", phone: "13800138000", product: "Kettle" });
  await register(a.page, { name: "Ms. Li", phone: "13900139000", product: "Toaster" });
  const good = await exportAll(a.page);
  const text = good.buffer.toString("utf8");

  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  const bad = [
    { name: "table.json", mimeType: "application/json", buffer: Buffer.from("number,name\nK7Q-1,Wang\n") },
    { name: "photo.json", mimeType: "application/json", buffer: png },
    { name: "cut.json", mimeType: "application/json", buffer: Buffer.from(text.slice(0, text.length / 2)) },
    { name: "changed.json", mimeType: "application/json", buffer: Buffer.from(text.replace("Kettle", "Kettlf")) },
    { name: "empty.json", mimeType: "application/json", buffer: Buffer.alloc(0) },
  ];
  const list = await pick(b.page, bad);
  const errors = list.getByTestId("import-error");
  await expect(errors).toHaveCount(5);
  await expect(errors.nth(0)).toHaveText("This file is a table (CSV), not a batch file.");
  await expect(errors.nth(1)).toHaveText("This file is a picture, not a batch file.");
  await expect(errors.nth(2)).toHaveText("The file ends early: it was cut off while copying.");
  await expect(errors.nth(3)).toHaveText("The file's checksum does not match: it was changed or damaged.");
  await expect(errors.nth(4)).toHaveText("The file is empty.");
  await expect(b.page.getByTestId("import-run")).toBeDisabled();
  expect(await eventIds(b.page)).toEqual([]);

  // One event changed and the file's checksum redone, as a forger would: that record is
  // refused, the other complaint comes in, and the refused one is kept with its file name.
  const batch = JSON.parse(text);
  const i = batch.events.findIndex((e) => e.event.includes("Kettle"));
  batch.events[i].event = batch.events[i].event.replace("Kettle", "Kettlf");
  const part = (v) => JSON.stringify(v);
  batch.sha256 = createHash("sha256")
    .update([batch.format, batch.version, part(batch.manifest), part(batch.events), part(batch.attachments)].join("\n"))
    .digest("hex");
  const forged = { name: "forged.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(batch)) };
  const one = await pick(b.page, [forged]);
  await expect(one.getByTestId("pv-refused")).toHaveText("1");
  await expect(one.getByTestId("pv-new-complaints")).toHaveText("1");
  await one.getByTestId("import-refusals").locator("summary").click();
  await expect(one.getByTestId("import-refusals")).toContainText("The record's checksum does not match its content.");
  await b.page.getByTestId("import-run").click();
  await expect(one.getByTestId("import-done")).toBeVisible();
  await expect(one).toContainText("1 records were set aside");
  const aside = b.page.getByTestId("quarantine");
  await expect(aside).toContainText("forged.json");
  await expect(aside).toContainText("record_checksum_mismatch");
  await expect(aside).toContainText("The record's checksum does not match its content.");
  expect((await eventIds(b.page)).length).toBe(1);
  // The list can be taken away, and trying again cannot cure a forged record.
  const [setAside] = await Promise.all([b.page.waitForEvent("download"), aside.getByTestId("quarantine-download").click()]);
  const kept = JSON.parse(await readFile(await setAside.path(), "utf8"));
  expect(kept).toHaveLength(1);
  expect(kept[0].source).toContain("forged.json");
  expect(kept[0].data).toContain("Kettlf");
  await aside.getByTestId("quarantine-retry").click();
  await expect(aside.getByTestId("quarantine-retried")).toHaveText("Tried again: 0 accepted, 1 still set aside.");

  for (const d of [a, b]) {
    expect(d.crashes).toEqual([]);
    await d.context.close();
  }
});

async function exportWith(page, setup) {
  await page.getByRole("link", { name: "Data" }).click();
  await setup(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-all").click()]);
  const buffer = await readFile(await download.path());
  return { name: download.suggestedFilename(), mimeType: "application/json", buffer, json: JSON.parse(buffer.toString("utf8")) };
}

test("exports of changes, redacted, sealed with a passphrase and of one complaint; each imports as it should", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await device(browser);
  const b = await device(browser);
  await register(a.page, { name: "Mr. Wang", phone: "13800138000", product: "Kettle" });
  const all = await exportWith(a.page, async () => {});
  expect(all.json.manifest.selection.kind).toBe("all");
  const y = await register(a.page, { name: "Ms. Li", phone: "13900139000", product: "Toaster" });

  // Only what changed since the last export: Y's registration.
  const since = await exportWith(a.page, (p) => p.getByLabel("Only what changed since the last export").check());
  expect(since.json.manifest.selection.kind).toBe("since");
  expect(since.json.manifest.counts.events).toBe(1);
  expect(since.json.events[0].event).toContain("Toaster");

  // Redacted: no personal data, and refused as an import of complaints.
  const redacted = await exportWith(a.page, async (p) => {
    await p.getByLabel("Everything on this device").check();
    await p.getByLabel("Remove personal data (redacted copy)").check();
    await expect(p.getByLabel("Include photos and documents")).toBeDisabled();
  });
  expect(redacted.name).toMatch(/-redacted\.json$/);
  expect(redacted.buffer.toString("utf8")).not.toContain("13900139000");
  const refused = await pick(b.page, [redacted]);
  await expect(refused.getByTestId("import-error")).toHaveText("This batch has personal data removed and cannot be imported as complaints.");

  // Sealed: the passphrase is checked on export, asked for on import.
  await a.page.getByRole("link", { name: "Data" }).click();
  await a.page.getByLabel("Remove personal data (redacted copy)").uncheck();
  await a.page.getByLabel("Protect with a passphrase").check();
  await a.page.getByLabel("Passphrase (at least 8 characters)").fill("short");
  await a.page.getByTestId("export-all").click();
  await expect(a.page.getByTestId("export-error")).toHaveText("The passphrase must have at least 8 characters.");
  await a.page.getByLabel("Passphrase (at least 8 characters)").fill("correct horse battery");
  await a.page.getByLabel("Passphrase again").fill("correct horse batery");
  await a.page.getByTestId("export-all").click();
  await expect(a.page.getByTestId("export-error")).toHaveText("The two passphrases differ.");
  const sealed = await exportWith(a.page, (p) => p.getByLabel("Passphrase again").fill("correct horse battery"));
  expect(sealed.name).toMatch(/-sealed\.json$/);
  expect(sealed.json.format).toBe("complaint-desk-batch-sealed");
  expect(sealed.buffer.toString("utf8")).not.toContain("Toaster");
  const locked = await pick(b.page, [sealed]);
  await locked.getByLabel("Passphrase").fill("wrong passphrase");
  await locked.getByTestId("unlock").click();
  await expect(locked.getByTestId("unlock-error")).toHaveText("The passphrase is wrong, or the file was changed or damaged.");
  await locked.getByLabel("Passphrase").fill("correct horse battery");
  await locked.getByTestId("unlock").click();
  await expect(locked.getByTestId("pv-new-complaints")).toHaveText("2");
  await b.page.getByTestId("import-run").click();
  await expect(locked.getByTestId("import-done")).toBeVisible();
  expect((await eventIds(b.page)).length).toBe(2);

  // One complaint, from its page.
  await a.page.goto("/complaints");
  await a.page.getByRole("link", { name: y }).click();
  const [download] = await Promise.all([a.page.waitForEvent("download"), a.page.getByTestId("export-complaint").click()]);
  const one = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(one.manifest.selection.kind).toBe("complaint");
  expect(one.manifest.counts.complaints).toBe(1);
  await expect(a.page.getByTestId("export-complaint-result")).toContainText(download.suggestedFilename());

  // The complaints a searched list shows.
  await a.page.goto("/complaints");
  await a.page.getByLabel("Search").fill("Toast");
  await expect(a.page.getByTestId("complaint-card")).toHaveCount(1);
  const [listed] = await Promise.all([a.page.waitForEvent("download"), a.page.getByTestId("export-listed").click()]);
  const shown = JSON.parse(await readFile(await listed.path(), "utf8"));
  expect(shown.manifest.selection).toEqual({ kind: "listed", complaints: 1 });
  expect(shown.events.map((e) => e.event).join("")).toContain("Toaster");
  expect(shown.events.map((e) => e.event).join("")).not.toContain("Kettle");
  await expect(a.page.getByTestId("export-listed-result")).toContainText("Exported 1 complaints");

  for (const d of [a, b]) {
    expect(d.crashes).toEqual([]);
    await d.context.close();
  }
});
