// Post-build step: 404.html, a copy of the built index.html (with its policy). A static host
// without a single-page-app fallback serves it for a deep link such as /complaints/<id>; the
// app then starts and its router shows that page. Thanks to the page's <base>, its assets,
// manifest and service worker resolve from the site root.
import { copyFile } from "node:fs/promises";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("not-found-page: TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)");
  process.exit(1);
}
await copyFile(join(dir, "index.html"), join(dir, "404.html"));
