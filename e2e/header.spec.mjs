// The header on every screen (issue #12): one band at 1024 and 1366 px, two short rows on a
// phone (the navigation one row that scrolls sideways if it must), never wrapped into a grid;
// with the longest badge text (offline), in both languages, and no page wider than the screen.
import { test, expect } from "./fixtures.mjs";

for (const locale of ["en", "zh-CN"]) {
  for (const [width, height, maxHeader] of [[390, 844, 110], [1024, 768, 72], [1366, 768, 72]]) {
    test(`the header fits at ${width} px in ${locale}`, async ({ browser }) => {
      const context = await browser.newContext({ locale, viewport: { width, height } });
      const page = await context.newPage();
      await page.goto("/complaints");
      await expect(page.locator("main h1")).toBeVisible();
      await context.setOffline(true);
      await expect(page.getByTestId("online-badge")).toHaveClass(/offline/);
      const header = await page.locator(".app-header").boundingBox();
      expect(header.height).toBeLessThanOrEqual(maxHeader);
      const tops = await page.locator(".app-header nav a").evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
      expect(new Set(tops).size, "every link on one row").toBe(1);
      // Every link whole on the screen, none cut at the right edge.
      const rights = await page.locator(".app-header nav a").evaluateAll((links) => links.map((a) => a.getBoundingClientRect().right));
      expect(Math.max(...rights), "the last link inside the screen").toBeLessThanOrEqual(width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await context.close();
    });
  }
}
