// Shared steps of the end-to-end tests.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { expect } from "@playwright/test";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * axe-core's serious and critical violations on the page as it is now. Evaluated rather than
 * added as a <script>: the app's Content-Security-Policy blocks inline scripts, and the audit
 * must run against the page as users get it.
 */
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Registers a complaint through the form and returns its number. */
export async function register(page, { name, phone, product, receivedBy = "Clerk Li" }) {
  await page.goto("/register");
  const owner = page.getByLabel(/Received by/);
  await expect(owner).toBeVisible();
  if (!(await owner.inputValue())) {
    // With a staff list "Received by" is a choice of the staff: the person named, else the first.
    if (await owner.evaluate((el) => el.tagName === "SELECT")) {
      const named = await owner.locator(`option[value="${receivedBy}"]`).count();
      await owner.selectOption(named ? receivedBy : { index: 1 });
    } else {
      await owner.fill(receivedBy);
    }
  }
  await page.getByLabel(/Customer name/).fill(name);
  await page.getByLabel(/^Phone/).fill(phone);
  await page.getByLabel(/Product or service/).fill(product);
  await page.getByLabel(/customer's own words/).fill(`${product} does not work.`);
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = page.getByTestId("saved-number");
  await expect(number).toBeVisible();
  return number.textContent();
}

/** Opens a step panel of the complaint detail (unfolding it when folded) and returns it. */
export async function panel(page, name) {
  const p = page.getByTestId(`${name}-panel`);
  await expect(p).toBeVisible();
  if (await p.evaluate((el) => el.tagName === "DETAILS" && !el.open)) {
    await p.locator("summary").click();
  }
  return p;
}

/**
 * Fills and submits a step panel, then waits until the saved step shows in the timeline
 * (every step adds at least one event).
 */
export async function step(page, name, fill = async () => {}) {
  const timeline = page.getByTestId("timeline").locator("li");
  const before = await timeline.count();
  const p = await panel(page, name);
  await fill(p);
  await p.getByTestId(`${name}-submit`).click();
  await expect.poll(() => timeline.count()).toBeGreaterThan(before);
}

/** Opens a complaint from the list and classifies it from its detail page. */
export async function openAndClassify(page, number, { type = "product_quality", urgency = "normal" } = {}) {
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByTestId("detail-number")).toHaveText(number);
  const classify = page.getByTestId("classify-panel");
  await classify.getByLabel("Complaint type").selectOption(type);
  await classify.getByLabel("Urgency").selectOption(urgency);
  await classify.getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("detail-status")).toHaveText("Classified");
}

/** Every event id this device's database holds, sorted: devices that converged hold the same. */
export async function storedEventIds(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("complaint-desk");
        open.onsuccess = () => {
          const all = open.result.transaction("events").objectStore("events").getAllKeys();
          all.onsuccess = () => resolve(all.result.sort());
          all.onerror = () => reject(all.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

/** Adds a person to Settings' staff editor with these roles (labels as shown). */
export async function addPerson(page, name, roles) {
  await page.getByTestId("staff-add").click();
  const row = page.getByTestId("staff-row").last();
  await expect(row.getByLabel("Name")).toBeFocused();
  await row.getByLabel("Name").fill(name);
  for (const role of ["Clerk", "Handler", "Manager"]) {
    await row.getByLabel(role, { exact: true }).setChecked(roles.includes(role));
  }
}
