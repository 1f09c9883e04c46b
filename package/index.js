// rencai: the engine as an ES module. `ready()` loads the wasm once (fetched beside this module, or
// the URL / Response / bytes / WebAssembly.Module you pass); then every function takes and returns
// plain objects, typed by the declarations generated from the Rust types (index.d.ts → rencai.d.ts).
// In Node, the package's `node` export (node.js) reads the wasm from disk instead. Nothing here
// names a Node module, so bundlers build it for the browser as it is.
//
// # Design
// The engine is built with panic = "abort": a defect that panics traps the wasm instance, and every
// later call on that instance would fail. Each function here is the generated one behind a guard:
// a trap (a WebAssembly.RuntimeError) swaps in a fresh instance of the same module (wasm-bindgen's
// reset-state function) and is thrown as an EngineError, so the caller can say so and the next
// call runs on a clean engine. Bad input is not a fault: it throws a ProfileError.
import init, * as glue from './rencai.js';

/** Bad input: `field` names the field at fault, `value` what was given, `accepted` what is accepted. */
export class ProfileError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ProfileError';
  }
}

/** The engine failed (a trap inside the wasm); it has been restarted, and the next call runs afresh. */
export class EngineError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'EngineError';
  }
}

let loading = null;
/** The engine instance's memory (where the decision path's room is); set on load and on restart. */
let memory = null;

/**
 * Loads the engine once (later calls return the same promise); a failed load may be retried. With
 * `{ texts: true }` (the default) it loads every place's texts too (loadTexts()), so evaluate()
 * answers at once; a page that loads only the chosen place's passes `{ texts: false }`.
 */
export function ready(source, { texts: withTexts = true } = {}) {
  if (!loading) {
    loading = Promise.resolve(source)
      .then((s) => init(s === undefined ? undefined : { module_or_path: s }))
      .then(() => {
        glue.setErrorClass(ProfileError);
        memory = glue.engineMemory();
      })
      .catch((e) => {
        loading = null;
        throw e;
      });
  }
  // Texts that cannot be fetched (a bundle that did not copy texts/) do not fail the engine: an
  // answer that needs them says what to load (TextsNotLoaded).
  return withTexts ? Promise.all([loading, loadTexts().catch(() => {})]).then(() => undefined) : loading;
}

/** A fresh instance after a trap; its error class registered again. */
function restart() {
  glue.__wbg_reset_state();
  glue.setErrorClass(ProfileError);
  memory = glue.engineMemory();
}

function guard(name) {
  const call = glue[name];
  return (...args) => {
    try {
      return call(...args);
    } catch (e) {
      if (!(e instanceof WebAssembly.RuntimeError)) throw e;
      let restarted = true;
      try {
        restart();
      } catch {
        restarted = false; // the next call tries again
      }
      throw new EngineError(`rencai: the engine failed in ${name} (${e.message})${restarted ? '; it has been restarted' : ''}`, { cause: e });
    }
  };
}

let notes = null;

/**
 * Loads the interpretation notes that `{ detail: "full" }` adds to a report (the wasm leaves them
 * out: they are for analysts, and a sixth of its size). `source`: the notes themselves, or a URL /
 * Response of rencai_notes.json; by default the file beside this module. Node's entry loads them
 * in ready().
 */
export async function loadNotes(source) {
  let data = await source;
  if (data === undefined || typeof data === 'string' || data instanceof URL || (typeof Request === 'function' && data instanceof Request)) {
    data = await fetch(data ?? new URL('rencai_notes.json', import.meta.url));
  }
  if (typeof Response === 'function' && data instanceof Response) {
    if (!data.ok) throw new Error(`rencai: notes: ${data.status} ${data.statusText} fetching ${data.url}`);
    data = await data.json();
  }
  if (data?.format !== 'rencai-notes') throw new Error('rencai: loadNotes: not rencai_notes.json');
  notes = data;
}

/** A full report's notes, from the loaded notes (the wasm's own are empty). */
function withNotes(report) {
  for (const r of report.results) r.notes = notes.rules[r.rule] ?? [];
  for (const d of report.documents) d.notes = notes.documents[d.id] ?? [];
  return report;
}

const full = (options) => options?.detail === 'full';
function needNotes(options) {
  if (full(options) && !notes) throw new Error('rencai: { detail: "full" } needs the interpretation notes: await loadNotes() first');
}

