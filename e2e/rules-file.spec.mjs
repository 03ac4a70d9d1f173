// Working rules travel between devices as rules files (issue #10): a supervisor sets staff and
// a department once and sends them to a tablet; the tablet shows which revision it runs and
// who set it; a newer revision over rules changed on the tablet is shown side by side for a
// person to choose; an older or damaged file is refused and changes nothing. Both offline.
import { test, expect, watchCrashes } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";
import { register, seriousViolations } from "./helpers.mjs";



/** Presses Tab from the focused element until `target` has the focus (at most 40 times). */
async function tabTo(page, target) {
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("not reachable with the keyboard");
}

/** A device: a fresh browser context with the app installed, then taken offline. */
async function device(browser) {
  const context = await browser.newContext({ locale: "en" });
  const crashes = watchCrashes(context);
  const page = await context.newPage();
  page.on("dialog", (d) => crashes.push(`dialog: ${d.message()}`));
  await page.goto("/settings");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  return { context, page, crashes };
}

/** Changes the working rules in Settings and saves them. */
async function saveRules(page, change) {
  await page.goto("/settings");
  await change(page);
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");
}

/** Replaces the staff list with these names, one per line (each a handler, the editor's default). */
async function setStaff(page, names) {
  // The form is on the page (the rules are read first) before its rows are counted.
  await expect(page.getByTestId("staff-editor")).toBeVisible();
  const remove = page.getByTestId("staff-remove");
  while ((await remove.count()) > 0) await remove.first().click();
  await expect(page.getByTestId("staff-row")).toHaveCount(0);
  for (const [i, name] of names.split("\n").entries()) {
    await page.getByTestId("staff-add").click();
    // The new row is there (and focused) before its name is typed.
    await expect(page.getByTestId("staff-name")).toHaveCount(i + 1);
    await expect(page.getByTestId("staff-name").nth(i)).toBeFocused();
    await page.getByTestId("staff-name").nth(i).fill(name);
  }
}

/** The staff list shows these names, one per line. */
async function expectStaff(page, names) {
  await expect(page.getByTestId("staff-name")).toHaveCount(names.split("\n").length);
  await expect.poll(() => page.getByTestId("staff-name").evaluateAll((inputs) => inputs.map((i) => i.value).join("\n"))).toBe(names);
}

/** Exports the rules file from Settings, as `person`. */
async function exportRules(page, person) {
  await page.goto("/settings");
  await page.getByLabel("Your name (recorded in the file)").fill(person);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("rules-export").click()]);
  return { name: download.suggestedFilename(), mimeType: "application/json", buffer: await readFile(await download.path()) };
}

/** Picks a rules file in Settings and waits for its preview or its error. */
async function pickRules(page, file) {
  await page.goto("/settings");
  await page.getByLabel("Choose a rules file").setInputFiles(file);
  const area = page.getByTestId("rules-import");
  await expect(area.getByTestId("rules-preview").or(area.getByTestId("rules-import-error"))).toBeVisible();
  return area;
}

const section = (area, name) => area.locator(`[data-testid="rules-diff"][data-section="${name}"]`);

