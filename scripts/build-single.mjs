// Writes dist/rencai.html: the page as ONE self-contained file (HTML, CSS, every JS module and the
// wasm inlined; no external reference at all) that works opened from file:// with no network.
// Plain Node, no dependencies, no bundler.
//
// Usage: node scripts/build-single.mjs [--root www] [--html index.html] [--out dist/rencai.html]
//
// # Design
// ES modules cannot import each other from inline scripts, so the file carries each module's source
// (and the rules' words) in one JSON data block and the wasm in another, each gzip-compressed and
// base64-encoded (DecompressionStream opens them: the file is about half the size), and a small
// inline bootstrap module turns the modules into blob: URLs in dependency order, rewriting each relative import specifier to the blob URL of
// the module it names. It then loads the engine module with the wasm bytes (`ready(bytes)`, so
// nothing is fetched) and imports the page's entry module, which mounts the page as usual. The
// import graph is discovered by parsing the import statements, starting from the page's
// `<script type="module" src>`, so new modules are picked up without touching this script.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const packed = (buf) => gzipSync(buf, { level: 9 }).toString('base64');

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The module that exports `ready(source)` (the wasm loader), by the page's contract. */
export const ENGINE = 'engine.js';

// Relative specifiers in `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`.
// Comments are blanked first so commented-out imports are not followed.
const IMPORT_RES = [
  /(\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?)(['"])(\.{1,2}\/[^'"\n]+)\2/g,
  /(\bexport\s*(?:\*\s*(?:as\s+[\w$]+\s*)?|\{[^}]*\}\s*)from\s*)(['"])(\.{1,2}\/[^'"\n]+)\2/g,
  /(\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]+)\2/g,
];

/** Blanks comments (keeping length and newlines) so offsets still line up with the source. */
function blankComments(src) {
  let out = '';
  let i = 0;
  let quote = null;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') { out += n ?? ''; i += 2; continue; }
      if (c === quote) quote = null;
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c; out += c; i++;
    } else if (c === '/' && n === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      out += ' '.repeat(stop - i); i = stop;
    } else if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' '); i = stop;
    } else {
      out += c; i++;
    }
  }
  return out;
}

