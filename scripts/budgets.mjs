// The budgets report: what the page costs to load and to use, against the budgets of the page issue.
// A report, not a test: it exits non-zero only when a measurement fails, never on a budget miss
// (misses are marked OVER). Writes docs/budgets.json as well as printing a table.
//
// Usage: node scripts/budgets.mjs [--runs 9] [--root www]   (after scripts/build-web.sh)
//
//   page transfer      HTML + every JS module the page imports + CSS + wasm, each gzip -9, summed  ≤ 150 KB
//   first result       navigation start → first result in the DOM and painted, headless Chromium,
//                      fresh profile each run (cold: no HTTP cache, no service worker); median      ≤ 150 ms
//   re-evaluation      one evaluate() of a profile in the page (wasm + JSON in and out), median       ≤ 2 ms
//   single file        dist/rencai.html as built by scripts/build-single.mjs (size, no budget)
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { moduleGraph, buildSingle } from './build-single.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const ROOT = resolve(arg('--root', join(REPO, 'www')));
const RUNS = Number(arg('--runs', 9));
/** A rendered result of the calculator (a result card with its status badge). */
const RESULT = process.env.RENCAI_RESULT ?? '[data-rule]';
// A profile that gives results at several levels (辽阳高新区, a newly introduced doctor).
const PROFILE = {
  as_of: '2019-06-01', place: '211000-gxq', arrival: 'newly_introduced', education: 'doctorate', full_time: true,
  graduation_year: 2017, postdoc: 'none', title: 'none', age: 31, nationality: 'chinese',
};
const BUDGET = { transferKB: 150, firstResultMs: 150, reevaluateMs: 2 };

