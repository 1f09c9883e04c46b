// The wasm package as a portal's developers meet it: `npm pack pkg/`, the tarball installed into a
// fresh project, TypeScript checked against the generated declarations with tsc (the README's
// example, and misspellings that must fail), the compiled code run in Node, and its reports
// compared with the CLI's for every contract example.
// Run: node --test tests/package/ (after scripts/build-web.sh and a cargo build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = resolve(import.meta.dirname, '../..');
const EXAMPLES = resolve(REPO, '../shared/contract/examples');
const TSC = join(REPO, 'node_modules/.bin/tsc');

let dir;
let app;
let tarball;

const run = (cmd, args, options = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, stdout: r.stdout ?? '' };
};

/** The CLI's report for a profile file (the same engine, natively). */
const cli = (file, ...flags) => JSON.parse(execFileSync('cargo', ['run', '-q', '--', 'eval', file, ...flags], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 }));

before(() => {
  if (!existsSync(join(REPO, 'pkg/index.js'))) throw new Error('pkg/ is missing: run scripts/build-web.sh first');
  dir = mkdtempSync(join(tmpdir(), 'rencai-package-'));
  const packed = JSON.parse(execFileSync('npm', ['pack', join(REPO, 'pkg'), '--pack-destination', dir, '--json'], { encoding: 'utf8' }));
  tarball = join(dir, packed[0].filename);
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: app, encoding: 'utf8' });
  writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
      // No DOM library here (a Node project): the package's declarations bring what they need.
      lib: ['ES2022'], types: [], outDir: 'out', skipLibCheck: false, noEmitOnError: true,
    },
    include: ['*.ts'],
  }));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds the package: entry, declarations, wasm, README and licences, and nothing else', () => {
  const all = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  const files = all.filter((f) => !f.startsWith('texts/'));
  assert.deepEqual(files, ['LICENSE-APACHE', 'LICENSE-MIT', 'README.md', 'index.d.ts', 'index.js', 'node.js', 'package.json', 'rencai.d.ts', 'rencai.js', 'rencai_bg.wasm', 'rencai_bg.wasm.d.ts', 'rencai_notes.json']);
  // The text packs: every place's chain, and every place's at once.
  const places = JSON.parse(execFileSync('cargo', ['run', '-q', '--', 'places'], { cwd: REPO, encoding: 'utf8' }));
  assert.deepEqual(all.filter((f) => f.startsWith('texts/')), ['texts/all.json', ...places.map((p) => `texts/${p.id}.json`)].sort());
  const pkg = JSON.parse(readFileSync(join(app, 'node_modules/rencai/package.json'), 'utf8'));
  assert.equal(pkg.name, 'rencai');
  assert.equal(pkg.types, './index.d.ts');
  assert.deepEqual(pkg.exports['.'], { types: './index.d.ts', node: './node.js', default: './index.js' });
  // The browser entry (what bundlers and the page take) imports only the package's own modules.
  const entry = readFileSync(join(app, 'node_modules/rencai/index.js'), 'utf8');
  const specifiers = [...entry.matchAll(/\b(?:import|from)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  assert.ok(specifiers.length > 0 && specifiers.every((x) => x.startsWith('./')), `browser entry imports ${specifiers}`);
  // Loading is only through ready(), which registers ProfileError: no way around it is exported.
  assert.doesNotMatch(entry, /initSync/);
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  // The declarations are generated: no `any` where the contract has a type.
  const dts = readFileSync(join(app, 'node_modules/rencai/rencai.d.ts'), 'utf8');
  const contract = dts.slice(0, dts.indexOf('export type InitInput'));
  assert.doesNotMatch(contract.replace(/\/\*\*[\s\S]*?\*\//g, ''), /(?<!")\bany\b(?!")/);
  for (const ty of ['Report', 'RuleResult', 'Standing', 'Comparison', 'WhatIf', 'Place', 'Schema', 'Profile']) {
    assert.match(contract, new RegExp(`export type ${ty} = `), ty);
  }
  const entryTypes = readFileSync(join(app, 'node_modules/rencai/index.d.ts'), 'utf8');
  assert.match(entryTypes, /export declare function evaluate\(profile: Profile \| string, options\?: EvaluateOptions \| null\): Report;/);
  assert.match(entryTypes, /export declare function decide\(profile: Profile \| string, options\?: EvaluateOptions \| null\): Decision;/);
});

test("the README's TypeScript example type-checks against the package and runs in Node", () => {
  const readme = readFileSync(join(app, 'node_modules/rencai/README.md'), 'utf8');
  const example = readme.match(/```ts\n([\s\S]*?)```/)?.[1];
  assert.ok(example && example.split('\n').filter(Boolean).length <= 10, 'a TypeScript example of at most 10 lines');
  writeFileSync(join(app, 'example.ts'), example);
  const tsc = run(TSC, ['-p', app]);
  assert.equal(tsc.code, 0, tsc.out);
  const node = run(process.execPath, [join(app, 'out/example.js')], { cwd: app });
  assert.equal(node.code, 0, node.out);
  // The PhD in 辽阳高新区 on 2019-06-01 is entitled to the zone's allowance, quoted; bad input names its field.
  assert.match(node.stdout, /高新区高层次人才工资外津贴/);
  assert.match(node.stdout, /每月给予800元至1500元|800/);
  assert.match(node.stdout, /^education /m);
});

test('misspelled fields, values, standings and options fail the type check', () => {
  writeFileSync(join(app, 'example.ts'), 'export {};\n');
  writeFileSync(join(app, 'typos.ts'), `import { evaluate, type Profile, type Standing, type RuleResult } from 'rencai';
// @ts-expect-error a misspelled field is not a profile field
export const a: Profile = { educaton: 'doctorate' };
// @ts-expect-error a degree the vocabulary does not have
export const b: Profile = { education: 'phd' };
// @ts-expect-error a place id that does not exist
export const c: Profile = { place: '999999' };
// @ts-expect-error a set field holds an array of its values
export const d: Profile = { honours: 'academician' };
// @ts-expect-error a v1 status is not a standing
export const s: Standing = 'eligible';
// @ts-expect-error an option evaluate does not take
export const e = () => evaluate({}, { everything: true });
// @ts-expect-error a result has no field "amount_min"
export const f = (r: RuleResult) => r.amount_min;
export const ok: Profile = { education: 'doctorate', honours: ['academician'], place: '211000-gxq', graduation_year: 2017, full_time: true };
`);
  const tsc = run(TSC, ['-p', app]);
  assert.equal(tsc.code, 0, `every @ts-expect-error must meet an error:\n${tsc.out}`);
  // And the same file without the expectations fails, once per line.
  writeFileSync(join(app, 'typos.ts'), readFileSync(join(app, 'typos.ts'), 'utf8').replace(/^\/\/ @ts-expect-error.*\n/gm, ''));
  const bad = run(TSC, ['-p', app, '--noEmit']);
  assert.notEqual(bad.code, 0);
  assert.equal((bad.out.match(/typos\.ts\(\d+,\d+\): error/g) ?? []).length >= 7, true, bad.out);
  rmSync(join(app, 'typos.ts'));
});

test("in Node, every contract example's report deep-equals the CLI's, objects with null (never undefined)", () => {
  writeFileSync(join(app, 'example.ts'), `import ready, { evaluate, compare, whatIf, schema, ProfileError, type Profile, type Report } from 'rencai';
declare const process: { argv: string[] };
await ready();
const [examples, todays] = [JSON.parse(process.argv[2]) as Profile[], JSON.parse(process.argv[3]) as string[]];
const reports: Report[] = examples.map((profile, i) => evaluate(profile, { today: todays[i] }));
const full: Report[] = examples.map((profile, i) => evaluate(profile, { today: todays[i], detail: 'full' }));
let error: unknown = null;
try { evaluate({ education: 'phd' } as unknown as Profile); } catch (e) { error = e; }
const bad = error instanceof ProfileError ? { field: error.field, value: error.value, accepted: error.accepted, isError: error instanceof Error } : null;
const person: Profile = { place: '211000-gxq', education: 'doctorate', as_of: '2019-06-01' };
console.log(JSON.stringify({ reports, full, bad, rows: compare(person).rows.length, options: whatIf(person).options.length, fields: schema().fields.length }));
`);
  const tsc = run(TSC, ['-p', app]);
  assert.equal(tsc.code, 0, tsc.out);
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).map((f) => join(EXAMPLES, f));
  assert.ok(files.length >= 4);
  const expected = files.map((f) => cli(f));
  const profiles = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const node = run(process.execPath, [join(app, 'out/example.js'), JSON.stringify(profiles), JSON.stringify(expected.map((r) => r.as_of))], { cwd: app, maxBuffer: 64 << 20 });
  assert.equal(node.code, 0, node.out);
  const got = JSON.parse(node.stdout);
  for (const [i, file] of files.entries()) {
    assert.deepStrictEqual(got.reports[i], expected[i], file);
    // With the notes, which Node's ready() loads from rencai_notes.json (the wasm has none).
    const full = cli(file, '--full');
    assert.deepStrictEqual(got.full[i], full, `${file} --full`);
    assert.ok(full.results.some((r) => r.notes.length > 0), `${file}: some result has notes`);
  }
  // (Deep equality after JSON.stringify in Node: an `undefined` where the CLI says `null` would differ.)
  assert.deepEqual(got.bad, { field: 'education', value: 'phd', accepted: got.bad?.accepted, isError: true });
  assert.match(got.bad.accepted, /doctorate/);
  assert.ok(got.rows >= 12 && got.fields >= 20);
});

test('the browser entry leaves the notes out until loadNotes(): a full report before it throws, after it has them', async () => {
  const dir = join(app, 'node_modules/rencai');
  const rencai = await import(pathToFileURL(join(dir, 'index.js')).href);
  await rencai.default(readFileSync(join(dir, 'rencai_bg.wasm')), { texts: false });
  const file = join(EXAMPLES, 'liaoyang-phd.json');
  // The wasm holds no rule's words: until texts are loaded, a report says what to load.
  assert.throws(() => rencai.evaluate(JSON.parse(readFileSync(file, 'utf8'))), (e) => e instanceof rencai.TextsNotLoaded && e.place === '211000-gxq' && /await loadTexts\(\{ place: "211000-gxq" \}\) first/.test(e.message));
  await rencai.loadTexts({ from: JSON.parse(readFileSync(join(dir, 'texts/211000-gxq.json'), 'utf8')) });
  assert.ok(rencai.textsLoaded('211000-gxq') && !rencai.textsLoaded());
  assert.throws(() => rencai.evaluate({}), (e) => e instanceof rencai.TextsNotLoaded && e.place === null);
  await assert.rejects(rencai.loadTexts({ from: { format: 'other' } }), /not a rencai text pack/);
  // A pack of another build (its indices count in another catalogue) is refused, never joined.
  const other = JSON.parse(readFileSync(join(dir, 'texts/210000.json'), 'utf8'));
  await assert.rejects(rencai.loadTexts({ from: { ...other, digest: '0000000000000000' } }), /cut from another catalogue/);
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  assert.throws(() => rencai.evaluate(profile, { detail: 'full' }), /needs the interpretation notes: await loadNotes\(\) first/);
  assert.throws(() => rencai.evaluateJson(JSON.stringify(profile), { detail: 'full' }), /await loadNotes\(\) first/);
  // Bad input is still a ProfileError, notes or not.
  assert.throws(() => rencai.evaluate({ education: 'phd' }, { detail: 'full' }), (e) => e instanceof rencai.ProfileError && e.field === 'education');
  const lean = rencai.evaluate(profile, {});
  assert.ok(lean.results.every((r) => !('notes' in r)), 'a plain report has no notes key');
  await assert.rejects(rencai.loadNotes({ format: 'something else' }), /not rencai_notes\.json/);
  await rencai.loadNotes(JSON.parse(readFileSync(join(dir, 'rencai_notes.json'), 'utf8')));
  const full = rencai.evaluate(profile, { detail: 'full' });
  assert.ok(full.results.some((r) => r.notes.length > 0));
  assert.deepEqual(JSON.parse(rencai.evaluateJson(JSON.stringify(profile), { detail: 'full' })), full);
  // Same as the CLI's --full for this profile.
  assert.deepStrictEqual(full, cli(file, '--full'));
});

test('bad options throw one ProfileError line naming the key and what it accepts', async () => {
  const rencai = await import(pathToFileURL(join(app, 'node_modules/rencai/index.js')).href);
  await rencai.default(readFileSync(join(app, 'node_modules/rencai/rencai_bg.wasm')), { texts: false });
  await rencai.loadTexts({ from: JSON.parse(readFileSync(join(app, 'node_modules/rencai/texts/all.json'), 'utf8')) });
  const p = { place: '211000' };
  const cases = [
    [() => rencai.evaluate(p, { all: 1.5 }), 'options: all: expected true or false, got 1.5'],
    [() => rencai.evaluate(p, { detail: 'brief' }), 'options: detail: expected "full", got "brief"'],
    [() => rencai.evaluate(p, { today: 20260101 }), 'options: today: expected a date as YYYY-MM-DD, got 20260101'],
    [() => rencai.evaluate(p, { everything: true }), 'options: unknown key "everything", expected today, all, detail'],
    [() => rencai.compare(p, { all: true }), 'options: unknown key "all", expected today'],
    [() => rencai.whatIf(p, [1, 2]), 'options: expected an object, got [1,2]'],
    [() => rencai.form(p, { today: 'x'.repeat(500) }), /^today: bad date "x{80}…?", expected YYYY-MM-DD$/],
  ];
  for (const [call, message] of cases) {
    const same = (m) => (typeof message === 'string' ? m === message : message.test(m));
    assert.throws(call, (e) => e instanceof rencai.ProfileError && same(e.message) && !e.message.includes('\n'), String(message));
  }
  // Absent, undefined and null options are the defaults.
  for (const o of [undefined, null, {}, { today: null, all: null, detail: null }]) assert.ok(rencai.evaluate(p, o).results);
});

test("the decision path's room: profiles of any size and script, one after another, decide as the general path does", async () => {
  const rencai = await import(pathToFileURL(join(app, 'node_modules/rencai/index.js')).href);
  await rencai.default(readFileSync(join(app, 'node_modules/rencai/rencai_bg.wasm')), { texts: false });
  const options = { today: '2026-06-01', all: true };
  // Options of another prototype are not "plain": they go the general way (decidePacked).
  const general = (p) => rencai.decide(p, Object.assign(Object.create(null), options));
  const examples = readdirSync(EXAMPLES).map((f) => JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')));
  const hostile = [
    [{ place: '211000', title: 'x'.repeat(1 << 20) }, 'title', 'x'.repeat(80)],
    [{ place: '辽阳市' }, 'place', '辽阳市'],
    [{ education: '博士', place: '211000' }, 'education', '博士'],
    [{ age: 31, graduation_year: '2017年' }, 'graduation_year', '2017年'],
  ];
  for (let round = 0; round < 3; round++) {
    for (const [profile, field, value] of hostile) {
      for (const decide of [(p) => rencai.decide(p, options), general]) {
        assert.throws(() => decide(profile), (e) => e instanceof rencai.ProfileError && e.field === field && e.value.startsWith(value), `${field}: ${value.slice(0, 20)}`);
      }
    }
    for (const p of examples) assert.deepEqual(rencai.decide(p, options), general(p));
  }
});

test("a fresh package's first decide() reads its numbers whole, whatever the profile's size (the catalogue's head is asked for before the numbers' view is made)", async () => {
  // Each import with its own query is a fresh package module (its catalogue head not yet asked
  // for) over one engine instance; the first decide() of each must equal the general path's. A
  // copy of the package, so that the modules the other tests use keep their engine (and the
  // error class it throws) to themselves.
  const copy = mkdtempSync(join(tmpdir(), 'rencai-fresh-'));
  cpSync(join(app, 'node_modules/rencai'), copy, { recursive: true });
  const entry = pathToFileURL(join(copy, 'index.js')).href;
  const wasm = readFileSync(join(copy, 'rencai_bg.wasm'));
  const options = { today: '2026-06-01', all: true };
  for (let n = 0; n < 160; n += 3) {
    const rencai = await import(`${entry}?fresh=${n}`);
    await rencai.default(wasm, { texts: false });
    const profile = { place: '211000', age: 30, honours: Array(n).fill('academician') };
    const first = rencai.decide(profile, options);
    assert.deepEqual(first, rencai.decide(profile, Object.assign(Object.create(null), options)), `${n} honours`);
  }
  rmSync(copy, { recursive: true, force: true });
});

test('the decision path: report(decide(p)) is evaluate(p), text for text, for every example and case profile; the catalogue is shared and frozen', async () => {
  const { exampleProfiles, caseProfiles } = await import('../../benches/peers/profiles.mjs');
  const dir = join(app, 'node_modules/rencai');
  const rencai = await import(pathToFileURL(join(dir, 'index.js')).href);
  await rencai.default(readFileSync(join(dir, 'rencai_bg.wasm')), { texts: false });
  await rencai.loadTexts({ from: JSON.parse(readFileSync(join(dir, 'texts/all.json'), 'utf8')) });
  await rencai.loadNotes(JSON.parse(readFileSync(join(dir, 'rencai_notes.json'), 'utf8')));
  const profiles = [...exampleProfiles(EXAMPLES), ...caseProfiles(join(REPO, 'tests/cases'))].map((p) => p.profile);
  assert.ok(profiles.length > 200, `${profiles.length} profiles`);
  // Every profile and option decides without fault, and its decision joins into a whole report.
  let n = 0;
  for (const profile of profiles) {
    for (const options of [{ today: '2021-06-01' }, { today: '2021-06-01', all: true }, { today: '2019-06-01', detail: 'full' }]) {
      const decision = rencai.decide(profile, options);
      const report = rencai.report(decision, options);
      assert.equal(report.results.length, decision.results.length);
      assert.ok(report.results.every((r) => typeof r.title_zh === 'string' && r.title_zh.length > 0 && r.source.quote.length > 0));
      n++;
    }
  }
  // Byte for byte the CLI's text, for every contract example, plain, --all and --full.
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))) {
    const text = readFileSync(join(EXAMPLES, file), 'utf8');
    for (const flags of [[], ['--all'], ['--full']]) {
      const native = execFileSync('cargo', ['run', '-q', '--', 'eval', join(EXAMPLES, file), ...flags], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 }).trim();
      const options = { today: native.match(/"as_of":"([^"]+)"/)[1], all: flags.includes('--all'), ...(flags.includes('--full') ? { detail: 'full' } : {}) };
      assert.ok(rencai.evaluateJson(text, options) === native, `${file} ${flags.join(' ')}: the package's text differs from the CLI's`);
    }
  }
  // Text for text the CLI's: the golden digests of every case's answer (tests/snapshots, which a Rust
  // test holds equal to the native engine's) over the package's evaluateJson, which joins the wasm's
  // decisions with the text packs.
  const golden = JSON.parse(readFileSync(join(REPO, 'tests/snapshots/cases.digests.json'), 'utf8'));
  const fnv1a = (text) => {
    let h = 0xcbf29ce484222325n;
    for (const byte of Buffer.from(text, 'utf8')) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
    return h.toString(16).padStart(16, '0');
  };
  let checked = 0;
  for (const c of caseProfiles(join(REPO, 'tests/cases'))) {
    const key = `tests/cases/${c.file}: ${c.name}`;
    assert.ok(key in golden, key);
    assert.equal(fnv1a(rencai.evaluateJson(JSON.stringify(c.profile), { all: true, today: '2000-01-01' })), golden[key], key);
    checked++;
  }
  assert.ok(checked > 500, `${checked} cases`);
  // The packed form the wasm hands over unpacks into the decision the native engine writes.
  for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'))) {
    const profile = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8'));
    for (const flags of [[], ['--all']]) {
      const native = execFileSync('cargo', ['run', '-q', '--', 'eval', join(EXAMPLES, file), '--decision', ...flags], { cwd: REPO, encoding: 'utf8' });
      assert.equal(rencai.decideJson(JSON.stringify(profile), { all: flags.length > 0, today: native.match(/"as_of":"([^"]+)"/)[1] }), native.trim(), `${file} ${flags}`);
    }
  }
  const phd = JSON.parse(readFileSync(join(EXAMPLES, 'liaoyang-phd.json'), 'utf8'));
  const [d, r] = [JSON.stringify(rencai.decide(phd, { all: true })), rencai.evaluateJson(JSON.stringify(phd), { all: true })];
  assert.ok(d.length * 8 < r.length, `decision ${d.length} B, report ${r.length} B`);
  // A profile given as JSON text is read as evaluate reads it; bad input throws the same ProfileError.
  assert.deepEqual(rencai.decide(JSON.stringify(phd), { all: true }), rencai.decide(phd, { all: true }));
  for (const bad of [{ education: 'phd' }, { place: '999999' }, 'not json', { as_of: '2019-02-30' }]) {
    let want;
    try { rencai.evaluate(bad); } catch (e) { want = e; }
    assert.throws(() => rencai.decide(bad), (e) => e instanceof rencai.ProfileError && e.message === want.message && e.field === want.field);
  }
  // Options go the quick way only when the engine would take them as they are; else as evaluate reads them.
  const badOptions = [{ everything: null }, { all: 1 }, { today: 20260101 }, { detail: 'brief' }, { everything: true }, [1], 'x', { today: '2019-02-30' }, { today: 'x'.repeat(300) }];
  for (const o of badOptions) {
    let want;
    try { rencai.evaluate(phd, o); } catch (e) { want = e; }
    assert.ok(want, JSON.stringify(o));
    assert.throws(() => rencai.decide(phd, o), (e) => e instanceof rencai.ProfileError && e.message === want.message && e.field === want.field, JSON.stringify(o));
  }
  for (const o of [undefined, null, {}, { today: null, all: null, detail: null }, { all: true, detail: 'full' }, { today: undefined }, Object.assign(Object.create(null), { all: true })]) {
    assert.equal(JSON.stringify(rencai.report(rencai.decide(phd, o))), JSON.stringify(rencai.evaluate(phd, o && { ...o, detail: undefined })), String(o && JSON.stringify(o)));
  }
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => rencai.decide(cyclic), (e) => e instanceof rencai.ProfileError && e.message === 'profile: not a plain object of profile fields');
  // Every report joined from the catalogue shares its objects, so they cannot be changed by mistake.
  const cat = rencai.pageCatalog();
  assert.equal(rencai.pageCatalog(), cat, 'built once');
  assert.ok(Object.isFrozen(cat.rules[0]) && Object.isFrozen(cat.rules[0].source));
  assert.throws(() => { cat.rules[0].title_zh = 'x'; }, TypeError);
  assert.equal(cat.rules.length, new Set(cat.rules.map((r) => r.rule)).size);
  // A decision naming a rule the engine does not have is refused, not joined into a partial report.
  const forged = rencai.decide(phd, { all: true });
  forged.results[0][0] = cat.rules.length + 5;
  assert.throws(() => rencai.report(forged), RangeError);
  assert.ok(n >= 600);
});

