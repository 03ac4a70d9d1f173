// Trunk post-build hook: writes the build's file list and a content version into sw.js.
//
// Trunk names assets with content hashes, so the list changes with every build that changes
// anything; the version is a hash of every file's bytes, so the worker (and its cache) is new
// exactly when the app is.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("sw-precache: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)");
  process.exit(1);
}

function walk(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const swPath = join(dir, "sw.js");
const files = walk(dir)
  .map((p) => relative(dir, p).split(sep).join("/"))
  .filter((f) => f !== "sw.js")
  .sort();
const hash = createHash("sha256");
for (const f of files) {
  hash.update(f);
  hash.update(readFileSync(join(dir, f)));
}
const version = hash.digest("hex").slice(0, 16);
const list = files.map((f) => `./${f}`);

const source = readFileSync(swPath, "utf8");
if (!source.includes('"__SW_VERSION__"') || !source.includes('["__SW_PRECACHE__"]')) {
  console.error("sw-precache: placeholders not found in sw.js");
  process.exit(1);
}
writeFileSync(
  swPath,
  source
    .replace('"__SW_VERSION__"', JSON.stringify(version))
    .replace('["__SW_PRECACHE__"]', JSON.stringify(list)),
);
console.log(`sw-precache: ${list.length} files, version ${version}`);
