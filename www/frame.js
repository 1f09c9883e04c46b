// The frame of the calculator: header and tools, the views, the form (first facts, then more),
// and the empty regions the results fill. Built once per language. A method of the calculator.
import * as engine from './engine.js';
import { h, fill, lazyDetails, orNull } from './dom.js';
import { localToday } from './state.js';

export const frame = {
  /**
   * The form, in the engine's order for the chosen place and date: the facts that settle most
   * there first, then "more facts", built when first opened (open from the start when one of its
   * facts is filled in): most people never open it, and it holds most of the controls.
   */
  buildForm() {
    const { t } = this.fmt;
    const p = this.prefix;
    this.plan = this.formPlan();
    // A set describing the place with nothing to offer there (no rule of the chain tests any of
    // its values) is left out, unless the person holds one of its values.
    const held = (id) => Array.isArray(this.profile[id]) && this.profile[id].length > 0;
    const empty = (x) => x.others === false && Array.isArray(x.values) && x.values.length === 0 && !held(x.id);
    const planned = this.plan.fields.filter((x) => this.fields[x.id] && x.id !== 'as_of' && !empty(x));
    // The first screen in the plan's order, but one-line controls before long checkbox lists
    // (roles, honours), so the quick facts are all in view before the lists.
    const long = (f) => f.type === 'set' && (f.values?.length ?? 0) > 8;
    const firstScreen = planned.filter((x) => x.first).map((x) => this.fields[x.id]);
    const basics = [...firstScreen.filter((f) => !long(f)), ...firstScreen.filter(long)];
    const more = planned.filter((x) => !x.first).map((x) => this.fields[x.id]);
    return h('form', { class: 'rc-form rc-noprint', 'aria-labelledby': `${p}-form-h`, novalidate: true, onsubmit: (e) => e.preventDefault(), dataset: { planFor: this.planKey() } },
      h(this.H(1), { id: `${p}-form-h`, text: t.formTitle }),
      h('p', { class: 'rc-intro', text: t.formIntro }),
      h('fieldset', { class: 'rc-group' }, h('legend', { text: this.profile.place ? t.basicsHere : t.basics }), basics.map((f) => this.control(f, 'f'))),
      more.length ? lazyDetails({ class: 'rc-more', id: `${p}-more`, open: more.some((f) => this.profile[f.id] !== undefined) },
        h('summary', { text: t.moreFacts }),
        () => h('div', { class: 'rc-more-body' }, more.map((f) => this.control(f, 'f'))),
        (d) => this.controlsBuilt(d)) : null);
  },

  /** The one line saying what a restored link or saved state held that the form dropped. */
  showDropped() {
    if (!this.droppedBox) return;
    const { t } = this.fmt;
    this.droppedBox.hidden = !this.dropped;
    fill(this.droppedBox, this.dropped ? [h('span', { text: t.dropped(this.dropped) }), ' ',
      h('button', { type: 'button', class: 'rc-btn rc-btn-small', onclick: () => {
        this.dropped = null;
        this.showDropped();
      } }, t.dismiss)] : []);
  },

  /** The footer's line naming the release the page runs, and the notice of a newer one ready. */
  showRelease() {
    if (!this.releaseLine) return;
    const { t } = this.fmt;
    this.releaseLine.hidden = !this.release;
    // The release id is a code, in no language.
    fill(this.releaseLine, this.release ? [t.releaseLine(this.release), h('code', { lang: 'zxx', translate: 'no', text: this.release.id.slice(0, 8) })] : []);
    const update = this.newRelease;
    this.updateBox.hidden = !update;
    fill(this.updateBox, update ? [h('span', { text: t.updateReady(update.release ?? {}) }), ' ',
      h('button', { type: 'button', class: 'rc-btn rc-btn-small', onclick: () => update.apply() }, t.reload)] : []);
  },

  /** What the form's plan depends on: the place and the date. */
  planKey() {
    return `${this.profile.place ?? ''}|${this.profile.as_of ?? ''}`;
  },

  /** The engine's plan for the place and date; the vocabulary's own order when it cannot say. */
  formPlan() {
    const ask = { place: this.profile.place, as_of: this.profile.as_of };
    const plan = orNull(() => engine.form(ask, localToday())) ?? orNull(() => engine.form({}, localToday()));
    return plan ?? { fields: this.fieldList.map((f) => ({ id: f.id, first: !!f.first, values: null })) };
  },

  /** Rebuilds the form when the place or the date changed its plan; keeps the focus where it was. */
  rebuildForm() {
    if (!this.form || this.form.dataset.planFor === this.planKey()) return;
    const active = this.container.contains(document.activeElement) ? document.activeElement?.id : null;
    const fresh = this.buildForm();
    this.form.replaceWith(fresh);
    this.form = fresh;
    this.syncControls(undefined, this.form);
    this.showErrors();
    if (active) this.form.querySelector(`#${CSS.escape(active)}`)?.focus();
  },

  /** (Re)builds everything for the current language. */
  build() {
    const { t, label, help } = this.fmt;
    const p = this.prefix;
    const H = (n) => this.H(n);
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
    this.droppedBox = h('div', { class: 'rc-dropped rc-noprint', role: 'status', hidden: true });
    this.updateBox = h('div', { class: 'rc-update rc-noprint', role: 'status', hidden: true });

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

    this.form = this.buildForm();

    // The results view.
    const asOf = this.fields.as_of;
    this.asOfInput = h('input', { type: 'date', id: `${p}-as_of`, class: 'rc-date', dataset: { field: 'as_of', role: 'date' }, 'aria-describedby': `${p}-as_of-help ${p}-as_of-err` });
    const asOfBox = h('div', { class: 'rc-asof rc-noprint' },
      h('label', { for: `${p}-as_of`, text: asOf ? label(asOf) : t.asOf }),
      this.asOfInput,
      h('button', { type: 'button', class: 'rc-btn rc-btn-small', onclick: () => this.setField('as_of', undefined) }, t.resetToday),
      h('p', { class: 'rc-help', id: `${p}-as_of-help`, text: asOf ? help(asOf) : t.asOfHelp }),
      h('p', { class: 'rc-error', id: `${p}-as_of-err`, hidden: true }));

    this.summary = h('div', { class: 'rc-summary', 'aria-live': 'polite', 'aria-atomic': 'true', id: `${p}-summary` });
    // What printing shows, alone (print.js): never seen on screen.
    this.printSheet = h('section', { class: 'rc-print-sheet', 'aria-hidden': 'true' });
    this.followups = h('section', { class: 'rc-followups rc-noprint', 'aria-labelledby': `${p}-fu-h` });
    this.whatIfBox = h('section', { class: 'rc-whatif', 'aria-labelledby': `${p}-wi-h` });
    this.jurBox = h('div', { class: 'rc-jurs' });
    this.resultsView = h('section', { class: 'rc-results', 'aria-labelledby': `${p}-res-h` },
      h(H(1), { id: `${p}-res-h`, tabindex: '-1', text: t.results }),
      asOfBox, this.summary, this.followups, this.whatIfBox, this.jurBox);
    this.compareView = h('section', { class: 'rc-compare', 'aria-labelledby': `${p}-cmp-h`, hidden: true });

    this.releaseLine = h('p', { class: 'rc-release', hidden: true });
    const footer = h('footer', { class: 'rc-footer' }, h('p', { text: t.privacy }), h('p', { text: t.disclaimer }), this.releaseLine);
    this.container.append(header, this.status, this.updateBox, this.droppedBox, this.shareBox, nav,
      h('div', { class: 'rc-layout' }, this.form, h('div', { class: 'rc-main' }, this.resultsView, this.compareView)),
      footer, this.printSheet);
    this.syncControls();
    this.showView();
    this.showDropped();
    this.showRelease();
    this.container.dispatchEvent(new CustomEvent('rencai:lang', { bubbles: true, composed: true, detail: { lang: this.lang, htmlLang: t.htmlLang, title: t.appTitle } }));
  },
};
