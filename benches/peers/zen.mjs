// The catalogue as a GoRules ZEN decision (JDM): request → one decision table → response. The table
// has the `collect` hit policy (every matching row is returned) and one row per catalogue rule,
// whose output is the rule id.
//
// Columns: the place (whole-catalogue table only), one per profile field a rule tests directly
// (unary tests on `$`, the column's value), years since graduation (a column whose value is
// computed from as_of and graduation_year), and one expression column for `any`/`not` conditions.
// An empty cell always matches. Every test is guarded (`x != null and …`): an absent field is
// unknown in rencai, so no test on it may hold, and `not` is compiled as the condition's "fails"
// form (De Morgan down to guarded negated leaves), exactly as in jre.mjs.
import zen from '@gorules/zen-engine';
import { YEARS_SINCE_GRADUATION, orderedRange } from './catalog.mjs';

const { ZenEngine } = zen;
const lit = (v) => JSON.stringify(v);
const list = (vs) => `[${vs.map(lit).join(', ')}]`;

/** The years-since-graduation value, or null when a fact it needs is absent. */
const YSG = '(as_of != null and graduation_year != null ? year(date(as_of)) - graduation_year : null)';

/** A leaf's test on `subject` (`$` in a unary cell, an expression elsewhere), without its guard. */
function test(index, c, subject, broken) {
  const flip = broken === 'flip-order' ? { at_least: 'at_most', at_most: 'at_least' } : {};
  const op = flip[c.op] ?? c.op;
  switch (op) {
    case 'equals':
      return `${subject} == ${lit(c.need)}`;
    case 'one_of':
      return `${subject} in ${list(c.need)}`;
    case 'at_least':
    case 'at_most':
      // An ordered enum: the admissible values by the field's order; an integer: a bound.
      if (typeof c.need === 'number') return `${subject} ${op === 'at_least' ? '>=' : '<='} ${c.need}`;
      return `${subject} in ${list(orderedRange(index, c.field, op, c.need))}`;
    case 'contains':
      return `contains(${subject}, ${lit(c.need)})`;
    case 'contains_any':
      return `some(${subject}, # in ${list(c.need)})`;
    default:
      throw new Error(`unknown operator ${c.op}`);
  }
}

const subjectOf = (c) => (c.field === YEARS_SINCE_GRADUATION ? YSG : c.field);

/** Expression true exactly when `c` is true (`negate`: when `c` is false); absent facts never satisfy it. */
function expr(index, c, negate, broken) {
  switch (c.op) {
    case 'all':
    case 'any': {
      const joiner = (c.op === 'all') !== negate ? ' and ' : ' or ';
      // An empty `all` holds and an empty `any` fails (and the other way round when negated).
      return `(${c.need.map((p) => expr(index, p, negate, broken)).join(joiner) || String((c.op === 'all') !== negate)})`;
    }
    case 'not':
      return expr(index, c.need[0], !negate, broken);
    default: {
      const s = subjectOf(c);
      const t = test(index, c, s, broken);
      return `(${s} != null and ${negate ? `not(${t})` : t})`;
    }
  }
}

const placesOf = (index, rule, broken) => (broken === 'own-place-only' ? [rule.jurisdiction] : index.subtree(rule.jurisdiction));

/** The decision (JDM content) for `rules`; `placeTest` adds the place column (whole catalogue). */
export function toZenDecision(index, rules, { placeTest, broken }) {
  // Only the columns these rules use, so a per-place table carries no dead columns.
  const compound = (c) => ['any', 'all', 'not'].includes(c.op);
  const used = (test) => rules.some((r) => r.when.some(test));
  const inputs = [];
  if (placeTest) inputs.push({ id: 'place', name: 'place', field: 'place' });
  for (const f of index.catalog.fields) {
    if (used((c) => c.field === f.id && !compound(c))) inputs.push({ id: `f:${f.id}`, name: f.id, field: f.id });
  }
  if (used((c) => c.field === YEARS_SINCE_GRADUATION && !compound(c))) inputs.push({ id: `f:${YEARS_SINCE_GRADUATION}`, name: YEARS_SINCE_GRADUATION, field: YSG });
  if (used(compound)) inputs.push({ id: 'compound', name: 'any / not' });
  const rows = rules.map((r) => {
    const row = { _id: r.id, _description: r.title_en };
    for (const col of inputs) row[col.id] = '';
    if (placeTest && broken !== 'drop-place-chain') row.place = `$ == null or $ in ${list(placesOf(index, r, broken))}`;
    const cells = new Map();
    const add = (col, e) => cells.set(col, [...(cells.get(col) ?? []), e]);
    for (const c of r.when) {
      if (compound(c)) add('compound', expr(index, c, false, broken));
      else add(`f:${c.field}`, `(${test(index, c, '$', broken)})`);
    }
    for (const [col, es] of cells) {
      // A unary cell (`$` is the column's value: the field, or years since graduation) must not
      // open with a parenthesis, which ZEN reads as an interval ("(1..5)"); a cell that fails to
      // parse silently skips its row, so the guard comes first.
      row[col] = col === 'compound' ? es.join(' and ') : `$ != null and ${es.join(' and ')}`;
    }
    row.rule = lit(r.id);
    return row;
  });
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'request', type: 'inputNode', name: 'Request' },
      {
        id: 'rules',
        type: 'decisionTableNode',
        name: 'Rules',
        content: { hitPolicy: 'collect', inputs, outputs: [{ id: 'rule', name: 'rule', field: 'rule' }], rules: rows },
      },
      { id: 'response', type: 'outputNode', name: 'Response' },
    ],
    edges: [
      { id: 'e1', sourceId: 'request', targetId: 'rules', type: 'edge' },
      { id: 'e2', sourceId: 'rules', targetId: 'response', type: 'edge' },
    ],
  };
}

/**
 * The two configurations, each created once (`ZenEngine.createDecision`) and evaluated with
 * `ZenDecision.evaluate` (asynchronous: the binding has no synchronous decision call).
 * `whole`: one table with every rule and the place column; `perPlace`: one table per place with its
 * chain's rules (and one with every rule for a profile without a place).
 */
export function zenEngines(index, { broken } = {}) {
  const engine = new ZenEngine();
  const rules = index.catalog.rules;
  const whole = engine.createDecision(toZenDecision(index, rules, { placeTest: true, broken }));
  const byPlace = new Map();
  for (const place of index.places) {
    const own = broken === 'drop-place-chain' ? rules : rules.filter((r) => placesOf(index, r, broken).includes(place));
    byPlace.set(place, engine.createDecision(toZenDecision(index, own, { placeTest: false, broken })));
  }
  byPlace.set(null, engine.createDecision(toZenDecision(index, rules, { placeTest: false, broken })));
  const ids = (out) => out.result.map((row) => row.rule);
  return {
    whole: { name: 'ZEN whole', run: async (facts) => ids(await whole.evaluate(facts)) },
    perPlace: { name: 'ZEN per place', run: async (facts) => ids(await byPlace.get(facts.place ?? null).evaluate(facts)) },
  };
}
