// Offline: the single file from file:// with no network, and the service worker's offline reload.
// Run: node --test tests/browser/ (after scripts/build-web.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serve } from './harness.mjs';
import { buildSingle } from '../../scripts/build-single.mjs';

const ROOT = process.env.RENCAI_WWW ?? 'site';
/** A rendered result of the calculator (a result card with its status badge). */
// Rendered from the engine's answer: a jurisdiction section, or without a place the overview of places.
const RESULT = process.env.RENCAI_RESULT ?? '.rc-jur, .rc-overview';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the single file dist/rencai.html renders results from file:// with every non-file request blocked', { timeout: 60000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rencai-single-'));
  try {
    const { out } = buildSingle({ root: resolve(ROOT), out: join(dir, 'rencai.html') });
    const context = await browser.newContext({ offline: true, serviceWorkers: 'block' });
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    await context.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort('internetdisconnected'));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(out).href);
    await page.locator(RESULT).first().waitFor({ timeout: 15000 });
    assert.ok(await page.locator(RESULT).count() > 0, 'results render');
    assert.deepEqual(errors, [], 'no errors');
    const foreign = requests.filter((u) => !/^(?:file|data|blob):/.test(u));
    assert.deepEqual(foreign, [], 'the single file makes no request but to itself');
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('after one visit the service worker serves the page offline (reload with the network cut)', { timeout: 60000 }, async () => {
  const { server, url } = await serve({ root: ROOT });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(RESULT).first().waitFor({ timeout: 15000 });
    // Wait until the worker has installed (precached) and controls the page.
    const scope = await page.evaluate(() => Promise.race([
      (async () => {
        const reg = await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
        }
        return reg.scope;
      })(),
      new Promise((_, fail) => setTimeout(() => fail(new Error('no service worker took control within 15 s')), 15000)),
    ]));
    assert.equal(scope, url);

    // Cut the network both ways: the browser is offline and the server is gone.
    server.closeAllConnections?.();
    await new Promise((ok) => server.close(ok));
    await context.setOffline(true);

    const fromWorker = new Map();
    context.on('response', (r) => fromWorker.set(new URL(r.url()).pathname, r.fromServiceWorker()));
    const response = await page.reload();
    assert.ok(response.fromServiceWorker(), 'the page comes from the service worker');
    await page.locator(RESULT).first().waitFor({ timeout: 15000 });
    assert.ok(await page.locator(RESULT).count() > 0, 'results render offline');
    assert.equal(fromWorker.get('/pkg/rencai_bg.wasm'), true, 'the wasm comes from the service worker');

    // The embedding demo and the iframe target were precached too.
    await page.goto(`${url}embed-frame.html?place=211000&lang=zh`);
    await page.locator(`rencai-calculator ${RESULT}`).first().waitFor({ timeout: 15000 });
  } finally {
    await context.close();
    server.close();
  }
});
