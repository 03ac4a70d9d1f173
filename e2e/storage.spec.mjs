// Storage guarantees end to end: drafts survive an abrupt close, tabs see each other's changes,
// a full disk is reported without writing anything, and a tab left behind by an upgrade says so.
import { test, expect } from "./fixtures.mjs";

async function fillForm(page, { name, product, description, phone = "021 5555 1234" }) {
  const receivedBy = page.getByLabel(/Received by|首问负责人/);
  await expect(receivedBy).toBeVisible();
  if (!(await receivedBy.inputValue())) await receivedBy.fill("Counter clerk Li");
  await page.getByLabel(/Customer name/).fill(name);
  await page.getByLabel(/^Phone/).fill(phone);
  await page.getByLabel(/Product or service/).fill(product);
  await page.getByLabel(/customer's own words/).fill(description);
}

// The spills a Register page left in LocalStorage: { form id: draft JSON }.
const spills = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith("register-spill:"))
        .map((k) => [k.slice("register-spill:".length), JSON.parse(localStorage.getItem(k)).data]),
    ),
  );

// One field of every Register draft stored in IndexedDB.
const storedDrafts = (page, field = "description") =>
  page.evaluate(
    (field) =>
      new Promise((resolve) => {
        const req = indexedDB.open("complaint-desk");
        req.onsuccess = () => {
          const all = req.result.transaction("drafts").objectStore("drafts").getAll();
          all.onsuccess = () => {
            resolve(all.result.filter((d) => d.form === "register").map((d) => JSON.parse(d.data)[field]));
            req.result.close();
          };
        };
      }),
    field,
  );

