// Trunk post_build hook. Trunk runs the hooks of one stage concurrently, so the steps that
// must run in order are run from here: the lazily loaded pages are cut out of the wasm and
// Trunk's files replaced (wasm-split.mjs) before anything hashes them; the policy goes into
// index.html before the service worker's version is computed from every file's bytes;
// 404.html is a copy of the page with its policy, for static hosts without a single-page-app
// fallback.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

for (const step of ["wasm-split.mjs", "csp-meta.mjs", "not-found-page.mjs", "sw-precache.mjs"]) {
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL(step, import.meta.url))], { stdio: "inherit" });
  } catch (e) {
    process.exit(e.status ?? 1);
  }
}
