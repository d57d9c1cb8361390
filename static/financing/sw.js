/* Service worker of the mentor workspace (served at /pendampingan/sw.js, so it sees only
 * /pendampingan/ pages and what they load).
 *
 * Pages under /pendampingan/ and files under /static/ are fetched from the network first and
 * kept in a cache; without a connection the kept copy is shown. Only same-origin GETs are
 * kept: visits are POSTed, and POSTs pass straight through (the page queues them itself).
 * "Kelompok saya" asks for its groups' pages to be kept ahead of time (message "precache").
 */
'use strict';

const CACHE = 'pendampingan-v1';
const SCOPE = new URL(self.registration.scope).pathname;
// STATIC_URL of the portal; the CSS and offline.js come from here.
const STATIC = '/static/';
// On a weak signal, show the kept copy instead of waiting longer than this for the network.
const NETWORK_TIMEOUT_MS = 6000;
// Pre-caching skips pages kept less than this long ago, to spare the mentor's data plan.
const FRESH_MS = 10 * 60 * 1000;

function handled(url) {
  return (
    url.origin === self.location.origin &&
    url.pathname !== self.location.pathname &&
    (url.pathname.startsWith(SCOPE) || url.pathname.startsWith(STATIC))
  );
}

function keepable(response) {
  // Not a redirect (to the login page, say), not an error page, not another origin.
  return response.ok && response.type === 'basic' && !response.redirected;
}

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('pendampingan-') && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

async function networkFirst(event) {
  const request = event.request;
  let stored = null;
  const network = fetch(request).then((response) => {
    if (keepable(response)) {
      const copy = response.clone();
      stored = caches.open(CACHE).then((cache) => cache.put(request.url, copy));
    }
    return response;
  });
  // The worker stays alive until the fresh copy is kept, even if the old one answered first.
  event.waitUntil(network.then(() => stored).catch(() => {}));
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([network, timeout]);
  } catch (error) {
    const kept = await caches.match(request.url, { cacheName: CACHE, ignoreVary: true });
    // Nothing kept: wait for the network after all, or let the browser say it is offline.
    return kept || network;
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener('fetch', (event) => {
  if (event.request.method !== 'GET' || !handled(new URL(event.request.url))) return;
  event.respondWith(networkFirst(event));
});

async function precache(urls) {
  const cache = await caches.open(CACHE);
  const absolute = urls.map((url) => new URL(url, self.location.href));
  const wanted = [...new Set(absolute.filter(handled).map((url) => url.href.split('#')[0]))];
  let failed = 0;
  await Promise.all(
    wanted.map(async (url) => {
      try {
        const kept = await cache.match(url, { ignoreVary: true });
        const age = kept ? Date.now() - Date.parse(kept.headers.get('Date')) : NaN;
        if (age < FRESH_MS) return;
        const response = await fetch(url, { credentials: 'same-origin', cache: 'no-cache' });
        if (!keepable(response)) throw new Error(`${response.status} ${url}`);
        await cache.put(url, response);
      } catch (error) {
        failed += 1;
      }
    })
  );
  return { type: 'precached', count: wanted.length - failed, failed };
}

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'precache' && event.ports[0]) {
    const reply = event.ports[0];
    event.waitUntil(precache(message.urls || []).then((result) => reply.postMessage(result)));
  }
});