test("working rules go from a supervisor to a tablet as rules files, and local changes are never lost", async ({ browser }) => {
  test.setTimeout(180_000);
  const sup = await device(browser);
  const tab = await device(browser);

  // The supervisor adds staff names and a department, then sends the rules.
  await saveRules(sup.page, async (p) => {
    await setStaff(p, "Lead Chen\nEngineer Zhao");
    const departments = p.getByLabel("Departments", { exact: true });
    await departments.fill(`${await departments.inputValue()}\nWarranty desk`);
  });
  await expect(sup.page.getByTestId("rules-none")).toContainText("its own rules");
  const r1 = await exportRules(sup.page, "Supervisor Wang");
  expect(r1.name).toMatch(/^rules-[A-Z2-9]{3}-r1\.json$/);
  await expect(sup.page.getByTestId("rules-export-result")).toContainText("Rules file made: revision 1.");
  await expect(sup.page.getByTestId("rules-revision")).toHaveText("1");

  // The tablet sees what the file would change, then applies it.
  await expect(tab.page.getByTestId("rules-none")).toContainText("default rules");
  let area = await pickRules(tab.page, r1);
  await expect(area.getByTestId("rules-preview")).toHaveAttribute("data-decision", "rules_newer");
  await expect(area.getByTestId("rules-file-revision")).toHaveText("1");
  await expect(area.getByTestId("rules-file-set-by")).toContainText("Supervisor Wang");
  await expect(section(area, "staff").getByTestId("rules-diff-file")).toHaveText("Engineer Zhao, Lead Chen");
  await expect(section(area, "departments").getByTestId("rules-diff-file")).toHaveText("Warranty desk");
  await area.getByTestId("rules-apply").click();
  await expect(area.getByTestId("rules-import-result")).toHaveText("Applied: this device now runs revision 1.");
  await expect(tab.page.getByTestId("rules-revision")).toHaveText("1");
  await expect(tab.page.getByTestId("rules-set-by")).toContainText("Supervisor Wang");
  await expect(tab.page.getByTestId("rules-changed")).toHaveCount(0);
  await expectStaff(tab.page, "Lead Chen\nEngineer Zhao");
  await expect(tab.page.locator("#route-product_quality option", { hasText: "Warranty desk" })).toHaveCount(1);
  // Kept after a reload, and the staff names are offered when naming a person.
  await tab.page.reload();
  await expect(tab.page.getByTestId("rules-revision")).toHaveText("1");
  const number = await register(tab.page, { name: "Mr. Wang", phone: "13800138000", product: "Kettle" });
  await tab.page.goto("/complaints");
  await tab.page.getByRole("link", { name: number }).click();
  await expect(tab.page.getByTestId("detail-number")).toHaveText(number);
  await expect(tab.page.locator("#staff-list option[value='Lead Chen']")).toHaveCount(1);
  await expect(tab.page.locator("#staff-list option[value='Engineer Zhao']")).toHaveCount(1);

  // The tablet adds a name of its own; the supervisor makes revision 2 meanwhile.
  await saveRules(tab.page, (p) => setStaff(p, "Lead Chen\nEngineer Zhao\nClerk Sun"));
  await expect(tab.page.getByTestId("rules-changed")).toHaveText("Changed on this device since this revision.");
  await saveRules(sup.page, async (p) => {
    await setStaff(p, "Lead Chen\nEngineer Zhao\nEngineer Qian");
    await p.getByLabel(/^Failed contact attempts/).fill("4");
  });
  const r2 = await exportRules(sup.page, "Supervisor Wang");
  expect(r2.name).toMatch(/-r2\.json$/);

  // Both are shown; the tablet keeps its own rules.
  area = await pickRules(tab.page, r2);
  await expect(area.getByTestId("rules-preview")).toHaveAttribute("data-decision", "rules_diverged");
  await expect(area.getByTestId("rules-decision")).toContainText("changed here since the revision they came from");
  await expect(area.getByTestId("rules-file-revision")).toHaveText("2");
  await expect(area.getByTestId("rules-here-revision")).toHaveText("1");
  await expect(area.getByTestId("rules-here-changed")).toBeVisible();
  await expect(section(area, "staff").getByTestId("rules-diff-file")).toHaveText("Engineer Qian");
  await expect(section(area, "staff").getByTestId("rules-diff-here")).toHaveText("Clerk Sun");
  await expect(section(area, "staff").getByTestId("rules-diff-here-value")).toContainText("Clerk Sun");
  await expect(section(area, "staff").getByTestId("rules-diff-file-value")).toContainText("Engineer Qian");
  await expect(section(area, "failed_attempts").getByTestId("rules-diff-file-value")).toHaveText("4");
  await expect(area.getByTestId("rules-apply")).toHaveCount(0);
  expect(await seriousViolations(tab.page)).toEqual([]);
  // Chosen with the keyboard alone, from the file picker on.
  await tab.page.getByLabel("Choose a rules file").focus();
  await tabTo(tab.page, area.getByTestId("rules-keep-local"));
  await tab.page.keyboard.press("Enter");
  await expect(area.getByTestId("rules-import-result")).toContainText("Kept this device's rules.");
  await expectStaff(tab.page, "Lead Chen\nEngineer Zhao\nClerk Sun");
  await expect(tab.page.getByTestId("rules-revision")).toHaveText("2");
  await expect(tab.page.getByTestId("rules-changed")).toBeVisible();

  // An older file is refused with the reason, and offers nothing to press.
  area = await pickRules(tab.page, r1);
  await expect(area.getByTestId("rules-preview")).toHaveAttribute("data-decision", "rules_older");
  await expect(area.getByTestId("rules-decision")).toHaveText(
    "Refused: the file holds revision 1, and this device already runs revision 2 of these rules or a later change of them. Nothing was changed.",
  );
  await expect(area.getByRole("button")).toHaveCount(0);
  expect(await seriousViolations(tab.page)).toEqual([]);

  // Revision 3: this time the tablet takes the file's rules; its own are kept to download.
  await saveRules(sup.page, (p) => setStaff(p, "Lead Chen\nEngineer Zhao\nEngineer Qian\nClerk Li"));
  const r3 = await exportRules(sup.page, "Supervisor Wang");
  area = await pickRules(tab.page, r3);
  await expect(area.getByTestId("rules-preview")).toHaveAttribute("data-decision", "rules_diverged");
  await area.getByTestId("rules-use-file").click();
  await expect(area.getByTestId("rules-import-result")).toHaveText(
    "Applied: this device now runs revision 3. This device's previous rules were kept: download them above.",
  );
  await expectStaff(tab.page, "Lead Chen\nEngineer Zhao\nEngineer Qian\nClerk Li");
  await expect(tab.page.getByTestId("rules-revision")).toHaveText("3");
  await expect(tab.page.getByTestId("rules-changed")).toHaveCount(0);
  const [kept] = await Promise.all([tab.page.waitForEvent("download"), tab.page.getByTestId("rules-replaced-download").click()]);
  expect((await readFile(await kept.path())).toString("utf8")).toContain("Clerk Sun");

  // A damaged file, or one that is not a rules file, is a clear error and changes nothing.
  const text = r3.buffer.toString("utf8");
  const damaged = { name: "rules-damaged.json", mimeType: "application/json", buffer: Buffer.from(text.replace("Clerk Li", "Clerk Lu")) };
  area = await pickRules(tab.page, damaged);
  await expect(area.getByTestId("rules-import-error")).toHaveText(
    "The rules file was changed or damaged after it was written (its checksum does not match). Nothing was changed.",
  );
  const notJson = { name: "notes.json", mimeType: "application/json", buffer: Buffer.from("hello") };
  area = await pickRules(tab.page, notJson);
  await expect(area.getByTestId("rules-import-error")).toHaveAttribute("data-code", "rules_file_not_json");
  await expect(area.getByTestId("rules-preview")).toHaveCount(0);
  await tab.page.reload();
  await expect(tab.page.getByTestId("rules-revision")).toHaveText("3");
  await expectStaff(tab.page, "Lead Chen\nEngineer Zhao\nEngineer Qian\nClerk Li");

  // The same file again is nothing to do.
  area = await pickRules(tab.page, r3);
  await expect(area.getByTestId("rules-decision")).toHaveText("The file holds exactly the rules this device runs. Nothing to do.");

  for (const d of [sup, tab]) {
    expect(d.crashes, "no crash").toEqual([]);
    await d.context.close();
  }
});
