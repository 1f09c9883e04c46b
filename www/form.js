// The form: one control per schema field (the engine's labels, values and help), kept in step
// with the profile; reading a control gives the value to store. Methods of the calculator.
import { h, safe } from './dom.js';
import { localToday } from './state.js';

export const form = {
  /** One form control for a schema field. `ns` keeps ids unique between the form and follow-ups. */
  control(f, ns, filterPlace = true) {
    const { t, label, help } = this.fmt;
    const id = `${this.prefix}-${ns}-${f.id}`;
    const helpId = `${id}-help`;
    const errId = `${id}-err`;
    const helpEl = h('p', { class: 'rc-help', id: helpId, text: help(f) });
    const err = h('p', { class: 'rc-error', id: errId, hidden: true, dataset: { errorFor: f.id } });
    const described = `${helpId} ${errId}`;
    const data = { field: f.id };
    const en = this.lang === 'en';
    const box = (cls, ...kids) => h('div', { class: cls, dataset: { fieldBox: f.id } }, h('label', { for: id, text: label(f) }), helpEl, ...kids, err);
    switch (f.type) {
      case 'place':
        return box('rc-field', h('select', { id, dataset: { ...data, role: 'select' }, 'aria-describedby': described },
          h('option', { value: '', text: t.anyPlace }), this.placeOptions()));
      case 'enum':
        return box('rc-field', h('select', { id, dataset: { ...data, role: 'select' }, 'aria-describedby': described },
          h('option', { value: '', text: t.unknown }),
          f.values.map((v) => h('option', { value: v.id, text: en ? v.en : v.zh }))));
      case 'int':
        return box('rc-field rc-field-int', h('input', { id, type: 'number', inputmode: 'numeric', step: '1', min: f.min, max: f.max, dataset: { ...data, role: 'int' }, 'aria-describedby': described, autocomplete: 'off' }));
      case 'date':
        return box('rc-field', h('input', { id, type: 'date', dataset: { ...data, role: 'date' }, 'aria-describedby': described }));
      case 'bool': {
        const opt = (value, text) => h('label', { class: 'rc-choice' },
          h('input', { type: 'radio', name: id, value, id: `${id}-${value || 'unknown'}`, dataset: { ...data, role: 'bool' } }), h('span', { text }));
        return h('fieldset', { class: 'rc-field rc-radios', dataset: { fieldBox: f.id }, 'aria-describedby': described },
          h('legend', { text: label(f) }), helpEl,
          h('div', { class: 'rc-choices' }, opt('true', t.yes), opt('false', t.no), opt('', t.notSure)), err);
      }
      case 'set': {
        const check = (v) => h('label', { class: 'rc-choice' },
          h('input', { type: 'checkbox', value: v.id, id: `${id}-${safe(v.id)}`, dataset: { ...data, role: 'set' } }),
          h('span', { text: en ? v.en : v.zh }));
        // At a place, the values its rules test (and the honours it confers) first; the others
        // fold away, kept open when one of them is held.
        // A set describing the place (县域, 辽西北) offers nothing else there, but what is held.
        const held = new Set(Array.isArray(this.profile[f.id]) ? this.profile[f.id] : []);
        let values = f.values;
        let others = [];
        const planned = filterPlace ? this.plan?.fields.find((x) => x.id === f.id) : null;
        if (planned?.values) {
          const keep = new Set(planned.values);
          others = values.filter((v) => !keep.has(v.id) && (planned.others !== false || held.has(v.id)));
          values = values.filter((v) => keep.has(v.id));
        }
        const none = h('label', { class: 'rc-choice rc-choice-none' },
          h('input', { type: 'checkbox', value: '', id: `${id}-none`, dataset: { ...data, role: 'set-none' } }), h('span', { text: t.noneOfThese }));
        return h('fieldset', { class: 'rc-field rc-checks', dataset: { fieldBox: f.id }, 'aria-describedby': described },
          h('legend', { text: label(f) }), helpEl,
          h('div', { class: 'rc-choices rc-grid' }, values.map(check), none),
          others.length ? h('details', { class: 'rc-others', open: others.some((v) => held.has(v.id)) },
            h('summary', { text: t.others(f.id === 'honours' ? t.otherHonours : t.otherValues, others.length) }),
            h('div', { class: 'rc-choices rc-grid' }, others.map(check))) : null,
          err);
      }
      default:
        return null;
    }
  },

  /** The place tree as options: national first, then each province with its cities and zones. */
  placeOptions() {
    const list = Object.values(this.places);
    const kids = (id) => list.filter((p) => p.parent === id);
    const name = (p) => (this.lang === 'en' ? p.en : p.zh);
    const out = [];
    for (const r of list.filter((p) => !p.parent || !this.places[p.parent])) {
      out.push(h('option', { value: r.id, text: name(r) }));
      for (const prov of kids(r.id)) {
        const group = h('optgroup', { label: name(prov) });
        group.append(h('option', { value: prov.id, text: `${name(prov)}${this.t.whole(prov.kind)}` }));
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
  },

  /** The form depends on the place and the date (its order, the values offered): rebuilt when they change. */
  rebuildPlaceDependent() {
    this.rebuildForm();
  },

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
  },

  /** Sets freshly built controls (follow-ups, a lazy fold) from the profile, and flags their bad values. */
  controlsBuilt(scope) {
    this.syncControls(undefined, scope);
    this.showErrors();
  },

  /** An input or change event on a control: the field's new value, stored. */
  onInput(e) {
    const el = e.target;
    const field = el?.dataset?.field;
    if (!field || !this.fields[field]) return;
    const role = el.dataset.role;
    if (e.type === 'change' && (role === 'int' || role === 'date')) return; // handled on input
    if (e.type === 'input' && (role === 'bool' || role === 'set' || role === 'set-none')) return; // handled on change
    let value;
    switch (role) {
      case 'select':
        value = el.value === '' ? undefined : el.value;
        break;
      case 'int':
        // A half-typed number keeps the entry as it was; an empty box clears it.
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
  },

  /**
   * Flags bad entries at their fields, in the page's language: the value given and what the field
   * accepts (from the schema). The engine's own message (English, like the CLI's) stays out of
   * the page; its `field` property says which field to flag.
   */
  showErrors() {
    const { t, colon, accepted } = this.fmt;
    for (const err of this.container.querySelectorAll('.rc-error')) {
      const field = err.dataset.errorFor ?? (err.id.endsWith('-as_of-err') ? 'as_of' : null);
      const bad = field ? this.invalid[field] : null;
      err.hidden = !bad;
      err.textContent = bad ? `${colon(t.badValue)}${t.valueGiven(bad.value)}${accepted(field)}` : '';
    }
    for (const el of this.container.querySelectorAll('[data-field]')) {
      if (this.invalid[el.dataset.field]) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    }
    for (const box of this.container.querySelectorAll('[data-field-box]')) box.classList.toggle('rc-invalid', !!this.invalid[box.dataset.fieldBox]);
    this.asOfInput?.closest('.rc-asof')?.classList.toggle('rc-invalid', !!this.invalid.as_of);
  },
};
