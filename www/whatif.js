// What-if: steps the person can take and what each would gain, by standing; what time alone will
// bring (and whether the policy lapses first). Trying a step can be undone. Methods of the calculator.
import { h, fill } from './dom.js';

export const whatif = {
  /** Applies a what-if step, keeping what it replaced so the person can undo it. */
  tryStep(o) {
    const f = this.fields[o.field];
    const before = this.profile[o.field];
    const value = f?.type === 'set' ? [...new Set([...(Array.isArray(before) ? before : []), o.value])] : o.value;
    this.undo = { field: o.field, before: Array.isArray(before) ? [...before] : before, label: this.fmt.stepLabel(o) };
    this.setField(o.field, value);
    this.say(this.t.tried(this.fmt.stepLabel(o)));
    this.whatIfBox.querySelector('.rc-undo button')?.focus();
  },

  undoStep() {
    const u = this.undo;
    if (!u) return;
    this.undo = null;
    this.setField(u.field, u.before);
    this.say(this.t.undone);
  },

  renderWhatIf(whatIf) {
    const { t, title, amountText, routeText, requiresText, describe, whatIfSentence } = this.fmt;
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
          h('span', { text: title(g) }),
          g.amount ? h('span', { class: 'rc-amount-inline', text: ` · ${amountText(g.amount)}` }) : null,
          g.title_level || g.route ? h('span', { class: 'rc-muted', text: ` · ${routeText(g)}` }) : null,
          g.requires?.length ? h('span', { class: 'rc-muted', text: ` · ${t.requiresShort}${requiresText(g.requires)}` }) : null))));
    };
    const waitItem = (w) => {
      const cond = w.condition.field === 'years_since_graduation' ? t.cond.yearsAtLeast(w.condition.need) : describe(w.condition).text;
      return h('li', { class: 'rc-wait', dataset: { rule: w.rule } },
        h('span', { class: 'rc-wait-title', text: title(w) }), ' ',
        h('span', { class: 'rc-wait-when', text: t.waitWhen(cond, w.met_on) }),
        w.in_force_then ? null : h('span', { class: 'rc-wait-lapsed', text: t.waitLapsed(w.until) }));
    };
    fill(this.whatIfBox,
      h(this.H(2), { id: `${p}-wi-h`, text: t.whatIfTitle }),
      u ? h('div', { class: 'rc-undo', role: 'status' },
        h('p', { text: t.triedNote(u.label) }),
        h('button', { type: 'button', class: 'rc-btn rc-btn-small rc-noprint', id: `${p}-wi-undo`, onclick: () => this.undoStep() }, t.undoLabel)) : null,
      options.length ? h('ul', { class: 'rc-whatif-list' }, options.map((o, i) => h('li', { class: 'rc-whatif-item', dataset: { field: o.field, value: String(o.value) } },
        h('p', { class: 'rc-whatif-if', text: whatIfSentence(o) }),
        gainList(o.gains, 'entitled'),
        gainList(o.gains, 'may_apply'),
        h('button', { type: 'button', class: 'rc-btn rc-btn-small rc-noprint', id: `${p}-wi-${i}`, onclick: () => this.tryStep(o) }, t.tryIt)))) : null,
      waits.length ? h('div', { class: 'rc-waits' },
        h('p', { class: 'rc-waits-h', text: t.waitsTitle }),
        h('ul', {}, waits.map(waitItem))) : null);
  },
};
