// 医保待遇测算 — service worker: after the first visit the page opens without a network.
// scripts/assemble-dist.mjs fills in ASSETS (every content-hashed file of this build), ON_DEMAND (the
// hashed files only engines that cannot run the wasm download: cached when first asked for, never
// precached, so a phone that runs the wasm never downloads them) and VERSION.
// Hashed files never change under their name: cache-first. The pages (index.html,
// accessibility.html) name the current hashed files: network-first, so an update is never blocked,
// with the cached copy when offline. Nothing else is touched.
const ASSETS = /*ASSETS*/[]/*END*/;
const PAGES = /*PAGES*/['index.html']/*END*/;
const ON_DEMAND = /*ON_DEMAND*/[]/*END*/;
const VERSION = '/*VERSION*/dev';
const CACHE = `yibao-${VERSION}`;
const base = new URL('./', self.location).href;
const hashed = new Set(ASSETS.concat(ON_DEMAND).map((a) => new URL(a, base).href));
const pageKey = (url) => {
  const u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href === base ? new URL('index.html', base).href : u.href;
};
const pages = new Set(PAGES.map((p) => new URL(p, base).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PAGES.concat(ASSETS).map((a) => new URL(a, base).href)))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('yibao-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function networkFirst(request, key) {
  // no-cache: always ask the server (a cheap revalidation), never a heuristically cached old page.
  return fetch(request, { cache: 'no-cache' })
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(key, copy));
      }
      return response;
    })
    .catch(() => caches.match(key).then((hit) => hit || Response.error()));
}

function cacheFirst(request) {
  return caches.match(request.url).then((hit) => hit || fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request.url, copy));
    }
    return response;
  }));
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(base)) return;
  const url = new URL(request.url);
  url.hash = '';
  if (hashed.has(url.href)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  const key = pageKey(request.url);
  if (request.mode === 'navigate' || pages.has(key)) {
    event.respondWith(networkFirst(request, key));
  }
});