const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The files the page loads: [{ kind, path, raw, gzip }]. */
function transfer() {
  const html = readFileSync(join(ROOT, 'index.html'), 'utf8');
  const files = [{ kind: 'html', path: 'index.html' }];
  for (const m of html.matchAll(/<link\b[^>]*rel=["']?stylesheet[^>]*>/gi)) {
    const href = m[0].match(/href=["']?([^"'\s>]+)/i)?.[1];
    if (href && !/^[a-z]+:|^\/\//i.test(href)) files.push({ kind: 'css', path: href.replace(/^\.\//, '') });
  }
  const seen = new Set();
  for (const m of html.matchAll(/<script\b[^>]*src=["']?([^"'\s>]+)[^>]*>/gi)) {
    for (const mod of moduleGraph(ROOT, m[1].replace(/^\.\//, ''))) {
      if (!seen.has(mod.path)) { seen.add(mod.path); files.push({ kind: 'js', path: mod.path }); }
      for (const u of mod.source.matchAll(/new\s+URL\(\s*(['"])([^'"]+\.wasm)\1\s*,\s*import\.meta\.url\s*\)/g)) {
        const path = new URL(u[2], `file:///${mod.path}`).pathname.slice(1);
        if (!files.some((f) => f.path === path)) files.push({ kind: 'wasm', path });
      }
    }
  }
  return files.map((f) => {
    const buf = readFileSync(join(ROOT, f.path));
    return { ...f, raw: buf.length, gzip: gz(buf) };
  });
}

/** Navigation → first result (cold), and the in-page re-evaluation time. */
async function timings() {
  const { launch } = await import('../tests/browser/harness.mjs');
  const { startServer } = await import('./serve.mjs');
  const { server, url } = await startServer({ root: ROOT, port: 0 });
  const browser = await launch();
  try {
    const first = [];
    const dom = [];
    const wasm = [];
    let nodes = 0;
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      await context.addInitScript((selector) => {
        const seen = () => {
          if (window.__rencaiFirst || !document.querySelector(selector)) return;
          window.__rencaiFirst = { dom: performance.now() };
          requestAnimationFrame(() => requestAnimationFrame(() => { window.__rencaiFirst.painted = performance.now(); }));
        };
        new MutationObserver(seen).observe(document, { childList: true, subtree: true });
      }, RESULT);
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__rencaiFirst?.painted, null, { timeout: 20000 });
      const t = await page.evaluate(() => ({
        ...window.__rencaiFirst,
        wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'))?.responseEnd ?? NaN,
        nodes: document.getElementsByTagName('*').length,
      }));
      wasm.push(t.wasm);
      nodes = t.nodes;
      // Two rAFs after insertion: the frame that showed it has been produced; take the first rAF time.
      first.push(t.painted);
      dom.push(t.dom);
      await context.close();
    }

    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(RESULT).first().waitFor({ timeout: 20000 });
    await page.waitForTimeout(1000); // let the page finish its own start-up work first
    const reeval = await page.evaluate(async (profile) => {
      const pkg = await import('./pkg/rencai.js');
      await pkg.default(); // already loaded by the page: returns at once
      const text = JSON.stringify(profile);
      const run = (fn, batches = 60, size = 20) => {
        for (let i = 0; i < 50; i++) fn(); // warm-up (JIT, wasm memory growth)
        const per = [];
        for (let b = 0; b < batches; b++) {
          const t0 = performance.now();
          for (let i = 0; i < size; i++) fn();
          per.push((performance.now() - t0) / size);
        }
        per.sort((a, b) => a - b);
        return per[Math.floor(per.length / 2)];
      };
      const results = JSON.parse(pkg.evaluate(text, profile.as_of, false)).results.length;
      return {
        results,
        evaluate: run(() => JSON.parse(pkg.evaluate(text, profile.as_of, false))),
        evaluateAll: run(() => JSON.parse(pkg.evaluate(text, profile.as_of, true))),
        whatIf: run(() => JSON.parse(pkg.whatIf(text, profile.as_of)), 20, 5),
        compare: run(() => JSON.parse(pkg.compare(text, profile.as_of)), 20, 5),
      };
    }, PROFILE);
    await context.close();
    return { first, dom, wasm, nodes, reeval, chromium: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}

function single() {
  const dir = mkdtempSync(join(tmpdir(), 'rencai-budget-'));
  try {
    const r = buildSingle({ root: ROOT, out: join(dir, 'rencai.html') });
    return { bytes: r.bytes, gzip: r.gzip };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  if (!existsSync(join(ROOT, 'index.html'))) throw new Error(`no ${ROOT}/index.html`);
  const files = transfer();
  const total = files.reduce((s, f) => s + f.gzip, 0);
  const byKind = (k) => files.filter((f) => f.kind === k).reduce((s, f) => s + f.gzip, 0);
  const t = await timings();
  const one = single();
  const firstMs = median(t.first);
  const report = {
    measured: new Date().toISOString(),
    commit: (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO }).toString().trim(); } catch { return null; } })(),
    chromium: t.chromium,
    node: process.version,
    runs: RUNS,
    transfer: {
      budget_bytes: BUDGET.transferKB * 1024,
      gzip_bytes: total,
      html: byKind('html'), js: byKind('js'), css: byKind('css'), wasm: byKind('wasm'),
      files: files.map(({ kind, path, raw, gzip }) => ({ kind, path, raw, gzip })),
      within: total <= BUDGET.transferKB * 1024,
    },
    first_result: {
      budget_ms: BUDGET.firstResultMs,
      median_ms: +firstMs.toFixed(1),
      median_in_dom_ms: +median(t.dom).toFixed(1),
      median_wasm_loaded_ms: +median(t.wasm).toFixed(1),
      elements_at_first_result: t.nodes,
      runs_ms: t.first.map((x) => +x.toFixed(1)),
      within: firstMs <= BUDGET.firstResultMs,
    },
    reevaluation: {
      budget_ms: BUDGET.reevaluateMs,
      median_ms: +t.reeval.evaluate.toFixed(3),
      profile: PROFILE,
      results: t.reeval.results,
      also_ms: {
        evaluate_all: +t.reeval.evaluateAll.toFixed(3),
        what_if: +t.reeval.whatIf.toFixed(3),
        compare_every_place: +t.reeval.compare.toFixed(3),
      },
      within: t.reeval.evaluate <= BUDGET.reevaluateMs,
    },
    single_file: { bytes: one.bytes, gzip_bytes: one.gzip },
  };

  const mark = (ok) => (ok ? 'ok' : 'OVER');
  const rows = [
    ['measure', 'value', 'budget', ''],
    ['page transfer (gzip -9)', `${kb(total)} KB`, `${BUDGET.transferKB} KB`, mark(report.transfer.within)],
    ...['html', 'js', 'css', 'wasm'].map((k) => [`  ${k}`, `${kb(byKind(k))} KB`, '', '']),
    ['navigation → first result', `${firstMs.toFixed(1)} ms`, `${BUDGET.firstResultMs} ms`, mark(report.first_result.within)],
    ['  wasm fetched', `${median(t.wasm).toFixed(1)} ms`, '', ''],
    ['  result in the DOM', `${median(t.dom).toFixed(1)} ms`, '', ''],
    ['  elements on the page', `${t.nodes}`, '', ''],
    ['one re-evaluation', `${t.reeval.evaluate.toFixed(3)} ms`, `${BUDGET.reevaluateMs} ms`, mark(report.reevaluation.within)],
    ['  evaluate --all', `${t.reeval.evaluateAll.toFixed(3)} ms`, '', ''],
    ['  what-if', `${t.reeval.whatIf.toFixed(3)} ms`, '', ''],
    ['  compare (every place)', `${t.reeval.compare.toFixed(3)} ms`, '', ''],
    ['single file dist/rencai.html', `${kb(one.bytes)} KB (${kb(one.gzip)} KB gzip)`, '—', ''],
  ];
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => [...r[i]].length)));
  const pad = (s, n) => s + ' '.repeat(Math.max(0, n - [...s].length));
  console.log(`rencai budgets — ${t.chromium}, median of ${RUNS} cold loads\n`);
  for (const [i, r] of rows.entries()) {
    console.log(`${pad(r[0], w[0])}  ${pad(r[1], w[1])}  ${pad(r[2], w[2])}  ${r[3]}`.trimEnd());
    if (i === 0) console.log('-'.repeat(w[0] + w[1] + w[2] + 10));
  }
  console.log('\nfiles (gzip -9):');
  for (const f of files) console.log(`  ${pad(f.path, 24)} ${String(f.raw).padStart(8)} B raw  ${String(f.gzip).padStart(8)} B gzip`);
  const misses = rows.filter((r) => r[3] === 'OVER').map((r) => r[0]);
  console.log(misses.length ? `\nOVER BUDGET: ${misses.join('; ')}` : '\nall within budget');

  mkdirSync(join(REPO, 'docs'), { recursive: true });
  writeFileSync(join(REPO, 'docs', 'budgets.json'), JSON.stringify(report, null, 2) + '\n');
  console.log('wrote docs/budgets.json');
} catch (e) {
  console.error(`budgets: measurement failed: ${e.stack ?? e}`);
  process.exit(1);
}
