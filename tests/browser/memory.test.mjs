// Memory: 10,000 calls of the package API (evaluate, compare, whatIf, form) with varied profiles,
// some of them invalid, in one page of headless Chromium keep the wasm linear memory flat after a
// warm-up of 1,000. Prints the figures (memory after warm-up and at the end, growth, calls per
// second, JS heap after a forced GC). Run: node --test tests/browser/memory.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite } from './harness.mjs';

const TOTAL = 10_000;
const WARMUP = 1_000;
// Linear memory only ever grows (in 64 KiB pages), so any growth after warm-up is either
// allocator fragmentation from the varied sizes or a leak. A leak of a whole result or error per
// call (hundreds of bytes to kilobytes) over 9,000 calls is several MiB; fragmentation is a few
// pages. 4 MiB, or a quarter of the warmed-up size if that is larger, fails the first and never
// the second.
const MIB = 1024 * 1024;
const bound = (warm) => Math.max(4 * MIB, warm / 4);

const site = useSite();

/** Runs in the page: drives the package with seeded random profiles and samples its memory. */
async function drive({ total, warmup, seed, notes }) {
  const rencai = await import('/pkg/index.js');
  await rencai.default(undefined, { texts: false });
  // Every place's words, as the page fetches them (a pack per place; the site ships no all.json).
  await Promise.all(rencai.places().map((p) => rencai.loadTexts({ place: p.id })));
  // Full reports need the interpretation notes, which the page itself never loads.
  await rencai.loadNotes(notes);
  // The package does not export the wasm memory; once loaded, the wasm-bindgen glue's init
  // (its default export, the same module instance index.js uses) returns the instance exports.
  const glue = await import('/pkg/rencai.js');
  const wasm = await glue.default();
  if (!(wasm?.memory instanceof WebAssembly.Memory)) throw new Error('the glue no longer returns the wasm exports: cannot read the memory');
  const bytes = () => wasm.memory.buffer.byteLength;
  // JS values the wasm holds live in this table; slots never freed are a leak too.
  const refs = () => wasm.__wbindgen_externrefs?.length ?? 0;

  // mulberry32: reproducible, so a failure can be replayed with the same seed.
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  const date = () => `${int(2000, 2030)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;

  const fields = rencai.schema().fields;
  const valid = (f) => {
    const ids = (f.values ?? []).map((v) => v.id);
    switch (f.type) {
      case 'place':
      case 'enum':
        return pick(ids);
      case 'set':
        return ids.filter(() => rand() < 0.3);
      case 'int':
        return int(f.min ?? 0, f.max ?? 100);
      case 'bool':
        return rand() < 0.5;
      case 'date':
        return date();
      default:
        return undefined;
    }
  };
  // Values the engine must reject: out of the vocabulary or range, wrong types, long strings.
  const invalid = (f) =>
    pick([
      'not-a-value',
      'x'.repeat(int(100, 5000)),
      f.type === 'int' ? (f.max ?? 100) + int(1, 1e6) : -1,
      f.type === 'set' ? ['nope'] : { nested: [1, 2, 3] },
      f.type === 'bool' ? 'yes' : 1.5,
      f.type === 'date' ? '2024-02-30' : null,
    ]);
  const profile = () => {
    const p = {};
    for (const f of fields) {
      if (f.id === 'place' ? rand() < 0.95 : rand() < 0.5) {
        const v = valid(f);
        if (v !== undefined) p[f.id] = v;
      }
    }
    if (rand() < 0.08) p[pick(fields).id] = invalid(pick(fields));
    if (rand() < 0.02) p[`unknown_${int(0, 99)}`] = true;
    return p;
  };

  const counts = { evaluate: 0, evaluateAll: 0, compare: 0, whatIf: 0, form: 0, rejected: 0, other: 0 };
  const errors = [];
  const call = (i) => {
    const p = profile();
    const today = date();
    try {
      switch (i % 10) {
        case 0: case 1: case 2: case 3:
          counts.evaluate++;
          return rencai.evaluate(p, { today, all: false });
        case 4: case 5:
          counts.evaluateAll++;
          return rencai.evaluate(p, { today, all: true, ...(rand() < 0.5 ? { detail: 'full' } : {}) });
        case 6: case 7:
          counts.compare++;
          return rencai.compare(p, { today });
        case 8:
          counts.whatIf++;
          return rencai.whatIf(p, { today });
        default:
          counts.form++;
          return rencai.form(p, { today });
      }
    } catch (e) {
      if (e instanceof rencai.ProfileError) counts.rejected++;
      else {
        // A trap or any other error: keep going to see it is not a one-off, report a few.
        counts.other++;
        if (errors.length < 5) errors.push(String(e?.message ?? e).slice(0, 200));
      }
    }
  };

  const start = bytes();
  const startRefs = refs();
  for (let i = 0; i < warmup; i++) call(i);
  const warm = bytes();
  const warmRefs = refs();
  const samples = [];
  const t0 = performance.now();
  for (let i = warmup; i < total; i++) {
    call(i);
    if ((i + 1) % 1000 === 0) samples.push(bytes());
  }
  const seconds = (performance.now() - t0) / 1000;
  const end = bytes();
  const endRefs = refs();
  // Control: a deliberate 8 MiB allocation, never freed (the page is discarded after), must show
  // in the reading; otherwise the probe is not looking at the engine's memory.
  wasm.__wbindgen_malloc(8 * 1024 * 1024, 1);
  const control = bytes() - end;
  return { start, warm, end, samples, seconds, counts, errors, startRefs, warmRefs, endRefs, control };
}

test(`${TOTAL} varied evaluations keep the wasm memory flat after a warm-up of ${WARMUP}`, { timeout: 120_000 }, async (t) => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(site.url);

  const cdp = await context.newCDPSession(page);
  const heap = async () => {
    // A forced GC first, so the figure is live objects, not garbage awaiting collection.
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  const heapBefore = await heap();

  const seed = Number(process.env.SEED ?? 12);
  const notes = JSON.parse(readFileSync('pkg/rencai_notes.json', 'utf8'));
  const r = await page.evaluate(drive, { total: TOTAL, warmup: WARMUP, seed, notes });
  const heapAfter = await heap();
  await context.close();

  const mib = (b) => `${(b / MIB).toFixed(2)} MiB`;
  const growth = r.end - r.warm;
  const rate = Math.round((TOTAL - WARMUP) / r.seconds);
  const lines = [
    `seed ${seed}; calls ${JSON.stringify(r.counts)}`,
    `wasm memory: ${mib(r.start)} at load, ${mib(r.warm)} after ${WARMUP} (warm-up), ${mib(r.end)} after ${TOTAL}`,
    `wasm growth after warm-up: ${growth} bytes (bound ${mib(bound(r.warm))}); per 1,000 calls: ${r.samples.map(mib).join(', ')}`,
    `externref table: ${r.startRefs} slots at load, ${r.warmRefs} after warm-up, ${r.endRefs} at the end`,
    `${rate} calls/s (${TOTAL - WARMUP} in ${r.seconds.toFixed(2)} s)`,
    `JS heap after forced GC: ${mib(heapBefore)} before, ${mib(heapAfter)} after (reported, not asserted)`,
  ];
  for (const l of lines) t.diagnostic(l);

  assert.deepEqual(r.errors, [], 'every failure is a ProfileError (no trap, no other error)');
  assert.deepEqual(pageErrors, []);
  assert.ok(r.counts.rejected > 0 && r.counts.rejected < TOTAL / 2, `some, not most, profiles rejected: ${r.counts.rejected}`);
  assert.ok(r.control >= 8 * MIB, `the probe saw a deliberate 8 MiB allocation (${r.control} bytes)`);
  assert.ok(growth <= bound(r.warm), `wasm memory grew by ${mib(growth)} after warm-up (bound ${mib(bound(r.warm))})`);
  // A slot leaked per call would add thousands; a few stay for cached JS values.
  assert.ok(r.endRefs - r.warmRefs <= 256, `externref table grew from ${r.warmRefs} to ${r.endRefs}`);
});
