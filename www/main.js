// The page entry: registers the service worker and mounts the calculator into #app. The page keeps
// its <html lang> and <title> in step with the calculator's language.
import './sw-register.js';
import { mount } from './app.js';

const root = document.getElementById('app');
root.addEventListener('rencai:lang', (e) => {
  document.documentElement.lang = e.detail.htmlLang;
  document.title = e.detail.title;
});
mount(root, { useHash: true, storageKey: 'rencai' }).catch((e) => console.error(e));
