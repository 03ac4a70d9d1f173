// Service worker: serves the app shell from the cache so the app loads with no network.
//
// VERSION and PRECACHE are filled in after every Trunk build by scripts/sw-precache.mjs with
// the build's hashed file names, so each build is a new worker with its own cache.
// A new worker installs in the background and waits; the page offers "reload to update" and
// sends SKIP_WAITING only when the user asks, so a form being filled in is never interrupted.
const VERSION = "__SW_VERSION__";
const PRECACHE = ["__SW_PRECACHE__"];
const CACHE = `desk-shell-${VERSION}`;
const SHELL = "./index.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // The previous version's cache stays until the next update: a tab still running it
      // loads its pages on first use (src/ui/lazy_pages.rs), and those files are gone from
      // the server and from this version's cache. Cache names are listed oldest first.
      const names = (await caches.keys()).filter((n) => n.startsWith("desk-shell-") && n !== CACHE);
      await Promise.all(names.slice(0, -1).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "SKIP_WAITING") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  // Other origins (a sync server, say) always go to the network.
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every route of the single-page app is the same shell.
    event.respondWith(
      caches.match(SHELL, { cacheName: CACHE }).then((hit) => hit || fetch(request)),
    );
    return;
  }
  // Files are named by their content, so a hit in the previous version's cache is right too.
  event.respondWith(
    caches
      .match(request, { cacheName: CACHE })
      .then((hit) => hit || caches.match(request))
      .then((hit) => hit || fetch(request)),
  );
});
