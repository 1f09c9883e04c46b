// The calculator: mount(root, options) renders it inside `root` (an Element or a ShadowRoot) and
// touches nothing outside it, except location.hash (when useHash) and localStorage (under
// storageKey). This module holds start-up, persistence, actions and evaluation; the frame, the
// form, the results, the questions, what-if and compare are the modules it assembles (compare on
// demand, when its view is first shown).
//
// # Design
// The page holds no policy logic: the form is built from the engine's schema(), and results,
// standings, totals, follow-up questions (the `missing` facts of in-force results to confirm),
// why-not (`unmet`) and what-if come from the engine; the page only renders them. Every input
// updates the profile, saves it, and re-renders the result regions (evaluation takes
// microseconds, so nothing is debounced). A bad value stays in the profile (entries are never
// lost) and is flagged at its field (the engine's error names it), while the other entries are
// still evaluated.
import * as engine from './engine.js';
import { h, fill, openDetails, afterFirstPaint, orNull } from './dom.js';
import { persist } from './persist.js';
import { tools } from './tools.js';
import { localToday } from './state.js';
import { formatter } from './format.js';
import { loadLang } from './i18n.js';
import { frame } from './frame.js';
import { form } from './form.js';
import { results } from './results.js';
import { questions } from './questions.js';
import { whatif } from './whatif.js';
import { overview } from './overview.js';
import { print } from './print.js';

/** Result cards in the first paint; the other cards follow once these are on screen. */
const FIRST_PAINT_CARDS = 8;

let mounts = 0;