/** Freezes a parsed JSON value whole: the texts are shared by every report joined from them. */
function freeze(value) {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

const pageHeadBare = guard('pageHead');
let head = null;

/** Places, field ids, code names and each rule's place: what every decision needs beside the words. */
function pageHead() {
  head ??= freeze(pageHeadBare());
  return head;
}

// The rules' and documents' words, by the index decisions name them by: the wasm holds none.
const texts = { rules: [], documents: [], byId: new Map(), files: new Map(), digest: null };
let page = null;

/** Thrown when an answer needs words not loaded yet; `place` says which to load (null: every place's). */
export class TextsNotLoaded extends Error {
  constructor(place) {
    super(`rencai: the texts of ${place ? `place ${place}` : 'every place'} are not loaded: await loadTexts(${place ? `{ place: ${JSON.stringify(place)} }` : ''}) first`);
    this.name = 'TextsNotLoaded';
    this.place = place;
  }
}

function addTexts(data) {
  if (data?.format !== 'rencai-texts' || typeof data.rules !== 'object' || typeof data.documents !== 'object') {
    throw new Error('rencai: loadTexts: not a rencai text pack (texts/*.json)');
  }
  // Indices count in one catalogue: packs of different builds never mix.
  if (texts.digest !== null && data.digest !== texts.digest) {
    throw new Error(`rencai: loadTexts: this pack (${data.place ?? 'all'}) was cut from another catalogue than the packs loaded before`);
  }
  texts.digest = data.digest;
  for (const [i, r] of Object.entries(data.rules)) {
    texts.rules[+i] ??= freeze(r);
    texts.byId.set(r.rule, texts.rules[+i]);
  }
  for (const [i, d] of Object.entries(data.documents)) texts.documents[+i] ??= freeze(d);
  texts.files.set(data.place ?? 'all', true);
}

const isRequest = (x) => typeof Request === 'function' && x instanceof Request;
const isLocation = (x) => typeof x === 'string' || x instanceof URL || isRequest(x);

/** The words can be joined with this engine's decisions only if both come from one catalogue. */
function sameCatalogue(cat) {
  // (None loaded yet: each answer says which to load, TextsNotLoaded.)
  if (texts.digest !== null && texts.digest !== cat.digest) {
    throw new Error(`rencai: the text packs (catalogue ${texts.digest}) are not this engine's (catalogue ${cat.digest}): load the texts/ of the same build as the wasm`);
  }
}

/**
 * Loads the words of the rules and documents at `place`'s whole chain (texts/<place>.json), or of
 * every place without one (texts/all.json): what report(), evaluate() and whatIf() word their
 * answers with (the wasm decides, but holds no rule's words). `from`: the folder of the packs (a
 * URL; by default texts/ beside this module), or the packs themselves (one, or an array or object
 * of them). A file already loaded or loading is not fetched again.
 */
export async function loadTexts({ place = null, from } = {}) {
  const source = await from;
  if (source !== undefined && source !== null && !isLocation(source)) {
    const packs = Array.isArray(source) ? source : source.format ? [source] : Object.values(source);
    for (const data of packs) addTexts(await data);
    return;
  }
  const name = place ?? 'all';
  if (textsLoaded(place)) return;
  if (!texts.files.has(name)) {
    const base = new URL(isRequest(source) ? source.url : (source ?? 'texts/'), import.meta.url);
    const file = new URL(`${encodeURIComponent(name)}.json`, base.href.endsWith('/') ? base : `${base.href}/`);
    const loading = fetch(file)
      .then((res) => {
        if (!res.ok) throw new Error(`rencai: texts: ${res.status} ${res.statusText} fetching ${res.url || file}`);
        return res.json();
      })
      .then(addTexts)
      .catch((e) => {
        texts.files.delete(name);
        throw e;
      });
    texts.files.set(name, loading);
  }
  await texts.files.get(name);
}

/** Whether the words of `place`'s chain (of every place, without one) are loaded. */
export function textsLoaded(place = null) {
  return texts.files.get('all') === true || texts.files.get(place ?? 'all') === true;
}

/**
 * The report (contract v2): the engine's decision joined with the loaded texts, equal to the CLI's
 * report; with `{ detail: "full" }` the interpretation notes too (after loadNotes()).
 */
export function evaluate(profile, options) {
  return report(decide(profile, options), options); // a bad profile or option throws first
}

/** evaluate() as the CLI's JSON text, from a profile as JSON text. */
export function evaluateJson(profileJson, options) {
  return JSON.stringify(evaluate(profileJson, options));
}

/**
 * Every rule, document and place as reports state them: what a decision's indices point into.
 * Needs every place's texts (loadTexts()); built once, frozen.
 */
export function pageCatalog() {
  if (!textsLoaded()) throw new TextsNotLoaded(null);
  if (!page) {
    const h = pageHead();
    sameCatalogue(h);
    // As `rencai catalog --page` writes it.
    page = freeze({ rules: texts.rules.slice(), documents: texts.documents.slice(), contract: h.contract, places: h.places, fields: h.fields, statuses: h.statuses, standings: h.standings, rule_places: h.rule_places, digest: h.digest });
  }
  return page;
}

/** A profile's JSON text, as the wasm's own reading of an object would give it. */
function profileText(profile) {
  if (typeof profile === 'string') return profile;
  let text;
  try {
    text = profile === undefined || profile === null ? '{}' : JSON.stringify(profile);
  } catch {
    text = undefined;
  }
  if (typeof text !== 'string') {
    throw Object.assign(new ProfileError('profile: not a plain object of profile fields'), { field: '', value: null, accepted: 'an object of profile fields' });
  }
  return text;
}

/** A packed range: [min, max], NaN for a `null` max. */
const range = (p, i) => ({ min: p[i], max: Number.isNaN(p[i + 1]) ? null : p[i + 1] });
const counts = (p, i) => ({ entitled: p[i], may_apply: p[i + 1], possible: p[i + 2], measure: p[i + 3], expired: p[i + 4] });
const pad = (n, w) => String(n).padStart(w, '0');

/**
 * The Decision a packed one stands for (the layout is documented at `Report::decision_packed` in
 * crates/core/src/decision.rs): the same object JSON.parse(decideJson(...)) gives, key for key.
 */
function unpack(p, cat) {
  let i = 0;
  const contract = p[i++];
  const as_of = `${pad(p[i], 4)}-${pad(p[i + 1], 2)}-${pad(p[i + 2], 2)}`;
  i += 3;
  const place = p[i] < 0 ? null : p[i];
  i++;
  const { fields, statuses, standings } = cat;
  const results = new Array(p[i++]);
  for (let r = 0; r < results.length; r++) {
    const rule = p[i];
    const status = statuses[p[i + 1]];
    const standing = standings[p[i + 2]];
    const inForce = p[i + 3] === 1;
    i += 4;
    // Most lists are empty or hold one item: literals for those (packed arrays, and faster to
    // make than a sized one filled in; this loop runs once per listed result, per keystroke).
    const nu = p[i];
    let unmet;
    if (nu === 0) unmet = [];
    else if (nu === 1) unmet = [p[i + 1]];
    else {
      unmet = new Array(nu);
      for (let u = 0; u < nu; u++) unmet[u] = p[i + 1 + u];
    }
    i += 1 + nu;
    const nm = p[i];
    let missing;
    if (nm === 0) missing = [];
    else if (nm === 1) missing = [fields[p[i + 1]]];
    else {
      missing = new Array(nm);
      for (let m = 0; m < nm; m++) missing[m] = fields[p[i + 1 + m]];
    }
    i += 1 + nm;
    results[r] = [rule, status, standing, inForce, unmet, missing];
  }
  const totals = new Array(p[i++]);
  for (let t = 0; t < totals.length; t++, i += 12) {
    totals[t] = { jurisdiction: cat.places[p[i]].id, one_off: range(p, i + 1), per_month: range(p, i + 3), per_year: range(p, i + 5), counts: counts(p, i + 7) };
  }
  let total = null;
  if (p[i++] === 1) {
    total = { one_off: range(p, i), per_month: range(p, i + 2), per_year: range(p, i + 4), first_year_min: p[i + 6] };
    i += 7;
  }
  const all = counts(p, i);
  i += 5;
  const documents = new Array(p[i++]);
  for (let d = 0; d < documents.length; d++, i += 2) documents[d] = [p[i], p[i + 1] === 1];
  return { contract, as_of, place, results, totals, total, counts: all, documents };
}

const decidePackedBare = guard('decidePacked');
const profileRoom = guard('profileRoom');
const decideInRoom = guard('decideInRoom');
const numbersRoom = guard('numbersRoom');
const encoder = new TextEncoder();

/**
 * The decision of a profile's JSON text, for options known to be plain, through the engine's room:
 * the text written straight into the engine's memory and the numbers read straight out of it (a
 * view, valid until the next call into the engine: unpack() reads it at once, and nothing may
 * call the engine in between). Neither is copied through a buffer of the glue's per keystroke.
 */
function decideThroughRoom(text, today, all) {
  const room = text.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
  const at = profileRoom(room);
  const { written } = encoder.encodeInto(text, new Uint8Array(memory.buffer, at, room));
  const n = decideInRoom(written, today, all);
  const numbers = numbersRoom();
  return new Float64Array(memory.buffer, numbers, n); // the buffer read after the last call in
}

/**
 * `{ today, all }` of options the engine would accept as they are (absent or null; a plain object
 * of today: string, all: boolean, detail: "full", each possibly null), else null: anything else
 * goes the general way, which reads the options as evaluate() does and says what is wrong.
 */
function plainOptions(o) {
  if (o === undefined || o === null) return { today: undefined, all: false };
  if (typeof o !== 'object' || Object.getPrototypeOf(o) !== Object.prototype) return null;
  let today;
  let all = false;
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (key !== 'today' && key !== 'all' && key !== 'detail') return null;
    if (v === undefined || v === null) continue;
    if (key === 'today' && typeof v === 'string') today = v;
    else if (key === 'all' && typeof v === 'boolean') all = v;
    else if (!(key === 'detail' && v === 'full')) return null;
  }
  return { today, all };
}

