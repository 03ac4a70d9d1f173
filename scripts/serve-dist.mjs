// A small static server for the release build (dist/) on 127.0.0.1, used by the end-to-end
// tests. Unknown paths without a file extension get index.html, as a single-page app needs;
// with `--no-fallback` they get 404.html with status 404, as a plain static host (GitHub
// Pages, an S3 bucket with an error document) does.
// With `--prefix /desk/` the build is served under that sub-path only (a build made with
// `trunk build --public-url /desk/`), and everything outside it is a plain 404.
// Test hook: `POST /__test__/new-version` makes every later sw.js response differ by one
// comment, which the browser sees as a new app version (used to test safe updates).
// Every response carries the app's Content-Security-Policy (scripts/csp.mjs) as a header.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { headerPolicy } from "./csp.mjs";

const root = resolve(process.argv[2] ?? "dist");
const port = Number(process.argv[3] ?? 4173);
const fallback = !process.argv.includes("--no-fallback");
const prefixAt = process.argv.indexOf("--prefix");
const prefix = prefixAt > 0 ? process.argv[prefixAt + 1] : "/";
if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
  console.error(`serve-dist: --prefix must start and end with "/" (got ${prefix})`);
  process.exit(2);
}
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

async function fileFor(urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  if (!path.startsWith(root)) return null;
  try {
    const s = await stat(path);
    if (s.isFile()) return path;
    if (s.isDirectory()) return join(path, "index.html");
  } catch {
    if (!extname(path) && fallback) return join(root, "index.html");
  }
  return null;
}

let version = 0;

// The policy allows the built index.html's own inline script by hash, so it is derived from
// that file, re-read when a new build replaces it.
let policy = { mtimeMs: -1, text: "" };
async function cspHeader() {
  const index = join(root, "index.html");
  try {
    const { mtimeMs } = await stat(index);
    if (mtimeMs !== policy.mtimeMs) policy = { mtimeMs, text: headerPolicy(await readFile(index, "utf8")) };
    return policy.text;
  } catch {
    return "default-src 'none'; frame-ancestors 'none'"; // no build: allow nothing
  }
}

createServer(async (req, res) => {
  const requested = new URL(req.url, "http://x").pathname;
  if (req.method === "POST" && requested === "/__test__/new-version") {
    version += 1;
    res.writeHead(204).end();
    return;
  }
  res.setHeader("content-security-policy", await cspHeader());
  if (!requested.startsWith(prefix) && requested !== prefix.slice(0, -1)) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  const urlPath = "/" + requested.slice(prefix.length);
  const path = await fileFor(urlPath);
  if (!path) {
    const page = fallback ? null : await readFile(join(root, "404.html")).catch(() => null);
    if (page) res.writeHead(404, { "content-type": types[".html"], "cache-control": "no-cache" }).end(page);
    else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  try {
    let body = await readFile(path);
    if (urlPath === "/sw.js" && version > 0) {
      body = Buffer.concat([body, Buffer.from(`\n// test version ${version}\n`)]);
    }
    res.writeHead(200, {
      "content-type": types[extname(path)] ?? "application/octet-stream",
      "cache-control": "no-cache",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  }
}).listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}${prefix}`));
