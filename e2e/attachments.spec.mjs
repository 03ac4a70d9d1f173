// Photos (SPEC §3): taken or chosen on the Register form or later on the complaint, stored on
// the device with their event, shown offline; a file that is too large is refused and nothing
// is stored.
import { test, expect } from "./fixtures.mjs";

// A 2×2 red PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

test("photos are attached at registration and later, kept offline, and too-large files refused", async ({ page, context }) => {
  await page.goto("/register");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await context.setOffline(true);
  await page.getByLabel(/Received by/).fill("Clerk Li");
  await page.getByLabel(/Customer name/).fill("Mr. Zhang");
  await page.getByLabel(/^Phone/).fill("13800138000");
  await page.getByLabel(/Product or service/).fill("Air conditioner");
  await page.getByLabel(/customer's own words/).fill("The outdoor unit rattles.");
  const photos = page.locator("#photos");
  await expect(photos).toHaveAttribute("accept", "image/*");
  await expect(photos).toHaveAttribute("capture", "environment");
  await photos.setInputFiles({ name: "outdoor-unit.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Save complaint" }).click();
  await expect(page.getByTestId("photos-attached")).toContainText("1");
  const number = await page.getByTestId("saved-number").textContent();

  await page.getByRole("link", { name: "Complaints" }).click();
  await page.getByRole("link", { name: number }).click();
  const gallery = page.getByTestId("gallery");
  await expect(gallery.getByRole("img", { name: "outdoor-unit.png" })).toBeVisible();
  await expect(page.getByTestId("timeline")).toContainText("Attachment added");

  // A file over 15 MB is refused with a clear message; nothing is added.
  await page.getByTestId("attach-panel").locator("summary").click();
  const events = await page.getByTestId("timeline").locator("li").count();
  await page.locator("#attach-file").setInputFiles({ name: "huge.jpg", mimeType: "image/jpeg", buffer: Buffer.alloc(16 * 1024 * 1024) });
  await expect(page.locator("#attach-file-error")).toHaveText("The file is larger than 15 MB.");
  await expect(page.getByTestId("timeline").locator("li")).toHaveCount(events);

  await page.locator("#attach-file").setInputFiles({ name: "label.png", mimeType: "image/png", buffer: png });
  await expect(gallery.getByRole("img")).toHaveCount(2);

  // Still there, and the images load, after a reload offline.
  await page.reload();
  await expect(gallery.getByRole("img")).toHaveCount(2);
  const loaded = await gallery.getByRole("img", { name: "label.png" }).evaluate(async (img) => {
    // Thumbnails load lazily: bring this one into view as a person scrolling down would.
    img.scrollIntoView();
    if (!img.complete) await new Promise((r) => img.addEventListener("load", r, { once: true }));
    return img.naturalWidth;
  });
  expect(loaded).toBe(2);
  await context.setOffline(false);
});
