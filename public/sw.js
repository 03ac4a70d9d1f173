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
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith("desk-shell-") && n !== CACHE).map((n) => caches.delete(n)),
      );
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
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)),
  );
});