test("a draft survives an abrupt close and is offered, complete, on reopening", async ({ context }) => {
  const page = await context.newPage();
  await page.goto("/register");
  await fillForm(page, { name: "Ms. Zhao", product: "Dishwasher DW-60", description: "Door seal leaks after two weeks." });
  // The autosave has written the whole form (after its debounce), then the tab dies.
  await expect.poll(() => storedDrafts(page))
    .toContain("Door seal leaks after two weeks.");
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto("/register");
  const drafts = again.getByTestId("drafts");
  await expect(drafts).toContainText("Ms. Zhao · Dishwasher DW-60 · Door seal leaks after two weeks.");
  await drafts.getByRole("button", { name: "Resume" }).click();
  await expect(again.getByLabel(/Customer name/)).toHaveValue("Ms. Zhao");
  await expect(again.getByLabel(/Product or service/)).toHaveValue("Dishwasher DW-60");
  await expect(again.getByLabel(/customer's own words/)).toHaveValue("Door seal leaks after two weeks.");
  await expect(again.getByTestId("drafts")).toHaveCount(0);

  // Submitting removes the draft: no ghost draft afterwards.
  await again.getByRole("button", { name: "Save complaint" }).click();
  await expect(again.getByTestId("saved-number")).toBeVisible();
  await again.reload();
  await expect(again.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  // Nothing stored and nothing spilled that the drafts list could show.
  expect(await storedDrafts(again)).toEqual([]);
  expect(await spills(again)).toEqual({});
  await expect(again.getByTestId("drafts")).toHaveCount(0);
});

test("a draft is saved when the page is hidden, before the debounce", async ({ context }) => {
  const page = await context.newPage();
  await page.goto("/register");
  await fillForm(page, { name: "Mr. Qian", product: "Router", description: "Drops the connection hourly." });
  // Hide the page at once (as switching apps on a tablet does); the draft is written then.
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  // Read the drafts store directly, well inside the 500 ms debounce: only the hide flush can
  // have written it.
  await page.waitForTimeout(120);
  const stored = await storedDrafts(page, "customer_name");
  expect(stored).toEqual(["Mr. Qian"]);
  // The tab goes away (the tablet killed it in the background); its draft is offered elsewhere.
  await page.close({ runBeforeUnload: false });
  const other = await context.newPage();
  await other.goto("/register");
  await expect(other.getByTestId("drafts")).toContainText("Mr. Qian · Router");
  // Discarding removes it everywhere.
  await other.getByTestId("drafts").getByRole("button", { name: "Discard" }).click();
  await expect(other.getByTestId("drafts")).toHaveCount(0);
});

test("a draft open in one tab cannot be taken over by another", async ({ context }) => {
  const a = await context.newPage();
  await a.goto("/register");
  await fillForm(a, { name: "Mr. Zhou", product: "Oven", description: "Door hinge broke." });
  await a.waitForTimeout(900);

  const b = await context.newPage();
  await b.goto("/register");
  const drafts = b.getByTestId("drafts");
  await expect(drafts).toContainText("Mr. Zhou · Oven");
  await expect(drafts.getByTestId("draft-in-other-tab")).toBeVisible();
  await expect(drafts.getByRole("button", { name: "Resume" })).toHaveCount(0);

  // Once the first tab is gone, its draft can be resumed here.
  await a.close({ runBeforeUnload: false });
  await b.reload();
  await b.getByTestId("drafts").getByRole("button", { name: "Resume" }).click();
  await expect(b.getByLabel(/Customer name/)).toHaveValue("Mr. Zhou");
});

test("two tabs see each other's saved changes without reloading", async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await a.goto("/register");
  await b.goto("/complaints");
  await expect(b.getByTestId("empty")).toBeVisible();

  await fillForm(a, { name: "王先生", product: "Air conditioner", description: "Cools badly." });
  await a.getByRole("button", { name: "Save complaint" }).click();
  const number = await a.getByTestId("saved-number").textContent();
  await expect(b.getByTestId("complaint-list")).toContainText(number);

  await a.getByRole("button", { name: "Register another" }).click();
  await fillForm(a, { name: "李女士", product: "Washing machine", description: "Leaks." });
  await a.getByRole("button", { name: "Save complaint" }).click();
  const second = await a.getByTestId("saved-number").textContent();
  expect(second).not.toBe(number);
  await expect(b.getByTestId("complaint-list")).toContainText(second);
  await expect(b.getByTestId("count")).toContainText("2");
});

test("a full disk is reported clearly and nothing is written", async ({ browser }) => {
  // Chromium applies a quota override only to an origin's storage opened after it, so measure
  // what a first start uses in one context, then give a fresh context just that much plus a
  // little: the first start succeeds, the registration does not fit. The service worker's cache
  // is left out of the measurement.
  const origin = new URL(test.info().project.use.baseURL).origin;
  const measure = await browser.newContext({ serviceWorkers: "block" });
  const m = await measure.newPage();
  await m.goto("/register");
  await expect(m.getByLabel(/Customer name/)).toBeVisible();
  const { usage } = await m.evaluate(() => navigator.storage.estimate());
  await measure.close();

  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + 500 });
  await page.goto("/register");
  await fillForm(page, { name: "Ms. Sun", product: "Kettle", description: "x".repeat(4000) });
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByTestId("store-error")).toContainText("out of storage space");
  await expect(page.getByTestId("saved")).toHaveCount(0);
  // The draft could not be written either, and the form says so instead of failing silently.
  await expect(page.getByTestId("draft-error")).toContainText("The draft could not be saved");
  // What was typed is still in the form, ready to save once there is room.
  await expect(page.getByLabel(/Customer name/)).toHaveValue("Ms. Sun");
  await page.getByRole("link", { name: "Complaints" }).click();
  await expect(page.getByTestId("empty")).toBeVisible();
  await context.close();
});

test("a tab left behind by a newer version in another tab says so", async ({ context }) => {
  const a = await context.newPage();
  await a.goto("/register");
  await expect(a.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  const b = await context.newPage();
  await b.goto("/data");
  // What a newer app does when it opens: upgrade the schema.
  const opened = await b.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.open("complaint-desk", 1000);
        req.onsuccess = () => {
          req.result.close();
          resolve("upgraded");
        };
        req.onblocked = () => resolve("blocked");
        req.onerror = () => resolve("error");
      }),
  );
  expect(opened).toBe("upgraded");
  await expect(a.getByTestId("superseded")).toContainText("updated in another tab");
});

