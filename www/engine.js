// The engine: the only module that imports the wasm binding (./pkg/rencai.js). Thin wrappers that
// take and return plain objects; the engine itself speaks JSON text. Errors thrown by the engine are
// JS Errors whose message names the field, the value and what is accepted, with `field`, `value`
// and `accepted` properties for bad input.
import init, * as wasm from './pkg/rencai.js';

let loading = null;

/**
 * Loads the engine once. `source` is optional: a URL, a Response, bytes or a WebAssembly.Module;
 * by default the binding loads ./pkg/rencai_bg.wasm relative to itself.
 */
export function ready(source) {
  if (!loading) {
    loading = (source === undefined ? init() : init({ module_or_path: source })).catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

const text = (profile) => (typeof profile === 'string' ? profile : JSON.stringify(profile ?? {}));

/** Evaluates a profile on `today` (YYYY-MM-DD); `all` adds ineligible results, `full` the notes. */
export const evaluate = (profile, today, all = false, full = false) => JSON.parse(wasm.evaluate(text(profile), today, !!all, !!full));
/** The profile evaluated at every place, best first. */
export const compare = (profile, today) => JSON.parse(wasm.compare(text(profile), today));
/** What a step of the person's own would gain (options), and what time will bring (waits). */
export const whatIf = (profile, today) => JSON.parse(wasm.whatIf(text(profile), today));
/** Which facts to ask first at the profile's place and date, and the values its rules test. */
export const form = (profile, today) => JSON.parse(wasm.form(text(profile), today));
/** The form schema: fields, values and labels in both languages. */
export const schema = () => JSON.parse(wasm.schema());
/** The jurisdictions. */
export const places = () => JSON.parse(wasm.places());
/** The honours catalogue. */
export const honours = () => JSON.parse(wasm.honours());
