// Lists every module the page imports statically as a <link rel="modulepreload"> in the shipped
// index.html, so the browser fetches them all at once instead of a level of imports per round trip
// (on a phone's 150 ms latency, each level of the graph cost one). The source index.html names
// only the first few; this writes the whole list, from the module graph, into site/index.html.
//
// Usage: node scripts/preload.mjs [DIR]   (default site/; scripts/build-web.sh runs it)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { moduleGraph } from './build-single.mjs';

const root = resolve(process.argv[2] ?? 'site');
const file = join(root, 'index.html');
let html = readFileSync(file, 'utf8');
const entries = [...html.matchAll(/<script\b[^>]*type=["']?module["']?[^>]*src=["']?([^"'\s>]+)/gi)].map((m) => m[1].replace(/^\.\//, ''));
const modules = [...new Set(entries.flatMap((e) => moduleGraph(root, e, { dynamic: false }).map((m) => m.path)))].filter((p) => !entries.includes(p));
html = html.replace(/<link rel="modulepreload" href="[^"]*">\n?/g, '');
const links = modules.map((p) => `<link rel="modulepreload" href="${p}">`).join('\n');
html = html.replace(/(<script\b[^>]*type=["']?module)/i, `${links}\n$1`);
writeFileSync(file, html);
console.log(`preload: ${modules.length} modules listed in ${file}`);
