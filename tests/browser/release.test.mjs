// Releases never mix: visit release 1, switch the server to release 2, cut the network half-way
// through the update, reload offline: the page runs release 1 whole. Restore the network: the page
// says a newer release is ready, and on reload runs release 2 whole.
// Run: node --test tests/browser/ (after scripts/build-web.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { writeRelease } from '../../scripts/release.mjs';

let browser;
let dir;
before(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'rencai-release-'));
});
after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Waits until a service worker controls the page. */
const controlled = (page) => page.evaluate(() => Promise.race([
  (async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  })(),
  new Promise((_, fail) => setTimeout(() => fail(new Error('no service worker took control within 20 s')), 20000)),
]));

/** What the page runs: its footer's release line, its title, and whether the engine answers. */
async function running(page) {
  await page.locator('.rc-summary-place').waitFor({ timeout: 20000 });
  await page.locator('.rc-release:not([hidden])').waitFor({ timeout: 20000 });
  return {
    release: await page.locator('.rc-release').innerText(),
    title: await page.locator('.rc-title').innerText(),
    results: await page.locator('.rc-jur').count(),
  };
}

test('a release moves to the next only whole: a cut update leaves release 1 running offline, a full one moves to release 2', { timeout: 120000 }, async () => {
  const root = join(dir, 'site');
  cpSync('site', root, { recursive: true });
  const r1 = await writeRelease({ root, built: '2026-01-01' });

  // The network, as the test controls it: after `allow` more files it cuts every connection.
  let allow = Infinity;
  const served = [];
  const gate = (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (allow <= 0) {
      res.socket.destroy();
      served.push(`cut ${path}`);
      return true;
    }
    allow -= 1;
    served.push(path);
    return false;
  };
  const { server, url } = await startServer({ root, port: 0, gate });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const uncaught = [];
    page.on('pageerror', (e) => uncaught.push(e.message));
    const at = `${url}#p=${Buffer.from(JSON.stringify({ place: '211000' })).toString('base64url')}`;
    await page.goto(at);
    await controlled(page);
    const one = await running(page);
    assert.equal(one.release, `规则版本：2026-01-01构建，收录政策文件截至${r1.newest_document}。版本号：${r1.id.slice(0, 8)}`);

    // Release 2 on the server: a new title, a rebuilt glue (so glue and wasm of the two differ as a
    // pair would), a new manifest.
    // The module holding the page's strings (i18n.js, bundled into a chunk as the site ships).
    const i18n = join(root, readdirSync(root).find((f) => f.endsWith('.js') && /appTitle:\s*(['"])人才政策计算器\1/.test(readFileSync(join(root, f), 'utf8'))));
    writeFileSync(i18n, readFileSync(i18n, 'utf8').replace(/appTitle:\s*(['"])人才政策计算器\1/, 'appTitle:"人才政策计算器 R2"'));
    assert.ok(readFileSync(i18n, 'utf8').includes('R2'), 'release 2 renames the page');
    writeFileSync(join(root, 'pkg', 'rencai.js'), `${readFileSync(join(root, 'pkg', 'rencai.js'), 'utf8')}\n// release 2\n`);
    const r2 = await writeRelease({ root, built: '2099-01-01' });
    assert.notEqual(r2.id, r1.id);

    // The update starts (the worker and its manifest come through) and the network dies half-way.
    allow = 2 + Math.floor(Object.keys(r2.files).length / 2);
    const outcome = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      const found = new Promise((ok) => reg.addEventListener('updatefound', () => ok(reg.installing), { once: true }));
      await reg.update().catch(() => {});
      const worker = await Promise.race([found, new Promise((ok) => setTimeout(() => ok(null), 10000))]);
      if (!worker) return 'no update found';
      if (worker.state === 'redundant') return 'redundant';
      return new Promise((ok) => worker.addEventListener('statechange', () => {
        if (worker.state === 'redundant' || worker.state === 'installed') ok(worker.state);
      }));
    });
    assert.equal(outcome, 'redundant', `the half-fetched release must not install (${served.join(', ')})`);
    assert.ok(served.some((s) => s.startsWith('cut ')), 'the network was cut during the update');

    // Offline: the page runs release 1, every file of it.
    await context.setOffline(true);
    const fromWorker = [];
    const onResponse = (r) => fromWorker.push([new URL(r.url()).pathname, r.fromServiceWorker()]);
    page.on('response', onResponse);
    await page.reload();
    const offline = await running(page);
    page.off('response', onResponse);
    assert.deepEqual(offline, { ...one, results: offline.results });
    assert.ok(offline.results > 0);
    assert.equal(offline.title, '人才政策计算器');
    const notFromWorker = fromWorker.filter(([, sw]) => !sw).map(([p]) => p);
    assert.deepEqual(notFromWorker, [], 'every file came from the release 1 cache');
    assert.equal(await page.locator('.rc-update:not([hidden])').count(), 0, 'no update is offered');

    // The network is back: the next visit fetches release 2 whole; the page offers it.
    allow = Infinity;
    await context.setOffline(false);
    await page.reload();
    await running(page);
    const offer = page.locator('.rc-update:not([hidden])');
    await offer.waitFor({ timeout: 30000 });
    assert.match(await offer.innerText(), /新版本已就绪（2099-01-01构建/);
    // Until the person asks, release 1 goes on.
    assert.equal(await page.locator('.rc-title').innerText(), '人才政策计算器');
    await Promise.all([page.waitForEvent('load'), offer.getByRole('button', { name: '重新加载' }).click()]);
    const two = await running(page);
    assert.equal(two.title, '人才政策计算器 R2');
    assert.match(two.release, new RegExp(`2099-01-01.*${r2.id.slice(0, 8)}`));
    assert.ok(two.results > 0, 'release 2 engine answers (its glue and wasm match)');

    // And release 2 is whole offline too, with release 1's cache gone.
    await context.setOffline(true);
    await page.reload();
    assert.deepEqual(await running(page), two);
    const caches = await page.evaluate(() => caches.keys());
    assert.deepEqual(caches, [`rencai-release-${r2.id}`]);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
    server.close();
  }
});
