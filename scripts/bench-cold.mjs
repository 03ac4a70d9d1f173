// Cold-start and memory benchmark (a report, not a test): run by `BENCH=cold scripts/bench.sh`.
//
// Against the release build (dist/) in headless Chromium, with the service worker installed:
// the time from navigation to the first list page rendered (the `list-first-page` performance
// mark the list page sets), offline, with 0, then 10,000, then 100,000 complaints stored — filled
// through the app's own import (the Data page) from the batch files of `examples/bench_batch.rs`.
// Each size: ROUNDS reloads in a fresh page, the median. At the largest size, also the memory
// (JS heap and wasm memory) after opening the list, then the review.
//
//   node scripts/bench-cold.mjs <dir with bench-1.json…> <complaints per file> <sizes, e.g. 0,10000,100000> <out.json>
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [dir, perFileArg, sizesArg, outPath] = process.argv.slice(2);
if (!dir || !perFileArg || !sizesArg) {
  console.error("usage: node scripts/bench-cold.mjs <batch dir> <per file> <sizes> [out.json]");
  process.exit(2);
}
const perFile = Number(perFileArg);
const sizes = sizesArg.split(",").map(Number);
const rounds = Number(process.env.BENCH_COLD_ROUNDS ?? 5);
const port = Number(process.env.E2E_PORT ?? 4303);
const origin = `http://127.0.0.1:${port}`;
const LAUNCH = {
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--enable-precise-memory-info"],
};

async function serveDist() {
  const child = spawn(process.execPath, [join(root, "scripts/serve-dist.mjs"), join(root, "dist"), String(port)], { stdio: "ignore" });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${origin}/index.html`)).ok) return child;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error("the release build is not served (is dist/ built?)");
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

// Keeps the wasm exports Trunk's loader announces, so the page's wasm memory can be read.
const KEEP_WASM = () => addEventListener("TrunkApplicationStarted", (e) => (window.__benchWasm = e.detail?.wasm));

/** One cold start, offline, in a fresh page of `context`: ms from navigation to the mark. */
async function coldStart(context) {
  const page = await context.newPage();
  await page.goto("/complaints");
  const ms = await page.waitForFunction(() => performance.getEntriesByName("list-first-page")[0]?.startTime, null, { timeout: 120_000 });
  const cards = await page.getByTestId("complaint-card").count();
  const value = await ms.jsonValue();
  await page.close();
  return { ms: value, cards };
}

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.detach();
  return page.evaluate(() => ({
    js_heap_mb: performance.memory.usedJSHeapSize / 1e6,
    wasm_mb: window.__benchWasm?.memory ? window.__benchWasm.memory.buffer.byteLength / 1e6 : null,
  }));
}

const load = (await import("node:os")).loadavg;
const server = await serveDist();
const browser = await chromium.launch(LAUNCH);
const results = { date: new Date().toISOString(), rounds, sizes: [] };
try {
  const context = await browser.newContext({ baseURL: origin, locale: "en", serviceWorkers: "allow" });
  await context.addInitScript(KEEP_WASM);
  const setup = await context.newPage();
  await setup.goto("/data");
  await setup.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  let stored = 0;
  for (const size of sizes) {
    // Fill up to `size` through the Data page, file by file.
    while (stored < size) {
      const k = stored / perFile + 1;
      const bytes = await readFile(join(dir, `bench-${k}.json`));
      const t = Date.now();
      await setup.goto("/data");
      await setup.getByLabel("Choose batch files").setInputFiles({ name: `bench-${k}.json`, mimeType: "application/json", buffer: bytes });
      await setup.getByTestId("import-run").click();
      await setup.getByTestId("import-done").waitFor({ timeout: 1_200_000 });
      stored += perFile;
      console.log(`imported file ${k}: ${stored} complaints stored (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
    await setup.goto("/data");
    await context.setOffline(true);
    const runs = [];
    for (let r = 0; r < rounds; r++) runs.push(await coldStart(context));
    await context.setOffline(false);
    const row = { stored: size, median_ms: median(runs.map((r) => r.ms)), runs_ms: runs.map((r) => Math.round(r.ms)), cards: runs[0].cards, load: load() };
    console.log(`cold start, offline, ${size} stored: median ${row.median_ms.toFixed(0)} ms (${row.runs_ms.join(", ")}; ${row.cards} cards), load ${row.load.map((l) => l.toFixed(2)).join(" ")}`);
    if (size === Math.max(...sizes) && size > 0) {
      const page = await context.newPage();
      await page.goto("/complaints");
      await page.waitForFunction(() => performance.getEntriesByName("list-first-page").length > 0, null, { timeout: 120_000 });
      row.memory_after_list = await memory(page);
      const t = Date.now();
      await page.goto("/review");
      await page.getByTestId("review-summary").waitFor({ timeout: 600_000 });
      row.review_ms = Date.now() - t;
      row.memory_after_review = await memory(page);
      console.log(`memory at ${size}: after the list ${JSON.stringify(row.memory_after_list)}; after the review (${row.review_ms} ms) ${JSON.stringify(row.memory_after_review)}`);
      await page.close();
    }
    results.sizes.push(row);
  }
} finally {
  await browser.close();
  server.kill();
}
const empty = results.sizes.find((s) => s.stored === 0);
console.log("\n| stored | cold start (median) | × empty |\n|---|---|---|");
for (const s of results.sizes) console.log(`| ${s.stored} | ${s.median_ms.toFixed(0)} ms | ${empty ? (s.median_ms / empty.median_ms).toFixed(2) : "–"} |`);
if (outPath) await writeFile(outPath, JSON.stringify(results, null, 2));
