// Compare: the person's facts at every place, ranked by what is in force (the engine's ranking),
// with what has lapsed counted apart. Methods of the calculator.
import { h, fill, safe } from './dom.js';

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
    const rows = cmp.rows.map((row) => {
      const name = this.lang === 'en' ? row.place.name_en : row.place.name_zh;
      const parents = row.place.chain.slice(1, -1).map((id) => placeName(id)).join(' · ');
      const c = row.counts;
      return h('tr', { class: row.place.id === this.profile.place ? 'rc-current' : null, dataset: { place: row.place.id } },
        h('td', { class: 'rc-num', text: row.rank }),
        h('th', { scope: 'row' },
          h('button', { type: 'button', class: 'rc-link', id: `${p}-cmp-${safe(row.place.id)}`, 'aria-label': t.openPlace(name), onclick: () => this.openPlace(row.place.id) }, name),
          parents ? h('span', { class: 'rc-parents', text: parents }) : null),
        h('td', { class: 'rc-num', text: range(row.one_off) }),
        h('td', { class: 'rc-num', text: range(row.per_month) }),
        h('td', { class: 'rc-num', text: range(row.per_year) }),
        h('td', { class: 'rc-num rc-strong', text: row.first_year_min > 0 ? yuan(row.first_year_min) : '—' }),
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
  },

  openPlace(id) {
    this.view = 'results';
    this.showView();
    this.setField('place', id);
    this.container.querySelector(`#${this.prefix}-res-h`)?.focus();
  },
};