export { localToday, encodeProfile, decodeProfile } from './state.js';

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
    /** A newer release is ready ({ release, apply } from sw-register.js's onUpdate): offer to reload. */
    showUpdate: (update) => {
      app.newRelease = update;
      app.showRelease();
    },
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
    this.lang = options.lang === 'en' || (!options.lang && this.peekLang() === 'en') ? 'en' : 'zh';
    this.large = false;
    this.view = 'results';
    this.invalid = {};
    this.listeners = [];
    this.lastHash = null;
    this.fmt = formatter(this.lang);
  }

  get t() {
    return this.fmt.t;
  }

  /** A heading tag `n` levels below the calculator's own. */
  H(n) {
    return `h${Math.min(6, this.heading + n)}`;
  }

  async start() {
    // English strings come on demand: a page that opens in English fetches them beside the engine
    // (they are part of the release, so this works offline too).
    const strings = loadLang(this.lang).catch((e) => console.error('rencai: the English strings did not load:', e));
    if (this.lang !== 'zh') {
      await strings;
      this.fmt = formatter(this.lang);
    }
    this.container = h('div', { class: 'rencai', lang: this.t.htmlLang });
    // A page's own loading frame (index.html's skeleton) stays until the real form replaces it in
    // one step; without one (an embedding), a status line says the engine is loading.
    const placeholders = [...this.root.querySelectorAll(':scope > .rencai, :scope > [data-rencai-placeholder]')];
    const swap = () => {
      for (const old of placeholders) old.remove();
      if (!this.container.isConnected) this.root.append(this.container);
    };
    if (!placeholders.some((el) => el.hasAttribute('data-rencai-placeholder'))) {
      swap();
      this.container.append(h('p', { class: 'rc-loading', role: 'status', text: this.t.loading }));
    }
    // The words of the place the page will open on, fetched beside the engine rather than after
    // it (a guess: a wrong one costs one request, and update() fetches what it really needs).
    const hint = this.placeHint();
    if (hint) engine.loadTexts(hint).catch(() => {});
    // A load that fails (offline on a first visit, a broken or missing .wasm) says so in the page's
    // language with a retry; mount() resolves once the engine is up.
    for (;;) {
      try {
        await engine.ready(this.options.source);
        performance.mark('rencai:engine-ready');
        const schema = engine.schema();
        this.fieldList = schema.fields;
        this.fields = Object.fromEntries(schema.fields.map((f) => [f.id, f]));
        this.places = Object.fromEntries((this.fields.place?.values ?? []).map((p) => [p.id, p]));
        break;
      } catch (e) {
        swap();
        console.error('rencai: the engine did not load:', e);
        if (this.destroyed) throw e;
        await this.offerRetry(this.container, this.t.loadFailed, e);
        // A newer release waiting (options.pendingUpdate, from the page entry) is the better retry.
        const update = this.options.pendingUpdate?.();
        if (update) return update.apply();
        fill(this.container, h('p', { class: 'rc-loading', role: 'status', text: this.t.loading }));
      }
    }
    swap();
    this.loadRelease();
    this.restore();
    await loadLang(this.lang).catch((e) => console.error('rencai: the English strings did not load:', e));
    this.fmt = formatter(this.lang, this.fields, this.places);
    this.on(this.container, 'input', (e) => this.onInput(e));
    this.on(this.container, 'change', (e) => this.onInput(e));
    if (this.useHash) this.on(window, 'hashchange', () => this.onHashChange());
    // The first paint holds everything but the result cards past the first few: building and
    // laying out hundreds of cards took longer than all the rest. The other cards follow once the
    // first ones are on screen; they only add to the page below those, so nothing shown moves.
    this.build();
    performance.mark('rencai:form-built');
    // (When the place's words are still on their way, this waits for them.)
    await this.update({ firstCards: FIRST_PAINT_CARDS });
    if (this.destroyed) return;
    performance.mark('rencai:first-result');
    await afterFirstPaint(this.root.getRootNode() instanceof ShadowRoot);
    if (this.destroyed) return;
    this.completeResults();
    performance.mark('rencai:results-rendered');
  }

  /**
   * Shows `message` (and, folded, the technical cause) in `box` with a retry button; resolves when
   * the person presses it. The button takes the focus only when nothing else can be done
   * (`focus`): a fault while typing must not take the keystrokes away from the field.
   */
  offerRetry(box, message, cause, focus = true) {
    const { t } = this;
    return new Promise((resolve) => {
      const retry = h('button', { type: 'button', class: 'rc-btn', onclick: () => resolve() }, t.retry);
      fill(box, h('div', { class: 'rc-fatal', role: 'alert' },
        h('p', { text: message }),
        retry,
        h('details', { class: 'rc-fault-detail' }, h('summary', { text: t.technicalDetail }), h('p', { text: String(cause?.message ?? cause).slice(0, 500) }))));
      if (focus) retry.focus({ preventScroll: true });
    });
  }

  /** Which release this is (release.json beside the page's modules), for the footer; none when absent. */
  loadRelease() {
    let where;
    try {
      where = new URL('./release.json', import.meta.url);
    } catch {
      return;
    }
    if (!/^(?:https?|data):$/.test(where.protocol)) return; // data: in the single file
    fetch(where)
      .then((res) => (res.ok ? res.json() : null))
      .then((r) => {
        if (!r || typeof r.id !== 'string' || this.destroyed) return;
        this.release = { id: String(r.id), built: String(r.built ?? ''), newest_document: String(r.newest_document ?? '') };
        this.showRelease();
      })
      .catch(() => {});
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

  // ---------------------------------------------------------------- actions

  setField(field, value, source) {
    const before = this.profile.place;
    if (value === undefined) delete this.profile[field];
    else this.profile[field] = value;
    if ((field === 'place' && this.profile.place !== before) || field === 'as_of') this.rebuildPlaceDependent();
    this.syncControls(source);
    this.save();
    this.update();
  }

  /** Switches the language (loading its strings first) and rebuilds; resolves once done. */
  async setLangQuietly(lang) {
    await loadLang(lang);
    if (this.destroyed) return;
    this.lang = lang;
    this.fmt = formatter(this.lang, this.fields, this.places);
    this.build();
  }

  async setLang(lang) {
    const next = lang === 'en' ? 'en' : 'zh';
    this.wantLang = next;
    if (next === this.lang) return;
    try {
      await loadLang(next);
    } catch (e) {
      console.error('rencai: the strings of', next, 'did not load:', e);
      return;
    }
    // The last switch asked for wins (a click while the English strings were on their way).
    if (this.destroyed || this.wantLang !== next || next === this.lang) return;
    await this.setLangQuietly(next);
    this.save();
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
        // The place's words are not here yet: fetched once per place (cached offline with the release).
        // (Loaded, yet missing words: a pack that does not match the engine, an error, not a wait.)
        if (e instanceof engine.TextsNotLoaded && !engine.textsLoaded(e.place)) return { report: null, prof, invalid, error: null, pending: engine.loadTexts(e.place) };
        const field = typeof e?.field === 'string' ? e.field : null;
        if (!field || !(field in prof)) return { report: null, prof, invalid, error: e };
        invalid[field] = { value: typeof e.value === 'string' ? e.value : null };
        delete prof[field];
      }
    }
    return { report: null, prof, invalid, error: new Error('too many errors') };
  }

  /**
   * Evaluates the profile and renders every result region. With `firstCards` (the first paint
   * only) it builds only that many result cards and marks the results busy until
   * completeResults() adds the rest. When the place's words must be fetched first, it returns a
   * promise of the update that follows their arrival.
   */
  update({ firstCards } = {}) {
    const today = localToday();
    const { report, prof, invalid, error, pending } = this.evaluateSafely(today);
    if (pending) {
      // The results stay as they were, marked busy, until the place's words arrive; then the page
      // is answered again (what was entered meanwhile included). Resolves once that is done.
      this.resultsView.setAttribute('aria-busy', 'true');
      const token = (this.waiting = {});
      return pending.then(
        () => (this.waiting === token && !this.destroyed ? this.update({ firstCards }) : undefined),
        (e) => {
          if (this.waiting !== token || this.destroyed) return undefined;
          console.error('rencai: the texts did not load:', e);
          this.resultsView.removeAttribute('aria-busy');
          this.offerRetry(this.summary, this.t.loadFailed, e, false).then(() => this.update());
          return undefined;
        },
      );
    }
    this.waiting = null;
    this.invalid = invalid;
    this.evaluated = prof;
    this.showErrors();
    if (firstCards === undefined || !report) this.resultsView.removeAttribute('aria-busy');
    else this.resultsView.setAttribute('aria-busy', 'true');
    const root = this.root.activeElement !== undefined && this.root instanceof ShadowRoot ? this.root : this.container.ownerDocument;
    const active = root.activeElement;
    const activeId = active && this.container.contains(active) ? active.id : null;
    const inFollowups = active && this.followups.contains(active);
    const open = new Set([...this.container.querySelectorAll('details[open][id]')].map((d) => d.id));
    if (!report) {
      // A fault of the engine (it has restarted itself): say so, and let the person run it again.
      console.error('rencai: evaluation failed:', error);
      this.offerRetry(this.summary, this.t.engineFailed, error, false).then(() => this.update());
      fill(this.jurBox);
      fill(this.followups);
      fill(this.whatIfBox);
      return;
    }
    this.report = report;
    if (prof.place) {
      this.renderPrint(report);
      this.renderSummary(report);
      this.renderFollowups(report);
      // The profile already evaluated, so these cannot fail on it; if they do, their section stays empty.
      this.renderWhatIf(orNull(() => engine.whatIf(prof, today)));
      this.renderJurisdictions(report, firstCards);
    } else {
      // No place yet: the places side by side, not every place's cards at once.
      this.renderNoPlace(report.as_of);
      fill(this.followups);
      this.followups.hidden = true;
      this.renderWhatIf(null);
      const overview = orNull(() => engine.compare(prof, today));
      this.renderOverview(overview);
      this.renderPrint(report, overview);
    }
    this.followups.hidden = !prof.place;
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
    if (this.report.place) this.renderJurisdictions(this.report);
    this.resultsView.removeAttribute('aria-busy');
  }
}

