// <rencai-calculator place="211000" lang="zh">: the calculator as a custom element for portals.
// A portal adds <script type="module" src="https://…/rencai-element.js"></script> and the element.
//
// # Design
// The calculator renders in the element's shadow root, so the host page's styles do not reach it
// and its styles (app.css, linked inside the shadow root, resolved relative to this module) do not
// reach the host page. Inherited properties (color, font, line-height, …) would still flow in from
// the host element, so they are reset to their initial values on the host from a constructed
// stylesheet in the shadow root (no inline style, so it works under a strict CSP). Entries are kept in
// localStorage per place ('rencai:embed:' + place); the page's URL fragment is never touched.
//
// Attributes: place (a jurisdiction id, e.g. 211000 or 211000-gxq), lang (zh | en). With the
// boolean attribute `from-url` the element takes place and lang from the page's query string
// (?place=…&lang=…) — that is how embed-frame.html serves the iframe snippet.
import { mount } from './app.js';

const STYLESHEET = new URL('./app.css', import.meta.url).href;

let hostSheet = null;
function hostReset() {
  if (hostSheet === null) {
    try {
      hostSheet = new CSSStyleSheet();
      // Only inherited properties: the portal still sizes and places the element (margin, width, …).
      const reset = ['color', 'font', 'font-size-adjust', 'font-kerning', 'font-synthesis', 'letter-spacing',
        'word-spacing', 'line-height', 'text-align', 'text-indent', 'text-transform', 'text-shadow',
        'white-space', 'word-break', 'overflow-wrap', 'hyphens', 'tab-size', 'visibility', 'cursor',
        'direction', 'writing-mode', 'list-style', 'quotes', 'border-collapse', 'border-spacing',
        'caption-side', 'empty-cells', 'text-rendering', '-webkit-text-fill-color', '-webkit-text-stroke']
        .map((p) => `${p}: initial !important;`).join(' ');
      hostSheet.replaceSync(`:host { display: block; ${reset} } :host([hidden]) { display: none; }`);
    } catch {
      hostSheet = false; // no constructable stylesheets: app.css alone sets the root's look
    }
  }
  return hostSheet || null;
}

export class RencaiCalculator extends HTMLElement {
  static observedAttributes = ['place', 'lang'];

  #generation = 0;
  #current = null; // { container, handle }
  #queued = false;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const sheet = hostReset();
    if (sheet) shadow.adoptedStyleSheets = [sheet];
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = STYLESHEET;
    shadow.append(link);
  }

  /** The options the calculator is mounted with. */
  get options() {
    const query = this.hasAttribute('from-url') ? new URLSearchParams(location.search) : null;
    const pick = (name) => (query?.get(name) || this.getAttribute(name) || '').trim();
    const lang = pick('lang').toLowerCase().startsWith('en') ? 'en' : 'zh';
    const place = pick('place') || undefined;
    return { place, lang, useHash: false, storageKey: `rencai:embed:${place ?? 'default'}` };
  }

  connectedCallback() {
    this.#schedule();
  }

  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    // A new language keeps the entries when the calculator can switch in place; a new place
    // re-mounts (its entries live under their own storage key).
    const handle = this.#current?.handle;
    if (name === 'lang' && !this.#queued && typeof handle?.setLang === 'function') handle.setLang(this.options.lang);
    else this.#schedule();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#teardown();
  }

  // Several attribute changes in one task make one re-mount.
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      if (this.isConnected) this.#render();
    });
  }

  #teardown() {
    const old = this.#current;
    this.#current = null;
    if (!old) return;
    try {
      for (const name of ['destroy', 'unmount', 'dispose']) {
        if (typeof old.handle?.[name] === 'function') { old.handle[name](); break; }
      }
    } catch (e) {
      console.warn('rencai: unmount failed', e);
    }
    old.container.remove();
  }

  async #render() {
    const generation = ++this.#generation;
    const options = this.options;
    this.#teardown();
    const container = document.createElement('div');
    container.className = 'rencai-embed';
    container.lang = options.lang === 'en' ? 'en' : 'zh-CN';
    this.shadowRoot.append(container);
    const current = { container, handle: null };
    this.#current = current;
    try {
      const handle = await mount(container, options);
      if (generation !== this.#generation) {
        // Superseded while mounting: drop this one.
        for (const name of ['destroy', 'unmount', 'dispose']) {
          if (typeof handle?.[name] === 'function') { handle[name](); break; }
        }
        container.remove();
        return;
      }
      current.handle = handle;
      this.dispatchEvent(new CustomEvent('rencai-ready', { detail: options }));
    } catch (e) {
      if (generation !== this.#generation) return;
      console.error('rencai:', e);
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = `无法加载人才政策计算器 / The calculator could not load: ${e?.message ?? e}`;
      container.replaceChildren(p);
    }
  }
}

if (!customElements.get('rencai-calculator')) customElements.define('rencai-calculator', RencaiCalculator);
