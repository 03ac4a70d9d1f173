// The app's Content-Security-Policy, in one place. Used by the post-build step (the <meta> in
// index.html), by the test server (the header) and to check the dev server's header in Trunk.toml.
//
// Everything is refused unless listed. The only inline script is Trunk's module bootstrap in
// index.html; it changes with every build (it names the hashed files), so it is allowed by
// its sha256, computed from the built file.
import { createHash } from "node:crypto";

/** Directives every policy carries; `script-src` gets the inline scripts' hashes added. */
const DIRECTIVES = [
  ["default-src", "'none'"],
  // The wasm needs 'wasm-unsafe-eval' to be compiled; no JavaScript eval is allowed.
  ["script-src", "'self' 'wasm-unsafe-eval'"],
  // The app sets no inline styles (no `style=` in src/), so its stylesheet is enough.
  ["style-src", "'self'"],
  // Icons, and attached photos shown from object URLs.
  ["img-src", "'self' blob:"],
  // The wasm and the service worker's precache; and the sync server, which each team sets in
  // Settings at run time (a <meta> policy cannot be widened later): any https server, and
  // plain http only on this machine (a local CouchDB for trying sync, and the tests).
  ["connect-src", "'self' https: http://127.0.0.1:* http://localhost:*"],
  ["worker-src", "'self'"],
  ["manifest-src", "'self'"],
  ["object-src", "'none'"],
  // The one <base> is index.html's own (the public URL: links resolve on nested routes).
  ["base-uri", "'self'"],
  // Every form is handled by the app (submit prevented); none is ever sent anywhere.
  ["form-action", "'none'"],
];

/** Directives a <meta> policy ignores, so only the HTTP header carries them. */
const HEADER_ONLY = [["frame-ancestors", "'none'"]];

/** The sha256 source expressions of the inline <script> elements of `html`, in order. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    hashes.push(`'sha256-${createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
  }
  return hashes;
}

function join(directives) {
  return directives.map(([name, value]) => `${name} ${value}`).join("; ");
}

function withHashes(hashes) {
  return DIRECTIVES.map(([name, value]) =>
    name === "script-src" && hashes.length ? [name, `${value} ${hashes.join(" ")}`] : [name, value],
  );
}

/** The policy of the built `html`, as its <meta http-equiv> carries it. */
export function documentPolicy(html) {
  return join(withHashes(inlineScriptHashes(html)));
}

/** The same policy as an HTTP header (which can also forbid framing). */
export function headerPolicy(html) {
  return join([...withHashes(inlineScriptHashes(html)), ...HEADER_ONLY]);
}

/**
 * The header of the dev server (Trunk.toml `[serve.headers]`), which is fixed text and cannot
 * know each build's bootstrap hash: every directive but `default-src` and `script-src`, which
 * the <meta> policy of the served index.html enforces. A browser applies both policies.
 */
export function devHeaderPolicy() {
  return join([...DIRECTIVES.filter(([name]) => name !== "default-src" && name !== "script-src"), ...HEADER_ONLY]);
}

/** The <meta> element carrying the policy (exactly one is expected), with its position. */
export const META_PATTERN = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi;
