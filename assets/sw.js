// lede's service worker: the app works offline after the first visit.
//
// It precaches one build (the list between the markers is written from the build output by
// scripts/precache.mjs, trunk's post_build hook; never edit it by hand), serves the page and
// its assets cache-first, and keeps one cache per version. A new version installs beside the
// running one and waits until the page asks it to take over ("skip-waiting"), so a page never
// mixes the assets of two versions; activating removes the caches of older versions.
'use strict';

/* precache:begin */
const PRECACHE = { version: 'unbuilt', index: './', files: [] };
/* precache:end */

const SCOPE = self.registration.scope;
// One cache per scope and version, so two copies of the app on one origin (/ and /lede/)
// never delete each other's caches.
const PREFIX = `lede:${SCOPE}:`;
const CACHE = PREFIX + PRECACHE.version;
const absolute = (url) => new URL(url, self.location.href).href;
const INDEX = absolute(PRECACHE.index);
const FILES = new Set(PRECACHE.files.map(absolute));
// Trunk's hashed names (name-0123456789abcdef.ext) never change content: the HTTP cache may
// answer for them. Everything else is revalidated with the server.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll([...FILES].map((url) => new Request(url, { cache: HASHED.test(url) ? 'default' : 'no-cache' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    // The first version takes the page that installed it, so it works offline from then on.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  url.search = '';
  let key = null;
  if (request.mode === 'navigate' && (url.href === SCOPE || url.href === absolute('index.html'))) key = INDEX;
  else if (FILES.has(url.href)) key = url.href;
  if (key === null) return; // not ours: the browser fetches it as usual
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request)),
  );
});
