// The package in Node: as index.js, but ready() reads the wasm beside this module from disk (Node's
// fetch cannot read file: URLs), and a file: URL given to it is read from disk too; it loads the
// interpretation notes as well (disk is cheap), so `{ detail: "full" }` works at once.
import { readFile } from 'node:fs/promises';
import { ready as load, loadNotes as loadNotesFrom, loadTexts as loadTextsFrom } from './index.js';

export * from './index.js';

/** Loads the interpretation notes (rencai_notes.json beside this module, or a file: URL, from disk). */
export async function loadNotes(source) {
  const s = await source;
  const file = s === undefined ? new URL('./rencai_notes.json', import.meta.url) : s instanceof URL && s.protocol === 'file:' ? s : null;
  return loadNotesFrom(file ? JSON.parse(await readFile(file, 'utf8')) : s);
}

/** Loads texts (the packs in texts/ beside this module, or a file: URL of their folder, from disk). */
export async function loadTexts({ place = null, from } = {}) {
  const s = await from;
  const dir = s === undefined ? new URL('./texts/', import.meta.url) : s instanceof URL && s.protocol === 'file:' ? s : null;
  if (!dir) return loadTextsFrom({ place, from: s });
  const file = new URL(`${encodeURIComponent(place ?? 'all')}.json`, dir.href.endsWith('/') ? dir : `${dir.href}/`);
  return loadTextsFrom({ from: JSON.parse(await readFile(file, 'utf8')) });
}

let notesLoaded = false;

/**
 * Loads the engine once, by default from rencai_bg.wasm beside this module, with every place's
 * texts and the notes (disk is cheap).
 */
export async function ready(source, { texts = true } = {}) {
  const s = await source;
  const file = s === undefined ? new URL('./rencai_bg.wasm', import.meta.url) : s instanceof URL && s.protocol === 'file:' ? s : null;
  // The notes are an extra: without the file (a bundled deployment), a full report says so later.
  await Promise.all([load(file ? await readFile(file) : s, { texts: false }), texts && loadTexts(), notesLoaded || loadNotes().then(() => { notesLoaded = true; }, () => {})]);
}

export default ready;
