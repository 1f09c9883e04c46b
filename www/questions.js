// Follow-up questions: the facts that would settle an in-force result still to confirm, each
// asked with the results it settles. Methods of the calculator.
import { h, fill, lazyDetails } from './dom.js';

const QUESTIONS_SHOWN = 4;
const KIND_ORDER = { entitlement: 0, application: 1, measure: 2 };

export const questions = {
  renderFollowups(report) {
    const { t, label, title, amountText } = this.fmt;
    const p = this.prefix;
    // Only facts that can make an in-force result one the person gets or may apply for: the
    // missing facts of in-force `possible` results (measures are context and never asked about).
    const byField = new Map();
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
    const first = (f) => this.fields[f]?.first;
    const asked = all.filter(([f]) => !first(f));
    const basics = all.filter(([f]) => first(f)).map(([f]) => f);
    const heading = h(this.H(2), { id: `${p}-fu-h`, tabindex: '-1', text: t.followupsTitle });
    const pointer = basics.length ? h('p', { class: 'rc-basics-missing' }, t.basicsMissing,
      basics.map((f, i) => [i ? (this.lang === 'en' ? ', ' : '、') : '',
        h('button', { type: 'button', class: 'rc-link', onclick: () => this.form.querySelector(`[data-field="${f}"]`)?.focus() }, label(f))])) : null;
    if (!asked.length) {
      fill(this.followups, heading, pointer, h('p', { class: 'rc-muted', text: t.followupsNone }));
      return;
    }
    const question = ([field, rs]) => {
      const ordered = [...rs].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
      return h('div', { class: 'rc-question', dataset: { question: field } },
        this.control(this.fields[field], 'fu'),
        h('div', { class: 'rc-settles' },
          h('p', { text: t.settles(rs.length) }),
          h('ul', {}, ordered.slice(0, 5).map((r) => h('li', {},
            title(r), r.amount ? h('span', { class: 'rc-muted', text: ` · ${amountText(r.amount)}` }) : null))),
          rs.length > 5 ? h('p', { class: 'rc-muted', text: t.andMore(rs.length) }) : null));
    };
    // Quick questions first; long checkbox lists (occupations…) wait in the fold unless alone.
    const long = ([f]) => (this.fields[f].values?.length ?? 0) > 8;
    let shown = asked.filter((q) => !long(q)).slice(0, QUESTIONS_SHOWN);
    if (!shown.length) shown = asked.slice(0, 1);
    const rest = asked.filter((q) => !shown.includes(q));
    fill(this.followups, heading, h('p', { class: 'rc-intro', text: t.followupsIntro }), pointer, ...shown.map(question),
      rest.length ? lazyDetails({ class: 'rc-more-questions', id: `${p}-fu-more` },
        h('summary', { text: t.moreQuestions(rest.length) }), () => rest.map(question), (d) => this.controlsBuilt(d)) : null);
    this.controlsBuilt(this.followups);
  },
};
