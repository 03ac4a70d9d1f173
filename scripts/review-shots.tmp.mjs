import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
const port = 4302;
const server = spawn("node", ["scripts/serve-dist.mjs", "dist", String(port)], { stdio: "ignore" });
const base = `http://127.0.0.1:${port}`;
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 }, locale: process.env.LOC || "en" });
  for (const [name, product, type] of [["A", "空调 KF-35", "product_quality"], ["B", "空调 KF-35", "billing"], ["C", "Kettle", null]]) {
    await page.goto(`${base}/register`);
    const owner = page.getByLabel(/Received by|受理人|首问/);
    await owner.waitFor();
    if (!(await owner.inputValue())) await owner.fill("Clerk Li");
    await page.getByLabel(/Customer name/).fill(name);
    await page.getByLabel(/^Phone/).fill("13800138000");
    await page.getByLabel(/Product or service/).fill(product);
    await page.getByLabel(/customer's own words/).fill("Broken.");
    await page.getByRole("button", { name: "Save complaint" }).click();
    const number = await page.getByTestId("saved-number").textContent();
    if (type) {
      await page.goto(`${base}/complaints`);
      await page.getByRole("link", { name: number }).click();
      const c = page.getByTestId("classify-panel");
      await c.getByLabel("Complaint type").selectOption(type);
      await c.getByRole("button", { name: "Save classification" }).click();
      await page.getByTestId("detail-status").filter({ hasText: "Classified" }).waitFor();
    }
  }
  await page.goto(`${base}/review`);
  await page.getByTestId("review-summary").waitFor();
  for (const w of [390, 1024, 1366]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.screenshot({ path: `/tmp/review-shots/review-${w}.png`, fullPage: true });
  }
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `/tmp/review-shots/review-print.png`, fullPage: true });
} finally {
  await browser.close();
  server.kill();
}
