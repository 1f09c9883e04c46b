// The engine: the only module that imports the package (./pkg/index.js, the same public API a
// portal installs from npm). Thin wrappers in the page's terms (a date, `all`); the package takes
// and returns plain objects. Bad input throws the package's ProfileError, whose `field`, `value`
// and `accepted` say what is wrong.
import load, * as rencai from './pkg/index.js';

/**
 * Loads the engine once. `source` is optional: a URL, a Response, bytes or a WebAssembly.Module;
 * by default the package loads ./pkg/rencai_bg.wasm relative to itself. The rules' words come
 * apart, a place's at a time (loadTexts), unless `texts` gives them all (the single file).
 */
export const ready = (source, texts) => Promise.all([load(source, { texts: false }), texts ? rencai.loadTexts({ from: texts }) : null]);

/** Loads the words of a place's chain (every place's without one); resolves once they are there. */
export const loadTexts = (place) => rencai.loadTexts({ place: place ?? null });
/** Whether the words of a place's chain are loaded. */
export const textsLoaded = (place) => rencai.textsLoaded(place ?? null);
/** What evaluate() throws when the words of the place it needs are not loaded (`place` says which). */
export const { TextsNotLoaded } = rencai;

/**
 * Evaluates a profile on `today` (YYYY-MM-DD); `all` adds ineligible results. At a place, the
 * report `evaluate` returns, built on the decision path: the engine hands over only what it decided
 * (status, standing, reasons, totals), and the package joins that with the words of the place
 * (loadTexts first; else it throws TextsNotLoaded), so no report text crosses per keystroke.
 */
export const evaluate = (profile, today, all = false) => {
  const decision = rencai.decide(profile ?? {}, { today, all: !!all });
  // Without a place the page shows the places side by side (compare), never results: it needs the
  // date and the counts, and no rule's words.
  if (decision.place === null) return { contract: decision.contract, as_of: decision.as_of, place: null, results: [], totals: [], total: null, counts: decision.counts, documents: [] };
  return rencai.report(decision);
};
/** The profile evaluated at every place, best first. */
export const compare = (profile, today) => rencai.compare(profile ?? {}, { today });
/** What a step of the person's own would gain (options), and what time will bring (waits). */
export const whatIf = (profile, today) => rencai.whatIf(profile ?? {}, { today });
/** Which facts to ask first at the profile's place and date, and the values its rules test. */
export const form = (profile, today) => rencai.form(profile ?? {}, { today });
/** The form schema: fields, values and labels in both languages. */
export const schema = () => rencai.schema();
/** The jurisdictions. */
export const places = () => rencai.places();
/** The honours catalogue. */
export const honours = () => rencai.honours();
