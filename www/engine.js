// The engine: the only module that imports the package (./pkg/index.js, the same public API a
// portal installs from npm). Thin wrappers in the page's terms (a date, `all`); the package takes
// and returns plain objects. Bad input throws the package's ProfileError, whose `field`, `value`
// and `accepted` say what is wrong.
import load, * as rencai from './pkg/index.js';

/**
 * Loads the engine once. `source` is optional: a URL, a Response, bytes or a WebAssembly.Module;
 * by default the package loads ./pkg/rencai_bg.wasm relative to itself.
 */
export const ready = (source) => load(source);

/**
 * Evaluates a profile on `today` (YYYY-MM-DD); `all` adds ineligible results. The report is the
 * one `evaluate` returns, built on the decision path: the engine hands over only what it decided
 * (status, standing, reasons, totals), and the package joins that with the catalogue it holds
 * from the first call (titles, amounts, citations), so no report text crosses per keystroke.
 */
export const evaluate = (profile, today, all = false) => rencai.report(rencai.decide(profile ?? {}, { today, all: !!all }));
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
