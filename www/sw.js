// The service worker: keeps one release of the page (the page, its modules, stylesheet, the wasm
// engine and the embedding files) so the page works offline after the first visit, and moves to a
// new release only as a whole.
//
// # Design
// A release is the manifest scripts/release.mjs writes into sw-release.js (imported below): an id,
// and every file with its SHA-256. The wasm-bindgen glue and its .wasm must match exactly, and the
// page's modules must all be of one build, so files are never refreshed one by one:
// - install caches every file of the release in a cache named by its id, each checked against its
//   digest; one missing or different file (a network cut half-way, a server mid-deploy) fails the
//   install and leaves the release in use untouched (the browser tries again on a later visit);
// - the first release activates at once; a later one waits until the page, told it is ready
//   (sw-register.js), asks for it; activation drops every other release's cache;
// - requests are answered from the active release's cache only, so one page never gets files of
//   two releases; anything else goes to the network, uncached.
// A new release is noticed because the browser compares this worker and sw-release.js byte for
// byte on each visit (sw-register.js registers with updateViaCache: 'none').
// Nothing is ever sent anywhere: the worker only fetches files of its own origin and scope.
importScripts('sw-release.js');

const RELEASE = self.RELEASE;
const PREFIX = 'rencai-';
const CACHE = `${PREFIX}release-${RELEASE.id}`;
const SCOPE = new URL('./', self.location.href).href;
const url = (path) => new URL(path, SCOPE).href;

const digest = async (bytes) => {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let text = '';
  for (const b of hash) text += String.fromCharCode(b);
  return btoa(text);
};

/** Caches every file of the release, verified, or throws (and leaves no partial cache behind). */
async function install() {
  // A cache of this name already in use is never deleted on failure (release.mjs makes that rare).
  const existed = await caches.has(CACHE);
  const cache = await caches.open(CACHE);
  try {
    await Promise.all(Object.entries(RELEASE.files).map(async ([path, sha]) => {
      const res = await fetch(url(path), { cache: 'no-store' });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
      if ((await digest(await res.clone().arrayBuffer())) !== sha) throw new Error(`${path}: not the file of release ${RELEASE.id}`);
      await cache.put(url(path), res);
    }));
    // The page's note of which release it runs (its footer): this release's too.
    const res = await fetch(url('release.json'), { cache: 'no-store' });
    if (!res.ok || (await res.clone().json()).id !== RELEASE.id) throw new Error(`release.json: not release ${RELEASE.id}`);
    await cache.put(url('release.json'), res);
  } catch (e) {
    if (!existed) await caches.delete(CACHE);
    throw new Error(`rencai sw: release ${RELEASE.id} not installed: ${e.message}`);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(install().then(async () => {
    // The first release needs no one's consent; a later one waits to be asked. A worker from
    // before releases (its cache 'rencai-shell-…') cannot ask, and refreshes files one by one: replace it.
    const legacy = (await caches.keys()).some((key) => key.startsWith(`${PREFIX}shell-`));
    if (!self.registration.active || legacy) await self.skipWaiting();
  }));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  const type = event.data?.type;
  if (type === 'release') event.ports[0]?.postMessage({ id: RELEASE.id, built: RELEASE.built, newest_document: RELEASE.newest_document });
  else if (type === 'activate') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('range')) return;
  const target = new URL(req.url);
  if (target.origin !== self.location.origin || !target.href.startsWith(SCOPE)) return;
  const navigate = req.mode === 'navigate';
  // A page is one file whatever its query (embed-frame.html?place=…); a folder is its index.html.
  let key = navigate ? target.origin + target.pathname : req.url;
  if (navigate && key.endsWith('/')) key += 'index.html';
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(key);
    if (cached) return cached;
    try {
      return await fetch(req);
    } catch (e) {
      // Offline at an address the release does not know: the page itself, rather than an error.
      const shell = navigate ? await cache.match(url('index.html')) : undefined;
      if (shell) return shell;
      throw e;
    }
  })());
});
