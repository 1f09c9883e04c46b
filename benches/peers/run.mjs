#!/usr/bin/env node
// rencai beside the rule engines people would pick instead, in one Node process.
//
//   node benches/peers/run.mjs [--catalog FILE] [--out FILE] [--generated N] [--rounds R] ...
//
// 1. Converts the catalogue export (docs/catalog.md) into json-rules-engine rules and a GoRules
//    ZEN decision table, each in two configurations (whole catalogue; one per place).
// 2. Proves they agree with rencai on which rules hold, for every profile (and stops if not).
// 3. Times them interleaved on the same profiles, and prints medians and ratios; the figures go
//    to --out (default: a new temporary directory), never into the repository.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { agreement, describe, peerFacts } from './agree.mjs';
import { indexCatalog, loadCatalog, repoRoot } from './catalog.mjs';
import { jreEngines } from './jre.mjs';
import { caseProfiles, completedProfiles, everyFactKnown, exampleProfiles, generatedProfiles } from './profiles.mjs';
import { loadRencai, nativeFigures } from './rencai.mjs';
import { zenEngines } from './zen.mjs';

const { values: opt } = parseArgs({
  options: {
    catalog: { type: 'string' },
    pkg: { type: 'string', default: join(repoRoot, 'pkg') },
    examples: { type: 'string', default: join(repoRoot, '..', 'shared', 'contract', 'examples') },
    cases: { type: 'string', default: join(repoRoot, 'tests', 'cases') },
    generated: { type: 'string', default: '200' },
    seed: { type: 'string', default: '13' },
    rounds: { type: 'string', default: '7' },
    batch: { type: 'string', default: '25' },
    // A fixed "today" for profiles without as_of, so every run judges them on the same date.
    today: { type: 'string', default: '2026-06-01' },
    out: { type: 'string' },
    // The cargo target directory whose criterion/ holds `cargo bench --bench evaluate`'s figures.
    criterion: { type: 'string', default: process.env.CARGO_TARGET_DIR ?? join(repoRoot, 'target') },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opt.help) {
  console.log(`node benches/peers/run.mjs [options]
  --catalog FILE     the catalogue export (default: cargo run -q --release -- catalog --json)
  --pkg DIR          the wasm package (default: pkg/, from ./scripts/build-web.sh)
  --examples DIR     contract examples (default: ../shared/contract/examples)
  --cases DIR        case files (default: tests/cases)
  --generated N      generated profiles with every fact known (default 200), --seed S (13)
  --rounds R         timed rounds after one warm-up (default 7), --batch B profiles per turn (25)
  --today DATE       the date for profiles without as_of (default 2026-06-01)
  --criterion DIR    cargo target dir to read criterion figures from (default $CARGO_TARGET_DIR or target/)
  --out FILE         where the figures go (default: a new temporary directory)
  --force            time even if the engines disagree (exits 1 all the same)`);
  process.exit(0);
}
const int = (name) => {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: expected a positive integer, got ${opt[name]}`);
  return n;
};
const today = opt.today;
const require = createRequire(join(repoRoot, 'package.json'));
const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

// --- Load and convert ---------------------------------------------------------------------------
const t0 = performance.now();
const catalog = loadCatalog({ file: opt.catalog, root: repoRoot });
const index = indexCatalog(catalog);
const rencai = await loadRencai(resolve(opt.pkg));
const setup = {};
const timed = (name, make) => {
  const t = performance.now();
  const out = make();
  setup[name] = Math.round((performance.now() - t) * 10) / 10;
  return out;
};
const jre = timed('json-rules-engine (both configurations)', () => jreEngines(index));
const zen = timed('ZEN (both configurations)', () => zenEngines(index));
const peers = [jre.whole, jre.perPlace, zen.whole, zen.perPlace];
console.log(
  `catalogue: ${catalog.rules.length} rules, ${catalog.places.length} places, ${catalog.documents.length} documents (${opt.catalog ?? 'cargo run -- catalog --json'}); ` +
    `json-rules-engine ${version('json-rules-engine')}, @gorules/zen-engine ${version('@gorules/zen-engine')}, Node ${process.version}`,
);
console.log(`converted in ${Object.entries(setup).map(([k, v]) => `${k} ${v} ms`).join(', ')} (loaded in ${Math.round(performance.now() - t0)} ms)`);

// The wasm must hold the same catalogue as the export, or agreement would mean nothing.
const everywhere = new Set(rencai.evaluate({}, { all: true, today }).results.map((r) => r.rule));
const exported = catalog.rules.map((r) => r.id);
if (everywhere.size !== exported.length || exported.some((id) => !everywhere.has(id))) {
  console.error(`the wasm package (${opt.pkg}) holds other rules than the export (${everywhere.size} vs ${exported.length}): rebuild it with ./scripts/build-web.sh`);
  process.exit(1);
}

// --- Profiles -----------------------------------------------------------------------------------
const examples = exampleProfiles(opt.examples);
const cases = caseProfiles(opt.cases);
const generated = generatedProfiles(index, int('generated'), int('seed'));
const given = [...examples, ...cases];
const sets = [
  { name: 'generated, every fact known', profiles: generated },
  { name: 'examples and cases, missing facts filled in', profiles: completedProfiles(index, given, int('seed')) },
  { name: 'examples and cases as given (unknown facts: holding must still agree)', profiles: given },
];
for (const s of sets.slice(0, 2)) {
  if (!s.profiles.every((p) => everyFactKnown(index, p.profile))) throw new Error(`${s.name}: a profile lacks a fact`);
}

// --- Agreement first ----------------------------------------------------------------------------
console.log('\nAgreement: the rules that hold (rencai status "eligible"; every condition true), whatever their period');
const agreed = [];
for (const s of sets) {
  const r = await agreement({ index, rencai, peers, profiles: s.profiles, today });
  agreed.push({ set: s.name, ...r, mismatches: r.mismatches.slice(0, 50), coverage: r.coverage.slice(0, 50) });
  console.log(
    `  ${r.agree ? 'agree' : 'DISAGREE'}: ${s.name}: ${r.profiles} profiles, ${r.pairs} holding (profile, rule) pairs, ` +
      `${r.rulesHeld} of ${r.rules} rules hold at least once; ${peers.length} peer configurations`,
  );
  if (!r.agree) console.log(describe(r));
}
// rencai's decision path names the same holding rules as its full report, for every profile.
{
  const ids = rencai.pageCatalog().rules.map((r) => r.rule);
  const all = sets.flatMap((s) => s.profiles);
  const differ = all.filter(({ profile }) => {
    const o = { all: true, today };
    const a = rencai.decide(profile, o).results.filter((d) => d[1] === 'eligible').map((d) => ids[d[0]]);
    const b = rencai.evaluate(profile, o).results.filter((r) => r.status === 'eligible').map((r) => r.rule);
    return a.join() !== b.join();
  });
  agreed.push({ set: 'rencai decide() vs rencai evaluate()', agree: differ.length === 0, profiles: all.length, mismatches: differ.slice(0, 20).map((p) => p.source) });
  console.log(`  ${differ.length ? 'DISAGREE' : 'agree'}: rencai's decision path (decide) and its full report (evaluate), ${all.length} profiles`);
}
const allAgree = agreed.every((r) => r.agree);
if (!allAgree && !opt.force) {
  console.error('\nThe engines disagree: no timing (ratios of engines that decide differently mean nothing). --force times anyway.');
  process.exit(1);
}

// --- Timing, interleaved ------------------------------------------------------------------------
const profiles = [...given, ...generated];
const facts = profiles.map((p) => peerFacts(p.profile, today));
const options = { all: true, today };
const engines = [
  {
    name: 'rencai wasm: evaluate (object in, full cited report out: decide joined with the texts)',
    key: 'rencai_evaluate',
    sync: true,
    run: (i) => rencai.evaluate(profiles[i].profile, options),
  },
  {
    name: 'rencai wasm: evaluateJson (text in, the CLI\'s text out, JSON.parse)',
    key: 'rencai_evaluate_json',
    sync: true,
    run: (i) => JSON.parse(rencai.evaluateJson(JSON.stringify(profiles[i].profile), options)),
  },
  {
    name: 'rencai wasm: decide (object in, decision object out: status, standing, reasons)',
    key: 'rencai_decide',
    sync: true,
    run: (i) => rencai.decide(profiles[i].profile, options),
  },
  { name: 'json-rules-engine whole catalogue', key: 'jre_whole', run: (i) => jre.whole.run(facts[i]) },
  { name: 'json-rules-engine per place', key: 'jre_per_place', run: (i) => jre.perPlace.run(facts[i]) },
  { name: 'ZEN whole catalogue (decision.evaluate, async)', key: 'zen_whole', run: (i) => zen.whole.run(facts[i]) },
  { name: 'ZEN per place (decision.evaluate, async)', key: 'zen_per_place', run: (i) => zen.perPlace.run(facts[i]) },
];
const rounds = int('rounds');
const batch = int('batch');
const samples = engines.map(() => []);
const reportBytes = profiles.map((p) => rencai.evaluateJson(JSON.stringify(p.profile), options).length);
console.log(`\nTiming: ${profiles.length} profiles (${examples.length} examples, ${cases.length} cases, ${generated.length} generated), ${rounds} rounds after one warm-up, batches of ${batch}, engines round-robin per batch`);
for (let round = -1; round < rounds; round++) {
  for (let b = 0, k = 0; b < profiles.length; b += batch, k++) {
    // Each batch starts with another engine, so no engine always runs first (or after a given one).
    for (let e = 0; e < engines.length; e++) {
      const engine = engines[(e + k + Math.max(round, 0)) % engines.length];
      const out = samples[engines.indexOf(engine)];
      for (let i = b; i < Math.min(b + batch, profiles.length); i++) {
        const t = performance.now();
        if (engine.sync) engine.run(i);
        else await engine.run(i);
        const dt = performance.now() - t;
        if (round >= 0) out.push(dt * 1000);
      }
    }
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const rows = engines.map((e, i) => ({
  engine: e.name,
  key: e.key,
  calls: samples[i].length,
  median_us: median(samples[i]),
  mean_us: samples[i].reduce((a, b) => a + b, 0) / samples[i].length,
  p90_us: quantile(samples[i], 0.9),
}));
const base = rows[0];
for (const r of rows) {
  r.ratio_median = r.median_us / base.median_us;
  r.ratio_mean = r.mean_us / base.mean_us;
}
const f = (n, d = 1) => n.toFixed(d);
const width = Math.max(...rows.map((r) => r.engine.length));
console.log(`\n${'engine'.padEnd(width)}  median µs   mean µs    p90 µs   median ÷ rencai evaluate   mean ÷`);
for (const r of rows) {
  console.log(
    `${r.engine.padEnd(width)}  ${f(r.median_us).padStart(9)} ${f(r.mean_us).padStart(9)} ${f(r.p90_us).padStart(9)}   ${f(r.ratio_median, 2).padStart(22)}×  ${f(r.ratio_mean, 2).padStart(6)}×`,
  );
}
console.log(`(per profile; full report JSON ${Math.round(median(reportBytes) / 1024)} KB median, ${Math.round(Math.max(...reportBytes) / 1024)} KB largest)`);
const fastest = (a, b) => (a.median_us < b.median_us ? a : b);
const row = (key) => rows.find((r) => r.key === key);
const jreBest = fastest(row('jre_whole'), row('jre_per_place'));
const zenBest = fastest(row('zen_whole'), row('zen_per_place'));
const decide = row('rencai_decide');
const fullBest = base;
const ratios = {
  decision_vs_jre_faster: jreBest.median_us / decide.median_us,
  decision_vs_zen_faster: zenBest.median_us / decide.median_us,
  full_report_vs_jre_whole: row('jre_whole').median_us / fullBest.median_us,
  goals: { decision_vs_each_peer: 20, full_report_vs_jre_whole: 10 },
};
console.log(
  `rencai's decision path (decide) vs the faster configuration of each peer: json-rules-engine (${jreBest.key}) ${f(ratios.decision_vs_jre_faster, 2)}×, ` +
    `ZEN (${zenBest.key}) ${f(ratios.decision_vs_zen_faster, 2)}× faster (goal 20×; below 1 means the peer is faster)`,
);
console.log(
  `rencai's full cited report (${fullBest.key}) vs json-rules-engine whole: ${f(ratios.full_report_vs_jre_whole, 2)}× faster (goal 10×)`,
);

// --- Native, from criterion if it has run -------------------------------------------------------
const native = nativeFigures(opt.criterion);
console.log('\nrencai native (criterion, cargo bench --bench evaluate):');
if (native.length) for (const n of native) console.log(`  ${n.id}: ${f(n.median_ns / 1000, 2)} µs median (criterion, ${n.measured})`);
else
  console.log(
    `  not measured in this run (nothing under ${join(opt.criterion, 'criterion')}); to get it: ` +
      `CARGO_TARGET_DIR=${opt.criterion} cargo bench --bench evaluate, then run this again`,
  );

// --- Figures out --------------------------------------------------------------------------------
const out = opt.out ? resolve(opt.out) : join(mkdtempSync(join(tmpdir(), 'rencai-peers-')), 'results.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model, cpus: cpus().length, node: process.version, platform: process.platform },
      versions: { 'json-rules-engine': version('json-rules-engine'), '@gorules/zen-engine': version('@gorules/zen-engine') },
      catalogue: { rules: catalog.rules.length, places: catalog.places.length, documents: catalog.documents.length, source: opt.catalog ?? 'cargo run -- catalog --json' },
      today,
      setup_ms: setup,
      agreement: agreed,
      timing: { profiles: profiles.length, rounds, batch, report_bytes_median: median(reportBytes), rows, ratios },
      native,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nfigures written to ${out}`);
if (!allAgree) process.exit(1);
