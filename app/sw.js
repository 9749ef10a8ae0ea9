// storewise's service worker: keeps the app's files so that a repeat visit needs no network and
// the app works offline (it needs no server to analyse). scripts/build-app.sh fills in VERSION
// (a hash of the bundle's hashed file names) and ASSETS (the page and every file it loads); a
// new build changes this file, so the browser installs the new worker with the new files.
//
// - the page ("/") and the hashed files: from this version's cache, filled on install;
// - any other navigation but a short link (/r/…, which the server fills in) gets the page too;
// - the API, short links, other origins and non-GET requests: the network, untouched.
const VERSION = "unbuilt";
const ASSETS = [];
const CACHE = `storewise-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("storewise-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/") || url.pathname.startsWith("/r/")) return;
  const key = request.mode === "navigate" ? "/" : url.pathname;
  if (!ASSETS.includes(key)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((hit) => hit ?? fetch(request)),
  );
});
