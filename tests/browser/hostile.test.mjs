// Hostile state: the page opened with a hand-edited or malicious link, a localStorage written by
// something else, a schema whose labels hold markup, and a custom element with hostile attributes.
// The page must render, say in one line what it dropped, keep the rest, and never run or insert
// injected markup (asserted on the DOM, on `securitypolicyviolation` events and on the console).
// Run: node --test tests/browser/ (after scripts/build-web.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite } from './harness.mjs';

const site = useSite();

// What an attacker would put in a link or in storage: markup that runs script if ever parsed.
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '</script><script>window.__pwned=2</script>';
const b64 = (text) => Buffer.from(text).toString('base64url');

/** Watches, from before any script of the page, for what injected markup would do. */
function watch() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
}

/** A fresh context; `stored` (a string) is put in localStorage under `key` before the page runs. */
async function open(path, { stored, key = 'rencai', wait = 'form.rc-form' } = {}) {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(watch);
  if (stored !== undefined) {
    await context.addInitScript(([k, v]) => {
      if (!sessionStorage.getItem('rencai-test-seeded')) {
        localStorage.setItem(k, v);
        sessionStorage.setItem('rencai-test-seeded', '1');
      }
    }, [key, stored]);
  }
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} ${m.location().url}`);
  });
  await page.goto(site.url + path);
  if (wait) await page.locator(wait).first().waitFor();
  await page.locator('.rc-results:not([aria-busy])').first().waitFor({ state: 'attached' });
  return { context, page, problems };
}

/** Nothing injected ran, was inserted, or tried to load; prototypes are untouched. */
async function assertClean(page, problems) {
  const seen = await page.evaluate(() => {
    const roots = [document, ...[...document.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => e.shadowRoot)];
    const count = (sel) => roots.reduce((n, r) => n + r.querySelectorAll(sel).length, 0);
    return {
      pwned: window.__pwned ?? null,
      imgs: count('img'),
      inlineScripts: count('script:not([src])'),
      handlers: roots.reduce((n, r) => n + [...r.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length, 0),
      violations: window.__violations,
      polluted: [({}).polluted, ({}).p, Object.prototype.polluted].filter((x) => x !== undefined),
    };
  });
  assert.deepEqual(seen, { pwned: null, imgs: 0, inlineScripts: 0, handlers: 0, violations: [], polluted: [] });
  assert.deepEqual(problems, []);
}

/** The one line naming what was dropped ('' when there is none). */
const droppedLine = (page) => page.locator('.rc-dropped:not([hidden]) > span').evaluateAll((els) => els.map((e) => e.textContent).join(''));

test('a hostile link: unknown keys and markup are dropped and named as text, the rest kept, nothing runs', async () => {
  const profile = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"p":1}},"place":"211000",` +
    `"age":35,${JSON.stringify(IMG)}:1,"degree_typo":"phd","education":${JSON.stringify(SCRIPT)},` +
    `"certificates":[${JSON.stringify(IMG)}],"honours":{"a":1}}`;
  const { context, page, problems } = await open(`#p=${b64(profile)}`);
  const line = await droppedLine(page);
  assert.match(line, /^链接中有4项无法识别，已忽略：/);
  for (const key of ['__proto__', 'constructor', 'degree_typo', '<img src=x onerror=']) assert.ok(line.includes(key), `${key} in: ${line}`);
  assert.match(line, /其余内容已保留。/);
  // Kept: the place and the age; the values out of the vocabulary stay, flagged at their fields as text.
  await page.locator('.rc-summary-place').waitFor();
  assert.match(await page.locator('.rc-summary-place').innerText(), /辽阳市/);
  assert.equal(await page.locator('form.rc-form [data-field="age"]').inputValue(), '35');
  const errors = await page.locator('.rc-error:not([hidden])').allInnerTexts();
  assert.ok(errors.some((e) => e.includes(SCRIPT)), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes(IMG)), errors.join('\n'));
  // Dismissed, the line goes; the entries stay.
  await page.locator('.rc-dropped button').click();
  assert.equal(await page.locator('.rc-dropped').isHidden(), true);
  assert.match(await page.locator('.rc-summary-place').innerText(), /辽阳市/);
  await assertClean(page, problems);
  await context.close();
});

test('an unreadable link (malformed base64, not JSON, not an object) says so and opens the empty calculator', async () => {
  for (const p of ['%%%***', b64('{"place":'), b64('[1,2,3]'), b64('"text"'), 'A'.repeat(7)]) {
    const { context, page, problems } = await open(`#p=${p}`);
    assert.equal(await droppedLine(page), '链接中的内容无法读取，已忽略，请重新填写。', p);
    await page.locator('.rc-overview').waitFor();
    await assertClean(page, problems);
    await context.close();
  }
});

