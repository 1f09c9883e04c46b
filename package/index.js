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

export const evaluate = guard('evaluate');
export const evaluateJson = guard('evaluateJson');
export const compare = guard('compare');
export const whatIf = guard('whatIf');
export const form = guard('form');
export const places = guard('places');
export const schema = guard('schema');
export const honours = guard('honours');

export default ready;
