// The release build's transfer size against the budget in size-budget.json: prints every file
// of the app shell (what a first visit downloads before the first page shows: index.html, the
// JS glue and split loader, the main wasm, the stylesheet) raw, gzip (level 9) and Brotli
// (quality 11), then each file loaded on first use (a page, or code such as the sync's), and
// fails when the shell's gzip total is over budget. Run by scripts/test.sh after the release
// build.
//
//   node scripts/size-budget.mjs [dist]
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const dist = process.argv[2] ?? join(root, "dist");
const budget = JSON.parse(await readFile(join(root, "size-budget.json"), "utf8"));
// 404.html is index.html for deep links on hosts without a fallback: a visit loads one of them.
// The files loaded on first use (`split_*`: a page, or the code of services/on_demand.rs;
// `chunk_*`: code several of them share; scripts/wasm-split.mjs) are not part of the shell;
// they are listed after it.
const lazy = (f) => /^(split|chunk)_.*\.wasm$/.test(f);
// Numeric order, so chunk_7 comes before chunk_10.
const files = (await readdir(dist)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
const shell = files.filter((f) => /\.(html|js|wasm|css)$/.test(f) && f !== "sw.js" && f !== "404.html" && !lazy(f));
if (!shell.some((f) => f.endsWith(".wasm"))) {
  console.error(`size-budget: no .wasm in ${dist}; build the release first`);
  process.exit(2);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let gzip = 0;
let brotli = 0;
console.log("| file | raw | gzip | brotli |\n|---|---|---|---|");
for (const f of shell) {
  const bytes = await readFile(join(dist, f));
  const g = gzipSync(bytes, { level: 9 }).length;
  const b = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  gzip += g;
  brotli += b;
  console.log(`| ${f.replace(/-[0-9a-f]{16}/, "")} | ${kb(bytes.length)} | ${kb(g)} | ${kb(b)} |`);
}
console.log(`| app shell | | ${kb(gzip)} | ${kb(brotli)} |`);
let lazyGzip = 0;
for (const f of files.filter(lazy)) {
  const bytes = await readFile(join(dist, f));
  const g = gzipSync(bytes, { level: 9 }).length;
  lazyGzip += g;
  console.log(`| ${f.replace(/-[0-9a-f]{16}/, "")} (on first use) | ${kb(bytes.length)} | ${kb(g)} | |`);
}
if (lazyGzip) console.log(`| loaded on first use | | ${kb(lazyGzip)} | |`);
if (gzip > budget.shell_gzip_bytes) {
  console.error(`size-budget: the app shell is ${kb(gzip)} gzip, over the budget of ${kb(budget.shell_gzip_bytes)} (size-budget.json). Find what grew (twiggy) before raising it.`);
  process.exit(1);
}
console.log(`size-budget: ${kb(gzip)} gzip of ${kb(budget.shell_gzip_bytes)} allowed (goal ${kb(budget.goal_gzip_bytes)})`);
