// Engine faults: the wasm missing (404), truncated, corrupt or served with the wrong MIME type, and
// a trap inside the running engine. The page says so in its own language with a retry, and once
// the cause is gone the retry (or the next evaluation) works on a fresh instance.
// Run: node --test tests/browser/ (after scripts/build-web.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite } from './harness.mjs';

const site = useSite();
const WASM = readFileSync('site/pkg/rencai_bg.wasm');
const hashOf = (profile, lang) => `#p=${Buffer.from(JSON.stringify(profile)).toString('base64url')}${lang === 'en' ? '&lang=en' : ''}`;

/** The broken answers a server or a proxy can give for the .wasm. */
const BROKEN = {
  missing: { status: 404, contentType: 'text/plain', body: 'not found' },
  truncated: { status: 200, contentType: 'application/wasm', body: WASM.subarray(0, WASM.length >> 1) },
  corrupt: { status: 200, contentType: 'application/wasm', body: Buffer.concat([WASM.subarray(0, 8), Buffer.alloc(4096, 0xff), WASM.subarray(8 + 4096)]) },
  'not wasm': { status: 200, contentType: 'text/html', body: '<!doctype html><title>portal error page</title>' },
};

async function openBroken(fault, lang) {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  const wasm = `${site.url}pkg/rencai_bg.wasm`;
  await page.route(wasm, (route) => route.fulfill(BROKEN[fault]));
  await page.goto(site.url + hashOf({ place: '211000', age: 30 }, lang));
  return { context, page, uncaught, heal: () => page.unroute(wasm) };
}

for (const fault of Object.keys(BROKEN)) {
  test(`a ${fault} .wasm: a clear message with a retry, and the retry works once the file is back`, async () => {
    const { context, page, uncaught, heal } = await openBroken(fault);
    const alert = page.locator('.rc-fatal[role="alert"]');
    await alert.waitFor();
    assert.equal(await alert.locator('p').first().innerText(), '计算引擎未能加载。请检查网络连接后重试。');
    assert.equal(await page.locator('form.rc-form').count(), 0);
    // The retry, still broken: the same message again, never a blank page.
    await alert.getByRole('button', { name: '重试' }).click();
    await alert.getByRole('button', { name: '重试' }).waitFor();
    assert.equal(await alert.count(), 1);
    await heal();
    await alert.getByRole('button', { name: '重试' }).click();
    await page.locator('.rc-summary-place').waitFor();
    assert.match(await page.locator('.rc-summary-place').innerText(), /辽阳市/);
    assert.equal(await page.locator('form.rc-form [data-field="age"]').inputValue(), '30', 'the entries survived');
    assert.equal(await page.locator('.rc-fatal').count(), 0);
    assert.deepEqual(uncaught, []);
    await context.close();
  });
}

test('the load failure speaks English on an English page', async () => {
  const { context, page } = await openBroken('missing', 'en');
  const alert = page.locator('.rc-fatal[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /^The calculation engine could not be loaded\. Check your connection and try again\.\s+Retry\s+Technical details$/);
  await context.close();
});

test('the wasm served with a wrong MIME type still runs (compiled from its bytes)', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.route(`${site.url}pkg/rencai_bg.wasm`, (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: WASM }));
  await page.goto(site.url + hashOf({ place: '211000' }));
  await page.locator('.rc-summary-place').waitFor();
  assert.equal(await page.locator('.rc-fatal').count(), 0);
  await context.close();
});

test('a trap inside the engine: the page says so with a retry, and the engine works again on a fresh instance', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (e) => uncaught.push(e.message));
  // The glue, with a switch that makes the next evaluation trap for real inside the instance: an
  // allocation no layout allows, which the release build (panic = "abort") turns into `unreachable`.
  // The way every evaluation goes in: the decision path (the page's, and the package's evaluate).
  await page.route(`${site.url}pkg/rencai.js`, async (route) => {
    const res = await route.fetch();
    const text = await res.text();
    // The glue is minified: find the call whatever its module object is named now, and make the
    // switch an expression, so it fits wherever the call stands.
    const calls = [...text.matchAll(/([\w$]+)\.decideInRoom\(/g)];
    assert.equal(calls.length, 1, 'the glue calls decideInRoom once');
    const wasm = calls[0][1];
    const body = text.replace(calls[0][0], `(globalThis.__rencaiTrap && (globalThis.__rencaiTrap = false, ${wasm}.__wbindgen_malloc(0xfffffff0, 8)), ${wasm}.decideInRoom)(`);
    await route.fulfill({ response: res, body });
  });
  await page.goto(site.url + hashOf({ place: '211000', age: 30 }));
  await page.locator('.rc-summary-place').waitFor();
  await page.evaluate(() => { globalThis.__rencaiTrap = true; });
  await page.locator('form.rc-form [data-field="age"]').fill('31');
  const alert = page.locator('.rc-summary .rc-fatal[role="alert"]');
  await alert.waitFor();
  assert.equal(await alert.locator('p').first().innerText(), '计算引擎出错，已自动重新启动。请点击“重试”；如仍出错，请刷新页面。');
  assert.match(await alert.locator('details').textContent(), /the engine failed in decideInRoom \(unreachable\)/);
  // Nothing the person entered is lost, and the retry runs on the fresh instance.
  assert.equal(await page.locator('form.rc-form [data-field="age"]').inputValue(), '31');
  await alert.getByRole('button', { name: '重试' }).click();
  await page.locator('.rc-summary-place').waitFor();
  assert.equal(await page.locator('.rc-fatal').count(), 0);
  // And keeps working: another entry, another answer; the package's own calls too.
  await page.locator('form.rc-form [data-field="age"]').fill('45');
  await page.locator('.rc-summary-place').waitFor();
  const direct = await page.evaluate(async () => {
    const rencai = await import('./pkg/index.js');
    globalThis.__rencaiTrap = true;
    let thrown = null;
    try {
      rencai.evaluate({ place: '211000' }, { today: '2026-01-01' });
    } catch (e) {
      thrown = { name: e.name, isEngineError: e instanceof rencai.EngineError, cause: e.cause?.constructor?.name };
    }
    const after = rencai.evaluate({ place: '211000' }, { today: '2026-01-01' });
    let profileError = null;
    try {
      rencai.evaluate({ place: 'nowhere' }, { today: '2026-01-01' });
    } catch (e) {
      profileError = { name: e.name, field: e.field, isProfileError: e instanceof rencai.ProfileError };
    }
    return { thrown, place: after.place?.id ?? after.place, profileError };
  });
  assert.deepEqual(direct.thrown, { name: 'EngineError', isEngineError: true, cause: 'RuntimeError' });
  assert.ok(direct.place, 'an evaluation after the trap answers');
  assert.deepEqual(direct.profileError, { name: 'ProfileError', field: 'place', isProfileError: true }, 'bad input still throws ProfileError on the fresh instance');
  assert.deepEqual(uncaught, []);
  await context.close();
});
