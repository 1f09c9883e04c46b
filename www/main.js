// The page entry: registers the service worker, mounts the calculator into #app and lets it offer
// a newer release once one is ready. The page keeps
// its <html lang> and <title> in step with the calculator's language.
import { onUpdate } from './sw-register.js';
import { mount } from './app.js';
import { afterFirstPaint } from './dom.js';

const root = document.getElementById('app');
root.addEventListener('rencai:lang', (e) => {
  document.documentElement.lang = e.detail.htmlLang;
  document.title = e.detail.title;
});
// A newer release that is ready before the calculator is up (its engine may not load at all) is
// taken when the person presses the load failure's retry.
let calculator = null;
let pending = null;
onUpdate((update) => (calculator ? calculator.showUpdate(update) : (pending = update)));
const start = () => mount(root, { useHash: true, storageKey: 'rencai', pendingUpdate: () => pending })
  .then((c) => {
    calculator = c;
    if (pending) c.showUpdate(pending);
  })
  .catch((e) => console.error(e));
// When index.html's prerendered first screen is showing (boot.js), it is painted before the engine
// starts: compiling the wasm beside the first paint held that paint back until the engine was up.
if (document.documentElement.getAttribute('data-rc-prerender') === 'on') afterFirstPaint(false).then(start);
else start();