test('a 1 MB value in the link is kept but never written whole into the page', async () => {
  const big = 'x'.repeat(1 << 20);
  const { context, page, problems } = await open(`#p=${b64(JSON.stringify({ place: big, age: 40 }))}`);
  const errors = await page.locator('.rc-error:not([hidden])').allInnerTexts();
  assert.equal(errors.length, 1);
  assert.ok(errors[0].length < 200, `error line of ${errors[0].length} characters`);
  assert.match(errors[0], /^输入有误：“x{80}…”不可用。/);
  assert.ok((await page.evaluate(() => document.body.innerText.length)) < 20000);
  // The other entry still counts.
  assert.equal(await page.locator('form.rc-form [data-field="age"]').inputValue(), '40');
  await assertClean(page, problems);
  await context.close();
});

test('a hostile localStorage: not JSON, wrong types, prototype keys, 1 MB, markup', async () => {
  const cases = [
    ['{not json', /^上次保存的资料中的内容无法读取/],
    [JSON.stringify({ profile: 'a string', lang: { x: 1 }, large: 'yes' }), /^上次保存的资料中的内容无法读取/],
    ['[1,2]', /^上次保存的资料中的内容无法读取/],
    ['{"profile":{"__proto__":{"polluted":1},"place":"211000"},"lang":"en","large":"yes"}', /^The saved entries held 1 entry this calculator does not know, ignored: “__proto__”/],
    [JSON.stringify({ profile: { place: 'y'.repeat(1 << 20), [IMG]: IMG, age: 50 } }), /^上次保存的资料中有1项无法识别/],
    [JSON.stringify({ profile: { place: '211000', education: IMG, certificates: [SCRIPT, 7, null, { a: 1 }] } }), null],
  ];
  for (const [stored, expected] of cases) {
    const { context, page, problems } = await open('', { stored });
    const line = await droppedLine(page);
    if (expected) assert.match(line, expected, stored.slice(0, 80));
    else assert.equal(line, '', stored.slice(0, 80));
    // Wrong types never switch on what was not asked for.
    assert.equal(await page.locator('.rencai').evaluate((e) => e.classList.contains('rc-large')), false);
    await assertClean(page, problems);
    await context.close();
  }
});

test('a schema whose labels, helps and value names hold markup renders them as text', async () => {
  const context = await site.browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript(watch);
  // The engine module (its source, www/engine.js: the site's copy is minified), served with a
  // schema() whose every text holds markup.
  await context.route(`${site.url}engine.js`, async (route) => {
    const res = await route.fetch();
    const body = readFileSync('www/engine.js', 'utf8').replace('export const schema = () => rencai.schema();', `
      const POISON = ${JSON.stringify(IMG + SCRIPT)};
      const poison = (v, key) => Array.isArray(v) ? v.map((x) => poison(x))
        : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x, k)]))
        : typeof v === 'string' && /^(label|help)_|^(zh|en)$/.test(key ?? '') ? POISON + v : v;
      export const schema = () => poison(rencai.schema());`);
    assert.ok(body.includes('const POISON'), 'engine.js still defines schema() as the test expects');
    await route.fulfill({ response: res, body });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${site.url}#p=${b64(JSON.stringify({ place: '211000' }))}`);
  await page.locator('.rc-summary-place').waitFor();
  const text = await page.locator('form.rc-form').innerText();
  assert.ok(text.includes(IMG), 'the labels show the markup as text');
  await assertClean(page, problems);
  await context.close();
});

test('the custom element with hostile attributes renders, flags the place, runs nothing', async () => {
  const { context, page, problems } = await open('embed.html', { wait: null });
  await page.evaluate(([place, lang]) => {
    const el = document.createElement('rencai-calculator');
    el.id = 'hostile';
    el.setAttribute('place', place);
    el.setAttribute('lang', lang);
    document.body.append(el);
  }, [IMG + 'z'.repeat(1 << 16), SCRIPT]);
  const form = page.locator('#hostile form.rc-form');
  await form.waitFor();
  const error = page.locator('#hostile .rc-error:not([hidden])');
  await error.first().waitFor();
  const texts = await error.allInnerTexts();
  assert.equal(texts.length, 1);
  assert.ok(texts[0].includes(IMG) && texts[0].length < 200, texts[0]);
  // Changing the attributes again re-renders cleanly.
  await page.evaluate(() => document.getElementById('hostile').setAttribute('place', '211000'));
  await page.locator('#hostile .rc-summary-place').waitFor();
  await assertClean(page, problems);
  await context.close();
});
