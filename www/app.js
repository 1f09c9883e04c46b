// The calculator UI: mount(root, options) renders the whole calculator inside `root` (an Element or
// a ShadowRoot) and touches nothing outside it, except location.hash (when useHash) and
// localStorage (under storageKey).
//
// # Design
// The page holds no policy logic: the form is built from the engine's schema(), results, totals,
// follow-up questions (the `missing` facts of `possible` results), why-not (`unmet`) and what-if
// come from the engine, and this file only renders them. The form is built once per language;
// every input updates the profile, saves it, and re-renders the result regions (evaluation takes
// microseconds, so nothing is debounced). A bad value stays in the profile (entries are never
// lost) and is flagged at its field with the engine's message, while the other entries are still
// evaluated.
import * as engine from './engine.js';
import { strings } from './i18n.js';

/** The facts asked on the first screen; every other schema field goes under "more facts". */
const FIRST = ['place', 'education', 'graduation_year', 'postdoc', 'title', 'skill_level', 'honours'];
/** Set fields whose `contains` reads as "holds …". */
const HOLDS = new Set(['honours', 'certificates']);
/** The standings shown as cards (in force); measures, lapsed and ineligible results are folded. */
const GAINS = ['entitled', 'may_apply', 'possible'];
const STANDING_ORDER = { entitled: 0, may_apply: 1, possible: 2, measure: 3, ineligible: 4 };
const KIND_ORDER = { entitlement: 0, application: 1, measure: 2 };
const FOLLOWUPS_SHOWN = 4;
/** Result cards in the first paint; the other cards follow once these are on screen. */
const FIRST_PAINT_CARDS = 8;

let mounts = 0;

/** Today's local date as YYYY-MM-DD. */
export function localToday(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Encodes a profile for the URL fragment (base64url of its JSON). */
export function encodeProfile(profile) {
  const bytes = new TextEncoder().encode(JSON.stringify(profile));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes encodeProfile's output; null when it is not a profile. */
export function decodeProfile(text) {
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    const value = JSON.parse(new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0))));
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Small DOM builder: h('p', {class: 'x', onclick: f}, 'text', child…). Never sets style attributes.
 * Called for every element of the page, so it avoids per-call allocations (no entries(), no flat()).
 */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const k in attrs) {
      const v = attrs[k];
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') for (const d in v) el.dataset[d] = v[d];
      else if (v === true) el.setAttribute(k, '');
      else el.setAttribute(k, String(v));
    }
  }
  appendAll(el, children);
  return el;
}

