// The profiles compared and timed: the contract examples, the case profiles (tests/cases/*.toml),
// and generated profiles with every fact known (seeded, so every run sees the same ones).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { YEARS_SINCE_GRADUATION } from './catalog.mjs';

/** The contract examples (`../shared/contract/examples/*.json` beside the repository). */
export function exampleProfiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ source: `examples/${f}`, profile: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

/**
 * Every case's profile, except cases that expect the profile to be rejected (`error = …`).
 * Cases are TOML whose `profile` is one inline table per line (tests/cases/README.md); the small
 * reader below covers the inline values TOML allows there, so no TOML package is needed.
 */
export function caseProfiles(dir) {
  const out = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.toml')).sort()) {
    const blocks = readFileSync(join(dir, f), 'utf8').split(/^\[\[case\]\]\s*$/m).slice(1);
    blocks.forEach((block, i) => {
      if (/^error\s*=/m.test(block)) return;
      const line = block.match(/^profile\s*=\s*(.*)$/m);
      if (!line) throw new Error(`${f}: case ${i + 1} has no profile line`);
      const name = block.match(/^name\s*=\s*(".*")\s*$/m);
      out.push({ source: `cases/${f}#${i + 1}`, file: f, name: name ? readInlineToml(name[1]) : null, profile: readInlineToml(line[1]) });
    });
  }
  return out;
}

/** A TOML inline value (table, array, string, boolean, number), as JSON. */
export function readInlineToml(text) {
  let i = 0;
  const fail = (what) => {
    throw new Error(`TOML: ${what} at ${i} in ${text.slice(0, 120)}`);
  };
  const space = () => {
    while (i < text.length && /[\s]/.test(text[i])) i++;
    if (text[i] === '#') i = text.length; // a comment runs to the end of the line
  };
  const string = () => {
    const quote = text[i++];
    let s = '';
    while (text[i] !== quote) {
      if (i >= text.length) fail('unterminated string');
      if (quote === '"' && text[i] === '\\') {
        const e = text[++i];
        const simple = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
        if (e in simple) s += simple[e];
        else if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          s += String.fromCodePoint(parseInt(text.slice(i + 1, i + 1 + n), 16));
          i += n;
        } else fail(`escape \\${e}`);
        i++;
      } else s += text[i++];
    }
    i++;
    return s;
  };
  const key = () => {
    space();
    if (text[i] === '"' || text[i] === "'") return string();
    const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i));
    if (!m) fail('a key');
    i += m[0].length;
    return m[0];
  };
  const value = () => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      const table = {};
      space();
      if (text[i] === '}') return i++, table;
      for (;;) {
        const k = key();
        space();
        if (text[i++] !== '=') fail('=');
        table[k] = value();
        space();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, table;
        else fail(', or }');
      }
    }
    if (c === '[') {
      i++;
      const array = [];
      for (;;) {
        space();
        if (text[i] === ']') return i++, array;
        array.push(value());
        space();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail(', or ]');
      }
    }
    if (c === '"' || c === "'") return string();
    const m = /^(true|false|[+-]?[0-9_]+(\.[0-9_]+)?([eE][+-]?[0-9]+)?)/.exec(text.slice(i));
    if (!m) fail('a value');
    i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : Number(m[0].replaceAll('_', ''));
  };
  const v = value();
  space();
  if (i < text.length) fail('trailing text');
  return v;
}

/** A small seeded generator (mulberry32): the same seed gives the same profiles. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every numeric bound the catalogue tests, per field (to sample both sides of each threshold). */
function thresholds(catalog) {
  const out = {};
  const walk = (cs) => {
    for (const c of cs) {
      if (['any', 'all', 'not'].includes(c.op)) walk(c.need);
      else if (typeof c.need === 'number') (out[c.field] ??= new Set()).add(c.need);
    }
  };
  for (const r of catalog.rules) walk(r.when);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].flatMap((n) => [n - 1, n, n + 1])]));
}

/** Plausible ranges for drawing an integer away from the thresholds (within the schema's min/max). */
const SPREAD = { age: [18, 70], years_in_place: [0, 20] };

/**
 * A profile with every field of the schema given a value, drawn with `random`; the facts in `given`
 * are kept. Integers are drawn half the time from either side of a threshold the rules test, so
 * at_least/at_most are exercised at their bounds; sets are drawn with a density per profile.
 */
export function fullProfile(index, random, given = {}) {
  const t = index.thresholds ?? (index.thresholds = thresholds(index.catalog));
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const p = {};
  const day = between(0, 11 * 365); // 2016-01-01 … 2026-12-31
  p.as_of = given.as_of ?? new Date(Date.UTC(2016, 0, 1 + day)).toISOString().slice(0, 10);
  p.place = given.place ?? pick(index.places);
  const density = 0.05 + 0.45 * random();
  for (const f of index.catalog.fields) {
    if (f.id === 'as_of' || f.id === 'place') continue;
    switch (f.type) {
      case 'enum':
        p[f.id] = pick(f.values).id;
        break;
      case 'bool':
        p[f.id] = random() < 0.5;
        break;
      case 'set':
        p[f.id] = f.values.filter(() => random() < density).map((v) => v.id);
        break;
      case 'int': {
        const [lo, hi] = [f.min ?? 0, f.max ?? 100];
        if (f.id === 'graduation_year') {
          const year = Number(p.as_of.slice(0, 4));
          const near = t[YEARS_SINCE_GRADUATION] ?? [];
          const since = near.length && random() < 0.6 ? pick(near) : between(0, 30);
          p[f.id] = Math.min(hi, Math.max(lo, year - since));
        } else {
          const near = (t[f.id] ?? []).filter((n) => n >= lo && n <= hi);
          const [a, b] = SPREAD[f.id] ?? [lo, Math.min(hi, lo + 40)];
          p[f.id] = near.length && random() < 0.5 ? pick(near) : between(a, b);
        }
        break;
      }
      default:
        throw new Error(`field ${f.id}: no generator for type ${f.type}`);
    }
  }
  return { ...p, ...given };
}

/** `n` generated profiles with every fact known. */
export function generatedProfiles(index, n, seed = 13) {
  const random = rng(seed);
  return Array.from({ length: n }, (_, i) => ({ source: `generated#${i + 1}`, profile: fullProfile(index, random) }));
}

/** The given profiles with their missing facts filled in (seeded per profile): every fact known. */
export function completedProfiles(index, given, seed = 7) {
  const random = rng(seed);
  return given.map(({ source, profile }) => ({ source: `${source} (completed)`, profile: fullProfile(index, random, profile) }));
}

/** Whether every field of the schema has a value. */
export const everyFactKnown = (index, profile) => index.catalog.fields.every((f) => profile[f.id] !== undefined && profile[f.id] !== null);
