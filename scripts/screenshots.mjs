// Regenerates the README screenshots from the release build (dist/ must exist):
//   node scripts/screenshots.mjs            (serves dist/ on 127.0.0.1:4199 while it runs)
// Writes docs/register.png, docs/complaint-timeline.png, and docs/screens/<page>-<width>-<lang>.jpg:
// the first screen of the Register, Complaints, complaint and Review pages at a phone (390), a
// tablet (1024) and a laptop (1366) width, in English and Chinese. Chinese text needs the Debian
// package fonts-noto-cjk.
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";

const port = 4199;
const server = spawn("node", ["scripts/serve-dist.mjs", "dist", String(port)], { stdio: "ignore" });
const base = `http://127.0.0.1:${port}`;
await new Promise((r) => setTimeout(r, 800));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 1400 }, locale: "en" });
  await page.clock.install({ time: new Date("2023-10-01T09:30:00+08:00") });
  await page.goto(`${base}/register`);
  await page.getByLabel(/Received by/).fill("Clerk Li");
  await page.getByLabel(/Customer name/).fill("Mr. Zhang");
  await page.getByLabel(/^Phone/).fill("138 0013 8000");
  await page.getByLabel(/Product or service/).fill("Air conditioner KFR-35GW");
  await page.getByLabel(/customer's own words/).fill("Newly bought air conditioner cools badly; the room is still 28 °C after a day.");
  await page.screenshot({ path: "docs/register.png", fullPage: true });
  await page.getByRole("button", { name: "Save complaint" }).click();
  const number = await page.getByTestId("saved-number").textContent();
  await page.goto(`${base}/complaints`);
  await page.getByRole("link", { name: number }).click();
  const classify = page.getByTestId("classify-panel");
  await classify.getByLabel("Complaint type").selectOption("product_quality");
  await classify.getByRole("button", { name: "Save classification" }).click();
  await page.getByTestId("detail-status").filter({ hasText: "Classified" }).waitFor();
  const steps = [
    ["assign", async (p) => p.getByLabel("Handler (one named person)").fill("After-sales lead Chen")],
    ["investigate", async () => {}],
    ["step", async (p) => {
      await p.getByLabel("Kind of step").selectOption("visit");
      await p.getByLabel("What will be done").fill("An engineer visits within 3 days; replace the unit free if it is a quality fault.");
      await p.getByLabel(/^Owner/).fill("Engineer Zhao");
    }],
    ["propose", async () => {}],
  ];
  for (const [name, fill] of steps) {
    const before = await page.getByTestId("timeline").locator("li").count();
    const p = page.getByTestId(`${name}-panel`);
    await fill(p);
    await p.getByTestId(`${name}-submit`).click();
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=timeline] li").length > n, before);
  }
  await page.screenshot({ path: "docs/complaint-timeline.png", fullPage: true });
  const detail = page.url();
  // Two more complaints, so the list has rows with different states.
  for (const [name, product] of [["Ms. Li", "Washing machine"], ["王女士", "冰箱 BCD-215"]]) {
    await page.goto(`${base}/register`);
    await page.getByLabel(/Customer name/).fill(name);
    await page.getByLabel(/^Phone/).fill("139 0000 1234");
    await page.getByLabel(/Product or service/).fill(product);
    await page.getByLabel(/customer's own words/).fill(`${product} is noisy.`);
    await page.getByRole("button", { name: "Save complaint" }).click();
    await page.getByTestId("saved-number").waitFor();
  }
  const pages = [
    ["register", `${base}/register`],
    ["complaints", `${base}/complaints`],
    ["complaint", detail],
    ["review", `${base}/review`],
  ];
  for (const lang of ["en", "zh-CN"]) {
    await page.goto(`${base}/settings`);
    await page.getByTestId("language-switch").selectOption(lang);
    for (const width of [390, 1024, 1366]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
      for (const [name, url] of pages) {
        await page.goto(url);
        await page.locator("main h1, main h2").first().waitFor();
        await page.waitForFunction(() => !document.querySelector("[role=status].loading, .loading-list"));
        await page.screenshot({ path: `docs/screens/${name}-${width}-${lang}.jpg`, type: "jpeg", quality: 60 });
      }
    }
  }
} finally {
  await browser.close();
  server.kill();
}
