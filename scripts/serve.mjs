// A tiny static server for the page: 127.0.0.1 only, correct MIME types (application/wasm for
// streaming compilation), and the strict Content-Security-Policy the page must work under.
// Usage: node scripts/serve.mjs [--root www] [--port 8000] [--no-csp]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/** Sent gzip-compressed to a browser that accepts it, as any real web server would. */
const COMPRESS = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.svg', '.txt']);

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

/** Whether an Accept-Encoding header takes gzip (listed, and not with q=0). */
function acceptsGzip(header = '') {
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    return (name === 'gzip' || name === '*') && !(q && Number(q.slice(2)) === 0);
  });
}

/**
 * Starts the server; resolves to { server, url }. Port 0 picks a free port. `gate(req, res)`, for
 * tests, sees each request first and returns true when it has answered it (or cut it).
 */
export function startServer({ root = 'site', port = 8000, host = '127.0.0.1', csp = CSP, log = false, gate = null } = {}) {
  const base = resolve(root);
  const gzipped = new Map();
  const server = createServer(async (req, res) => {
    if (gate?.(req, res)) return;
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request');
      return;
    }
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) info = await stat((file = join(file, 'index.html')));
      let body = await readFile(file);
      const headers = {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        // A portal on another origin may load the custom element's modules and wasm.
        'Access-Control-Allow-Origin': '*',
      };
      if (csp) headers['Content-Security-Policy'] = csp;
      if (COMPRESS.has(extname(file))) {
        headers.Vary = 'Accept-Encoding';
        if (acceptsGzip(req.headers['accept-encoding'])) {
          // One compressed copy per file, replaced when the file changes.
          const stamp = `${info.mtimeMs}:${info.size}`;
          if (gzipped.get(file)?.stamp !== stamp) gzipped.set(file, { stamp, body: gzipSync(body) });
          body = gzipped.get(file).body;
          headers['Content-Encoding'] = 'gzip';
        }
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
      if (log) console.log(`200 ${path}`);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      if (log) console.log(`404 ${path}`);
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  // --no-csp: for a measurement's own static pages only (scripts/budgets.mjs), never the page.
  const csp = process.argv.includes('--no-csp') ? null : CSP;
  const { url } = await startServer({ root: arg('--root', 'site'), port: Number(arg('--port', 8000)), csp });
  console.log(`rencai: serving ${arg('--root', 'site')}/ at ${url} (Ctrl-C to stop)`);
}
