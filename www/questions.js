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
    // The basic facts everyone is asked first (the vocabulary's `first`: place, degree, title…)
    // are only pointed to here; the others are asked with what they settle.
    const first = (f) => this.fields[f]?.first;
    const open = all.filter(([f]) => !first(f));
    const basics = all.filter(([f]) => first(f)).map(([f]) => f);
    // A stable order while the person answers: a question keeps its place once asked, and stays
    // (with its answer, to change) until the place or the date changes; new ones join the end,
    // quick questions before long checkbox lists (occupations…).
    const key = this.planKey();
    if (this.asked?.key !== key) this.asked = { key, order: [], settles: new Map() };
    const memo = this.asked;
    const long = (f) => (this.fields[f].values?.length ?? 0) > 8;
    for (const [f, rs] of open) memo.settles.set(f, rs);
    const fresh = open.map(([f]) => f).filter((f) => !memo.order.includes(f));
    memo.order.push(...fresh.filter((f) => !long(f)), ...fresh.filter(long));
    const isOpen = new Set(open.map(([f]) => f));
    memo.order = memo.order.filter((f) => isOpen.has(f) || this.profile[f] !== undefined);
    const heading = h(this.H(2), { id: `${p}-fu-h`, tabindex: '-1', text: t.followupsTitle });
    const pointer = basics.length ? h('p', { class: 'rc-basics-missing' }, t.basicsMissing,
      basics.map((f, i) => [i ? (this.lang === 'en' ? ', ' : '、') : '',
        h('button', { type: 'button', class: 'rc-link', onclick: () => this.form.querySelector(`[data-field="${f}"]`)?.focus() }, label(f))])) : null;
    if (!memo.order.length) {
      fill(this.followups, heading, pointer, h('p', { class: 'rc-muted', text: t.followupsNone }));
      return;
    }
    const question = (field) => {
      const rs = memo.settles.get(field) ?? [];
      const ordered = [...rs].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
      return h('div', { class: `rc-question${isOpen.has(field) ? '' : ' rc-answered'}`, dataset: { question: field } },
        this.control(this.fields[field], 'fu'),
        h('div', { class: 'rc-settles' },
          h('p', { text: isOpen.has(field) ? t.settles(rs.length) : t.settled(rs.length) }),
          h('ul', {}, ordered.slice(0, 5).map((r) => h('li', {},
            title(r), r.amount ? h('span', { class: 'rc-muted', text: ` · ${amountText(r.amount)}` }) : null))),
          rs.length > 5 ? h('p', { class: 'rc-muted', text: t.andMore(rs.length) }) : null));
    };
    // Shown: the questions up to the fourth still open (answered ones in between stay put), or
    // the first one when it is a long list alone; the rest wait in a fold.
    let end = 0;
    for (let openSeen = 0; end < memo.order.length && openSeen < QUESTIONS_SHOWN; end++) {
      const f = memo.order[end];
      if (!isOpen.has(f)) continue;
      if (long(f) && openSeen > 0) break;
      openSeen++;
    }
    const shown = memo.order.slice(0, Math.max(end, 1));
    const rest = memo.order.slice(shown.length);
    const restOpen = rest.filter((f) => isOpen.has(f)).length;
    fill(this.followups, heading, h('p', { class: 'rc-intro', text: t.followupsIntro }), pointer, ...shown.map(question),
      rest.length ? lazyDetails({ class: 'rc-more-questions', id: `${p}-fu-more` },
        h('summary', { text: t.moreQuestions(restOpen || rest.length) }), () => rest.map(question), (d) => this.controlsBuilt(d)) : null);
    this.controlsBuilt(this.followups);
  },
};
