// Saving one step of a complaint must not cost the clerk what was typed elsewhere on the page:
// the other panels keep their text and stay open, the saved panel confirms next to its button
// and starts again empty, and the keyboard focus stays on the panel that was used.
import { test, expect } from "./fixtures.mjs";
import { openAndClassify, panel, register, step } from "./helpers.mjs";

test("saving a step keeps what was typed in the other panels, their state and the focus", async ({ page }) => {
  const number = await register(page, { name: "Ms. Qian", phone: "13900001111", product: "Rice cooker RC-2" });
  await openAndClassify(page, number);

  // Half-typed text in a folded record the clerk opened, and in an open next step.
  const contact = await panel(page, "contact");
  await contact.getByLabel("What was said").fill("Called back, she will send a photo of the lid");
  const correction = page.getByTestId("customer-panel");
  await panel(page, "customer");
  await correction.getByLabel(/Customer name/).fill("Ms. Qian Li");

  // Save a different step.
  await step(page, "assign", async (p) => p.getByLabel(/Handler/).fill("After-sales lead Chen"));
  await expect(page.getByTestId("detail-handler")).toHaveText("After-sales lead Chen");

  // Nothing typed elsewhere was lost, and the folded panels the clerk opened are still open.
  await expect(contact.getByLabel("What was said")).toHaveValue("Called back, she will send a photo of the lid");
  await expect(correction.getByLabel(/Customer name/)).toHaveValue("Ms. Qian Li");
  await expect(correction).toHaveAttribute("open", "");
  // The page did not go back to "Loading…".
  await expect(page.getByRole("status").filter({ hasText: "Loading…" })).toHaveCount(0);

  // Now save the contact itself: it confirms next to its button, starts again empty, and the
  // focus is on its button, not lost at the top of the page.
  await contact.getByLabel("Result").selectOption("reached");
  await contact.getByTestId("contact-submit").focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("case-contacts")).toContainText("photo of the lid");
  const fresh = page.getByTestId("contact-panel");
  await expect(fresh.getByTestId("contact-saved")).toHaveText("Saved.");
  await expect(fresh.getByLabel("What was said")).toHaveValue("");
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.id ?? ""))
    .toBe("contact-submit");
  // The correction typed earlier is still there after a second save.
  await expect(correction.getByLabel(/Customer name/)).toHaveValue("Ms. Qian Li");
});

test("a saved step keeps the scroll position and confirms next to its button; a refused save clears it", async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  const number = await register(page, { name: "Mr. Zhou", phone: "13900002222", product: "Kettle K-9" });
  await openAndClassify(page, number);

  // Half-typed text in one panel…
  const correction = await panel(page, "customer");
  await correction.getByLabel(/Customer name/).fill("Mr. Zhou Wei");
  // …while another panel is saved, with the page scrolled to it.
  const contact = await panel(page, "contact");
  await contact.getByLabel("Result").selectOption("reached");
  await contact.getByLabel("What was said").fill("Promised a replacement lid by Friday.");
  const submit = contact.getByTestId("contact-submit");
  await submit.evaluate((el) => el.scrollIntoView({ block: "center" }));
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(200);
  await submit.click();

  // "Saved." next to the button, as a status message screen readers announce.
  const saved = page.getByTestId("contact-panel").getByTestId("contact-saved");
  await expect(saved).toHaveText("Saved.");
  await expect(saved).toHaveAttribute("role", "status");
  await expect(page.getByTestId("case-contacts")).toContainText("replacement lid");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? "")).toBe("contact-submit");
  // The page did not jump (to the top or anywhere else).
  const after = await page.evaluate(() => window.scrollY);
  expect(Math.abs(after - before)).toBeLessThanOrEqual(48);
  // The other panel kept its text.
  await expect(correction.getByLabel(/Customer name/)).toHaveValue("Mr. Zhou Wei");

  // A refused save (nothing was said, no result chosen) clears the earlier "Saved." and says why
  // at the input.
  await page.getByTestId("contact-panel").getByTestId("contact-submit").click();
  await expect(page.getByTestId("contact-panel").getByText("Choose an answer: nothing is chosen for the customer.")).toBeVisible();
  await expect(page.getByTestId("contact-panel").getByTestId("contact-saved")).toHaveText("");
  await expect(page.getByTestId("contact-panel").getByLabel("Result")).toBeFocused();
  await expect(correction.getByLabel(/Customer name/)).toHaveValue("Mr. Zhou Wei");
});