test("index.html's prerendered first screen: the engine answers the empty profile alike on every day of the days it is shown for", async () => {
  // scripts/prerender.mjs saved the empty-profile screen of one day and the days the catalogue
  // treats alike; www/boot.js shows it on any of them, with that day's date. What the screen shows
  // comes from these three answers (the overview of places, the form's plan, the decision).
  const { addDays: shift, prerenderedDays } = await import('../../scripts/prerender.mjs');
  const { made, from, until } = prerenderedDays(readFileSync(join(REPO, 'site/index.html'), 'utf8')) ?? {};
  assert.ok(made && from <= made && made < until, `site/index.html holds a prerendered screen and its days (${made}: ${from} to ${until})`);
  const dir = join(app, 'node_modules/rencai');
  const rencai = await import(pathToFileURL(join(dir, 'index.js')).href);
  await rencai.default(readFileSync(join(dir, 'rencai_bg.wasm')), { texts: false });
  await rencai.loadTexts({ from: JSON.parse(readFileSync(join(dir, 'texts/all.json'), 'utf8')) });
  const answers = (day) => JSON.stringify([rencai.compare({}, { today: day }), rencai.form({}, { today: day }), rencai.decide({}, { today: day, all: true })]).split(day).join('TODAY');
  const last = until === '9999-12-31' ? '2199-12-31' : shift(until, -1);
  const first = from === '0000-01-01' ? '1950-01-01' : from;
  const span = Math.round((Date.parse(last) - Date.parse(first)) / 864e5);
  const days = [first, made, last, ...Array.from({ length: 40 }, (_, i) => shift(first, Math.floor((span * (i * 7919 % 40)) / 40)))];
  const expected = answers(made);
  for (const day of days) assert.equal(answers(day), expected, `the empty profile on ${day} is answered as on ${made}`);
  // And the comparison can tell days apart: while most of the catalogue was in force, the same
  // empty profile was answered otherwise.
  assert.notEqual(answers('2019-06-01'), answers('2023-06-01'), 'the answers do depend on the day');
});
