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
      // Already active (another tab asked first, or it replaced a worker from before releases):
      // this page only needs to load onto it.
      if (worker.state === 'activating' || worker.state === 'activated') location.reload();
      else worker.postMessage({ type: 'activate' });
    },
  };
  // Whichever tab asks, every page that was told moves onto the new release whole.
  navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
  for (const callback of listeners) callback(ready);
}

/** Watches a registration for a release that has installed while an older one controls the page. */
function watch(reg) {
  const follow = (worker) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
    });
  if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
  follow(reg.installing); // an update the visit started before registration resolved
  reg.addEventListener('updatefound', () => follow(reg.installing));
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
