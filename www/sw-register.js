// Registers the service worker (./sw.js, next to this module) so the page works offline after the
// first visit, and tells the page when a newer release is ready. Only on http(s): from file:// or
// inside the single file (blob: modules) it does nothing.
//
// A new release installs in the background (sw.js caches it whole) and then waits: `onUpdate`
// callbacks get { release, apply }, where `release` is { id, built, newest_document } of the new
// release and `apply()` activates it and reloads the page onto it.
const here = import.meta.url;

const listeners = [];
let ready = null; // { release, apply } once a release waits

/** Calls `callback({ release, apply })` when a newer release is ready (at once if one already is). */
export function onUpdate(callback) {
  listeners.push(callback);
  if (ready) callback(ready);
}

/** Asks a worker which release it holds. */
function releaseOf(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => resolve(e.data);
    worker.postMessage({ type: 'release' }, [channel.port2]);
    setTimeout(() => resolve(null), 3000);
  });
}

async function announce(worker) {
  const release = await releaseOf(worker);
  ready = {
    release,
    apply() {
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
      worker.postMessage({ type: 'activate' });
    },
  };
  for (const callback of listeners) callback(ready);
}

/** Watches a registration for a release that has installed while an older one controls the page. */
function watch(reg) {
  if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
    });
  });
  return reg;
}

export const registration =
  /^https?:$/.test(location.protocol) && /^https?:/.test(here) && 'serviceWorker' in navigator
    ? navigator.serviceWorker
        // updateViaCache 'none': the worker and its release manifest are always checked afresh.
        .register(new URL('./sw.js', here), { scope: new URL('./', here).pathname, type: 'classic', updateViaCache: 'none' })
        .then(watch)
        .catch((e) => {
          // Offline support is an extra: the page works without it.
          console.warn('rencai: service worker not registered:', e.message);
          return null;
        })
    : Promise.resolve(null);