/** The relative import specifiers of a module: [{ start, end, specifier }] (offsets of the text inside the quotes). */
export function importsOf(source) {
  const code = blankComments(source);
  const found = new Map();
  for (const re of IMPORT_RES) {
    re.lastIndex = 0;
    for (let m; (m = re.exec(code)); ) {
      const start = m.index + m[1].length + 1;
      found.set(start, { start, end: start + m[3].length, specifier: m[3], dynamic: re === IMPORT_RES[2] });
    }
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/**
 * The module graph from `entry` (a path relative to `root`), in dependency order (every module after
 * the modules it imports). Throws on a missing module or an import cycle. With `dynamic: false`,
 * only what static imports reach (what a page loads before any `import()` it makes on demand).
 */
export function moduleGraph(root, entry, { dynamic = true } = {}) {
  const base = resolve(root);
  const modules = new Map(); // path (relative to root, '/'-separated) -> { path, source, imports }
  const order = [];
  const visiting = new Set();
  const visit = (path, from) => {
    if (modules.has(path)) return;
    if (visiting.has(path)) throw new Error(`build-single: import cycle through ${path} (from ${from})`);
    const file = join(base, ...path.split('/'));
    if (!file.startsWith(base + sep)) throw new Error(`build-single: ${from} imports ${path}, outside ${root}/`);
    if (!existsSync(file)) throw new Error(`build-single: ${from} imports ./${path}, which does not exist`);
    visiting.add(path);
    const source = readFileSync(file, 'utf8');
    const imports = importsOf(source)
      .filter((imp) => dynamic || !imp.dynamic)
      .map((imp) => ({ ...imp, path: new URL(imp.specifier, `file:///${path}`).pathname.slice(1) }));
    for (const imp of imports) visit(imp.path, path);
    visiting.delete(path);
    const module = { path, source, imports };
    modules.set(path, module);
    order.push(module);
  };
  visit(entry, 'the page');
  return order;
}

const MIME = {
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.woff': 'font/woff', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json',
};

const isLocal = (ref) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(ref);

function dataUrl(file) {
  const type = MIME[extname(file).toLowerCase()];
  if (!type) throw new Error(`build-single: cannot inline ${file} (unknown type)`);
  return `data:${type};base64,${readFileSync(file).toString('base64')}`;
}

/** CSS with `@import`s inlined and local `url(…)`s turned into data: URLs. */
function inlineCss(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  const dir = dirname(file);
  return readFileSync(file, 'utf8')
    .replace(/@import\s+(?:url\()?\s*(['"]?)([^'")\s;]+)\1\s*\)?\s*;/g, (all, _q, ref) =>
      isLocal(ref) ? inlineCss(resolve(dir, ref), seen) : all)
    .replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (all, _q, ref) =>
      isLocal(ref) && !ref.startsWith('data:') ? `url("${dataUrl(resolve(dir, ref))}")` : all)
    .replace(/<\/style/gi, '<\\/style');
}

const attr = (tag, name) => tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'))?.slice(1).find((v) => v !== undefined);

// Runs in the page: builds the blob: modules, loads the engine with the inlined wasm, imports the entry.
const BOOTSTRAP = `
const show = (e) => {
  console.error(e);
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = '无法启动计算器 / The calculator could not start: ' + (e && e.message || e);
  document.body.append(p);
};
const unpack = (id) => {
  const b64 = document.getElementById(id).textContent.trim();
  let bytes;
  if (typeof Uint8Array.fromBase64 === 'function') bytes = Uint8Array.fromBase64(b64);
  else { const s = atob(b64); bytes = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i); }
  return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')));
};
try {
  if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot open the file (it needs DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or later)');
  const [bundle, wasm] = await Promise.all([unpack('rencai-bundle').json(), unpack('rencai-wasm').arrayBuffer()]);
  const urls = [];
  for (const m of bundle.modules) {
    const source = m.source.replace(/__rencai_single_module_(\\d+)__/g, (_, i) => urls[+i]);
    urls.push(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  }
  const engine = await import(urls[bundle.engine]);
  await engine.ready(wasm, bundle.texts);
  for (const i of bundle.entries) await import(urls[i]);
} catch (e) { show(e); }
`;

/** Builds the single file; returns { out, bytes, gzip, modules }. */
export function buildSingle({ root = join(REPO, 'site'), html = 'index.html', out = join(REPO, 'dist', 'rencai.html') } = {}) {
  const base = resolve(root);
  let page = readFileSync(join(base, html), 'utf8');
  const warnings = [];

  // The prerendered first screen and its gate (scripts/prerender.mjs, boot.js) are the served
  // page's: the single file shows its skeleton until the engine is up.
  page = page
    .replace(/<!-- rencai:prerendered -->[\s\S]*?<!-- \/rencai:prerendered -->\n?/, '')
    .replace(/<script src="boot\.js"><\/script>\n?/, '')
    .replace(/ data-rc-prerendered="[^"]*" data-rc-valid="[^"]*"/, '');

  // Stylesheets -> <style>.
  page = page.replace(/<link\b[^>]*>/gi, (tag) => {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase();
    const href = attr(tag, 'href');
    if (!href || !isLocal(href)) return tag;
    if (rel.split(/\s+/).includes('stylesheet')) return `<style>\n${inlineCss(join(base, href))}\n</style>`;
    if (rel.includes('icon')) return tag.replace(href, dataUrl(join(base, href)));
    if (rel === 'manifest' || rel === 'modulepreload' || rel === 'preload') return ''; // not needed offline in one file
    return tag;
  });

  // Module scripts -> entries of the bundle; the graph is followed from each.
  const entries = [];
  page = page.replace(/<script\b[^>]*>\s*<\/script>/gi, (tag) => {
    const src = attr(tag, 'src');
    if (!src) return tag;
    if (!isLocal(src)) throw new Error(`build-single: ${html} loads a foreign script ${src}`);
    if ((attr(tag, 'type') ?? '').toLowerCase() !== 'module') throw new Error(`build-single: ${html}: <script src=${src}> is not a module`);
    entries.push(src.replace(/^\.\//, ''));
    return '';
  });
  if (entries.length === 0) throw new Error(`build-single: ${html} has no <script type="module" src>`);

  // One ordered list of modules across all entries.
  const modules = [];
  const index = new Map();
  for (const entry of entries) {
    for (const m of moduleGraph(base, entry)) {
      if (!index.has(m.path)) { index.set(m.path, modules.length); modules.push(m); }
    }
  }
  if (!index.has(ENGINE)) throw new Error(`build-single: the page does not import ${ENGINE} (which must export ready(source))`);
  if (!/export\s+(?:async\s+)?function\s+ready\b|export\s+(?:const|let)\s+ready\b/.test(modules[index.get(ENGINE)].source)) {
    throw new Error(`build-single: ${ENGINE} does not export ready(source)`);
  }

  // The wasm: what the binding loads relative to itself (new URL('x.wasm', import.meta.url)). Data
  // files loaded the same way (release.json) become data: URLs in the module's source.
  let wasmFile = null;
  for (const m of modules) {
    for (const u of m.source.matchAll(/new\s+URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)) {
      const target = new URL(u[2], `file:///${m.path}`).pathname.slice(1);
      if (target.endsWith('.wasm')) wasmFile = target;
      else if (target.endsWith('.json') && existsSync(join(base, target))) (m.inline ??= []).push([u[0], `new URL(${JSON.stringify(dataUrl(join(base, target)))})`]);
      else warnings.push(`${m.path} loads ${u[2]} relative to itself; it is not inlined and will not load from the single file`);
    }
  }
  if (!wasmFile) throw new Error('build-single: no module loads a .wasm relative to itself (new URL(…, import.meta.url))');
  const wasm = readFileSync(join(base, wasmFile));

  // The rules' words, which the page otherwise fetches a place at a time: every place's, inline
  // (the site leaves texts/all.json out; the package beside it, pkg/, has it).
  const textsFile = [join(base, dirname(wasmFile), 'texts', 'all.json'), join(REPO, 'pkg', 'texts', 'all.json')].find((f) => existsSync(f));
  const bundle = {
    engine: index.get(ENGINE),
    entries: entries.map((e) => index.get(e)),
    texts: textsFile ? JSON.parse(readFileSync(textsFile, 'utf8')) : null,
    modules: modules.map((m) => {
      let source = m.source;
      for (const imp of [...m.imports].reverse()) {
        source = source.slice(0, imp.start) + `__rencai_single_module_${index.get(imp.path)}__` + source.slice(imp.end);
      }
      for (const [from, to] of m.inline ?? []) source = source.replace(from, to);
      return { path: m.path, source };
    }),
  };
  // Base64 holds no '<', so no "</script" or "<!--" can end a data block early.
  const scripts = `<script type="application/gzip" id="rencai-bundle">${packed(Buffer.from(JSON.stringify(bundle)))}</script>\n` +
    `<script type="application/gzip" id="rencai-wasm">${packed(wasm)}</script>\n<script type="module">${BOOTSTRAP}</script>\n`;
  page = page.includes('</body>') ? page.replace(/<\/body>/i, `${scripts}</body>`) : page + scripts;

  // Nothing may point outside the file.
  const leftover = [...page.replace(/<script type="application\/gzip" id="rencai-(?:bundle|wasm)">[\s\S]*?<\/script>/g, '')
    .matchAll(/\s(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]).filter((r) => !r.startsWith('data:') && !r.startsWith('#'));
  if (leftover.length) throw new Error(`build-single: references left in the single file: ${leftover.join(', ')}`);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, page);
  const bytes = Buffer.byteLength(page);
  return { out, bytes, gzip: gzipSync(page, { level: 9 }).length, modules: modules.map((m) => m.path), wasm: wasmFile, warnings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  try {
    const r = buildSingle({
      root: resolve(arg('--root', join(REPO, 'site'))),
      html: arg('--html', 'index.html'),
      out: resolve(arg('--out', join(REPO, 'dist', 'rencai.html'))),
    });
    for (const w of r.warnings) console.warn(`build-single: warning: ${w}`);
    console.log(`build-single: ${relative(process.cwd(), r.out) || r.out}: ${r.bytes} bytes (${r.gzip} gzip), ` +
      `modules ${r.modules.join(' ')} + ${r.wasm}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
