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

/** Loads the engine once (later calls return the same promise); a failed load may be retried. */
export function ready(source) {
  if (!loading) {
    loading = Promise.resolve(source)
      .then((s) => init(s === undefined ? undefined : { module_or_path: s }))
      .then(() => glue.setErrorClass(ProfileError))
      .catch((e) => {
        loading = null;
        throw e;
      });
  }
  return loading;
}

/** A fresh instance after a trap; its error class registered again. */
function restart() {
  glue.__wbg_reset_state();
  glue.setErrorClass(ProfileError);
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

const evaluateBare = guard('evaluate');
const evaluateJsonBare = guard('evaluateJson');

/** The report (contract v2); with `{ detail: "full" }` the interpretation notes too (after loadNotes()). */
export function evaluate(profile, options) {
  const report = evaluateBare(profile, options); // a bad profile or option throws first
  needNotes(options);
  return full(options) ? withNotes(report) : report;
}

/** evaluate() as the CLI's JSON text, from a profile as JSON text. */
export function evaluateJson(profileJson, options) {
  const text = evaluateJsonBare(profileJson, options); // a bad profile or option throws first
  needNotes(options);
  return full(options) ? JSON.stringify(withNotes(JSON.parse(text))) : text;
}

export const compare = guard('compare');
export const whatIf = guard('whatIf');
export const form = guard('form');
export const places = guard('places');
export const schema = guard('schema');
export const honours = guard('honours');

export default ready;
