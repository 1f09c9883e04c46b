// Minifies the page as it ships: every .js and .css file under a folder, in place (esbuild's
// transform, one file at a time: the modules and their imports stay as they are; bundling, where
// wanted, is scripts/bundle.mjs's, before this).
// Chinese text is kept as UTF-8 rather than escaped, and licence comments are dropped (the
// licences ship beside the package).
//
// Usage: node scripts/minify.mjs DIR   (scripts/build-web.sh runs it on site/)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/minify.mjs DIR');
  process.exit(2);
}
const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (['.js', '.css'].includes(extname(e.name))) files.push(p);
  }
};
walk(dir);
let before = 0;
let after = 0;
for (const file of files) {
  const source = readFileSync(file, 'utf8');
  const loader = extname(file).slice(1);
  const { code } = transformSync(source, { loader, minify: true, charset: 'utf8', legalComments: 'none', target: loader === 'js' ? 'es2022' : undefined });
  writeFileSync(file, code);
  before += Buffer.byteLength(source);
  after += Buffer.byteLength(code);
}
console.log(`minify: ${files.length} files in ${dir}, ${before} -> ${after} bytes`);
