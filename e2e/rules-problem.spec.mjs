// Saved working rules that this version cannot use must never be swapped for the defaults
// silently: every page says so with the reason, the saved text can be downloaded, Settings shows
// the saved rules with the failing field marked, and saving the repair keeps a copy of the old text.
import { test, expect } from "./fixtures.mjs";
import { readFile } from "node:fs/promises";

/** Rewrites the saved rules' JSON text in IndexedDB (as an older version or a bad file could). */
async function tamperRules(page, change) {
  await page.evaluate(
    (changeSource) =>
      new Promise((resolve, reject) => {
        const change = new Function("json", changeSource);
        const open = indexedDB.open("complaint-desk");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("meta", "readwrite");
          const store = tx.objectStore("meta");
          const get = store.get("config");
          get.onsuccess = () => store.put({ ...get.result, json: change(get.result.json) });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    change,
  );
}

async function readMeta(page, key) {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("complaint-desk");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction("meta").objectStore("meta").get(key);
          get.onsuccess = () => (db.close(), resolve(get.result?.json ?? null));
        };
      }),
    key,
  );
}

async function saveDefaultRules(page) {
  await page.goto("/settings");
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");
}

test("saved rules the checks refuse are reported on every page, downloadable, and repaired in Settings", async ({ page }) => {
  await saveDefaultRules(page);
  const ambiguous = "{YYYY}{MM}{DD}{DEV}{SEQ:1}";
  await tamperRules(page, `const c = JSON.parse(json); c.number_mask = ${JSON.stringify(ambiguous)}; return JSON.stringify(c);`);

  await page.goto("/register");
  const banner = page.getByTestId("rules-problem");
  await expect(banner).toBeVisible();
  await expect(page.getByTestId("rules-problem-reason")).toContainText("could be read two ways");
  await page.goto("/complaints");
  await expect(banner).toBeVisible();

  // The saved text downloads as it is.
  const download = page.waitForEvent("download");
  await page.getByTestId("rules-problem-download").click();
  const saved = JSON.parse(await readFile(await (await download).path(), "utf8"));
  expect(saved.number_mask).toBe(ambiguous);

  // Settings shows the person's own rules with the failing field marked, not the defaults.
  await banner.getByRole("link", { name: "Repair in Settings" }).click();
  const mask = page.getByLabel("Number format");
  await expect(mask).toHaveValue(ambiguous);
  await expect(page.locator("#settings-number_mask-error")).toContainText("could be read two ways");
  await mask.fill("{YYYY}{MM}{DD}-{DEV}-{SEQ:3}");
  await page.getByTestId("save-rules").click();
  await expect(page.getByTestId("rules-saved")).toHaveText("Working rules saved.");
  await expect(banner).toHaveCount(0);
  // The replaced text was kept, not lost.
  expect(JSON.parse(await readMeta(page, "config_replaced")).number_mask).toBe(ambiguous);
  await page.reload();
  await expect(page.getByTestId("working-rules")).toBeVisible();
  await expect(banner).toHaveCount(0);
});

test("saved rules that cannot be read at all are reported with the reason and kept", async ({ page }) => {
  await saveDefaultRules(page);
  await tamperRules(page, `return json.slice(0, 40);`);
  await page.goto("/complaints");
  await expect(page.getByTestId("rules-problem")).toBeVisible();
  await expect(page.getByTestId("rules-problem-reason")).toContainText("cannot be read by this version");
  // Nothing was overwritten by opening the app.
  expect((await readMeta(page, "config")).length).toBe(40);
});
