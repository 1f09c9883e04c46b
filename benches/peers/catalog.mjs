// The catalogue export (docs/catalog.md), loaded and indexed for the converters: field value
// order, the place tree (chains up, subtrees down) and the rules of each place's chain.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads the catalogue: the file given, or `cargo run -q --release -- catalog --json` in `root`
 * (CARGO_TARGET_DIR as set in the environment, so a bench build never touches the main target).
 */
export function loadCatalog({ file, root }) {
  let text;
  if (file) {
    text = readFileSync(file, 'utf8');
  } else {
    try {
      text = execFileSync('cargo', ['run', '-q', '--release', '--', 'catalog', '--json'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = String(e.stderr ?? e.message).trim().split('\n').slice(-8).join('\n');
      throw new Error(`cargo run -- catalog --json failed in ${root}:\n${err}\n(give an export with --catalog FILE)`);
    }
  }
  const catalog = JSON.parse(text);
  if (catalog.format !== 'rencai-catalog') throw new Error('not a rencai catalogue export (format)');
  if (catalog.version !== 1) throw new Error(`catalogue format version ${catalog.version}; these converters read version 1`);
  return catalog;
}

/** The repository root (benches/peers/../..). */
export const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * What the converters need, derived once from the export:
 * - `field(id)`: the field's schema entry; `rank[field][value]`: a value's place in an ordered enum;
 * - `chain(place)`: the place and its ancestors, national first (whose rules apply there);
 * - `subtree(place)`: the place and every place below it (where its rules apply);
 * - `rulesAt(place)`: the rules of the place's chain, in catalogue order.
 */
export function indexCatalog(catalog) {
  const fields = new Map(catalog.fields.map((f) => [f.id, f]));
  const rank = {};
  for (const f of catalog.fields) {
    if (f.type === 'enum' && f.ordered) rank[f.id] = Object.fromEntries(f.values.map((v, i) => [v.id, i]));
  }
  const parent = new Map(catalog.places.map((p) => [p.id, p.parent]));
  const chains = new Map();
  for (const p of catalog.places) {
    const chain = [];
    for (let at = p.id; at != null; at = parent.get(at)) chain.unshift(at);
    chains.set(p.id, chain);
  }
  const subtrees = new Map(catalog.places.map((p) => [p.id, catalog.places.filter((q) => chains.get(q.id).includes(p.id)).map((q) => q.id)]));
  const field = (id) => {
    const f = fields.get(id);
    if (!f) throw new Error(`the catalogue has no field ${id}`);
    return f;
  };
  return {
    catalog,
    field,
    rank,
    places: catalog.places.map((p) => p.id),
    chain: (place) => chains.get(place),
    subtree: (place) => subtrees.get(place),
    rulesAt: (place) => {
      const chain = chains.get(place);
      return catalog.rules.filter((r) => chain.includes(r.jurisdiction));
    },
  };
}

/** `years_since_graduation` is derived (docs/catalog.md): the year of as_of minus graduation_year. */
export const YEARS_SINCE_GRADUATION = 'years_since_graduation';

/** The values of an ordered enum at or above (`at_least`) or at or below (`at_most`) `need`. */
export function orderedRange(index, fieldId, op, need) {
  const f = index.field(fieldId);
  // Only an ordered enum has an order to compare by (docs/catalog.md); anything else is a data error.
  if (f.type !== 'enum' || !f.ordered) throw new Error(`${op} on ${fieldId}, which is not an ordered enum`);
  const values = f.values.map((v) => v.id);
  const at = values.indexOf(need);
  if (at < 0) throw new Error(`${fieldId}: no value ${need}`);
  return op === 'at_least' ? values.slice(at) : values.slice(0, at + 1);
}
