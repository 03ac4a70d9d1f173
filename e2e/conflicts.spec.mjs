// Conflicting edits (SPEC §13): two devices assigned different handlers without seeing each
// other's change. Both values are kept and shown; a person keeps one, and that is an event too.
import { test, expect } from "./fixtures.mjs";
import { register, step } from "./helpers.mjs";

test("concurrent edits are shown side by side and resolved by a person", async ({ page, context }) => {
  const number = await register(page, { name: "Mr. Wang", phone: "138 0013 8000", product: "Kettle" });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.goto("/complaints");
  await page.getByRole("link", { name: number }).click();
  const classify = page.getByTestId("classify-panel");
  await classify.getByRole("button", { name: "Save classification" }).click();
  await expect(page.getByTestId("detail-status")).toHaveText("Classified");
  await step(page, "assign", (p) => p.getByLabel("Handler (one named person)").fill("After-sales lead Chen"));

  // Another tablet, offline too, assigned someone else at the same time: its event arrives here
  // (as a batch or sync will bring it) next to ours, each superseding nothing the other wrote.
  await page.evaluate(async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open("complaint-desk");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const rows = await new Promise((ok) => {
      const r = db.transaction("events").objectStore("events").getAll();
      r.onsuccess = () => ok(r.result);
    });
    const ours = rows.find((row) => row.json.includes('"fields_set"') && row.json.includes("After-sales lead Chen"));
    const event = JSON.parse(ours.json);
    const last = event.id.at(-1);
    event.id = event.id.slice(0, -1) + (last === "Z" ? "Y" : "Z");
    event.device = "f00df00df00df00df00df00df00df00d";
    event.actor = "Supervisor Wu";
    event.payload = JSON.parse(JSON.stringify(event.payload).replace("After-sales lead Chen", "Engineer Zhao"));
    const theirs = { id: event.id, complaint: ours.complaint, hlc_ms: ours.hlc_ms, json: JSON.stringify(event) };
    await new Promise((ok, fail) => {
      const tx = db.transaction("events", "readwrite");
      tx.objectStore("events").add(theirs);
      tx.oncomplete = ok;
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  });
  await page.reload();

  const conflicts = page.getByTestId("conflicts");
  await expect(conflicts).toBeVisible();
  await expect(conflicts).toContainText("Handler");
  await expect(conflicts.getByRole("radio")).toHaveCount(2);
  await expect(conflicts).toContainText("Supervisor Wu");
  // A complaint with a pending conflict cannot be archived; keep the other device's value.
  await conflicts.getByRole("radio", { name: /Engineer Zhao/ }).check();
  await conflicts.getByRole("button", { name: "Keep the chosen value" }).click();
  await expect(page.getByTestId("conflicts")).toHaveCount(0);
  await expect(page.getByTestId("detail-handler")).toHaveText("Engineer Zhao");
  // Both values stay in the history.
  await page.reload();
  await expect(page.getByTestId("conflicts")).toHaveCount(0);
  await expect(page.getByTestId("timeline")).toContainText("Supervisor Wu");
  await context.setOffline(false);
});
