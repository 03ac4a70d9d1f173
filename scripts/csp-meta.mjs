// Post-build step: writes the Content-Security-Policy (scripts/csp.mjs) into the built
// index.html, with the sha256 of Trunk's inline bootstrap script, and checks that the dev
// server's header in Trunk.toml is the one scripts/csp.mjs derives.
//
// The source index.html carries a placeholder policy that blocks every script, so a build
// that skipped this step fails loudly instead of running without a policy.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { META_PATTERN, devHeaderPolicy, documentPolicy, inlineScriptHashes } from "./csp.mjs";

function fail(message) {
  console.error(`csp-meta: ${message}`);
  process.exit(1);
}

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail("TRUNK_STAGING_DIR is not set (run me as a Trunk post_build hook)");

const trunkToml = readFileSync(join(process.cwd(), "Trunk.toml"), "utf8");
const dev = trunkToml.match(/^"Content-Security-Policy"\s*=\s*"([^"]*)"\s*$/m);
if (!dev || dev[1] !== devHeaderPolicy()) {
  fail(`Trunk.toml [serve.headers] must set\n"Content-Security-Policy" = "${devHeaderPolicy()}"`);
}

const htmlPath = join(dir, "index.html");
const html = readFileSync(htmlPath, "utf8");
const metas = [...html.matchAll(META_PATTERN)];
if (metas.length !== 1) fail(`expected one Content-Security-Policy <meta> in index.html, found ${metas.length}`);
// A <meta> policy only governs what comes after it.
const first = html.search(/<(script|link|style)\b/i);
if (first !== -1 && first < metas[0].index) fail("the Content-Security-Policy <meta> must come before every script, link and style");
// `trunk serve` rewrites its autoreload script per request, so no hash could allow it.
if (html.includes("__TRUNK_ADDRESS__")) fail("the autoreload script is in index.html: set [serve] no_autoreload = true");

const policy = documentPolicy(html);
writeFileSync(htmlPath, html.replace(META_PATTERN, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`));

console.log(`csp-meta: policy written, ${inlineScriptHashes(html).length} inline script(s) allowed by hash`);
