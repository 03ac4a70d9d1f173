// What a clerk types is never lost to the app being busy. The cause found: a <Suspense> around
// every page went back to its fallback whenever any resource under it refetched (the drafts
// list after an autosave, a refused save), taking the form out of the page for a moment; a
// keystroke or a fill in that moment went nowhere and the focus was lost. On a busy machine the
// moment was long enough to lose the Model of a complaint. The form must never leave the page.
import { test, expect } from "./fixtures.mjs";

/** Records every time the register form (or anything holding it) is taken out of the page. */
async function watchForm(page) {
  await page.evaluate(() => {
    window.__detached = 0;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.removedNodes) {
          if (n.nodeType === 1 && (n.matches?.("form.register-form") || n.querySelector?.("form.register-form"))) window.__detached += 1;
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
}

test("the register form stays in the page through autosaves, refused saves and other tabs' drafts", async ({ page, context }) => {
  await page.goto("/register");
  await expect(page.locator("form.register-form")).toBeVisible();
  await watchForm(page);
  await page.getByLabel(/Customer name/).fill("Mr. Sun");
  await page.getByLabel(/^Phone/).fill("13800138000");
  await page.getByLabel(/Product or service/).fill("Washing machine");
  await page.getByLabel(/customer's own words/).fill("It leaks water on every wash.");
  // A refused save (no first-contact owner): the errors show and the owner field gets the focus.
  await page.getByRole("button", { name: "Save complaint" }).click();
  const owner = page.getByLabel(/Received by/);
  await expect(owner).toBeFocused();
  // The draft is autosaved meanwhile, and another tab saves a draft of its own (this tab's
  // drafts list refetches when it hears of it).
  const other = await context.newPage();
  await other.goto("/register");
  await other.getByLabel(/Customer name/).fill("Ms. Other tab");
  await expect(page.getByTestId("drafts")).toContainText("Ms. Other tab");
  await other.close();
  // Typing goes on where it was.
  await owner.fill("Counter clerk Li");
  await page.locator("#more-incident summary").click();
  await page.getByLabel("Model").fill("WM-8000");
  await page.getByLabel("Order or reference number").fill("SO-2026-1125");
  expect(await page.evaluate(() => window.__detached)).toBe(0);
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = await page.getByTestId("saved-number").textContent();
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  await expect(page.getByTestId("detail-product")).toHaveText("Washing machine · WM-8000 · SO-2026-1125");
});