test("the Data page shows persistence and usage", async ({ page }) => {
  await page.goto("/data");
  await expect(page.getByRole("heading", { name: "Data on this device" })).toBeVisible();
  await expect(page.getByTestId("persistence")).toHaveText(/Granted|Not granted/);
  await expect(page.getByTestId("usage")).toHaveText(/\d+(\.\d)? (B|KB|MB|GB|TB) \/ \d+(\.\d)? (B|KB|MB|GB|TB) \(\d+\.\d %\)/);
  await page.getByTestId("language-switch").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "本设备上的数据" })).toBeVisible();
});

/** Counts the records of an object store whose `field` starts with `prefix` (IndexedDB). */
async function countStored(page, store, field, prefix) {
  return page.evaluate(
    ({ store, field, prefix }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("complaint-desk");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => (db.close(), resolve(all.result.filter((r) => String(r[field]).startsWith(prefix)).length));
        };
      }),
    { store, field, prefix },
  );
}

test("photos chosen on the register form survive an abrupt close with the draft", async ({ context }) => {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
    "base64",
  );
  const page = await context.newPage();
  await page.goto("/register");
  await fillForm(page, { name: "Mr. Ma", product: "Fridge FR-2", description: "The door does not close." });
  await page.locator("#photos").setInputFiles([
    { name: "door.png", mimeType: "image/png", buffer: png },
    { name: "hinge.png", mimeType: "image/png", buffer: png },
  ]);
  await expect(page.getByTestId("photos-kept")).toContainText("2");
  // Both the draft and its photos are stored before the tab dies.
  await expect.poll(() => countStored(page, "attachments", "complaint", "draft:")).toBe(2);
  await expect.poll(() => countStored(page, "drafts", "form", "register")).toBe(1);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto("/register");
  await again.getByTestId("drafts").getByRole("button", { name: "Resume" }).click();
  await expect(again.getByLabel(/Customer name/)).toHaveValue("Mr. Ma");
  await expect(again.getByTestId("photos-kept")).toContainText("2");
  await again.getByRole("button", { name: "Save complaint" }).click();
  await expect(again.getByTestId("photos-attached")).toContainText("2");
  // The draft's copies go once the photos are the complaint's.
  await expect.poll(() => countStored(again, "attachments", "complaint", "draft:")).toBe(0);
});

test("a draft in the format earlier versions wrote resumes with every choice, typed", async ({ page }) => {
  await page.goto("/register");
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  // Written as versions before the typed form model wrote it: choices as keys, "" for none,
  // and one key ("teleport") this version does not know, which is left out, not fatal.
  const data = {
    received_at: "2026-11-20T09:15", channel: "site", customer_name: "Ms. Sun", customer_phone: "021 5555 8888",
    product: "Oven OV-3", description: "The timer stopped working.", received_by: "Clerk Wu",
    more: {
      anonymous: false, salutation: "ms", email: "", customer_no: "", company: "", address: "",
      occurred_at: "2026-11-19T18:00", place: "", model: "", order_ref: "", restatement: "",
      expectations: ["exchange", "teleport"], expectation_note: "", emotion: "",
      request_type: "after_sales_support", seriousness: "major", recurrence: "recurring",
    },
    photos: 0,
  };
  await page.evaluate(
    (data) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open("complaint-desk");
        req.onsuccess = () => {
          const tx = req.result.transaction("drafts", "readwrite");
          tx.objectStore("drafts").put({ id: "old-format-draft", form: "register", updated_ms: Date.now(), data: JSON.stringify(data) });
          tx.oncomplete = () => { req.result.close(); resolve(); };
          tx.onerror = () => reject(tx.error);
        };
      }),
    data,
  );
  await page.reload();
  const drafts = page.getByTestId("drafts");
  await expect(drafts).toContainText("Ms. Sun · Oven OV-3 · The timer stopped working.");
  await drafts.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByLabel(/Customer name/)).toHaveValue("Ms. Sun");
  await expect(page.locator("#received_at")).toHaveValue("2026-11-20T09:15");
  await expect(page.locator("#channel")).toHaveValue("site");
  await expect(page.locator("#first_contact_owner")).toHaveValue("Clerk Wu");
  await expect(page.locator("#salutation")).toHaveValue("ms");
  await expect(page.locator("#occurred_at")).toHaveValue("2026-11-19T18:00");
  await expect(page.locator("#expect-exchange")).toBeChecked();
  await expect(page.locator("#emotion")).toHaveValue("");
  await expect(page.locator("#request_type")).toHaveValue("after_sales_support");
  await expect(page.locator("#seriousness")).toHaveValue("major");
  await expect(page.locator("#recurrence")).toHaveValue("recurring");

  // Saved, the complaint carries those choices.
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByTestId("saved-number")).toBeVisible();
  await expect(page.getByTestId("saved-number")).toContainText("-SITE-");
  await page.getByTestId("open-saved").click();
  await expect(page.locator("main")).toContainText("Oven OV-3");
  await expect(page.getByTestId("badges")).toContainText("Major");
  await expect(page.getByTestId("badges")).toContainText("Recurring");
});

