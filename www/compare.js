// Compare: the person's facts at every place, ranked by what is in force (the engine's ranking),
// with what is out of force counted apart; choosing a place previews its answer there without
// changing the person's own place until they say so. Methods of the calculator.
import * as engine from './engine.js';
import { h, fill, safe, orNull } from './dom.js';
import { localToday } from './state.js';

export const compare = {
  renderCompare(cmp) {
    const { t, money, yuan, placeName } = this.fmt;
    const p = this.prefix;
    const heading = h(this.H(1), { id: `${p}-cmp-h`, tabindex: '-1', text: t.compareTitle });
    if (!cmp) {
      fill(this.compareView, heading);
      return;
    }
    const range = (r) => (r && (r.min > 0 || r.max === null || r.max > 0) ? money(r.min, r.max) : '—');
    const n = (x) => (x ? String(x) : '—');
    // Each cell names its column too: on a phone the table is a stack of cards.
    const cell = (label, text, cls = 'rc-num', count) => h('td', { class: cls, dataset: { label, ...(count ? { count } : {}) }, text });
    const rows = cmp.rows.map((row) => {
      const name = this.lang === 'en' ? row.place.name_en : row.place.name_zh;
      const parents = row.place.chain.slice(1, -1).map((id) => placeName(id)).join(' · ');
      const c = row.counts;
      return h('tr', { class: row.place.id === this.profile.place ? 'rc-current' : null, dataset: { place: row.place.id } },
        cell(t.rank, String(row.rank), 'rc-num rc-rank'),
        h('th', { scope: 'row' },
          h('button', { type: 'button', class: 'rc-link', id: `${p}-cmp-${safe(row.place.id)}`, 'aria-label': t.previewPlace(name), onclick: () => this.openPlace(row.place.id) }, name),
          parents ? h('span', { class: 'rc-parents', text: parents }) : null),
        cell(t.oneOff, range(row.one_off)),
        cell(t.perMonth, range(row.per_month)),
        cell(t.perYear, range(row.per_year)),
        cell(t.firstYear, row.first_year_min > 0 ? yuan(row.first_year_min) : '—', 'rc-num rc-strong'),
        cell(t.standing_entitled, n(c.entitled), 'rc-num', 'entitled'),
        cell(t.standing_may_apply, n(c.may_apply), 'rc-num', 'may_apply'),
        cell(t.standing_possible, n(c.possible), 'rc-num', 'possible'),
        cell(t.expiredCol, n(c.expired), 'rc-num rc-muted', 'expired'));
    });
    this.preview = h('section', { class: 'rc-preview', 'aria-live': 'polite', hidden: true });
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
          h('tbody', {}, rows))),
      this.preview);
    if (this.previewing) this.openPlace(this.previewing, false);
  },

  /**
   * Shows the answer at `id` under the table, for the person's facts, leaving their own place as
   * it is; they can make it theirs, or close the preview.
   */
  openPlace(id, focus = true) {
    const { t, placeName, totalText, colon } = this.fmt;
    const p = this.prefix;
    this.previewing = id;
    if (!engine.textsLoaded(id)) {
      // That place's words first (once); the preview opens when they are here.
      this.preview.hidden = false;
      fill(this.preview, h('p', { class: 'rc-loading', role: 'status', text: t.loadingPlace }));
      engine.loadTexts(id).then(
        () => this.previewing === id && this.openPlace(id, focus),
        (e) => {
          if (this.previewing !== id) return;
          console.error('rencai: the texts did not load:', e);
          this.offerRetry(this.preview, t.loadFailed, e, focus).then(() => this.previewing === id && this.openPlace(id, focus));
        },
      );
      return;
    }
    const { place, ...facts } = this.evaluated ?? {};
    const report = orNull(() => engine.evaluate({ ...facts, place: id }, localToday(), true));
    if (!report) return;
    const c = report.counts;
    const name = placeName(id);
    const total = report.total ? totalText(report.total) : null;
    const jurs = h('div', { class: 'rc-jurs' });
    fill(this.preview,
      h(this.H(2), { id: `${p}-pv-h`, class: 'rc-preview-h', tabindex: '-1', text: t.previewTitle(name) }),
      h('p', { class: 'rc-muted', text: t.previewNote(place ? placeName(place) : null) }),
      h('p', { class: 'rc-summary-counts' },
        h('span', { class: 'rc-k', text: colon(t.inForceNow) }),
        ['entitled', 'may_apply', 'possible'].map((s) => [h('span', { class: `rc-badge rc-b-${s}` }, `${t[`standing_${s}`]} ${c[s]}`), ' '])),
      h('p', { class: 'rc-grand' }, h('span', { class: 'rc-grand-label', text: colon(t.grandTotal) }), h('strong', { class: 'rc-grand-value', text: total ?? t.noTotal })),
      h('div', { class: 'rc-preview-actions' },
        h('button', { type: 'button', class: 'rc-btn', id: `${p}-pv-adopt`, onclick: () => this.adoptPlace(id) }, t.adoptPlace(name)),
        h('button', { type: 'button', class: 'rc-btn rc-btn-quiet', id: `${p}-pv-close`, onclick: () => this.closePreview() }, t.closePreview)),
      jurs);
    this.renderJurisdictions(report, Infinity, jurs, `${p}-pv`);
    this.preview.hidden = false;
    if (focus) this.preview.querySelector(`#${p}-pv-h`)?.focus();
  },

  closePreview() {
    this.previewing = null;
    if (this.preview) {
      fill(this.preview);
      this.preview.hidden = true;
    }
    this.compareView.querySelector(`#${this.prefix}-cmp-h`)?.focus();
  },

  /** Makes the previewed place the person's own, and shows its answer in "my benefits". */
  adoptPlace(id) {
    this.previewing = null;
    this.view = 'results';
    this.showView();
    this.setField('place', id);
    this.container.querySelector(`#${this.prefix}-res-h`)?.focus();
  },
};