test("what is typed in a step panel survives a reload, offline, until the step is saved", async ({ page, context }) => {
  const number = await register(page, { name: "Mr. Sun", phone: "13900003333", product: "Fan F-1" });
  await openAndClassify(page, number);
  await context.setOffline(true);

  // Typed in a folded record and in a choice, then the tab is reloaded (or crashes).
  const contact = await panel(page, "contact");
  await contact.getByLabel("Result").selectOption("reached");
  await contact.getByLabel("What was said").fill("He will bring the fan to the shop on Monday");
  const correction = await panel(page, "customer");
  await correction.getByLabel(/Customer name/).fill("Mr. Sun Hao");
  // The drafts are written once typing stops: wait until both are stored, not for a time.
  const stepDrafts = () => page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("complaint-desk");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction("drafts").objectStore("drafts").getAll();
      req.onsuccess = () => { open.result.close(); resolve(req.result.filter((d) => d.form === "step").map((d) => d.data).join("|")); };
    };
  }));
  await expect.poll(stepDrafts).toContain("Mr. Sun Hao");
  await expect.poll(stepDrafts).toContain("bring the fan");
  await page.reload();

  // Both panels show what was typed again, and the choice is kept.
  const back = page.getByTestId("contact-panel");
  await expect(back.getByLabel("What was said")).toHaveValue("He will bring the fan to the shop on Monday");
  await expect(back.getByLabel("Result")).toHaveValue("reached");
  // The folded correction opened by itself, so its restored text is seen.
  await expect(page.getByTestId("customer-panel")).toHaveAttribute("open", "");
  await expect(page.getByTestId("customer-panel").getByLabel(/Customer name/)).toHaveValue("Mr. Sun Hao");

  // Saving the step removes its draft with it: after a reload the panel starts empty, while the
  // other panel's draft is still there.
  await back.getByTestId("contact-submit").click();
  await expect(page.getByTestId("case-contacts")).toContainText("bring the fan");
  await page.reload();
  const fresh = await panel(page, "contact");
  await expect(page.getByTestId("customer-panel").getByLabel(/Customer name/)).toHaveValue("Mr. Sun Hao");
  await expect(fresh.getByLabel("What was said")).toHaveValue("");
});

test("what is typed in a step panel survives closing the tab at once, before it is stored", async ({ page, context }) => {
  const number = await register(page, { name: "Mr. Qian", phone: "13900004444", product: "Kettle K-2" });
  await openAndClassify(page, number);
  const url = page.url();
  const id = url.split("/complaints/")[1];

  // Typed, then the tab is closed straight away: the IndexedDB draft (written once typing
  // stops) may never be written; the page's `pagehide` spills it to LocalStorage at once.
  const contact = await panel(page, "contact");
  await contact.getByLabel("What was said").fill("She wants a new kettle, not a repair");
  await page.close({ runBeforeUnload: true });

  const again = await context.newPage();
  await again.goto(url);
  const back = again.getByTestId("contact-panel");
  await expect(back).toBeVisible();
  await expect(back.getByLabel("What was said")).toHaveValue("She wants a new kettle, not a repair");
  // Read back, the spill is stored as the panel's draft and forgotten.
  await expect.poll(() => again.evaluate((key) => localStorage.getItem(key), `draft-spill:${id}`)).toBeNull();

  // Hiding the page (a phone switching apps) spills too, and saving the step forgets it.
  await back.getByLabel("What was said").fill("She wants a new kettle");
  // The listener runs during the dispatch: the spill is there when it returns.
  const spilled = await again.evaluate((key) => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    delete document.hidden;
    delete document.visibilityState;
    return localStorage.getItem(key);
  }, `draft-spill:${id}`);
  expect(spilled).toContain("She wants a new kettle");
  await back.getByLabel("Result").selectOption("reached");
  await back.getByTestId("contact-submit").click();
  await expect(again.getByTestId("case-contacts")).toContainText("new kettle");
  expect(await again.evaluate((key) => localStorage.getItem(key), `draft-spill:${id}`)).toBeNull();
});
