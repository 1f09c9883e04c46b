// Makes pkg/ (wasm-bindgen's output) the npm package a portal installs: the entry module
// (package/index.js: ready(), ProfileError, the engine's functions; package/node.js for Node,
// which reads the wasm from disk) and its declarations, the
// README, the licences, the interpretation notes (rencai_notes.json, loaded on demand), the text
// packs (texts/: the rules' and documents' words, which the wasm leaves out), and a package.json
// with `exports` and `types`.
// Usage: node scripts/package.mjs [--pkg pkg]
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--pkg');
const PKG = resolve(i > 0 ? process.argv[i + 1] : join(REPO, 'pkg'));

// Name, version, description and licence: the root crate's, as Cargo.toml states them.
const metadata = JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1'], { cwd: REPO, encoding: 'utf8' }));
const generated = metadata.packages.find((p) => p.name === 'rencai');
for (const f of ['index.js', 'node.js', 'index.d.ts', 'README.md']) copyFileSync(join(REPO, 'package', f), join(PKG, f));
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(REPO, f), join(PKG, f));

// The interpretation notes, which the wasm leaves out (a sixth of its transfer) and the package
// loads on demand for `{ detail: "full" }`: from the CLI's catalogue export, the same rules.
const catalog = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'rencai', '--', 'catalog', '--json'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 }));
const notesOf = (items) => Object.fromEntries(items.filter((x) => x.notes.length).map((x) => [x.id, x.notes]));
const notes = { format: 'rencai-notes', version: catalog.version, rules: notesOf(catalog.rules), documents: notesOf(catalog.documents) };
writeFileSync(join(PKG, 'rencai_notes.json'), `${JSON.stringify(notes)}\n`);

// The text packs: the page catalogue (`rencai catalog --page`: every rule and document as reports
// word them) cut by place. texts/<place>.json holds the words of the rules of the place's whole
// chain (national first) and of the documents they cite, so a page with a place fetches one file;
// texts/all.json holds every rule's. Keys are the indices decisions name.
const page = JSON.parse(execFileSync('cargo', ['run', '-q', '--bin', 'rencai', '--', 'catalog', '--page'], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 }));
const texts = join(PKG, 'texts');
rmSync(texts, { recursive: true, force: true });
mkdirSync(texts);
const pack = (place, holds) => {
  const rules = {};
  const documents = {};
  page.rules.forEach((r, i) => {
    if (!holds(page.places[page.rule_places[i]].id)) return;
    rules[i] = r;
    const d = page.documents.findIndex((doc) => doc.id === r.document);
    documents[d] = page.documents[d];
  });
  const data = { format: 'rencai-texts', version: catalog.version, digest: page.digest, place, rule_count: page.rules.length, rules, documents };
  writeFileSync(join(texts, `${place ?? 'all'}.json`), `${JSON.stringify(data)}\n`);
};
pack(null, () => true);
for (const p of page.places) pack(p.id, (id) => p.chain.includes(id));

const pkg = {
  name: generated.name,
  version: generated.version,
  description: generated.description,
  license: generated.license,
  type: 'module',
  main: './index.js',
  module: './index.js',
  types: './index.d.ts',
  exports: {
    '.': { types: './index.d.ts', node: './node.js', default: './index.js' },
    './rencai_bg.wasm': './rencai_bg.wasm',
    './rencai_notes.json': './rencai_notes.json',
    './texts/*': './texts/*',
    './package.json': './package.json',
  },
  files: ['index.js', 'node.js', 'index.d.ts', 'rencai.js', 'rencai.d.ts', 'rencai_bg.wasm', 'rencai_bg.wasm.d.ts', 'rencai_notes.json', 'texts/', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE'],
  sideEffects: false,
  engines: { node: '>=18' },
  keywords: ['talent policy', '人才政策', '职称', 'wasm', 'rules engine'],
};
writeFileSync(join(PKG, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
console.log(`package: ${pkg.name}@${pkg.version} in ${PKG}`);
