// rencai: the engine as an ES module. `ready()` loads the wasm once (fetched beside this module, or
// the URL / Response / bytes / WebAssembly.Module you pass); then every function takes and returns
// plain objects, typed by the declarations generated from the Rust types (index.d.ts → rencai.d.ts).
// In Node, the package's `node` export (node.js) reads the wasm from disk instead. Nothing here
// names a Node module, so bundlers build it for the browser as it is.
import init, { setErrorClass } from './rencai.js';

export { evaluate, evaluateJson, compare, whatIf, form, places, schema, honours } from './rencai.js';

/** Bad input: `field` names the field at fault, `value` what was given, `accepted` what is accepted. */
export class ProfileError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ProfileError';
  }
}

let loading = null;

/** Loads the engine once (later calls return the same promise); a failed load may be retried. */
export function ready(source) {
  if (!loading) {
    loading = Promise.resolve(source)
      .then((s) => init(s === undefined ? undefined : { module_or_path: s }))
      .then(() => setErrorClass(ProfileError))
      .catch((e) => {
        loading = null;
        throw e;
      });
  }
  return loading;
}

export default ready;
