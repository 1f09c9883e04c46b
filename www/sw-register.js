// Registers the service worker (./sw.js, next to this module) so the page works offline after the
// first visit. Only on http(s): from file:// or inside the single file (blob: modules) it does nothing.
const here = import.meta.url;

export const registration =
  /^https?:$/.test(location.protocol) && /^https?:/.test(here) && 'serviceWorker' in navigator
    ? navigator.serviceWorker
        .register(new URL('./sw.js', here), { scope: new URL('./', here).pathname, type: 'classic' })
        .catch((e) => {
          // Offline support is an extra: the page works without it.
          console.warn('rencai: service worker not registered:', e.message);
          return null;
        })
    : Promise.resolve(null);
