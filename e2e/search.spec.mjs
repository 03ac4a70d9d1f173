// The Complaints list as counter staff use it, at phone and laptop width: search by surname,
// the last four phone digits or the whole number with "+86", the serial of the number and a
// product word; the default list is open work; going to a complaint and back keeps the
// filters, the rows loaded and the position.
import { test, expect } from "./fixtures.mjs";
import { register } from "./helpers.mjs";

/**
 * Copies the stored list row of complaint `number` `n` times in the page's database, as rows
 * of complaints registered later (`status` and `stage` as given): a long list in a second.
 * The copies have no events, so only the original opens as a complaint.
 */
async function copies(page, number, n, { status = "registered", stage = "open", prefix = "X" } = {}) {
  await page.evaluate(
    ({ number, n, status, stage, prefix }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("complaint-desk");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("views", "readwrite");
          const views = tx.objectStore("views");
          const get = views.index("number").get(number);
          get.onsuccess = () => {
            const row = get.result;
            for (let i = 0; i < n; i++) {
              const serial = String(i).padStart(3, "0");
              views.put({
                ...row,
                id: `00${prefix}${String(i).padStart(8, "0")}`,
                number: `${row.number.slice(0, 9)}${prefix}${prefix}${prefix}-${row.number.slice(13, 16)}-${serial}`,
                created_ms: row.created_ms + (i + 1) * 60_000,
                due_ms: status === "archived" ? null : row.due_ms + (i + 1) * 60_000,
                status,
                stage,
                customer_name: `Copy ${prefix} ${i}`,
                terms: ["copy", prefix.toLowerCase(), String(i)],
              });
            }
          };
          tx.oncomplete = () => { db.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { number, n, status, stage, prefix },
  );
}

for (const [label, viewport] of [["phone", { width: 390, height: 844 }], ["laptop", { width: 1366, height: 768 }]]) {
  test.describe(`at ${label} width`, () => {
    test.use({ viewport });

    test("one box finds a surname, the last phone digits, a serial and a product word", async ({ page }) => {
      const mrWang = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Washing machine WM-8" });
      const wang = await register(page, { name: "王先生", phone: "021-5555-1234", product: "空调 KFR-35GW" });
      const li = await register(page, { name: "Li Na", phone: "139 1111 2222", product: "Electric kettle" });
      expect(li.endsWith("-003")).toBe(true);

      await page.getByRole("link", { name: "Complaints" }).click();
      const list = page.getByTestId("complaint-list");
      const numbers = () => list.locator(".complaint-number").allTextContents();
      await expect(list.getByTestId("complaint-card")).toHaveCount(3);
      const search = page.getByLabel("Search by number, phone, customer name or product");
      // The search box is on the first screen, above the results, at every width.
      await expect(search).toBeInViewport();
      const csvExport = page.getByRole("button", { name: "Export as CSV (Excel)" });
      if (label === "phone") {
        // The exports fold behind one button on a phone: the first card is on the first screen.
        await expect(csvExport).toBeHidden();
        await expect(list.getByTestId("complaint-card").first()).toBeInViewport();
        const toggle = page.getByRole("button", { name: "Export…" });
        await expect(toggle).toHaveAttribute("aria-expanded", "false");
        await toggle.click();
        await expect(toggle).toHaveAttribute("aria-expanded", "true");
      } else {
        await expect(page.getByRole("button", { name: "Export…" })).toBeHidden();
      }
      await expect(csvExport).toBeVisible();
      await search.fill("Wang");
      await expect.poll(numbers).toEqual([mrWang]);
      await search.fill("8000");
      await expect.poll(numbers).toEqual([mrWang]);
      // The whole number with China's code finds it stored without the code.
      await search.fill("+86 138 0013 8000");
      await expect.poll(numbers).toEqual([mrWang]);
      await search.fill("003");
      await expect.poll(async () => (await numbers())[0]).toBe(li);
      await search.fill("machine");
      await expect.poll(numbers).toEqual([mrWang]);
      await search.fill("王");
      await expect.poll(numbers).toEqual([wang]);
      await search.fill("kettle li");
      await expect.poll(numbers).toEqual([li]);
      // The search is in the address: a reload keeps it.
      await expect(page).toHaveURL(/q=kettle%20li/);
      await page.reload();
      await expect(search).toHaveValue("kettle li");
      await expect.poll(numbers).toEqual([li]);
    });

    test("the default list is open work; a status choice shows archived ones", async ({ page }) => {
      const kept = await register(page, { name: "Zhao Lei", phone: "139 1111 2222", product: "Router" });
      await page.goto("/complaints");
      const list = page.getByTestId("complaint-list");
      await expect(list.getByTestId("complaint-card")).toHaveCount(1);
      await copies(page, kept, 2, { status: "archived", stage: "done", prefix: "A" });
      await page.reload();
      await expect(list.getByTestId("complaint-card")).toHaveCount(1);
      await expect(page.getByTestId("listed-count")).toHaveText("1 listed");
      if (label === "phone") {
        // The filters are folded behind one button on a phone.
        await expect(page.getByLabel("Status", { exact: true })).toBeHidden();
        await page.getByRole("button", { name: "Filters" }).click();
      }
      await page.getByLabel("Status", { exact: true }).selectOption("all");
      await expect(list.getByTestId("complaint-card")).toHaveCount(3);
      // Closed and archived complaints have no running clock: they are listed newest first.
      await expect(page.getByLabel("Order")).toHaveValue("newest");
      await expect(page.getByLabel("Order")).toBeDisabled();
      await expect(page.getByTestId("listed-count")).toHaveText("3 listed");
      await page.getByLabel("Status", { exact: true }).selectOption("archived");
      await expect(list.getByTestId("complaint-card")).toHaveCount(2);
      await expect(list.locator(".status").first()).toHaveText("Archived");
      // Search finds every complaint, archived ones too.
      await page.getByLabel("Search by number, phone, customer name or product").fill("copy");
      await expect(list.getByTestId("complaint-card")).toHaveCount(2);
    });

    test("coming back from a complaint keeps the filters, the rows loaded and the position", async ({ page }) => {
      const first = await register(page, { name: "Sun Li", phone: "137 0000 4321", product: "Water heater" });
      await page.goto("/complaints");
      await expect(page.getByTestId("complaint-card")).toHaveCount(1);
      await copies(page, first, 80, { prefix: "B" });
      await page.reload();
      const list = page.getByTestId("complaint-list");
      const cards = list.getByTestId("complaint-card");
      await expect(cards).toHaveCount(50);
      if (label === "phone") {
        await expect(cards.first()).toBeInViewport();
        await page.getByRole("button", { name: "Filters" }).click();
      }
      await page.getByLabel("Order").selectOption("newest");
      await expect(page).toHaveURL(/order=newest/);
      // Key paging: "Load more" continues where the first page ended.
      await page.getByTestId("load-more").click();
      await expect(cards).toHaveCount(81);
      await expect(page.getByTestId("load-more")).toHaveCount(0);
      const numbers = await list.locator(".complaint-number").allTextContents();
      expect(new Set(numbers).size).toBe(81);
      await expect(page).toHaveURL(/shown=81/);

      // Open the last card (the real complaint, the oldest) by tapping its text, not its
      // number: the whole card is the link.
      const target = cards.nth(80);
      await target.scrollIntoViewIfNeeded();
      const box = await target.locator(".description").boundingBox();
      expect(box.height).toBeGreaterThan(0);
      const cardBox = await target.boundingBox();
      expect(cardBox.height).toBeGreaterThanOrEqual(44);
      const y = await page.evaluate(() => window.scrollY);
      expect(y).toBeGreaterThan(1000);
      const number = numbers[80];
      expect(number).toBe(first);
      // A tap on the card's text lands on the number's link, which covers the whole card.
      const tap = { position: { x: cardBox.width / 2, y: cardBox.height - 8 } };
      await target.click(tap);
      await expect(page.getByTestId("detail-number")).toHaveText(number);

      await page.getByRole("link", { name: "Back to the list" }).click();
      await expect(page).toHaveURL(/order=newest/);
      await expect(cards).toHaveCount(81);
      await expect(page.getByLabel("Order")).toHaveValue("newest");
      // The same card is on the screen again (the page is scrolled as it was; on a phone the
      // filters are folded again, so the offset differs by their height).
      await expect(target).toBeInViewport();
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 844);

      // The browser's back button does the same.
      await target.click(tap);
      await expect(page.getByTestId("detail-number")).toHaveText(number);
      await page.goBack();
      await expect(cards).toHaveCount(81);
      await expect(target).toBeInViewport();
    });
  });
}

test("a link with a status or urgency the app does not know says so and shows open work", async ({ page }) => {
  await register(page, { name: "Zhou Min", phone: "136 0000 7777", product: "Rice cooker" });
  await page.goto("/complaints?status=bogus&urgency=soon");
  const notice = page.getByTestId("unknown-link");
  await expect(notice).toContainText("The link's status “bogus” is not known; showing open work.");
  await expect(notice).toContainText("The link's urgency “soon” is not known; showing every urgency.");
  await expect(page.getByTestId("complaint-list").getByTestId("complaint-card")).toHaveCount(1);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Urgency")).toHaveValue("");
  // The address now says what the list shows; a choice of the person's own ends the notice.
  await expect(page).toHaveURL(/\/complaints$/);
  await page.getByLabel("Status", { exact: true }).selectOption("all");
  await expect(page).toHaveURL(/status=all/);
  await expect(notice).toHaveCount(0);
});
