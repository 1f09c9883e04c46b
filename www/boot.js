// index.html's first step, a classic script run before the body is parsed: says whether the
// prerendered first screen in index.html (scripts/prerender.mjs: the live page's own empty-profile
// screen, saved at build time) is this visit's first screen, and makes it so before anything is
// painted. The calculator replaces it with the live page once the engine is up (app.js, as it
// does the skeleton).
//
// The prerendered screen is shown only when it is exactly what the live page will show:
//   - no entries: no profile in the link (or the empty one the page writes, #p=e30) and none saved
//     under the page's storage key (or an empty one), the default language, no large-text mode;
//   - today within the days the catalogue treats alike (<html data-rc-valid="from until">: no rule
//     or document starts or ends between them), its date shown as today's (data-rc-today marks where).
// Anything else, or any doubt, and the prerendered screen is removed as it is parsed: the skeleton
// shows, as without this script (app.css hides the prerendered screen unless this script shows it).
(() => {
  const html = document.documentElement;
  const made = html.getAttribute('data-rc-prerendered');
  const [from, until] = (html.getAttribute('data-rc-valid') ?? '').split(' ');
  if (!made || !from || !until) return;
  const d = new Date();
  const two = (n) => String(n).padStart(2, '0');
  const today = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;

  const noEntries = () => {
    const hash = location.hash;
    if (hash !== '' && hash !== '#' && hash !== '#p=e30') return false;
    let saved = null;
    try {
      saved = localStorage.getItem('rencai'); // main.js's storageKey
    } catch {
      return true; // no storage (file://, private mode): the page restores nothing either
    }
    if (saved === null) return true;
    try {
      const v = JSON.parse(saved);
      const plain = (x) => x !== null && typeof x === 'object' && !Array.isArray(x);
      return plain(v) && (v.profile === undefined || (plain(v.profile) && Object.keys(v.profile).length === 0)) &&
        (v.lang === undefined || v.lang === 'zh') && v.large !== true;
    } catch {
      return false; // unreadable: the page says so in a line the prerendered screen does not have
    }
  };
  const on = from <= today && today < until && noEntries();
  html.setAttribute('data-rc-prerender', on ? 'on' : 'off');

  // (A text is set only when it changes: setting it is itself a change this script observes.)
  const swapIn = (node) => {
    if (today === made || !node.data.includes(made)) return;
    node.data = node.data.split(made).join(today);
  };
  const patch = (el) => {
    if (el.localName === 'input') {
      el.setAttribute('value', today);
      el.value = today;
    } else {
      for (const n of el.childNodes) if (n.nodeType === 3) swapIn(n);
    }
  };
  const watch = new MutationObserver((records) => {
    for (const r of records) {
      // A text the parser has begun, carried on as more of the page arrives (its date may be split
      // across the two).
      if (r.type === 'characterData') {
        if (on && r.target.parentNode?.nodeType === 1 && r.target.parentNode.hasAttribute('data-rc-today')) swapIn(r.target);
        continue;
      }
      for (const n of r.addedNodes) {
        if (n.nodeType === 3) {
          if (on && r.target.nodeType === 1 && r.target.hasAttribute('data-rc-today')) swapIn(n);
        } else if (n.nodeType === 1) {
          if (!on) {
            if (n.hasAttribute('data-rencai-prerender')) n.remove();
          } else if (today !== made) {
            if (n.hasAttribute('data-rc-today')) patch(n);
            for (const el of n.querySelectorAll('[data-rc-today]')) patch(el);
          }
        }
      }
    }
  });
  watch.observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => watch.disconnect(), { once: true });
})();
