// The answer: the summary (what is in force, by standing; the chain's total; a place whose
// documents all lapsed), then per jurisdiction the cards of what the person gets, may apply for
// or could confirm, with measures, lapsed and ineligible results folded. Methods of the calculator.
import { h, fill, lazyDetails, safe } from './dom.js';

/** The standings shown as cards (in force); measures, lapsed and ineligible results are folded. */
const GAINS = ['entitled', 'may_apply', 'possible'];
const STANDING_ORDER = { entitled: 0, may_apply: 1, possible: 2, measure: 3, ineligible: 4 };
const KIND_ORDER = { entitlement: 0, application: 1, measure: 2 };
const byStanding = (a, b) => STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];

export const results = {
  /** The jurisdictions to show, top-down: the place's chain, or every place holding a result. */
  jurisdictions(report) {
    if (report.place) return report.place.chain;
    const used = new Set(report.results.map((r) => r.jurisdiction));
    return Object.keys(this.places).filter((id) => used.has(id));
  },

  /** When every document of the chosen place has lapsed: the latest last day and the documents. */
  lapsedPlace(report) {
    const docs = report.documents ?? [];
    if (!report.place || !docs.length) return null;
    if (!docs.every((d) => !d.in_force && d.period?.until && d.period.until < report.as_of)) return null;
    return { last: docs.reduce((m, d) => (d.period.until > m ? d.period.until : m), ''), docs };
  },

  renderSummary(report) {
    const { t, colon, docTitle, totalText } = this.fmt;
    const c = report.counts;
    const place = report.place ? (this.lang === 'en' ? report.place.name_en : report.place.name_zh) : t.allPlaces;
    const total = report.total ? totalText(report.total) : null;
    const badge = (standing, n) => h('span', { class: `rc-badge rc-b-${standing}`, dataset: { count: standing } }, `${t[`standing_${standing}`]} ${n}`);
    const lapsed = this.lapsedPlace(report);
    fill(this.summary,
      h('p', { class: 'rc-summary-place', text: t.summaryFor(place, report.as_of) }),
      h('p', { class: 'rc-summary-counts' },
        h('span', { class: 'rc-k', text: colon(t.inForceNow) }),
        badge('entitled', c.entitled), ' ', badge('may_apply', c.may_apply), ' ', badge('possible', c.possible),
        c.measure ? [' ', h('span', { class: 'rc-muted', text: t.measuresCount(c.measure) })] : null,
        c.expired ? [' ', h('span', { class: 'rc-muted rc-expired-count', text: t.expiredCount(c.expired) })] : null),
      lapsed ? h('div', { class: 'rc-lapsed', role: 'note' },
        h('p', { text: t.allLapsed(lapsed.docs.map((d) => [docTitle(d), d.period.until])) }),
        h('button', { type: 'button', class: 'rc-btn rc-btn-small rc-noprint', id: `${this.prefix}-last-day`, onclick: () => this.setField('as_of', lapsed.last) }, t.seeLastDay(lapsed.last))) : null,
      report.place
        ? h('p', { class: 'rc-grand' }, h('span', { class: 'rc-grand-label', text: colon(t.grandTotal) }), h('strong', { class: 'rc-grand-value', text: total ?? t.noTotal }))
        : h('p', { class: 'rc-hint', text: t.noPlaceHint }),
      report.place ? h('p', { class: 'rc-note', text: t.totalNote }) : null);
  },

  /**
   * The jurisdiction sections, top-down, each with its total. In a section: the in-force results
   * a person gets, may apply for or could confirm (cards); then the in-force measures (folded);
   * then, per document, what has lapsed (folded under one banner with its date, never with a
   * green badge); then what does not apply (folded). With `limit` (the first paint) only the first
   * `limit` cards are built, with the sections down to the last of them (whose folds wait too):
   * what is added later then only extends the page below what was painted.
   */
  renderJurisdictions(report, limit = Infinity, box = this.jurBox, idPrefix = this.prefix) {
    const { t, colon, totalText, placeName, lapsedBanner } = this.fmt;
    const docs = Object.fromEntries((report.documents ?? []).map((d) => [d.id, d]));
    const totals = Object.fromEntries(report.totals.map((x) => [x.jurisdiction, x]));
    const period = (r) => r.period ?? docs[r.document]?.period ?? null;
    const sections = [];
    let left = limit;
    for (const jid of this.jurisdictions(report)) {
      if (left <= 0) break;
      const rs = report.results.filter((r) => r.jurisdiction === jid);
      const all = rs.filter((r) => r.in_force && GAINS.includes(r.standing)).sort(byStanding);
      const main = all.slice(0, left);
      left -= main.length;
      // The folds come after the cards: left out of a section whose cards are cut short.
      const folds = main.length === all.length;
      const measures = rs.filter((r) => r.in_force && r.standing === 'measure');
      const lapsed = rs.filter((r) => !r.in_force && r.standing !== 'ineligible').sort(byStanding);
      const no = rs.filter((r) => r.standing === 'ineligible');
      const hid = `${idPrefix}-j-${safe(jid)}`;
      const tot = totals[jid] ? totalText(totals[jid]) : null;
      // One banner per document (and period) whose results here are out of force.
      const groups = new Map();
      for (const r of lapsed) {
        const p = period(r);
        const key = `${r.document}|${p?.from ?? ''}|${p?.until ?? ''}`;
        if (!groups.has(key)) groups.set(key, { doc: docs[r.document], period: p, results: [] });
        groups.get(key).results.push(r);
      }
      const cards = (list) => h('ul', { class: 'rc-cards' }, list.map((r) => this.card(r, docs, idPrefix, report.as_of)));
      sections.push(h('section', { class: `rc-jur rc-level-${this.fmt.chain(jid).length}`, 'aria-labelledby': hid, dataset: { jurisdiction: jid } },
        h('div', { class: 'rc-jur-head' },
          h(this.H(2), { id: hid, class: 'rc-jur-name', text: placeName(jid) }),
          h('p', { class: 'rc-total' }, h('span', { class: 'rc-total-label', text: colon(t.total) }), h('span', { class: 'rc-total-value', text: tot ?? t.noTotal }))),
        all.length || measures.length || lapsed.length ? null : h('p', { class: 'rc-muted', text: t.nothingHere }),
        !all.length && (measures.length || lapsed.length) ? h('p', { class: 'rc-muted', text: t.nothingInForce }) : null,
        main.length ? cards(main) : null,
        folds && measures.length ? lazyDetails({ class: 'rc-fold rc-fold-measures', id: `${hid}-measures` },
          h('summary', { text: t.measuresHeading(measures.length) }),
          () => [h('p', { class: 'rc-muted', text: t.measuresNote }), cards(measures)]) : null,
        folds ? [...groups.values()].map((g, i) => lazyDetails({ class: 'rc-fold rc-fold-lapsed', id: `${hid}-lapsed-${i}`, dataset: { document: g.doc?.id ?? '' } },
          h('summary', { text: lapsedBanner(g.doc, g.period, g.results.length, report.as_of) }),
          () => cards(g.results))) : null,
        folds && no.length ? lazyDetails({ class: 'rc-fold rc-fold-no', id: `${hid}-no` },
          h('summary', { text: t.ineligibleHeading(no.length) }),
          () => cards(no)) : null));
    }
    fill(box, ...sections);
  },

  card(r, docs, idPrefix = this.prefix, asOf = this.report.as_of) {
    const { t, label, title, amountText, routeText, requiresText, outOfForce, colon } = this.fmt;
    const id = `${idPrefix}-r-${safe(r.rule)}`;
    const doc = docs[r.document];
    const period = r.period ?? doc?.period ?? null;
    const amount = amountText(r.amount);
    const caveats = [];
    if (doc && !doc.period) caveats.push(t.periodNotStated);
    if (doc?.kind === 'news_report') caveats.push(t.newsReportShort);
    if (caveats.length) caveats.push(t.checkWithAuthority);
    const shown = r.in_force || r.standing === 'ineligible';
    // Lapsed results never carry a standing badge that reads as something the person gets now.
    const badge = shown
      ? h('span', { class: `rc-badge rc-b-${r.standing}`, text: t[`standing_${r.standing}`] })
      : h('span', { class: 'rc-badge rc-b-out', text: outOfForce(period, asOf) });
    return h('li', { class: `rc-card rc-st-${r.standing}${r.in_force ? '' : ' rc-out'}`, dataset: { rule: r.rule, status: r.status, standing: r.standing } },
      h('div', { class: 'rc-card-tags' },
        badge,
        shown ? null : h('span', { class: 'rc-kind', text: t[`standing_${r.standing}`] }),
        r.standing === 'ineligible' && !r.in_force ? h('span', { class: 'rc-badge rc-b-out', text: outOfForce(period, asOf) }) : null),
      // elementtiming: the browser reports when the first result was painted (scripts/budgets.mjs).
      h(this.H(3), { class: 'rc-card-title', id: `${id}-h`, elementtiming: 'rencai-result', text: title(r) }),
      amount ? h('p', { class: 'rc-amount' }, amount, r.kind === 'application' ? h('span', { class: 'rc-muted', text: ` ${t.ifChosen}` }) : null) : null,
      r.title_level || r.route ? h('p', { class: 'rc-route', text: routeText(r) }) : null,
      r.requires?.length ? h('p', { class: 'rc-requires' }, h('span', { class: 'rc-k', text: t.requiresLabel }), requiresText(r.requires)) : null,
      r.explain ? h('p', { class: 'rc-explain' }, h('span', { class: 'rc-k', text: t.explainLabel }), this.lang === 'en' ? r.explain.en : r.explain.zh) : null,
      caveats.length ? h('p', { class: 'rc-caveat', text: caveats.join(' · ') }) : null,
      r.status === 'possible' && r.missing.length && r.standing !== 'measure' && r.in_force ? h('p', { class: 'rc-missing' },
        h('span', { text: t.needsFacts }), r.missing.map((f) => label(f)).join(this.lang === 'en' ? ', ' : '、')) : null,
      r.status === 'ineligible' && r.unmet.length ? h('div', { class: 'rc-why' },
        h('p', { class: 'rc-why-h', text: t.whyNot }), this.condList(r.unmet)) : null,
      // Built when opened (printing shows the print sheet, print.js, not the cards).
      lazyDetails({ class: 'rc-src', id: `${id}-src` },
        h('summary', {}, `${t.source}`, h('span', { class: 'rc-clause' }, ` · ${t.clause} `, h('span', { lang: 'zh-CN', translate: 'no', text: r.source.clause }))),
        () => [
          doc ? this.docInfo(doc) : null,
          h('p', { class: 'rc-src-clause' }, h('span', { class: 'rc-k', text: colon(t.clause) }), h('span', { lang: 'zh-CN', translate: 'no', text: r.source.clause })),
          h('blockquote', { class: 'rc-quote', lang: 'zh-CN', translate: 'no', text: r.source.quote }),
        ]));
  },

  docInfo(doc) {
    const { t, colon, docTitle } = this.fmt;
    const period = doc.period ? t.periodRange(doc.period.from, doc.period.until) : t.periodNotStated;
    // Issuer and number are the document's own words (Chinese) in either language.
    const meta = [doc.issuer, doc.number].filter(Boolean).join(' · ');
    return h('div', { class: 'rc-doc' },
      h('p', {}, h('span', { class: 'rc-k', text: colon(t.document) }),
        h('cite', { lang: this.lang === 'en' ? 'en' : 'zh-CN', text: docTitle(doc) }),
        doc.kind === 'news_report' ? h('span', { class: 'rc-badge rc-b-news', text: t.newsReport }) : null),
      meta || doc.date ? h('p', { class: 'rc-muted' }, meta ? h('span', { lang: 'zh-CN', translate: 'no', text: meta }) : null, doc.date ? `${meta ? ' · ' : ''}${doc.date}` : null) : null,
      h('p', {}, h('span', { class: 'rc-k', text: colon(t.periodLabel) }), period, doc.in_force ? null : h('span', { class: 'rc-muted', text: ` · ${t.docNotInForce}` })));
  },

  condList(conds) {
    return h('ul', { class: 'rc-conds' }, conds.map((c) => {
      const d = this.fmt.describe(c);
      return h('li', {}, d.text, d.children ? this.condList(d.children) : null);
    }));
  },
};
