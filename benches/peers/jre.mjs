// The catalogue as json-rules-engine rules: one rule per catalogue rule, its event type the rule id.
//
// rencai is three-valued (an absent fact is unknown, never false) and a rule holds only when its
// conditions are true. json-rules-engine is two-valued, so each condition is compiled in two forms:
// `holds(c)` (c is true) and `fails(c)` (c is false), both false when a fact they read is absent.
// `not` becomes the other form of its part, `any`/`all` swap under `fails` (De Morgan), and a
// negated leaf is json-rules-engine's own `not` behind a `known` guard. On profiles with every
// fact known this is plain Boolean logic; on partial ones it keeps "holds" exact (Kleene).
import jre from 'json-rules-engine';
import { YEARS_SINCE_GRADUATION, orderedRange } from './catalog.mjs';

const { Engine } = jre;

/** A value is known unless absent (undefined, or null in JSON). */
const known = (v) => v !== undefined && v !== null;

/**
 * The custom operators. `at_least`/`at_most` take `[field, need]` so they can order an enum by the
 * field's `values` (`rank`), and compare integers as numbers. Every operator is false on an absent
 * fact, which is what makes `holds` safe without further guards.
 */
function operators(index, broken) {
  const rank = index.rank;
  const order = (field, v) => (rank[field] ? rank[field][v] : v);
  const atLeast = (fact, [field, need]) => known(fact) && order(field, fact) >= order(field, need);
  const atMost = (fact, [field, need]) => known(fact) && order(field, fact) <= order(field, need);
  return {
    known: (fact) => known(fact),
    never: () => false,
    equals: (fact, need) => known(fact) && fact === need,
    one_of: (fact, need) => known(fact) && need.includes(fact),
    // A deliberately broken converter (tests): at_least read as at_most and back.
    at_least: broken === 'flip-order' ? atMost : atLeast,
    at_most: broken === 'flip-order' ? atLeast : atMost,
    contains: (fact, need) => Array.isArray(fact) && fact.includes(need),
    contains_any: (fact, need) => Array.isArray(fact) && need.some((v) => fact.includes(v)),
    // A rule's place test: the profile's place lies in the rule's subtree; no place means every
    // jurisdiction (as rencai evaluates a profile without one).
    within: (place, subtree) => !known(place) || subtree.includes(place),
  };
}

function leaf(index, c) {
  if (c.op !== 'at_least' && c.op !== 'at_most') return { fact: c.field, operator: c.op, value: c.need };
  // Ordered enums compare by rank; anything else must be a number (an integer field, or years since graduation).
  if (typeof c.need !== 'number') orderedRange(index, c.field, c.op, c.need);
  return { fact: c.field, operator: c.op, value: [c.field, c.need] };
}

// json-rules-engine treats an empty `any` as true; an empty disjunction is false.
const NEVER = { fact: 'as_of', operator: 'never', value: null };
const anyOf = (parts) => (parts.length ? { any: parts } : NEVER);

/** The json-rules-engine condition true exactly when catalogue condition `c` is true. */
export function holds(index, c) {
  switch (c.op) {
    case 'all':
      return { all: c.need.map((p) => holds(index, p)) };
    case 'any':
      return anyOf(c.need.map((p) => holds(index, p)));
    case 'not':
      return fails(index, c.need[0]);
    default:
      return leaf(index, c);
  }
}

/** The json-rules-engine condition true exactly when catalogue condition `c` is false. */
export function fails(index, c) {
  switch (c.op) {
    case 'all':
      return anyOf(c.need.map((p) => fails(index, p)));
    case 'any':
      return { all: c.need.map((p) => fails(index, p)) };
    case 'not':
      return holds(index, c.need[0]);
    default:
      return { all: [{ fact: c.field, operator: 'known', value: true }, { not: leaf(index, c) }] };
  }
}

/** Where a rule applies: its jurisdiction's subtree (or, broken, only the jurisdiction itself). */
function placesOf(index, rule, broken) {
  return broken === 'own-place-only' ? [rule.jurisdiction] : index.subtree(rule.jurisdiction);
}

/** One json-rules-engine rule; `placeTest` adds the place condition (the whole-catalogue engine). */
export function toJreRule(index, rule, { placeTest, broken }) {
  const all = rule.when.map((c) => holds(index, c));
  if (placeTest && broken !== 'drop-place-chain') {
    // Priority 2 (the rest have 1): json-rules-engine tests the place first and skips the other
    // conditions of a rule elsewhere, as a user tuning it would (measured: hardly faster, as most
    // of its time goes to per-rule work on every run, not to the conditions).
    all.unshift({ fact: 'place', operator: 'within', value: placesOf(index, rule, broken), priority: 2 });
  }
  return { name: rule.id, conditions: { all }, event: { type: rule.id } };
}

function newEngine(index, rules, broken) {
  // allowUndefinedFacts: an absent profile field reads as undefined (unknown), not an error.
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, fn] of Object.entries(operators(index, broken))) engine.addOperator(name, fn);
  // The computed fact: the year of as_of minus graduation_year (unknown if either is).
  engine.addFact(YEARS_SINCE_GRADUATION, async (_params, almanac) => {
    const [asOf, year] = await Promise.all([almanac.factValue('as_of'), almanac.factValue('graduation_year')]);
    return known(asOf) && known(year) ? Number(asOf.slice(0, 4)) - year : undefined;
  });
  for (const r of rules) engine.addRule(r);
  return engine;
}

/**
 * The two configurations. `whole`: one engine with every rule, each testing the place.
 * `perPlace`: one engine per place holding only its chain's rules (no place test), plus one with
 * every rule for a profile without a place. `run(facts)` gives the ids of the rules that hold.
 */
export function jreEngines(index, { broken } = {}) {
  const rules = index.catalog.rules;
  const whole = newEngine(index, rules.map((r) => toJreRule(index, r, { placeTest: true, broken })), broken);
  const byPlace = new Map();
  for (const place of index.places) {
    const own =
      broken === 'drop-place-chain'
        ? rules
        : rules.filter((r) => placesOf(index, r, broken).includes(place));
    byPlace.set(place, newEngine(index, own.map((r) => toJreRule(index, r, { placeTest: false, broken })), broken));
  }
  byPlace.set(null, newEngine(index, rules.map((r) => toJreRule(index, r, { placeTest: false, broken })), broken));
  const ids = (out) => out.events.map((e) => e.type);
  return {
    whole: { name: 'json-rules-engine whole', run: async (facts) => ids(await whole.run(facts)) },
    perPlace: { name: 'json-rules-engine per place', run: async (facts) => ids(await byPlace.get(facts.place ?? null).run(facts)) },
  };
}
