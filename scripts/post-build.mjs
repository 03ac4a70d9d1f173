// Trunk post_build hook. Trunk runs the hooks of one stage concurrently, so the steps that
// must run in order are run from here: the policy goes into index.html before the service
// worker's version is computed from every file's bytes; 404.html is a copy of the page with
// its policy, for static hosts without a single-page-app fallback.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

for (const step of ["csp-meta.mjs", "not-found-page.mjs", "sw-precache.mjs"]) {
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL(step, import.meta.url))], { stdio: "inherit" });
  } catch (e) {
    process.exit(e.status ?? 1);
  }
}
