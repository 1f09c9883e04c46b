// The printed answer: on about one A4 page the facts entered, the date and place, what is in
// force for the person (entitled and may apply, with amounts; how many are still to confirm), the
// totals; then each quoted clause once, as an appendix. The screen never shows it. Methods of the
// calculator.
import { h, fill } from './dom.js';

export const print = {
  /**
   * Fills the print sheet for a report (built with every answer; printing shows only it). Without
   * a place, what the screen shows instead of results: the places side by side (`overview`, the
   * engine's compare), never every jurisdiction's results as if they were the person's.
   */
  renderPrint(report, overview = null) {
    const { t, label, valueLabel, placeName, title, amountText, routeText, requiresText, totalText, docTitle, colon, yuan } = this.fmt;
    const facts = [];
    for (const f of this.fieldList) {
      const v = this.profile[f.id];
      if (v === undefined) continue;
      let text;
      if (f.type === 'place') text = placeName(v);
      else if (Array.isArray(v)) text = v.length ? v.map((x) => valueLabel(f.id, x)).join(this.lang === 'en' ? ', ' : '、') : t.noneOfThese;
      else if (f.type === 'enum' || f.type === 'bool') text = valueLabel(f.id, v);
      else text = String(v);
      facts.push(h('dt', { text: label(f) }), h('dd', { text }));
    }
    if (!report.place) {
      const rows = (overview?.rows ?? []).map((r) => h('tr', {},
        h('td', { class: 'rc-pr-ref', text: String(r.rank) }),
        h('td', { text: this.lang === 'en' ? r.place.name_en : r.place.name_zh }),
        h('td', { text: r.first_year_min > 0 ? t.firstYearAtLeast(yuan(r.first_year_min)) : '—' }),
        h('td', { text: t.overviewCounts(r.counts) })));
      fill(this.printSheet,
        h('h1', { text: t.printTitle }),
        h('p', { text: t.noPlaceTitle(report.as_of) }),
        h('h2', { text: t.printedProfile }),
        facts.length ? h('dl', { class: 'rc-dl' }, facts) : h('p', { text: t.printNoFacts }),
        h('h2', { text: t.overviewTitle }),
        h('p', { text: t.printChoosePlace }),
        rows.length ? h('table', { class: 'rc-pr-table' },
          h('thead', {}, h('tr', {}, h('th', { text: t.rank }), h('th', { text: t.place }), h('th', { text: t.firstYear }), h('th', { text: t.inForceCols }))),
          h('tbody', {}, rows)) : h('p', { text: t.printNothing }),
        h('p', { class: 'rc-pr-small', text: t.disclaimer }));
      return;
    }
    const docs = Object.fromEntries((report.documents ?? []).map((d) => [d.id, d]));
    const live = report.results.filter((r) => r.in_force && (r.standing === 'entitled' || r.standing === 'may_apply'))
      .sort((a, b) => (a.standing === b.standing ? 0 : a.standing === 'entitled' ? -1 : 1));
    // The appendix: each cited clause once, numbered in order of first citation.
    const sources = [];
    const cite = (r) => {
      const key = `${r.document}|${r.source.clause}`;
      let s = sources.find((x) => x.key === key);
      if (!s) sources.push((s = { key, doc: docs[r.document], clause: r.source.clause, quotes: [] }));
      if (!s.quotes.includes(r.source.quote)) s.quotes.push(r.source.quote);
      return sources.indexOf(s) + 1;
    };
    const rows = live.map((r) => {
      const n = cite(r);
      const what = [amountText(r.amount), r.title_level || r.route ? routeText(r) : null].filter(Boolean).join(' · ');
      return h('tr', {},
        h('td', { class: 'rc-pr-standing', text: t[`standing_${r.standing}`] }),
        h('td', {}, title(r), r.requires?.length ? h('span', { class: 'rc-pr-small', text: ` ${t.requiresShort}${requiresText(r.requires)}` }) : null),
        h('td', { text: what || '—' }),
        h('td', { class: 'rc-pr-ref', text: `[${n}]` }));
    });
    const c = report.counts;
    const total = report.total ? totalText(report.total) : null;
    const place = report.place ? (this.lang === 'en' ? report.place.name_en : report.place.name_zh) : t.allPlaces;
    fill(this.printSheet,
      h('h1', { text: t.printTitle }),
      h('p', { text: t.printedFor(place, report.as_of) }),
      h('h2', { text: t.printedProfile }),
      facts.length ? h('dl', { class: 'rc-dl' }, facts) : h('p', { text: t.printNoFacts }),
      h('h2', { text: t.printInForce }),
      rows.length ? h('table', { class: 'rc-pr-table' },
        h('thead', {}, h('tr', {}, h('th', { text: t.printStanding }), h('th', { text: t.printPolicy }), h('th', { text: t.printWhat }), h('th', { text: t.printSource }))),
        h('tbody', {}, rows)) : h('p', { text: t.printNothing }),
      h('p', { text: t.printOthers(c.possible, c.measure, c.expired) }),
      report.place ? h('p', { class: 'rc-pr-total' }, h('strong', { text: colon(t.grandTotal) }), total ?? t.noTotal) : null,
      h('p', { class: 'rc-pr-small', text: t.totalNote }),
      sources.length ? [
        h('h2', { class: 'rc-pr-appendix', text: t.printAppendix }),
        h('ol', { class: 'rc-pr-sources' }, sources.map((s) => h('li', {},
          h('p', {}, h('cite', { text: s.doc ? docTitle(s.doc) : '' }), ` · ${t.clause} `, h('span', { lang: 'zh-CN', translate: 'no', text: s.clause })),
          s.quotes.map((q) => h('blockquote', { lang: 'zh-CN', translate: 'no', text: q }))))),
      ] : null,
      h('p', { class: 'rc-pr-small', text: t.disclaimer }));
  },
};