/** Appends nodes and strings, skipping null/undefined/false and descending into arrays. */
function appendAll(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) appendAll(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's children, skipping null/false and flattening arrays. */
function fill(el, ...children) {
  el.replaceChildren();
  appendAll(el, children);
}

/**
 * A <details> whose body is built only when it is first opened (or opened for printing): a
 * report holds hundreds of folded measures and ineligible results, and building them all up
 * front made the first result slow to appear.
 */
function lazyDetails(attrs, summary, body, built) {
  const d = h('details', attrs, summary);
  d.rencaiBody = body;
  d.rencaiBuilt = built;
  d.addEventListener('toggle', () => {
    if (d.open) materialize(d);
  });
  if (d.open) materialize(d);
  return d;
}

function materialize(d) {
  const body = d.rencaiBody;
  if (!body) return;
  d.rencaiBody = null;
  appendAll(d, [body()]);
  d.rencaiBuilt?.(d);
}

/** Opens a (possibly lazy) <details>, building its body at once. */
function openDetails(d) {
  materialize(d);
  d.open = true;
}

/**
 * Resolves once the first result is on screen, so that the rest of start-up does not hold up its
 * frame. Where the browser reports paints of `elementtiming` elements (Element Timing, Chromium;
 * not inside a shadow root), that report is the signal; elsewhere the next frame is. After at most
 * `cap` ms it resolves anyway (a hidden tab runs no frames).
 */
function afterFirstPaint(inShadow, cap = 300) {
  return new Promise((resolve) => {
    let observer = null;
    const done = () => {
      observer?.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, cap);
    if (!inShadow && PerformanceObserver.supportedEntryTypes?.includes('element')) {
      observer = new PerformanceObserver(done);
      observer.observe({ type: 'element', buffered: true });
    } else {
      requestAnimationFrame(() => setTimeout(done, 0));
    }
  });
}

/** The value of `fn()`, or null if it throws. */
function orNull(fn) {
  try {
    return fn();
  } catch {
    return null;
  }
}

const safe = (s) => String(s).replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * Renders the calculator inside `root`.
 * options: { place?, lang?: 'zh'|'en', storageKey?, useHash? (default true), source? (wasm source
 * passed to engine.ready) }. Resolves to a handle { setLang, setPlace, profile, destroy }.
 */
export async function mount(root, options = {}) {
  const app = new App(root, options);
  await app.start();
  return {
    setLang: (lang) => app.setLang(lang),
    setPlace: (place) => app.setPlace(place),
    get profile() {
      return { ...app.profile };
    },
    destroy: () => app.destroy(),
  };
}

class App {
  constructor(root, options) {
    this.root = root;
    this.options = options;
    this.useHash = options.useHash ?? true;
    this.storageKey = options.storageKey ?? 'rencai';
    this.prefix = `rc${++mounts}`;
    this.heading = this.useHash ? 1 : 2;
    this.profile = {};
    this.lang = options.lang === 'en' ? 'en' : 'zh';
    this.large = false;
    this.view = 'results';
    this.invalid = {};
    this.listeners = [];
    this.lastHash = null;
  }

  get t() {
    return strings(this.lang);
  }

  // ---------------------------------------------------------------- start-up and persistence

  async start() {
    this.container = h('div', { class: 'rencai', lang: this.t.htmlLang });
    for (const old of this.root.querySelectorAll(':scope > .rencai, :scope > [data-rencai-placeholder]')) old.remove();
    this.root.append(this.container);
    this.container.append(h('p', { class: 'rc-loading', role: 'status', text: this.t.loading }));
    try {
      await engine.ready(this.options.source);
      performance.mark('rencai:engine-ready');
      const schema = engine.schema();
      this.fieldList = schema.fields;
      this.fields = Object.fromEntries(schema.fields.map((f) => [f.id, f]));
      this.places = Object.fromEntries((this.fields.place?.values ?? []).map((p) => [p.id, p]));
    } catch (e) {
      fill(this.container, h('p', { class: 'rc-fatal', role: 'alert' }, this.t.loadFailed, String(e?.message ?? e)));
      throw e;
    }
    this.restore();
    this.on(this.container, 'input', (e) => this.onInput(e));
    this.on(this.container, 'change', (e) => this.onInput(e));
    this.on(window, 'beforeprint', () => this.openForPrint(true));
    this.on(window, 'afterprint', () => this.openForPrint(false));
    if (this.useHash) this.on(window, 'hashchange', () => this.onHashChange());
    // The first paint holds everything but the result cards past the first few: building and
    // laying out hundreds of cards took longer than all the rest. The other cards follow once the
    // first ones are on screen; they only add to the page below those, so nothing already shown
    // moves.
    this.build();
    performance.mark('rencai:form-built');
    this.update({ firstCards: FIRST_PAINT_CARDS });
    performance.mark('rencai:first-result');
    await afterFirstPaint(this.root.getRootNode() instanceof ShadowRoot);
    if (this.destroyed) return;
    this.completeResults();
    performance.mark('rencai:results-rendered');
  }

  on(target, type, fn) {
    target.addEventListener(type, fn);
    this.listeners.push(() => target.removeEventListener(type, fn));
  }

  destroy() {
    this.destroyed = true;
    for (const off of this.listeners) off();
    this.listeners = [];
    this.container?.remove();
  }

  /** Keeps only known fields: a stale or hand-edited link cannot break the form. */
  clean(profile) {
    const out = {};
    for (const [k, v] of Object.entries(profile ?? {})) if (this.fields[k] && v !== null && v !== undefined) out[k] = v;
    return out;
  }

  readHash() {
    if (!this.useHash) return null;
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const p = params.get('p');
    if (p === null) return null;
    return { profile: decodeProfile(p) ?? {}, lang: params.get('lang') };
  }

  restore() {
    let stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(this.storageKey) ?? 'null');
    } catch {
      stored = null;
    }
    if (stored && typeof stored === 'object') {
      this.profile = this.clean(stored.profile);
      this.large = !!stored.large;
      if (!this.options.lang && (stored.lang === 'en' || stored.lang === 'zh')) this.lang = stored.lang;
    }
    const fromHash = this.readHash();
    if (fromHash) {
      this.profile = this.clean(fromHash.profile);
      if (fromHash.lang === 'en' || fromHash.lang === 'zh') this.lang = fromHash.lang;
    }
    if (this.profile.place === undefined && this.options.place) this.profile.place = this.options.place;
  }

  hashText() {
    return `p=${encodeProfile(this.profile)}${this.lang === 'en' ? '&lang=en' : ''}`;
  }

  save() {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify({ profile: this.profile, lang: this.lang, large: this.large }));
    } catch {
      /* storage may be unavailable (private mode, file://); the fragment still keeps the entries */
    }
    if (this.useHash) {
      const hash = `#${this.hashText()}`;
      if (location.hash !== hash) {
        this.lastHash = hash;
        try {
          history.replaceState(history.state, '', hash);
        } catch {
          location.hash = hash;
        }
      }
    }
  }

  onHashChange() {
    if (location.hash === this.lastHash) return;
    const fromHash = this.readHash();
    if (!fromHash) return;
    this.profile = this.clean(fromHash.profile);
    const lang = fromHash.lang === 'en' ? 'en' : 'zh';
    if (lang !== this.lang) {
      this.lang = lang;
      this.build();
    } else {
      this.rebuildPlaceDependent();
      this.syncControls();
    }
    this.update();
  }

  /** The link that reopens these entries. */
  shareUrl() {
    const hash = this.hashText();
    if (this.useHash) return `${location.href.split('#')[0]}#${hash}`;
    try {
      return new URL(`./#${hash}`, import.meta.url).href;
    } catch {
      return `${location.href.split('#')[0]}#${hash}`;
    }
  }

  // ---------------------------------------------------------------- labels

  label(field) {
    const f = typeof field === 'string' ? this.fields[field] : field;
    if (!f) return String(field);
    return this.lang === 'en' ? f.label_en : f.label_zh;
  }

  help(f) {
    return this.lang === 'en' ? f.help_en : f.help_zh;
  }

  valueLabel(fieldId, value) {
    const f = this.fields[fieldId];
    if (f?.type === 'bool') return value ? this.t.yes : this.t.no;
    const v = f?.values?.find((x) => x.id === value);
    return v ? (this.lang === 'en' ? v.en : v.zh) : String(value);
  }

  /** "label：" in Chinese, "label: " in English. */
  colon(label) {
    return this.lang === 'en' ? `${label}: ` : `${label}：`;
  }

  placeName(id) {
    const p = this.places[id];
    return p ? (this.lang === 'en' ? p.en : p.zh) : id;
  }

  title(r) {
    return this.lang === 'en' ? r.title_en : r.title_zh;
  }

  chainOf(id) {
    const chain = [];
    for (let p = this.places[id]; p; p = this.places[p.parent]) chain.unshift(p.id);
    return chain;
  }

  // ---------------------------------------------------------------- money

  num(n) {
    return this.lang === 'en' ? n.toLocaleString('en-US') : String(n);
  }

  /** One amount of money, "10万元" / "CNY 100,000". */
  yuan(n) {
    if (this.lang === 'en') return `CNY ${this.num(n)}`;
    return n >= 10000 ? `${+(n / 10000).toFixed(4)}万元` : `${n}元`;
  }

  /** A min–max range of money; an open max reads "不低于…" / "≥ …". */
  money(min, max) {
    const en = this.lang === 'en';
    if (max === null || max === undefined) return en ? `≥ ${this.yuan(min)}` : `不低于${this.yuan(min)}`;
    if (min === max) return this.yuan(min);
    if (en) return `CNY ${this.num(min)}–${this.num(max)}`;
    if (min >= 10000 && max >= 10000) return `${+(min / 10000).toFixed(4)}–${+(max / 10000).toFixed(4)}万元`;
    if (max < 10000) return `${min}–${max}元`;
    return `${this.yuan(min)}–${this.yuan(max)}`;
  }

  amountText(a) {
    if (!a) return null;
    const t = this.t;
    const en = this.lang === 'en';
    switch (a.unit) {
      case 'per_month':
        return en ? `${this.money(a.min, a.max)} a month` : `${this.money(a.min, a.max)}/月`;
      case 'per_year':
        return en ? `${this.money(a.min, a.max)} a year` : `${this.money(a.min, a.max)}/年`;
      case 'loan_cap':
        return en ? `loan of up to ${this.money(a.min, a.max)}` : `贷款最高${this.money(a.min, a.max)}`;
      case 'share': {
        const pct = (x) => `${+(x * 100).toFixed(2)}%`;
        if (a.max === null || a.max === undefined) return t.shareAtLeast(pct(a.min));
        return a.min === a.max ? pct(a.min) : `${pct(a.min)}–${pct(a.max)}`;
      }
      default:
        return en ? `${this.money(a.min, a.max)} one-off` : `${this.money(a.min, a.max)}（一次性）`;
    }
  }

  /** "一次性 10万元 · 每月 800–1500元", or null when everything is zero. */
  totalText(tot) {
    const t = this.t;
    const parts = [];
    const nonzero = (r) => r && (r.min > 0 || r.max === null || r.max > 0);
    if (nonzero(tot.one_off)) parts.push(`${t.oneOffTotal} ${this.money(tot.one_off.min, tot.one_off.max)}`);
    if (nonzero(tot.per_month)) parts.push(`${t.perMonthTotal} ${this.money(tot.per_month.min, tot.per_month.max)}`);
    if (nonzero(tot.per_year)) parts.push(`${t.perYearTotal} ${this.money(tot.per_year.min, tot.per_year.max)}`);
    return parts.length ? parts.join(' · ') : null;
  }

  // ---------------------------------------------------------------- the frame and the form

  /** (Re)builds everything for the current language. */
  build() {
    const t = this.t;
    const p = this.prefix;
    const H = (n) => `h${Math.min(6, this.heading + n)}`;
    fill(this.container);
    this.container.lang = t.htmlLang;
    this.container.classList.toggle('rc-large', this.large);

    const langBtn = h('button', { type: 'button', class: 'rc-btn', lang: this.lang === 'zh' ? 'en' : 'zh-CN', 'aria-label': t.switchLangLabel, id: `${p}-lang`, onclick: () => this.setLang(this.lang === 'zh' ? 'en' : 'zh') }, t.switchLang);
    const largeBtn = h('button', { type: 'button', class: 'rc-btn', id: `${p}-large`, 'aria-pressed': String(this.large), onclick: () => this.toggleLarge() }, t.largeText);
    const copyBtn = h('button', { type: 'button', class: 'rc-btn', id: `${p}-copy`, onclick: () => this.copyLink() }, t.copyLink);
    const printBtn = h('button', { type: 'button', class: 'rc-btn', id: `${p}-print`, onclick: () => this.print() }, t.print);
    const clearBtn = h('button', { type: 'button', class: 'rc-btn rc-btn-quiet', id: `${p}-clear`, onclick: () => this.clearAll() }, t.clear);

    this.status = h('p', { class: 'rc-status', role: 'status', 'aria-live': 'polite', id: `${p}-status` });
    this.shareBox = h('div', { class: 'rc-share rc-noprint', hidden: true });

    const header = h('header', { class: 'rc-header' },
      h('div', { class: 'rc-brand' },
        h(H(0), { class: 'rc-title', text: t.appTitle }),
        h('p', { class: 'rc-subtitle', text: t.appSubtitle })),
      h('div', { class: 'rc-tools rc-noprint' }, langBtn, largeBtn, copyBtn, printBtn, clearBtn));

    this.viewBtns = {
      results: h('button', { type: 'button', class: 'rc-tab', id: `${p}-view-results`, onclick: () => this.setView('results') }, t.viewResults),
      compare: h('button', { type: 'button', class: 'rc-tab', id: `${p}-view-compare`, onclick: () => this.setView('compare') }, t.viewCompare),
    };
    const jump = h('button', { type: 'button', class: 'rc-jump', onclick: () => {
      const target = this.view === 'compare' ? this.compareView : this.resultsView;
      target.scrollIntoView({ block: 'start' });
      target.querySelector('[tabindex="-1"]')?.focus({ preventScroll: true });
    } }, t.jumpToResults);
    const nav = h('nav', { class: 'rc-views rc-noprint', 'aria-label': t.views }, this.viewBtns.results, this.viewBtns.compare, jump);

    // The form. "More facts" is built when first opened (it is open from the start when one of
    // its facts is filled in): most people never open it, and it holds most of the controls.
    const basics = this.fieldList.filter((f) => FIRST.includes(f.id)).sort((a, b) => FIRST.indexOf(a.id) - FIRST.indexOf(b.id));
    const more = this.fieldList.filter((f) => !FIRST.includes(f.id) && f.id !== 'as_of');
    this.form = h('form', { class: 'rc-form rc-noprint', 'aria-labelledby': `${p}-form-h`, novalidate: true, onsubmit: (e) => e.preventDefault() },
      h(H(1), { id: `${p}-form-h`, text: t.formTitle }),
      h('p', { class: 'rc-intro', text: t.formIntro }),
      h('fieldset', { class: 'rc-group' }, h('legend', { text: t.basics }), basics.map((f) => this.control(f, 'f'))),
      lazyDetails({ class: 'rc-more', id: `${p}-more`, open: more.some((f) => this.profile[f.id] !== undefined) },
        h('summary', { text: t.moreFacts }),
        () => h('div', { class: 'rc-more-body' }, more.map((f) => this.control(f, 'f'))),
        (d) => this.controlsBuilt(d)));

    // Results view.
    const asOf = this.fields.as_of;
    this.asOfInput = h('input', { type: 'date', id: `${p}-as_of`, class: 'rc-date', dataset: { field: 'as_of', role: 'date' }, 'aria-describedby': `${p}-as_of-help ${p}-as_of-err` });
    const asOfBox = h('div', { class: 'rc-asof rc-noprint' },
      h('label', { for: `${p}-as_of`, text: asOf ? this.label(asOf) : t.asOf }),
      this.asOfInput,
      h('button', { type: 'button', class: 'rc-btn rc-btn-small', onclick: () => this.setField('as_of', undefined) }, t.resetToday),
      h('p', { class: 'rc-help', id: `${p}-as_of-help`, text: asOf ? this.help(asOf) : t.asOfHelp }),
      h('p', { class: 'rc-error', id: `${p}-as_of-err`, hidden: true }));

    this.summary = h('div', { class: 'rc-summary', 'aria-live': 'polite', 'aria-atomic': 'true', id: `${p}-summary` });
    this.printProfile = h('section', { class: 'rc-print-only', 'aria-label': t.printedProfile });
    this.followups = h('section', { class: 'rc-followups rc-noprint', 'aria-labelledby': `${p}-fu-h` });
    this.whatIfBox = h('section', { class: 'rc-whatif', 'aria-labelledby': `${p}-wi-h` });
    this.jurBox = h('div', { class: 'rc-jurs' });
    this.resultsView = h('section', { class: 'rc-results', 'aria-labelledby': `${p}-res-h` },
      h(H(1), { id: `${p}-res-h`, tabindex: '-1', text: t.results }),
      asOfBox, this.summary, this.printProfile, this.followups, this.whatIfBox, this.jurBox);
    this.compareView = h('section', { class: 'rc-compare', 'aria-labelledby': `${p}-cmp-h`, hidden: true });

    const footer = h('footer', { class: 'rc-footer' }, h('p', { text: t.privacy }), h('p', { text: t.disclaimer }));
    this.container.append(header, this.status, this.shareBox, nav,
      h('div', { class: 'rc-layout' }, this.form, h('div', { class: 'rc-main' }, this.resultsView, this.compareView)),
      footer);
    this.syncControls();
    this.showView();
    this.container.dispatchEvent(new CustomEvent('rencai:lang', { bubbles: true, composed: true, detail: { lang: this.lang, htmlLang: t.htmlLang, title: t.appTitle } }));
  }

  /** Sets freshly built controls (follow-ups, a lazy fold) from the profile, and flags their bad values. */
  controlsBuilt(scope) {
    this.syncControls(undefined, scope);
    this.showErrors();
  }

  /** One form control for a schema field. `ns` keeps ids unique between the form and follow-ups. */
  control(f, ns, filterPlace = true) {
    const t = this.t;
    const id = `${this.prefix}-${ns}-${f.id}`;
    const helpId = `${id}-help`;
    const errId = `${id}-err`;
    const help = h('p', { class: 'rc-help', id: helpId, text: this.help(f) });
    const err = h('p', { class: 'rc-error', id: errId, hidden: true, dataset: { errorFor: f.id } });
    const described = `${helpId} ${errId}`;
    const data = { field: f.id };
    switch (f.type) {
      case 'place': {
        const select = h('select', { id, dataset: { ...data, role: 'select' }, 'aria-describedby': described },
          h('option', { value: '', text: t.anyPlace }), this.placeOptions());
        return h('div', { class: 'rc-field', dataset: { fieldBox: f.id } }, h('label', { for: id, text: this.label(f) }), help, select, err);
      }
      case 'enum': {
        const select = h('select', { id, dataset: { ...data, role: 'select' }, 'aria-describedby': described },
          h('option', { value: '', text: t.unknown }),
          f.values.map((v) => h('option', { value: v.id, text: this.lang === 'en' ? v.en : v.zh })));
        return h('div', { class: 'rc-field', dataset: { fieldBox: f.id } }, h('label', { for: id, text: this.label(f) }), help, select, err);
      }
      case 'int': {
        const input = h('input', { id, type: 'number', inputmode: 'numeric', step: '1', min: f.min, max: f.max, dataset: { ...data, role: 'int' }, 'aria-describedby': described, autocomplete: 'off' });
        return h('div', { class: 'rc-field rc-field-int', dataset: { fieldBox: f.id } }, h('label', { for: id, text: this.label(f) }), help, input, err);
      }
      case 'date': {
        const input = h('input', { id, type: 'date', dataset: { ...data, role: 'date' }, 'aria-describedby': described });
        return h('div', { class: 'rc-field', dataset: { fieldBox: f.id } }, h('label', { for: id, text: this.label(f) }), help, input, err);
      }
      case 'bool': {
        const opt = (value, text) => h('label', { class: 'rc-choice' },
          h('input', { type: 'radio', name: id, value, id: `${id}-${value || 'unknown'}`, dataset: { ...data, role: 'bool' } }), h('span', { text }));
        return h('fieldset', { class: 'rc-field rc-radios', dataset: { fieldBox: f.id }, 'aria-describedby': described },
          h('legend', { text: this.label(f) }), help,
          h('div', { class: 'rc-choices' }, opt('true', t.yes), opt('false', t.no), opt('', t.notSure)), err);
      }
      case 'set': {
        const box = (v) => h('label', { class: 'rc-choice' },
          h('input', { type: 'checkbox', value: v.id, id: `${id}-${safe(v.id)}`, dataset: { ...data, role: 'set' } }),
          h('span', { text: this.lang === 'en' ? v.en : v.zh }));
        let values = f.values;
        let others = [];
        if (f.id === 'honours' && filterPlace && this.profile.place) {
          const chain = new Set(this.chainOf(this.profile.place));
          const here = (v) => !v.jurisdiction || chain.has(v.jurisdiction);
          others = values.filter((v) => !here(v));
          values = values.filter(here);
        }
        const none = h('label', { class: 'rc-choice rc-choice-none' },
          h('input', { type: 'checkbox', value: '', id: `${id}-none`, dataset: { ...data, role: 'set-none' } }), h('span', { text: t.noneOfThese }));
        const checked = new Set(Array.isArray(this.profile[f.id]) ? this.profile[f.id] : []);
        return h('fieldset', { class: 'rc-field rc-checks', dataset: { fieldBox: f.id }, 'aria-describedby': described },
          h('legend', { text: this.label(f) }), help,
          h('div', { class: 'rc-choices rc-grid' }, values.map(box), none),
          others.length ? h('details', { class: 'rc-others', open: others.some((v) => checked.has(v.id)) },
            h('summary', { text: `${t.otherHonours} (${others.length})` }),
            h('div', { class: 'rc-choices rc-grid' }, others.map(box))) : null,
          err);
      }
      default:
        return null;
    }
  }

  /** The place tree as options: national first, then each province with its cities and zones. */
  placeOptions() {
    const list = Object.values(this.places);
    const kids = (id) => list.filter((p) => p.parent === id);
    const name = (p) => (this.lang === 'en' ? p.en : p.zh);
    const out = [];
    const roots = list.filter((p) => !p.parent || !this.places[p.parent]);
    for (const r of roots) {
      out.push(h('option', { value: r.id, text: name(r) }));
      for (const prov of kids(r.id)) {
        const group = h('optgroup', { label: name(prov) });
        group.append(h('option', { value: prov.id, text: `${name(prov)}${this.t.wholeProvince}` }));
        const walk = (p, depth) => {
          for (const c of kids(p.id)) {
            group.append(h('option', { value: c.id, text: `${'\u00a0\u00a0\u00a0'.repeat(depth)}${name(c)}` }));
            walk(c, depth + 1);
          }
        };
        walk(prov, 0);
        out.push(group);
      }
    }
    return out;
  }

  /** The honours list depends on the place (honours conferred elsewhere fold away). */
  rebuildPlaceDependent() {
    const f = this.fields.honours;
    if (!f) return;
    for (const box of this.form.querySelectorAll('[data-field-box="honours"]')) {
      const fresh = this.control(f, 'f');
      box.replaceWith(fresh);
    }
  }

  /** Sets every control from the profile (skipping `except`, the control being typed in). */
  syncControls(except, scope = this.container) {
    for (const el of scope.querySelectorAll('[data-field]')) {
      if (el === except) continue;
      const field = el.dataset.field;
      const v = this.profile[field];
      switch (el.dataset.role) {
        case 'select':
          el.value = v === undefined ? '' : String(v);
          break;
        case 'int':
          if (!(except === undefined && el.validity.badInput)) el.value = v === undefined ? '' : String(v);
          break;
        case 'date':
          el.value = v === undefined ? (field === 'as_of' ? localToday() : '') : String(v);
          break;
        case 'bool':
          el.checked = el.value === (v === undefined ? '' : String(v));
          break;
        case 'set':
          el.checked = Array.isArray(v) && v.includes(el.value);
          break;
        case 'set-none':
          el.checked = Array.isArray(v) && v.length === 0;
          break;
      }
    }
  }

  // ---------------------------------------------------------------- input

  onInput(e) {
    const el = e.target;
    const field = el?.dataset?.field;
    if (!field || !this.fields[field]) return;
    if (e.type === 'change' && (el.dataset.role === 'int' || el.dataset.role === 'date')) return; // handled on input
    if (e.type === 'input' && (el.dataset.role === 'bool' || el.dataset.role === 'set' || el.dataset.role === 'set-none')) return; // handled on change
    let value;
    switch (el.dataset.role) {
      case 'select':
        value = el.value === '' ? undefined : el.value;
        break;
      case 'int':
        if (el.value === '') value = el.validity.badInput ? this.profile[field] : undefined;
        else value = Number(el.value);
        break;
      case 'date':
        value = el.value === '' || (field === 'as_of' && el.value === localToday()) ? undefined : el.value;
        break;
      case 'bool':
        value = el.value === '' ? undefined : el.value === 'true';
        break;
      case 'set-none':
        value = el.checked ? [] : undefined;
        break;
      case 'set': {
        const now = new Set(Array.isArray(this.profile[field]) ? this.profile[field] : []);
        if (el.checked) now.add(el.value);
        else now.delete(el.value);
        const order = this.fields[field].values.map((v) => v.id);
        value = now.size ? order.filter((id) => now.has(id)) : undefined;
        break;
      }
      default:
        return;
    }
    if (this.undo?.field === field) this.undo = null;
    this.setField(field, value, el);
  }

  setField(field, value, source) {
    const before = this.profile.place;
    if (value === undefined) delete this.profile[field];
    else this.profile[field] = value;
    if (field === 'place' && this.profile.place !== before) this.rebuildPlaceDependent();
    this.syncControls(source);
    this.save();
    this.update();
  }

  setLang(lang) {
    const next = lang === 'en' ? 'en' : 'zh';
    if (next === this.lang) return;
    this.lang = next;
    this.save();
    this.build();
    this.update();
    this.container.querySelector(`#${this.prefix}-lang`)?.focus();
  }

  setPlace(place) {
    this.setField('place', place || undefined);
  }

  setView(view) {
    this.view = view;
    this.showView();
    this.update();
  }

  showView() {
    const compare = this.view === 'compare';
    this.resultsView.hidden = compare;
    this.compareView.hidden = !compare;
    this.viewBtns.results.setAttribute('aria-pressed', String(!compare));
    this.viewBtns.compare.setAttribute('aria-pressed', String(compare));
  }

  toggleLarge() {
    this.large = !this.large;
    this.container.classList.toggle('rc-large', this.large);
    this.container.querySelector(`#${this.prefix}-large`)?.setAttribute('aria-pressed', String(this.large));
    this.save();
  }

  clearAll() {
    this.profile = {};
    this.undo = null;
    this.rebuildPlaceDependent();
    this.syncControls();
    this.save();
    this.update();
    this.say(this.t.cleared);
  }

  say(text) {
    this.status.textContent = '';
    // A fresh text node makes screen readers announce a repeated message too.
    requestAnimationFrame(() => (this.status.textContent = text));
    this.status.textContent = text;
  }

  async copyLink() {
    const url = this.shareUrl();
    const t = this.t;
    const input = h('input', { type: 'text', readonly: true, value: url, id: `${this.prefix}-share`, class: 'rc-share-url', onfocus: (e) => e.target.select() });
    fill(this.shareBox, h('label', { for: `${this.prefix}-share`, text: t.shareLink }), input);
    this.shareBox.hidden = false;
    try {
      await navigator.clipboard.writeText(url);
      this.say(t.copied);
    } catch {
      this.say(t.copyFailed);
      input.focus();
    }
  }

  print() {
    this.openForPrint(true);
    try {
      window.print();
    } finally {
      this.openForPrint(false);
    }
  }

  /** Printing shows every quote: open all closed <details>, and close them again afterwards. */
  openForPrint(on) {
    if (on) {
      this.printOpened = [];
      // Opening a fold builds its cards, whose quotes are closed <details> in turn.
      for (let closed; (closed = [...this.container.querySelectorAll('details:not([open])')]).length; ) {
        for (const d of closed) openDetails(d);
        this.printOpened.push(...closed);
      }
    } else {
      for (const d of this.printOpened ?? []) d.open = false;
      this.printOpened = [];
    }
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * Evaluates, dropping (and flagging) any field the engine rejects so the rest still counts. The
   * engine names the field of a bad value in the error's `field` property.
   */
  evaluateSafely(today) {
    const prof = { ...this.profile };
    const invalid = {};
    for (let i = 0; i < 40; i++) {
      try {
        return { report: engine.evaluate(prof, today, true), prof, invalid, error: null };
      } catch (e) {
        const message = String(e?.message ?? e);
        const field = typeof e?.field === 'string' ? e.field : null;
        if (!field || !(field in prof)) return { report: null, prof, invalid, error: message };
        invalid[field] = message;
        delete prof[field];
      }
    }
    return { report: null, prof, invalid, error: 'too many errors' };
  }

  /**
   * Evaluates the profile and renders every result region. With `firstCards` (the first paint
   * only) it builds only that many result cards and marks the results busy until
   * completeResults() adds the rest.
   */
  update({ firstCards } = {}) {
    const today = localToday();
    const { report, prof, invalid, error } = this.evaluateSafely(today);
    this.invalid = invalid;
    this.showErrors();
    // Busy while result cards are still to come (the first paint leaves some out).
    if (firstCards === undefined || !report) this.resultsView.removeAttribute('aria-busy');
    else this.resultsView.setAttribute('aria-busy', 'true');
    const root = this.root.activeElement !== undefined && this.root instanceof ShadowRoot ? this.root : this.container.ownerDocument;
    const active = root.activeElement;
    const activeId = active && this.container.contains(active) ? active.id : null;
    const inFollowups = active && this.followups.contains(active);
    const open = new Set([...this.container.querySelectorAll('details[open][id]')].map((d) => d.id));

    if (!report) {
      fill(this.summary, h('p', { class: 'rc-fatal', text: `${this.t.errorEngine}${error}` }));
      fill(this.jurBox);
      fill(this.followups);
      fill(this.whatIfBox);
      return;
    }
    this.report = report;
    this.renderSummary(report);
    this.renderPrintProfile(report);
    this.renderFollowups(report);
    // The profile already evaluated, so these cannot fail on it; if they do, their section stays empty.
    this.renderWhatIf(orNull(() => engine.whatIf(prof, today)));
    this.renderJurisdictions(report, firstCards);
    if (this.view === 'compare') {
      const { place, ...rest } = prof;
      this.renderCompare(orNull(() => engine.compare(rest, today)));
    }
    for (const id of open) {
      const d = this.container.querySelector(`details#${CSS.escape(id)}`);
      if (d) openDetails(d);
    }
    if (activeId && !this.container.querySelector(`#${CSS.escape(activeId)}`)) {
      if (inFollowups) (this.followups.querySelector('[data-field]') ?? this.followups.querySelector('[tabindex="-1"]'))?.focus();
    } else if (activeId && root.activeElement !== this.container.querySelector(`#${CSS.escape(activeId)}`)) {
      this.container.querySelector(`#${CSS.escape(activeId)}`)?.focus();
    }
  }

  /** After the first paint: the result cards update() left out, unless an update since built them. */
  completeResults() {
    if (!this.report || !this.resultsView.hasAttribute('aria-busy')) return;
    this.renderJurisdictions(this.report);
    this.resultsView.removeAttribute('aria-busy');
  }

  /** What a field accepts, in words, from its schema entry. */
  accepted(field) {
    const t = this.t;
    const f = this.fields[field];
    if (!f) return '';
    if (f.type === 'int') return t.acceptInt(f.min, f.max);
    if (f.type === 'date') return t.acceptDate;
    if (f.type === 'bool') return t.acceptBool;
    return t.acceptChoice;
  }

  showErrors() {
    const t = this.t;
    for (const err of this.container.querySelectorAll('.rc-error')) {
      const field = err.dataset.errorFor ?? (err.id.endsWith('-as_of-err') ? 'as_of' : null);
      const message = field ? this.invalid[field] : null;
      err.hidden = !message;
      // What is accepted, in the page's language (from the schema), then the engine's exact words.
      if (message) {
        fill(err, `${this.colon(t.badValue)}${this.accepted(field)} `,
          h('span', { class: 'rc-engine-msg', lang: 'en', text: `${t.engineSays}${message.replace(/^profile: /, '')}` }));
      } else {
        fill(err);
      }
    }
    for (const el of this.container.querySelectorAll('[data-field]')) {
      if (this.invalid[el.dataset.field]) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
    for (const box of this.container.querySelectorAll('[data-field-box]')) box.classList.toggle('rc-invalid', !!this.invalid[box.dataset.fieldBox]);
    this.asOfInput?.closest('.rc-asof')?.classList.toggle('rc-invalid', !!this.invalid.as_of);
  }

  // ---------------------------------------------------------------- rendering results

  H(n) {
    return `h${Math.min(6, this.heading + n)}`;
  }

  /** The jurisdictions to show, top-down: the place's chain, or every place holding a result. */
  jurisdictions(report) {
    if (report.place) return report.place.chain;
    const used = new Set(report.results.map((r) => r.jurisdiction));
    return Object.keys(this.places).filter((id) => used.has(id));
  }

  grandTotal(report) {
    const sum = { one_off: { min: 0, max: 0 }, per_month: { min: 0, max: 0 }, per_year: { min: 0, max: 0 } };
    for (const tot of report.totals) {
      for (const k of Object.keys(sum)) {
        if (!tot[k]) continue;
        sum[k].min += tot[k].min;
        sum[k].max = sum[k].max === null || tot[k].max === null ? null : sum[k].max + tot[k].max;
      }
    }
    return sum;
  }

  /** The period a result is judged by: its own, else its document's (null when unstated). */
  periodOf(r, docs) {
    return r.period ?? docs[r.document]?.period ?? null;
  }

  /** "已失效（有效期至2020-12-31）" / "尚未生效（2018-03-06起）" for a result out of force. */
  outOfForce(period) {
    const t = this.t;
    const asOf = this.report.as_of;
    if (period?.from && asOf < period.from) return t.notYetInForce(period.from);
    return t.lapsed(period?.until ?? null);
  }

  /**
   * When every document of the chosen place has lapsed: the latest last day, and the documents
   * with theirs. Null otherwise.
   */
  lapsedPlace(report) {
    const docs = report.documents ?? [];
    if (!report.place || !docs.length) return null;
    if (!docs.every((d) => !d.in_force && d.period?.until && d.period.until < report.as_of)) return null;
    const last = docs.reduce((m, d) => (d.period.until > m ? d.period.until : m), '');
    return { last, docs };
  }

  renderSummary(report) {
    const t = this.t;
    const c = report.counts;
    const place = report.place ? (this.lang === 'en' ? report.place.name_en : report.place.name_zh) : t.allPlaces;
    const total = report.place ? this.totalText(this.grandTotal(report)) : null;
    const badge = (standing, n) => h('span', { class: `rc-badge rc-b-${standing}`, dataset: { count: standing } }, `${t[`standing_${standing}`]} ${n}`);
    const lapsed = this.lapsedPlace(report);
    fill(this.summary,
      h('p', { class: 'rc-summary-place', text: t.summaryFor(place, report.as_of) }),
      h('p', { class: 'rc-summary-counts' },
        h('span', { class: 'rc-k', text: this.colon(t.inForceNow) }),
        badge('entitled', c.entitled), ' ', badge('may_apply', c.may_apply), ' ', badge('possible', c.possible),
        c.measure ? [' ', h('span', { class: 'rc-muted', text: t.measuresCount(c.measure) })] : null,
        c.expired ? [' ', h('span', { class: 'rc-muted rc-expired-count', text: t.expiredCount(c.expired) })] : null),
      lapsed ? h('div', { class: 'rc-lapsed', role: 'note' },
        h('p', { text: t.allLapsed(lapsed.docs.map((d) => [this.docTitle(d), d.period.until])) }),
        h('button', { type: 'button', class: 'rc-btn rc-btn-small rc-noprint', id: `${this.prefix}-last-day`, onclick: () => this.setField('as_of', lapsed.last) }, t.seeLastDay(lapsed.last))) : null,
      report.place
        ? h('p', { class: 'rc-grand' }, h('span', { class: 'rc-grand-label', text: this.colon(t.grandTotal) }), h('strong', { class: 'rc-grand-value', text: total ?? t.noTotal }))
        : h('p', { class: 'rc-hint', text: t.noPlaceHint }),
      report.place ? h('p', { class: 'rc-note', text: t.totalNote }) : null);
  }

  /** A document's title as the page shows it: 《…》 in Chinese (without doubling the brackets). */
  docTitle(d) {
    if (this.lang === 'en') return d.title_en;
    const title = d.title_zh;
    return title.startsWith('《') && title.endsWith('》') ? title : `《${title}》`;
  }

  renderPrintProfile(report) {
    const t = this.t;
    const rows = [];
    for (const f of this.fieldList) {
      const v = this.profile[f.id];
      if (v === undefined) continue;
      let text;
      if (f.type === 'place') text = this.placeName(v);
      else if (Array.isArray(v)) text = v.length ? v.map((x) => this.valueLabel(f.id, x)).join('、') : t.noneOfThese;
      else if (f.type === 'enum' || f.type === 'bool') text = this.valueLabel(f.id, v);
      else text = String(v);
      rows.push(h('dt', { text: this.label(f) }), h('dd', { text }));
    }
    fill(this.printProfile, h(this.H(2), { text: t.printedProfile }), h('p', { text: t.printedAt(report.as_of) }), h('dl', { class: 'rc-dl' }, rows));
  }

  renderFollowups(report) {
    const t = this.t;
    const p = this.prefix;
    const byField = new Map();
    // Only facts that can make an in-force result one the person gets or may apply for: the
    // missing facts of in-force `possible` results (measures are context and never asked about).
    for (const r of report.results) {
      if (r.standing !== 'possible' || !r.in_force) continue;
      for (const f of r.missing) {
        if (!this.fields[f]) continue;
        if (!byField.has(f)) byField.set(f, []);
        byField.get(f).push(r);
      }
    }
    const all = [...byField.entries()].sort((a, b) => b[1].length - a[1].length);
    // Facts of the first screen are asked there; here they are only pointed to.
    const questions = all.filter(([f]) => !FIRST.includes(f));
    const basics = all.filter(([f]) => FIRST.includes(f)).map(([f]) => f);
    const heading = h(this.H(2), { id: `${p}-fu-h`, tabindex: '-1', text: t.followupsTitle });
    const pointer = basics.length ? h('p', { class: 'rc-basics-missing' }, t.basicsMissing,
      basics.map((f, i) => [i ? (this.lang === 'en' ? ', ' : '、') : '',
        h('button', { type: 'button', class: 'rc-link', onclick: () => this.form.querySelector(`[data-field="${f}"]`)?.focus() }, this.label(f))])) : null;
    if (!questions.length) {
      fill(this.followups, heading, pointer, h('p', { class: 'rc-muted', text: t.followupsNone }));
      return;
    }
    const question = ([field, rs]) => {
      const ordered = [...rs].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
      const titles = ordered.slice(0, 5).map((r) => h('li', {},
        this.title(r), r.amount ? h('span', { class: 'rc-muted', text: ` · ${this.amountText(r.amount)}` }) : null));
      return h('div', { class: 'rc-question', dataset: { question: field } },
        this.control(this.fields[field], 'fu'),
        h('div', { class: 'rc-settles' },
          h('p', { text: t.settles(rs.length) }),
          h('ul', {}, titles),
          rs.length > 5 ? h('p', { class: 'rc-muted', text: t.andMore(rs.length) }) : null));
    };
    // Quick questions first; long checkbox lists (occupations…) wait in the fold unless alone.
    const long = ([f]) => (this.fields[f].values?.length ?? 0) > 8;
    let shown = questions.filter((q) => !long(q)).slice(0, FOLLOWUPS_SHOWN);
    if (!shown.length) shown = questions.slice(0, 1);
    const first = shown.map(question);
    const rest = questions.filter((q) => !shown.includes(q));
    fill(this.followups, heading, h('p', { class: 'rc-intro', text: t.followupsIntro }), pointer, ...first,
      rest.length ? lazyDetails({ class: 'rc-more-questions', id: `${p}-fu-more` },
        h('summary', { text: t.moreQuestions(rest.length) }), () => rest.map(question), (d) => this.controlsBuilt(d)) : null);
    this.controlsBuilt(this.followups);
  }

  whatIfSentence(option) {
    const w = this.t.whatIf;
    const f = this.fields[option.field];
    const v = this.valueLabel(option.field, option.value);
    if (w[option.field]) return w[option.field](v);
    if (f?.type === 'set') return w.set(this.label(f), v);
    if (f?.type === 'bool') return w.bool(this.label(f));
    return w.other(this.label(f ?? option.field), v);
  }

  /** Applies a what-if step, keeping what it replaced so the person can undo it. */
  tryStep(o) {
    const f = this.fields[o.field];
    const before = this.profile[o.field];
    const value = f?.type === 'set' ? [...new Set([...(Array.isArray(before) ? before : []), o.value])] : o.value;
    this.undo = { field: o.field, before: Array.isArray(before) ? [...before] : before, label: this.stepLabel(o) };
    this.setField(o.field, value);
    this.say(this.t.tried(this.stepLabel(o)));
    this.whatIfBox.querySelector('.rc-undo button')?.focus();
  }

  /** "职称：副高级" for a what-if step. */
  stepLabel(o) {
    return `${this.colon(this.label(o.field))}${this.valueLabel(o.field, o.value)}`;
  }

  undoStep() {
    const u = this.undo;
    if (!u) return;
    this.undo = null;
    this.setField(u.field, u.before);
    this.say(this.t.undone);
  }

  renderWhatIf(whatIf) {
    const t = this.t;
    const p = this.prefix;
    const options = (whatIf?.options ?? []).filter((o) => o.gains.length);
    const waits = whatIf?.waits ?? [];
    const u = this.undo;
    if (!options.length && !waits.length && !u) {
      fill(this.whatIfBox);
      this.whatIfBox.hidden = true;
      return;
    }
    this.whatIfBox.hidden = false;
    const gainList = (gains, standing) => {
      const list = gains.filter((g) => g.standing === standing);
      if (!list.length) return null;
      return h('div', { class: `rc-gains rc-gains-${standing}` },
        h('p', { class: 'rc-gains-h' }, h('span', { class: `rc-badge rc-b-${standing}`, text: t[`also_${standing}`] })),
        h('ul', {}, list.map((g) => h('li', {},
          h('span', { text: this.title(g) }),
          g.amount ? h('span', { class: 'rc-amount-inline', text: ` · ${this.amountText(g.amount)}` }) : null,
          g.title_level || g.route ? h('span', { class: 'rc-muted', text: ` · ${this.routeText(g)}` }) : null,
          g.requires?.length ? h('span', { class: 'rc-muted', text: ` · ${t.requiresShort}${this.requiresText(g.requires)}` }) : null))));
    };
    const waitItem = (w) => {
      const cond = w.condition.field === 'years_since_graduation' ? t.cond.yearsAtLeast(w.condition.need) : this.describe(w.condition).text;
      return h('li', { class: 'rc-wait', dataset: { rule: w.rule } },
        h('span', { class: 'rc-wait-title', text: this.title(w) }), ' ',
        h('span', { class: 'rc-wait-when', text: t.waitWhen(cond, w.met_on) }),
        w.in_force_then ? null : h('span', { class: 'rc-wait-lapsed', text: t.waitLapsed(w.until) }));
    };
    fill(this.whatIfBox,
      h(this.H(2), { id: `${p}-wi-h`, text: t.whatIfTitle }),
      u ? h('div', { class: 'rc-undo', role: 'status' },
        h('p', { text: t.triedNote(u.label) }),
        h('button', { type: 'button', class: 'rc-btn rc-btn-small rc-noprint', id: `${p}-wi-undo`, onclick: () => this.undoStep() }, t.undoLabel)) : null,
      options.length ? h('ul', { class: 'rc-whatif-list' }, options.map((o, i) => h('li', { class: 'rc-whatif-item', dataset: { field: o.field, value: String(o.value) } },
        h('p', { class: 'rc-whatif-if', text: this.whatIfSentence(o) }),
        gainList(o.gains, 'entitled'),
        gainList(o.gains, 'may_apply'),
        h('button', { type: 'button', class: 'rc-btn rc-btn-small rc-noprint', id: `${p}-wi-${i}`, onclick: () => this.tryStep(o) }, t.tryIt)))) : null,
      waits.length ? h('div', { class: 'rc-waits' },
        h('p', { class: 'rc-waits-h', text: t.waitsTitle }),
        h('ul', {}, waits.map(waitItem))) : null);
  }

  requiresText(requires) {
    return requires.map((q) => (this.lang === 'en' ? q.en : q.zh)).join(this.lang === 'en' ? '; ' : '；');
  }

  routeText(r) {
    const level = r.title_level ? this.valueLabel('title', r.title_level) : null;
    const route = r.route ? this.t[`route_${r.route}`] ?? r.route : null;
    return this.t.titleRoute(level, route);
  }

  /**
   * The jurisdiction sections, top-down, each with its total. In a section: the in-force results
   * a person gets, may apply for or could confirm (cards); then the in-force measures (folded);
   * then, per document, what has lapsed (folded under one banner with its date, never with a
   * green badge); then what does not apply (folded). With `limit` (the first paint) only the first
   * `limit` cards are built, with the sections down to the last of them (whose folds wait too):
   * what is added later then only extends the page below what was painted.
   */
  renderJurisdictions(report, limit = Infinity) {
    const t = this.t;
    const docs = Object.fromEntries((report.documents ?? []).map((d) => [d.id, d]));
    const totals = Object.fromEntries(report.totals.map((x) => [x.jurisdiction, x]));
    const sections = [];
    let left = limit;
    for (const jid of this.jurisdictions(report)) {
      if (left <= 0) break;
      const rs = report.results.filter((r) => r.jurisdiction === jid);
      const all = rs.filter((r) => r.in_force && GAINS.includes(r.standing))
        .sort((a, b) => STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
      const main = all.slice(0, left);
      left -= main.length;
      // The folds come after the cards: left out of a section whose cards are cut short.
      const folds = main.length === all.length;
      const measures = rs.filter((r) => r.in_force && r.standing === 'measure');
      const lapsed = rs.filter((r) => !r.in_force && r.standing !== 'ineligible')
        .sort((a, b) => STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
      const no = rs.filter((r) => r.standing === 'ineligible');
      const hid = `${this.prefix}-j-${safe(jid)}`;
      const tot = totals[jid] ? this.totalText(totals[jid]) : null;
      const level = this.chainOf(jid).length;
      // One banner per document (and period) whose results here are out of force.
      const groups = new Map();
      for (const r of lapsed) {
        const period = this.periodOf(r, docs);
        const key = `${r.document}|${period?.from ?? ''}|${period?.until ?? ''}`;
        if (!groups.has(key)) groups.set(key, { doc: docs[r.document], period, results: [] });
        groups.get(key).results.push(r);
      }
      sections.push(h('section', { class: `rc-jur rc-level-${level}`, 'aria-labelledby': hid, dataset: { jurisdiction: jid } },
        h('div', { class: 'rc-jur-head' },
          h(this.H(2), { id: hid, class: 'rc-jur-name', text: this.placeName(jid) }),
          h('p', { class: 'rc-total' }, h('span', { class: 'rc-total-label', text: this.colon(t.total) }), h('span', { class: 'rc-total-value', text: tot ?? t.noTotal }))),
        all.length || measures.length || lapsed.length ? null : h('p', { class: 'rc-muted', text: t.nothingHere }),
        !all.length && (measures.length || lapsed.length) ? h('p', { class: 'rc-muted', text: t.nothingInForce }) : null,
        main.length ? h('ul', { class: 'rc-cards' }, main.map((r) => this.card(r, docs))) : null,
        folds && measures.length ? lazyDetails({ class: 'rc-fold rc-fold-measures', id: `${hid}-measures` },
          h('summary', { text: t.measuresHeading(measures.length) }),
          () => [h('p', { class: 'rc-muted', text: t.measuresNote }), h('ul', { class: 'rc-cards' }, measures.map((r) => this.card(r, docs)))]) : null,
        folds ? [...groups.values()].map((g, i) => lazyDetails({ class: 'rc-fold rc-fold-lapsed', id: `${hid}-lapsed-${i}`, dataset: { document: g.doc?.id ?? '' } },
          h('summary', { text: this.lapsedBanner(g.doc, g.period, g.results.length) }),
          () => h('ul', { class: 'rc-cards' }, g.results.map((r) => this.card(r, docs))))) : null,
        folds && no.length ? lazyDetails({ class: 'rc-fold rc-fold-no', id: `${hid}-no` },
          h('summary', { text: t.ineligibleHeading(no.length) }),
          () => h('ul', { class: 'rc-cards' }, no.map((r) => this.card(r, docs)))) : null));
    }
    fill(this.jurBox, ...sections);
  }

  /** "《…》已于2020-12-31到期，仅供参考（3项）", or not yet in force. */
  lapsedBanner(doc, period, n) {
    const t = this.t;
    const title = doc ? this.docTitle(doc) : '';
    if (period?.from && this.report.as_of < period.from) return t.notYetBanner(title, period.from, n);
    const own = doc && doc.in_force;
    return own ? t.lapsedPartBanner(title, period?.until, n) : t.lapsedBanner(title, period?.until, n);
  }

  card(r, docs) {
    const t = this.t;
    const id = `${this.prefix}-r-${safe(r.rule)}`;
    const doc = docs[r.document];
    const amount = this.amountText(r.amount);
    const caveats = [];
    if (doc && !doc.period) caveats.push(t.periodNotStated);
    if (doc?.kind === 'news_report') caveats.push(t.newsReportShort);
    if (caveats.length) caveats.push(t.checkWithAuthority);
    // Lapsed results never carry a standing badge that reads as something the person gets now.
    const badge = r.in_force || r.standing === 'ineligible'
      ? h('span', { class: `rc-badge rc-b-${r.standing}`, text: t[`standing_${r.standing}`] })
      : h('span', { class: 'rc-badge rc-b-out', text: this.outOfForce(this.periodOf(r, docs)) });
    return h('li', { class: `rc-card rc-st-${r.standing}${r.in_force ? '' : ' rc-out'}`, dataset: { rule: r.rule, status: r.status, standing: r.standing } },
      h('div', { class: 'rc-card-tags' },
        badge,
        r.in_force || r.standing === 'ineligible' ? null : h('span', { class: 'rc-kind', text: t[`standing_${r.standing}`] }),
        r.standing === 'ineligible' && !r.in_force ? h('span', { class: 'rc-badge rc-b-out', text: this.outOfForce(this.periodOf(r, docs)) }) : null),
      // elementtiming: the browser reports when the first result was painted (scripts/budgets.mjs).
      h(this.H(3), { class: 'rc-card-title', id: `${id}-h`, elementtiming: 'rencai-result', text: this.title(r) }),
      amount ? h('p', { class: 'rc-amount' }, amount, r.kind === 'application' && r.amount ? h('span', { class: 'rc-muted', text: ` ${t.ifChosen}` }) : null) : null,
      r.title_level || r.route ? h('p', { class: 'rc-route', text: this.routeText(r) }) : null,
      r.requires?.length ? h('p', { class: 'rc-requires' }, h('span', { class: 'rc-k', text: t.requiresLabel }), this.requiresText(r.requires)) : null,
      caveats.length ? h('p', { class: 'rc-caveat', text: caveats.join(' · ') }) : null,
      r.status === 'possible' && r.missing.length && r.standing !== 'measure' && r.in_force ? h('p', { class: 'rc-missing' },
        h('span', { text: t.needsFacts }), r.missing.map((f) => this.label(f)).join(this.lang === 'en' ? ', ' : '、')) : null,
      r.status === 'ineligible' && r.unmet.length ? h('div', { class: 'rc-why' },
        h('p', { class: 'rc-why-h', text: t.whyNot }), this.condList(r.unmet)) : null,
      // Built when opened, or for printing (beforeprint opens every <details>).
      lazyDetails({ class: 'rc-src', id: `${id}-src` },
        h('summary', {}, `${t.source}`, h('span', { class: 'rc-clause' }, ` · ${t.clause} `, h('span', { lang: 'zh-CN', text: r.source.clause }))),
        () => [
          doc ? this.docInfo(doc) : null,
          h('p', { class: 'rc-src-clause' }, h('span', { class: 'rc-k', text: this.colon(t.clause) }), h('span', { lang: 'zh-CN', text: r.source.clause })),
          h('blockquote', { class: 'rc-quote', lang: 'zh-CN', text: r.source.quote }),
        ]));
  }

  docInfo(doc) {
    const t = this.t;
    const title = this.lang === 'en' ? doc.title_en : doc.title_zh;
    const period = doc.period ? t.periodRange(doc.period.from, doc.period.until) : t.periodNotStated;
    // Issuer and number are the document's own words (Chinese) in either language.
    const meta = [doc.issuer, doc.number].filter(Boolean).join(' · ');
    return h('div', { class: 'rc-doc' },
      h('p', {}, h('span', { class: 'rc-k', text: this.colon(t.document) }),
        h('cite', { lang: this.lang === 'en' ? 'en' : 'zh-CN', text: this.lang === 'en' ? title : this.docTitle(doc) }),
        doc.kind === 'news_report' ? h('span', { class: 'rc-badge rc-b-news', text: t.newsReport }) : null),
      meta || doc.date ? h('p', { class: 'rc-muted' }, meta ? h('span', { lang: 'zh-CN', text: meta }) : null, doc.date ? `${meta ? ' · ' : ''}${doc.date}` : null) : null,
      h('p', {}, h('span', { class: 'rc-k', text: this.colon(t.periodLabel) }), period, doc.in_force ? null : h('span', { class: 'rc-muted', text: ` · ${t.docNotInForce}` })));
  }

  condList(conds) {
    return h('ul', { class: 'rc-conds' }, conds.map((c) => this.condItem(c)));
  }

  condItem(c) {
    const d = this.describe(c);
    return h('li', {}, d.text, d.children ? this.condList(d.children) : null);
  }

  /** An unmet condition in words, from schema labels. */
  describe(c) {
    const w = this.t.cond;
    if (c.op === 'any' || c.op === 'all' || c.op === 'not') return { text: w[c.op], children: c.need };
    if (c.field === 'years_since_graduation') return { text: c.op === 'at_most' ? w.yearsAtMost(c.need) : w.yearsAtLeast(c.need) };
    const f = this.fields[c.field];
    const label = this.label(c.field);
    const v = (x) => this.valueLabel(c.field, x);
    const list = Array.isArray(c.need) ? c.need : [c.need];
    switch (c.op) {
      case 'equals':
        if (f?.type === 'bool') return { text: c.need ? w.boolTrue(label) : w.boolFalse(label) };
        return { text: w.is(label, v(c.need)) };
      case 'one_of':
        return { text: w.oneOf(label, list.map(v)) };
      case 'at_least':
        return { text: f?.type === 'int' ? w.atLeastInt(label, c.need) : w.atLeastEnum(label, v(c.need)) };
      case 'at_most':
        return { text: f?.type === 'int' ? w.atMostInt(label, c.need) : w.atMostEnum(label, v(c.need)) };
      case 'contains':
        return { text: HOLDS.has(c.field) ? w.holds(v(c.need)) : w.contains(label, v(c.need)) };
      case 'contains_any':
        return { text: HOLDS.has(c.field) ? w.holdsAny(list.map(v)) : w.containsAny(label, list.map(v)) };
      default:
        return { text: `${label}: ${c.op} ${JSON.stringify(c.need)}` };
    }
  }

  // ---------------------------------------------------------------- compare

  renderCompare(cmp) {
    const t = this.t;
    const p = this.prefix;
    const heading = h(this.H(1), { id: `${p}-cmp-h`, tabindex: '-1', text: t.compareTitle });
    if (!cmp) {
      fill(this.compareView, heading);
      return;
    }
    const range = (r) => (r && (r.min > 0 || r.max === null || r.max > 0) ? this.money(r.min, r.max) : '—');
    const n = (x) => (x ? String(x) : '—');
    const rows = cmp.rows.map((row) => {
      const name = this.lang === 'en' ? row.place.name_en : row.place.name_zh;
      const parents = row.place.chain.slice(1, -1).map((id) => this.placeName(id)).join(' · ');
      const current = row.place.id === this.profile.place;
      const c = row.counts;
      return h('tr', { class: current ? 'rc-current' : null, dataset: { place: row.place.id } },
        h('td', { class: 'rc-num', text: row.rank }),
        h('th', { scope: 'row' },
          h('button', { type: 'button', class: 'rc-link', id: `${p}-cmp-${safe(row.place.id)}`, 'aria-label': t.openPlace(name), onclick: () => this.openPlace(row.place.id) }, name),
          parents ? h('span', { class: 'rc-parents', text: parents }) : null),
        h('td', { class: 'rc-num', text: range(row.one_off) }),
        h('td', { class: 'rc-num', text: range(row.per_month) }),
        h('td', { class: 'rc-num', text: range(row.per_year) }),
        h('td', { class: 'rc-num rc-strong', text: row.first_year_min > 0 ? this.yuan(row.first_year_min) : '—' }),
        h('td', { class: 'rc-num', dataset: { count: 'entitled' }, text: n(c.entitled) }),
        h('td', { class: 'rc-num', dataset: { count: 'may_apply' }, text: n(c.may_apply) }),
        h('td', { class: 'rc-num', dataset: { count: 'possible' }, text: n(c.possible) }),
        h('td', { class: 'rc-num rc-muted', dataset: { count: 'expired' }, text: n(c.expired) }));
    });
    fill(this.compareView, heading,
      h('p', { class: 'rc-intro', text: t.compareIntro }),
      h('div', { class: 'rc-table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': `${p}-cmp-cap` },
        h('table', { class: 'rc-table' },
          h('caption', { id: `${p}-cmp-cap`, text: t.compareCaption(cmp.as_of) }),
          h('thead', {},
            h('tr', {},
              h('th', { scope: 'col', rowspan: '2', text: t.rank }), h('th', { scope: 'col', rowspan: '2', text: t.place }),
              h('th', { scope: 'colgroup', colspan: '7', class: 'rc-group-h', text: t.inForceCols }),
              h('th', { scope: 'col', rowspan: '2', text: t.expiredCol })),
            h('tr', {},
              h('th', { scope: 'col', text: t.oneOff }), h('th', { scope: 'col', text: t.perMonth }),
              h('th', { scope: 'col', text: t.perYear }), h('th', { scope: 'col', text: t.firstYear }),
              h('th', { scope: 'col', text: t.standing_entitled }), h('th', { scope: 'col', text: t.standing_may_apply }),
              h('th', { scope: 'col', text: t.standing_possible }))),
          h('tbody', {}, rows))));
  }

  openPlace(id) {
    this.view = 'results';
    this.showView();
    this.setField('place', id);
    this.container.querySelector(`#${this.prefix}-res-h`)?.focus();
  }
}
