// The package in Node: as index.js, but ready() reads the wasm beside this module from disk (Node's
// fetch cannot read file: URLs), and a file: URL given to it is read from disk too.
import { readFile } from 'node:fs/promises';
import { ready as load } from './index.js';

export * from './index.js';

/** Loads the engine once; by default from rencai_bg.wasm beside this module. */
export async function ready(source) {
  const s = await source;
  const file = s === undefined ? new URL('./rencai_bg.wasm', import.meta.url) : s instanceof URL && s.protocol === 'file:' ? s : null;
  return load(file ? await readFile(file) : s);
}

export default ready;
