// The service worker: keeps the app shell (the page, its modules, stylesheet, the wasm engine and the
// embedding files) in a versioned cache so the page works offline after the first visit.
//
// # Design
// Cache first, network as fallback, and every response served from the cache is refreshed from the
// network in the background (stale-while-revalidate), so a change on the server is picked up on the
// next load without bumping VERSION. VERSION names the cache; bump it only when the set or the shape
// of what is cached changes (activation then drops the old caches). The shell is not a hard-coded
// list: install starts from a few roots and follows the references in what it fetches (HTML src/href,
// JS imports and `new URL(…, import.meta.url)`, CSS url()/@import), within this worker's scope, so a
// module added to the page is precached without touching this file. Nothing is ever sent anywhere:
// the worker only fetches files of its own origin and scope.
const VERSION = 'v1';
const PREFIX = 'rencai-shell-';
const CACHE = PREFIX + VERSION;
const SCOPE = new URL('./', self.location.href).href;
// The page must be cached for install to succeed; the others are cached when present.
const REQUIRED = ['./', 'index.html'];
const OPTIONAL = ['embed.html', 'embed-frame.html', 'rencai-element.js', 'pkg/rencai_bg.wasm'];

const IMPORT_RES = [
  /\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?(['"])([^'"\n]+)\1/g,
  /\bexport\s*(?:\*\s*(?:as\s+[\w$]+\s*)?|\{[^}]*\}\s*)from\s*(['"])([^'"\n]+)\1/g,
  /\bimport\s*\(\s*(['"])([^'"\n]+)\1/g,
  /\bnew\s+URL\(\s*(['"])([^'"\n]+)\1\s*,\s*import\.meta\.url\s*\)/g,
];
const HTML_RES = [/\s(?:src|href)\s*=\s*(["']?)([^"'\s>]+)\1/gi];
const CSS_RES = [/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, /@import\s+(['"])([^'"]+)\1/g];

/** Same-origin, in-scope URLs referenced by a fetched text, without fragments. */
function references(text, type, base) {
  const res = type.includes('html') ? HTML_RES : type.includes('css') ? CSS_RES : type.includes('javascript') ? IMPORT_RES : [];
  const out = [];
  for (const re of res) {
    for (const m of text.matchAll(re)) {
      const ref = re === HTML_RES[0] ? m[2].replace(/&amp;/g, '&') : m[2];
      if (/^(?:data|blob|mailto|javascript):/i.test(ref) || ref.startsWith('#')) continue;
      let url;
      try { url = new URL(ref, base); } catch { continue; }
      url.hash = '';
      if (/(?:\/|\.html)$/.test(url.pathname)) url.search = ''; // pages are cached without their query
      if (url.origin === self.location.origin && url.href.startsWith(SCOPE) && url.href !== self.location.href) out.push(url.href);
    }
  }
  return out;
}

/** Fetches the shell into the cache, following references breadth-first. */
async function precache() {
  const cache = await caches.open(CACHE);
  const required = new Set(REQUIRED.map((p) => new URL(p, SCOPE).href));
  const seen = new Set();
  let wave = [...required, ...OPTIONAL.map((p) => new URL(p, SCOPE).href)];
  while (wave.length) {
    const next = [];
    await Promise.all(wave.filter((u) => !seen.has(u)).map(async (url) => {
      seen.add(url);
      let res;
      try {
        res = await fetch(url, { cache: 'no-cache' });
      } catch (e) {
        if (required.has(url)) throw e;
        return;
      }
      if (!res.ok) {
        if (required.has(url)) throw new Error(`rencai sw: ${url}: ${res.status}`);
        return;
      }
      const type = res.headers.get('Content-Type') ?? '';
      if (/html|css|javascript/.test(type)) next.push(...references(await res.clone().text(), type, url));
      await cache.put(url, res);
    }));
    wave = next.filter((u) => !seen.has(u));
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || req.headers.has('range')) return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(SCOPE)) return;
  const navigate = req.mode === 'navigate';
  // A page is cached once, whatever its query (e.g. embed-frame.html?place=…).
  const key = navigate ? url.origin + url.pathname : req;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(key);
    const network = fetch(req).then(async (res) => {
      if (res.ok && res.type === 'basic') await cache.put(key, res.clone());
      return res;
    });
    if (cached) {
      event.waitUntil(network.catch(() => {})); // refresh for next time; offline is fine
      return cached;
    }
    try {
      return await network;
    } catch (e) {
      if (navigate) {
        const shell = await cache.match(new URL('index.html', SCOPE).href);
        if (shell) return shell;
      }
      throw e;
    }
  })());
});
