// Trunk post-build step: cuts the lazily loaded pages (src/ui/lazy_pages.rs) out of the app's
// wasm, as cargo-leptos `--split` does; Trunk 0.21 has no such step of its own.
//
// Trunk's wasm cannot run as it is: each `#[lazy_route]` view is an import from a placeholder
// module that only wasm-split resolves. So this step starts again from cargo's wasm (linked with
// --emit-relocs, build.rs) and replaces Trunk's two files under their own names:
//   1. wasm-split-cli writes the main wasm, one wasm per page (`split_*`) and per piece of code
//      several pages share (`chunk_*`), and `__wasm_split.js`, which fetches and links them;
//   2. wasm-bindgen, as Trunk ran it, plus --keep-lld-exports: the pages link against the main
//      wasm's memory, function table and shared functions through those exports;
//   3. wasm-opt on every wasm (release only; index.html turns Trunk's own run off).
// The loader and the pages are named with a hash of their bytes like Trunk's files, and the
// integrity attributes in index.html are written anew. Every file lands in the staging dir, so
// the service worker precaches them (sw-precache.mjs runs after this) and pages open offline.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("wasm-split: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)");
  process.exit(1);
}
const root = new URL("..", import.meta.url).pathname;
const release = process.env.TRUNK_PROFILE === "release";
const BIN = "complaint_desk";
// -Oz as Trunk ran it before. --low-memory-unused lets wasm-opt fold constant offsets into
// loads and stores, assuming the first 1 KB of memory is never addressed: Rust's statics start
// above 1 MB and its stack grows down from 1 MB (7 KB gzip smaller).
// --one-caller-inline-max-function-size=0 stops -Oz inlining every function that has one
// caller whatever its size (16 KB gzip smaller; README, Size).
const WASM_OPT = ["-Oz", "--low-memory-unused", "--one-caller-inline-max-function-size=0"];

/** A tool from the project's node_modules or ~/.cargo/bin, else from PATH. */
function tool(name) {
  for (const dir of [join(root, "node_modules", ".bin"), join(homedir(), ".cargo", "bin")]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return name;
}

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  } catch (e) {
    if (e.code === "ENOENT") console.error(`wasm-split: ${cmd} not found; scripts/setup.sh installs it`);
    process.exit(e.status ?? 1);
  }
}

// wasm-opt warns about a name subsection wasm-split writes (local names); it drops it anyway.
function runAsync(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stderr.on("end", () => process.stderr.write(err.split("\n").filter((l) => !/^warning: unknown name subsection/.test(l)).join("\n")));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`))));
  });
}

const hash16 = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

function targetDir() {
  if (process.env.CARGO_TARGET_DIR) return process.env.CARGO_TARGET_DIR;
  const meta = execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"], { cwd: root, encoding: "utf8" });
  return JSON.parse(meta).target_directory;
}

const js = readdirSync(staging).find((f) => new RegExp(`^${BIN}-[0-9a-f]+\\.js$`).test(f));
if (!js) {
  console.error(`wasm-split: no ${BIN}-<hash>.js in ${staging}`);
  process.exit(1);
}
const stem = js.slice(0, -3);
const input = join(targetDir(), "wasm32-unknown-unknown", release ? "release" : "debug", `${BIN}.wasm`);
const work = mkdtempSync(join(tmpdir(), "wasm-split-"));
try {
  run(tool("wasm-split-cli"), [input, work, "--out-name", stem]);
  const bg = join(work, "bg");
  run(tool("wasm-bindgen"), ["--target", "web", "--keep-lld-exports", "--no-demangle", "--no-typescript", "--out-name", stem, "--out-dir", bg, join(work, `${stem}.wasm`)]);
  const chunks = readdirSync(work).filter((f) => /^(split|chunk)_.*\.wasm$/.test(f));
  if (release) {
    // The main wasm takes most of the time; the pages are optimised beside it.
    await Promise.all([join(bg, `${stem}_bg.wasm`), ...chunks.map((f) => join(work, f))].map((f) => runAsync(tool("wasm-opt"), [...WASM_OPT, f, "-o", f])));
  }

  // The pages and the loader under names that change with their bytes; the loader and the
  // glue refer to them by name, so each is renamed before the file that names it is hashed.
  let loader = readFileSync(join(work, "__wasm_split.js"), "utf8");
  for (const f of chunks) {
    const bytes = readFileSync(join(work, f));
    const named = `${f.slice(0, -5)}-${hash16(bytes)}.wasm`;
    if (!loader.includes(`"./${f}"`)) throw new Error(`wasm-split: the loader does not name ${f}`);
    loader = loader.replaceAll(`"./${f}"`, `"./${named}"`);
    writeFileSync(join(staging, named), bytes);
  }
  const loaderName = `__wasm_split-${hash16(loader)}.js`;
  writeFileSync(join(staging, loaderName), loader);
  let glue = readFileSync(join(bg, `${stem}.js`), "utf8");
  // Only the import's URL: the wasm still names its import module "./__wasm_split.js".
  if (!glue.includes('from "./__wasm_split.js"')) throw new Error("wasm-split: the glue does not import the loader");
  glue = glue.replaceAll('from "./__wasm_split.js"', `from "./${loaderName}"`);
  writeFileSync(join(staging, js), glue);
  renameSync(join(bg, `${stem}_bg.wasm`), join(staging, `${stem}_bg.wasm`));
  if (existsSync(join(bg, "snippets"))) cpSync(join(bg, "snippets"), join(staging, "snippets"), { recursive: true });

  // Trunk's preload links carry the integrity of the files it wrote.
  const htmlPath = join(staging, "index.html");
  let html = readFileSync(htmlPath, "utf8");
  for (const f of [js, `${stem}_bg.wasm`]) {
    const pattern = new RegExp(`(href="[^"]*${f.replace(/\./g, "\\.")}"[^>]*integrity=")[^"]*"`);
    if (!pattern.test(html)) throw new Error(`wasm-split: no integrity for ${f} in index.html`);
    html = html.replace(pattern, `$1${sri(readFileSync(join(staging, f)))}"`);
  }
  writeFileSync(htmlPath, html);
  console.log(`wasm-split: ${chunks.length} lazily loaded files, loader ${loaderName}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