/**
 * What evaluate() decides, without what never changes between two calls: each listed result's
 * status, standing, force, unmet conditions (positions in its rule's `conditions`) and missing
 * fields; the totals, counts and cited documents. Rules, documents and places are indices into
 * pageCatalog(). The per-keystroke path (the wasm hands over numbers, not text): report() joins it
 * back into the report. Equal to JSON.parse(decideJson(JSON.stringify(profile), options)).
 */
export function decide(profile, options) {
  // The catalogue's head first: its first call runs in the engine, which may grow the memory and
  // so detach the view the room's numbers are read through.
  const cat = pageHead();
  const plain = plainOptions(options);
  const packed = plain ? decideThroughRoom(profileText(profile), plain.today, plain.all) : decidePackedBare(profileText(profile), options);
  return unpack(packed, cat);
}

/** decide() as JSON text, from a profile as JSON text (what `rencai eval --decision` writes). */
export function decideJson(profileJson, options) {
  return JSON.stringify(decide(profileJson, options));
}

/**
 * The report a decision stands for, joined with pageCatalog(): equal, field for field and in the
 * same key order, to what evaluate() returns for the same profile and options. `{ detail: "full" }`
 * adds the interpretation notes (after loadNotes()).
 */
export function report(decision, options) {
  const cat = pageHead();
  if (decision.results.length || decision.documents.length) sameCatalogue(cat);
  for (const d of decision.results) {
    if (texts.rules[d[0]] === undefined) {
      if (!Number.isInteger(d[0]) || d[0] < 0 || d[0] >= cat.rule_places.length) throw new RangeError('rencai: report: a decision names a rule this engine does not have');
      throw new TextsNotLoaded(decision.place === null ? null : cat.places[decision.place].id);
    }
  }
  const results = decision.results.map(([i, status, standing, inForce, unmet, missing]) => {
    const s = texts.rules[i];
    const r = { rule: s.rule, jurisdiction: s.jurisdiction, document: s.document, kind: s.kind, category: s.category, status, standing, requires: s.requires, in_force: inForce };
    if (s.period !== undefined) r.period = s.period;
    r.title_zh = s.title_zh;
    r.title_en = s.title_en;
    r.amount = s.amount;
    r.title_level = s.title_level;
    r.route = s.route;
    r.unmet = unmet.map((k) => s.conditions[k]);
    r.missing = missing;
    r.source = s.source;
    r.exclusive = s.exclusive;
    if (s.explain !== undefined) r.explain = s.explain;
    return r;
  });
  const documents = decision.documents.map(([d, inForce]) => {
    const doc = texts.documents[d];
    return { id: doc.id, title_zh: doc.title_zh, title_en: doc.title_en, issuer: doc.issuer, number: doc.number, date: doc.date, kind: doc.kind, period: doc.period, in_force: inForce, jurisdiction: doc.jurisdiction };
  });
  const out = {
    contract: decision.contract,
    as_of: decision.as_of,
    place: decision.place === null ? null : cat.places[decision.place],
    results,
    totals: decision.totals,
    total: decision.total,
    counts: decision.counts,
    documents,
  };
  needNotes(options);
  return full(options) ? withNotes(out) : out;
}

export const compare = guard('compare');
const whatIfBare = guard('whatIf');

/** What a step of the person's own would gain (options), and what time will bring (waits), worded from the texts. */
export function whatIf(profile, options) {
  const answer = whatIfBare(profile, options); // a bad profile or option throws first
  if (answer.options.length || answer.waits.length) sameCatalogue(pageHead());
  const words = (item) => {
    const r = texts.byId.get(item.rule);
    if (!r) throw new TextsNotLoaded(typeof profile?.place === 'string' ? profile.place : null);
    return r;
  };
  for (const option of answer.options) {
    for (const g of option.gains) {
      const r = words(g);
      g.requires = r.requires;
      g.title_zh = r.title_zh;
      g.title_en = r.title_en;
    }
  }
  for (const w of answer.waits) {
    const r = words(w);
    w.title_zh = r.title_zh;
    w.title_en = r.title_en;
  }
  return answer;
}

export const form = guard('form');
export const places = guard('places');
export const schema = guard('schema');
export const honours = guard('honours');

export default ready;
