// Hostile files and the Content-Security-Policy: an attached SVG or HTML file never runs on the
// app's origin (it is only a download), raster photos still show and open, and the page is
// served with a policy that blocks injected scripts, online and from the service worker.
import { test, expect } from "./fixtures.mjs";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { panel, register } from "./helpers.mjs";

// A 2×2 red PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);
// Each payload leaves three traces if it runs: a localStorage flag, a console message, and a
// message to the window that opened it.
const payload = (tag) =>
  `localStorage.setItem("pwned","${tag}");console.log("PWNED ${tag}");` +
  `if(window.opener)window.opener.postMessage("PWNED ${tag}","*");`;
const svg = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload='${payload("svg-onload")}'>` +
    `<script>${payload("svg")}</script><rect width="10" height="10"/></svg>`,
);
const html = Buffer.from(`<!doctype html><title>x</title><script>${payload("html")}</script><p>hello</p>`);
// A right-to-left override disguises the extension; the download name drops it.
const htmlName = "notes\u202Egpj.html";

/** Records console messages of every page of the context, and the page's popups. */
function watch(page, context) {
  const seen = { console: [], popups: [] };
  context.on("console", (m) => seen.console.push(m.text()));
  page.on("popup", (p) => seen.popups.push(p));
  return seen;
}

async function openComplaint(page, number) {
  await page.getByRole("link", { name: "Complaints" }).click();
  await page.getByRole("link", { name: number }).click();
}

test("an SVG or HTML attachment is only a download and never runs; a PNG shows and opens", async ({ page, context }) => {
  const seen = watch(page, context);
  const number = await register(page, { name: "Ms. Qian", phone: "13900139000", product: "Water heater" });
  await openComplaint(page, number);
  await page.evaluate(() => {
    window.__messages = [];
    addEventListener("message", (e) => window.__messages.push(String(e.data)));
  });

  const attach = await panel(page, "attach");
  await attach.locator("#attach-file").setInputFiles([
    { name: "evil.svg", mimeType: "image/svg+xml", buffer: svg },
    { name: htmlName, mimeType: "text/html", buffer: html },
    { name: "label.png", mimeType: "image/png", buffer: png },
    // Foreign data may lie about its type: SVG bytes that claim to be a PNG.
    { name: "disguised.png", mimeType: "image/png", buffer: svg },
  ]);
  const gallery = page.getByTestId("gallery");
  const svgLink = gallery.getByRole("link", { name: "evil.svg" });
  // The name's hidden direction control is cleaned away when the file is attached.
  const htmlLink = gallery.getByRole("link", { name: "notesgpj.html" });
  await expect(svgLink).toHaveAttribute("download", "evil.svg");
  await expect(htmlLink).toHaveAttribute("download", "notesgpj.html");

  // Only raster images are inline and open in a new tab; the others are plain downloads.
  await expect(gallery.getByRole("img")).toHaveCount(2);
  const img = gallery.getByRole("img", { name: "label.png" });
  await expect(img).toHaveAttribute("src", /^blob:/);
  await expect(gallery.locator("a[target]")).toHaveCount(2);
  for (const link of [svgLink, htmlLink]) {
    expect(await link.getAttribute("target")).toBeNull();
    await expect(link).toHaveAttribute("href", /^blob:http:\/\/127\.0\.0\.1:\d+\//);
  }

  // Clicking downloads the file, byte for byte, and opens nothing.
  for (const [link, name, bytes] of [[svgLink, "evil.svg", svg], [htmlLink, "notesgpj.html", html]]) {
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    expect(await readFile(await download.path())).toEqual(bytes);
  }

  // Even opened directly, the URL of a non-image file is a download, not a document.
  const direct = await context.newPage();
  const href = await svgLink.getAttribute("href");
  const [directDownload] = await Promise.all([
    direct.waitForEvent("download"),
    direct.goto(href).catch((e) => expect(e.message).toMatch(/Download is starting/)),
  ]);
  expect(await readFile(await directDownload.path())).toEqual(svg);
  await direct.close();

  expect(seen.popups).toHaveLength(0);
  expect(context.pages()).toHaveLength(1);

  // The photo loads and opens as an image.
  const width = await img.evaluate(async (el) => {
    if (!el.complete) await new Promise((r) => el.addEventListener("load", r, { once: true }));
    return el.naturalWidth;
  });
  expect(width).toBe(2);
  const [popup] = await Promise.all([page.waitForEvent("popup"), img.click()]);
  await expect(popup).toHaveURL(/^blob:/);
  await expect(popup.locator("img")).toBeVisible();
  expect(await popup.locator("img").evaluate((el) => el.naturalWidth)).toBe(2);
  expect(await popup.evaluate(() => document.contentType)).toBe("image/png");
  await popup.close();

  // The disguised file opens as what it claims, a (broken) PNG, never as an SVG document.
  const [disguised] = await Promise.all([
    page.waitForEvent("popup"),
    gallery.getByRole("img", { name: "disguised.png" }).click(),
  ]);
  await disguised.waitForLoadState();
  expect(await disguised.evaluate(() => document.contentType)).toBe("image/png");
  await disguised.close();

  // No payload ran anywhere on this origin.
  expect(await page.evaluate(() => localStorage.getItem("pwned"))).toBeNull();
  expect(await page.evaluate(() => window.__messages)).toEqual([]);
  expect(seen.console.filter((t) => t.includes("PWNED"))).toEqual([]);
});

/**
 * Injects an inline script and an inline event handler, and waits until each has run or been
 * blocked by both policies (the header's and the <meta>'s each report a violation).
 */
async function injectScripts(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const ran = [];
        const blocked = new Set();
        const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]').content;
        const directive = { script: "script-src-elem", handler: "script-src-attr" };
        const settle = () => {
          const settled = (what) =>
            ran.includes(what) || ["meta", "header"].every((p) => blocked.has(`${directive[what]} by ${p}`));
          if (settled("script") && settled("handler")) resolve({ ran, blocked: [...blocked].sort() });
        };
        window.__ran = (what) => { ran.push(what); settle(); };
        document.addEventListener("securitypolicyviolation", (e) => {
          blocked.add(`${e.effectiveDirective} by ${e.originalPolicy === meta ? "meta" : "header"}`);
          settle();
        });
        const script = document.createElement("script");
        script.textContent = "window.__ran('script')";
        document.head.append(script);
        const handler = document.createElement("img");
        handler.setAttribute("onerror", "window.__ran('handler')");
        handler.src = "/no-such-image.png";
        document.body.append(handler);
      }),
  );
}

const blockedTwice = {
  ran: [],
  blocked: ["script-src-attr by header", "script-src-attr by meta", "script-src-elem by header", "script-src-elem by meta"],
};

test("the page carries the Content-Security-Policy as header and meta, and it blocks injected scripts", async ({ page }) => {
  const response = await page.goto("/register");
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();

  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  const header = response.headers()["content-security-policy"];
  expect(header).toBe(`${meta}; frame-ancestors 'none'`);

  const directives = Object.fromEntries(
    header.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]),
  );
  // The one inline script of the page is Trunk's bootstrap, allowed by its hash (leptos_i18n
  // adds an empty <script> placeholder, which never runs).
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll("script:not([src])")].map((s) => s.textContent).filter((t) => t !== ""),
  );
  expect(inline).toHaveLength(1);
  const hash = `'sha256-${createHash("sha256").update(inline[0]).digest("base64")}'`;
  expect(directives).toEqual({
    "default-src": ["'none'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'", hash],
    "style-src": ["'self'"],
    "img-src": ["'self'", "blob:"],
    // The sync server is set at run time: https anywhere, plain http only on this machine.
    "connect-src": ["'self'", "https:", "http://127.0.0.1:*", "http://localhost:*"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
  });

  expect(await injectScripts(page)).toEqual(blockedTwice);
});

test("the policy holds when the service worker serves the app offline", async ({ page, context }) => {
  await page.goto("/");
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === "activated" && navigator.serviceWorker.controller !== null;
  });
  await context.setOffline(true);
  const response = await page.reload();
  expect(response.fromServiceWorker()).toBe(true);
  await expect(page.getByRole("heading", { name: "Register a complaint" })).toBeVisible();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(response.headers()["content-security-policy"]).toBe(`${meta}; frame-ancestors 'none'`);
  expect(await injectScripts(page)).toEqual(blockedTwice);
  await context.setOffline(false);
});
