// rencai: the engine as an ES module, in the browser and in Node. `ready()` loads the wasm once
// (fetched beside this module in a browser, read from disk in Node, or the bytes / URL / Response /
// WebAssembly.Module you pass); then every function takes and returns plain objects, typed by the
// declarations generated from the Rust types (index.d.ts → rencai.d.ts).
import init, { setErrorClass } from './rencai.js';

export * from './rencai.js';

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
    loading = load(source).catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

async function load(source) {
  // Node has no fetch of file: URLs: read the wasm beside this module from disk.
  if (source === undefined && typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined') {
    const { readFile } = await import('node:fs/promises');
    source = await readFile(new URL('./rencai_bg.wasm', import.meta.url));
  }
  await init(source === undefined ? undefined : { module_or_path: source });
  setErrorClass(ProfileError);
}

export default ready;
