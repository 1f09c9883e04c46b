// The page entry: registers the service worker, mounts the calculator into #app and lets it offer
// a newer release once one is ready. The page keeps
// its <html lang> and <title> in step with the calculator's language.
import { onUpdate } from './sw-register.js';
import { mount } from './app.js';

const root = document.getElementById('app');
root.addEventListener('rencai:lang', (e) => {
  document.documentElement.lang = e.detail.htmlLang;
  document.title = e.detail.title;
});
mount(root, { useHash: true, storageKey: 'rencai' })
  .then((calculator) => onUpdate((update) => calculator.showUpdate(update)))
  .catch((e) => console.error(e));