/**
 * Compare is a view a person opens, not part of the first screen: its module (the table, the
 * preview) comes when the view is first shown. Until then `renderCompare` says it is loading, and
 * answers the page again once the module is here; a failed load offers a retry (and stays until it
 * is pressed). A retry imports again: browsers no longer keep a failed dynamic import
 * (whatwg/html#10327; Chromium, tested), an older one may need the page reloaded.
 */
let comparing = null;
const compareOnDemand = {
  renderCompare() {
    // Loading, or failed with its retry on screen: the view already says so, and the end of the
    // load (or the retry) answers the page again.
    if (this.compareState) return;
    const { t } = this;
    this.compareState = 'loading';
    fill(this.compareView, h('p', { class: 'rc-loading', role: 'status', text: t.loadingView }));
    comparing ??= import('./compare.js').then(
      (m) => Object.assign(App.prototype, m.compare),
      (e) => {
        comparing = null; // the next attempt fetches it again
        throw e;
      },
    );
    comparing.then(
      () => {
        this.compareState = null;
        if (!this.destroyed && this.view === 'compare') this.update();
      },
      (e) => {
        if (this.destroyed) return;
        this.compareState = 'failed';
        console.error('rencai: the compare view did not load:', e);
        this.offerRetry(this.compareView, t.viewLoadFailed, e, false).then(() => {
          this.compareState = null;
          this.update();
        });
      },
    );
  },
};

Object.assign(App.prototype, persist, tools, frame, form, results, questions, whatif, compareOnDemand, overview, print);