// Types `text` as the description and hides the page in the same task: what hiding stores
// cannot have been stored before, so the spill holds it when the dispatch returns (its
// IndexedDB write, started then, forgets the spill once it lands). Returns the spills then.
const typeThenHide = (page, text) =>
  page.evaluate((text) => {
    const box = document.getElementById("description");
    box.value = text;
    box.dispatchEvent(new Event("input", { bubbles: true }));
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    delete document.hidden;
    delete document.visibilityState;
    const spilled = Object.keys(localStorage).filter((k) => k.startsWith("register-spill:"));
    return Object.fromEntries(spilled.map((k) => [k.slice("register-spill:".length), JSON.parse(localStorage.getItem(k)).data]));
  }, text);

test("a draft typed just before the tab is killed comes back from its spill, and a registered one leaves none", async ({ context }) => {
  const page = await context.newPage();
  await page.goto("/register");
  await fillForm(page, { name: "Ms. Qin", product: "Tablet T-8", description: "Screen" });
  const spilled = await typeThenHide(page, "Screen cracked on the second day.");
  expect(Object.values(spilled)).toHaveLength(1);
  expect(Object.values(spilled)[0]).toContain("Screen cracked on the second day.");
  await page.close({ runBeforeUnload: false });

  // The IndexedDB write started on hiding never landed (the tab was killed): only the spill is left.
  const again = await context.newPage();
  await again.goto("/complaints");
  await expect(again.getByRole("heading", { level: 1 })).toBeVisible();
  await again.evaluate(
    (spilled) =>
      new Promise((resolve) => {
        const req = indexedDB.open("complaint-desk");
        req.onsuccess = () => {
          const tx = req.result.transaction("drafts", "readwrite");
          tx.objectStore("drafts").clear();
          tx.oncomplete = () => {
            req.result.close();
            for (const [id, data] of Object.entries(spilled)) {
              localStorage.setItem(`register-spill:${id}`, JSON.stringify({ at_ms: Date.now(), data }));
            }
            resolve();
          };
        };
      }),
    spilled,
  );
  await again.goto("/register");
  const drafts = again.getByTestId("drafts");
  await expect(drafts).toContainText("Ms. Qin · Tablet T-8 · Screen cracked on the second day.");
  // Listed from IndexedDB now: the spill is stored as the draft and forgotten.
  await expect.poll(() => storedDrafts(again)).toEqual(["Screen cracked on the second day."]);
  await expect.poll(() => spills(again)).toEqual({});
  await drafts.getByRole("button", { name: "Resume" }).click();
  await expect(again.getByLabel(/customer's own words/)).toHaveValue("Screen cracked on the second day.");

  // Hidden once more, then registered: the spill goes with the draft, nothing comes back.
  const second = await typeThenHide(again, "Screen cracked on the second day; the shop refused a refund.");
  expect(Object.keys(second)).toEqual(Object.keys(spilled));
  await again.getByRole("button", { name: "Save complaint" }).click();
  await expect(again.getByTestId("saved-number")).toBeVisible();
  expect(await spills(again)).toEqual({});
  await expect.poll(() => storedDrafts(again)).toEqual([]);
  await again.reload();
  await expect(again.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  expect(await spills(again)).toEqual({});
});
