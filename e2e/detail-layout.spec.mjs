// The complaint page shows what matters at once (issue #12): the header names the deadline due
// first and the badges, an urgent complaint's "Log a contact" comes first and large, the other
// records are grouped by phase, and from 1024 px the facts sit beside the steps. The list card
// shows the same badges and names its clock.
import { test, expect } from "./fixtures.mjs";
import { openAndClassify, register } from "./helpers.mjs";

for (const [width, height] of [[390, 844], [1024, 768], [1366, 768]]) {
  test(`an urgent complaint at ${width} px: header, first step, phases, columns`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    const number = await register(page, { name: "Ms. Sun", phone: "13700003333", product: "Heater H-2" });
    await openAndClassify(page, number, { urgency: "urgent" });

    // The header: status, the named clock due first (never a minus sign), the badge in words.
    await expect(page.getByTestId("header-status")).toHaveText("Classified");
    await expect(page.getByTestId("detail-due")).toHaveText(/^First contact due in \d+ (min|h)/);
    await expect(page.getByTestId("badges").locator("li")).toHaveText(["Urgent"]);

    // The urgent complaint's first-contact clock runs: logging the contact is the first step.
    const first = page.getByTestId("next-steps").locator(".step-slot").first();
    await expect(first).toHaveAttribute("data-step", "log_communication");
    await expect(first.getByRole("heading", { name: "Log a contact" })).toBeVisible();
    // The other records are grouped by phase.
    await expect(page.getByTestId("more-steps").getByRole("heading", { name: "Investigation" })).toBeVisible();
    await expect(page.getByTestId("more-steps").getByRole("heading", { name: "Corrections, files and responsibility" })).toBeVisible();

    // Two columns from 1024 px, one on a phone; nothing is cut off at the right edge.
    const main = await page.locator(".detail-next").boundingBox();
    const side = await page.locator(".detail-side").boundingBox();
    if (width >= 1024) expect(side.x).toBeGreaterThan(main.x + main.width - 1);
    else expect(side.y).toBeGreaterThan(main.y + main.height - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

    // The list card: the same badge and the named clock.
    await page.getByRole("link", { name: "‹ Back to the list" }).click();
    const card = page.getByTestId("complaint-card").filter({ hasText: number });
    await expect(card.getByTestId("badges")).toHaveText("Urgent");
    await expect(card.getByTestId("due")).toHaveText(/^First contact due in /);
  });
}
