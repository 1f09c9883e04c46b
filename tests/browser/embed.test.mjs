// Embedding: the <rencai-calculator> custom element (renders, honours place and lang, follows
// attribute changes, styles isolated both ways) and the iframe snippet.
// Run: node --test tests/browser/ (after scripts/build-web.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve } from './harness.mjs';
import { CSP } from '../../scripts/serve.mjs';

const ROOT = process.env.RENCAI_WWW ?? 'site';
/** A rendered result of the calculator (a result card with its status badge). */
// Rendered from the engine's answer: a jurisdiction section, or without a place the overview of places.
const RESULT = process.env.RENCAI_RESULT ?? '.rc-jur, .rc-overview';

// A portal at its worst: global rules that would wreck any page they reached.
const HOSTILE_CSS = `
* { color: rgb(255, 0, 0) !important; font-family: serif !important; letter-spacing: 3px !important;
    text-transform: uppercase !important; line-height: 3 !important; text-indent: 4em !important;
    box-sizing: content-box !important; }
html { font-size: 7px !important; }
body { font-size: 31px !important; text-align: right !important; background: yellow !important; }
button, input, select, textarea, label, details, summary, table, ul, ol, li, p, span, h1, h2, h3, h4, section,
article, header, footer, form, fieldset, legend, nav, main { display: none !important; }
.rencai, .rencai *, [class*="rencai"], [data-rule] { display: none !important; color: rgb(255, 0, 0) !important; }
rencai-calculator { color: rgb(255, 0, 0) !important; font: italic 40px/5 serif !important; visibility: visible; }
`;

/** A host page made of `body` and `css`; served at `path` on the site's origin, with the strict CSP. */
async function hostPage(context, path, { body, css = '' }) {
  const files = {
    [`/__test/${path}.html`]: ['text/html; charset=utf-8',
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>host</title>` +
      `<link rel="stylesheet" href="${path}.css"></head><body>${body}</body></html>`],
    [`/__test/${path}.css`]: ['text/css; charset=utf-8', css],
  };
  await context.route(`${site.url}__test/**`, (route) => {
    const file = files[new URL(route.request().url()).pathname];
    if (!file) return route.fallback();
    return route.fulfill({ status: 200, headers: { 'Content-Type': file[0], 'Content-Security-Policy': CSP }, body: file[1] });
  });
  return `${site.url}__test/${path}.html`;
}

const ELEMENT = (attrs) => `<script type="module" src="../rencai-element.js"></script><rencai-calculator ${attrs}></rencai-calculator>`;

/** Computed styles of everything the calculator renders, in document order. */
function shadowStyles(page) {
  return page.evaluate(() => {
    const host = document.querySelector('rencai-calculator');
    const props = ['color', 'font-family', 'font-size', 'font-style', 'display', 'visibility', 'line-height',
      'text-transform', 'letter-spacing', 'text-indent', 'text-align', 'background-color', 'box-sizing'];
    return [...host.shadowRoot.querySelectorAll('*')]
      .filter((e) => !['LINK', 'STYLE'].includes(e.tagName))
      .map((e) => {
        const s = getComputedStyle(e);
        return `${e.tagName.toLowerCase()}.${e.className}: ${props.map((p) => `${p}=${s.getPropertyValue(p)}`).join('; ')}`;
      });
  });
}

/** Computed styles of the host page's own elements (everything outside the calculator). */
function hostStyles(page) {
  return page.evaluate(() => {
    const props = ['color', 'font-family', 'font-size', 'display', 'margin-top', 'padding-top', 'line-height',
      'background-color', 'border-top-width', 'box-sizing', 'text-transform'];
    return [...document.querySelectorAll('body, body *')]
      .filter((e) => !['SCRIPT', 'LINK', 'STYLE', 'RENCAI-CALCULATOR'].includes(e.tagName))
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}: ${props.map((p) => `${p}=${getComputedStyle(e).getPropertyValue(p)}`).join('; ')}`)
      .concat(`html: ${getComputedStyle(document.documentElement).fontSize}; title=${document.title}; lang=${document.documentElement.lang}; class=${document.documentElement.className}|${document.body.className}`);
  });
}

async function settled(page, scope = 'rencai-calculator') {
  await page.locator(`${scope} ${RESULT}`).first().waitFor({ timeout: 15000 });
  // The first result is painted before the rest; the results region is busy until all is there.
  await page.locator(`${scope} .rc-results:not([aria-busy])`).waitFor({ state: 'attached', timeout: 15000 });
  // Stylesheets in the shadow root loaded, two frames rendered.
  await page.waitForFunction(() => [...(document.querySelector('rencai-calculator')?.shadowRoot?.querySelectorAll('link[rel=stylesheet]') ?? [])]
    .every((l) => l.sheet));
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
}

/** The jurisdictions the calculator shows results for (its result sections), in order. */
const shownJurisdictions = (page) => page.evaluate(() => [...new Set([...document.querySelector('rencai-calculator')
  .shadowRoot.querySelectorAll('[data-jurisdiction]')].map((e) => e.dataset.jurisdiction))]);
/** A place and its parents, top down, from the engine's place list. */
const chain = (id) => (id ? [...chain(places[id].parent), id] : []);

const textOf = (page) => page.evaluate(() => document.querySelector('rencai-calculator').shadowRoot.textContent);

let browser;
let site;
let places;
before(async () => {
  browser = await launch();
  site = await serve({ root: ROOT });
  // The names the engine gives the places (so the test follows the rules, not a copy of them).
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}embed-frame.html`);
  places = await page.evaluate(async () => {
    const pkg = await import('./pkg/index.js');
    await pkg.ready(undefined, { texts: false });
    return Object.fromEntries(pkg.places().map((p) => [p.id, p]));
  });
  await context.close();
});
after(async () => {
  await browser?.close();
  site?.server.close();
});

test('<rencai-calculator place="211000"> renders results for 辽阳市, and follows a change of place and lang', { timeout: 60000 }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(await hostPage(context, 'plain', { body: ELEMENT('place="211000" lang="zh"') }));
    await settled(page);
    assert.ok(await page.locator(`rencai-calculator ${RESULT}`).first().isVisible(), 'a result is visible');
    assert.deepEqual(await shownJurisdictions(page), chain('211000'), 'the place attribute is honoured');
    assert.equal(await page.evaluate(() => !!document.querySelector('rencai-calculator').shadowRoot), true, 'renders in a shadow root');
    assert.equal(await page.locator(`body > ${RESULT}`).count(), 0, 'nothing rendered into the light DOM');

    // Attribute change: another place.
    await page.evaluate(() => document.querySelector('rencai-calculator').setAttribute('place', '430200'));
    await page.waitForFunction(() => document.querySelector('rencai-calculator').shadowRoot.querySelector('[data-jurisdiction="430200"] [data-rule]'), null, { timeout: 15000 });
    await settled(page);
    assert.deepEqual(await shownJurisdictions(page), chain('430200'), 'the new place is shown');
    assert.equal(await page.evaluate(() => document.querySelector('rencai-calculator').shadowRoot.querySelectorAll('.rencai-embed').length), 1, 'one calculator after a re-mount');

    // Attribute change: English.
    await page.evaluate(() => document.querySelector('rencai-calculator').setAttribute('lang', 'en'));
    await page.waitForFunction(() => document.querySelector('rencai-calculator').shadowRoot.querySelector('.rencai')?.lang.startsWith('en'), null, { timeout: 15000 });
    assert.ok((await textOf(page)).includes(places['430200'].name_en), 'in English');
    assert.deepEqual(await shownJurisdictions(page), chain('430200'), 'still the same place');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('entries in the element are kept per place in localStorage (rencai:embed:<place>), never in the URL', { timeout: 60000 }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const url = await hostPage(context, 'storage', { body: ELEMENT('place="211000" lang="zh"') });
    await page.goto(url);
    await settled(page);
    await page.locator('rencai-calculator select[data-field="education"]').first().selectOption('doctorate');
    await page.waitForFunction(() => localStorage.getItem('rencai:embed:211000')?.includes('doctorate'), null, { timeout: 5000 });
    assert.equal(new URL(page.url()).hash, '', 'the host page URL is not touched');
    const keys = await page.evaluate(() => Object.keys(localStorage));
    assert.deepEqual(keys, ['rencai:embed:211000'], 'storage keys');
    await page.reload();
    await settled(page);
    assert.equal(await page.locator('rencai-calculator select[data-field="education"]').first().inputValue(), 'doctorate', 'kept over a reload');
  } finally {
    await context.close();
  }
});

test('hostile host-page styles do not reach the calculator: it renders exactly as on a plain page', { timeout: 60000 }, async () => {
  const plain = await browser.newContext();
  const hostile = await browser.newContext();
  try {
    const a = await plain.newPage();
    await a.goto(await hostPage(plain, 'neutral', { body: ELEMENT('place="211000" lang="zh"') }));
    await settled(a);
    const expected = await shadowStyles(a);

    const b = await hostile.newPage();
    await b.goto(await hostPage(hostile, 'hostile', { body: ELEMENT('place="211000" lang="zh"'), css: HOSTILE_CSS }));
    await settled(b);
    // The host page really is hostile…
    assert.equal(await b.evaluate(() => getComputedStyle(document.body).color), 'rgb(255, 0, 0)');
    // …and yet the calculator shows, visible and styled as on the plain page.
    assert.ok(await b.locator(`rencai-calculator ${RESULT}`).first().isVisible(), 'results are visible');
    assert.ok(await b.locator('rencai-calculator button').count() > 0 ? await b.locator('rencai-calculator button').first().isVisible() : true, 'buttons are not hidden');
    const actual = await shadowStyles(b);
    assert.ok(expected.length > 5, 'the calculator rendered something to compare');
    assert.equal(actual.length, expected.length);
    const diff = actual.map((s, i) => (s === expected[i] ? null : `plain:   ${expected[i]}\nhostile: ${s}`)).filter(Boolean);
    assert.deepEqual(diff.slice(0, 5), [], `${diff.length} elements styled differently under the hostile host page`);
  } finally {
    await plain.close();
    await hostile.close();
  }
});

test("the calculator's styles do not reach the host page", { timeout: 60000 }, async () => {
  const body = `<header id="h"><h1 id="t">门户</h1><p id="p" class="rencai">段落 <a id="a" href="#x">链接</a></p></header>
    <main id="m" class="rencai-embed"><button id="b" type="button">按钮</button><input id="i" value="x"><ul id="u"><li id="l" data-rule="x">项</li></ul>
    <section id="s"><h2 id="h2">标题</h2><table id="tb"><tr><td id="td">1</td></tr></table></section></main>`;
  const css = 'body { font-family: sans-serif; } #p { color: rgb(0, 0, 200); }';
  const without = await browser.newContext();
  const withIt = await browser.newContext();
  try {
    const a = await without.newPage();
    await a.goto(await hostPage(without, 'alone', { body, css }));
    const expected = await hostStyles(a);

    const b = await withIt.newPage();
    await b.goto(await hostPage(withIt, 'together', { body: body + ELEMENT('place="211000" lang="zh"'), css }));
    await settled(b);
    const actual = await hostStyles(b);
    assert.deepEqual(actual, expected);
  } finally {
    await without.close();
    await withIt.close();
  }
});

test('the iframe snippet (embed-frame.html?place=…&lang=…) renders the place and language from its query', { timeout: 60000 }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}embed-frame.html?place=211000-gxq&lang=en`);
    await settled(page);
    assert.deepEqual(await shownJurisdictions(page), chain('211000-gxq'));
    assert.ok((await textOf(page)).includes(places['211000-gxq'].name_en), 'in English');
  } finally {
    await context.close();
  }
});

test('the demo page embed.html shows the custom element and the iframe, both rendering', { timeout: 60000 }, async () => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}embed.html`);
    await settled(page, '#calc-element');
    assert.deepEqual(await shownJurisdictions(page), chain('211000'));
    const frame = page.frameLocator('#calc-frame');
    await frame.locator(RESULT).first().waitFor({ timeout: 15000 });
    await frame.locator('.rc-results:not([aria-busy])').waitFor({ state: 'attached', timeout: 15000 });
    const inFrame = await frame.locator('rencai-calculator').evaluate((e) => [...new Set([...e.shadowRoot.querySelectorAll('[data-jurisdiction]')].map((s) => s.dataset.jurisdiction))]);
    assert.deepEqual(inFrame, chain('211000-gxq'));
    // The portal's own button keeps the portal's look; the calculator's buttons keep theirs.
    const portal = await page.locator('#portal-button').evaluate((e) => getComputedStyle(e).textTransform);
    assert.equal(portal, 'uppercase');
  } finally {
    await context.close();
  }
});

test('a portal on another origin embeds the element from this origin (files sent with CORS, portal CSP naming this host)', { timeout: 60000 }, async () => {
  const context = await browser.newContext();
  try {
    const origin = new URL(site.url).origin;
    const portal = 'http://portal.test';
    const portalCsp = `default-src 'self' ${origin}; script-src 'self' ${origin} 'wasm-unsafe-eval'`;
    // The portal's page (a made-up origin, answered here) …
    await context.route(`${portal}/**`, (route) => route.fulfill({
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': portalCsp },
      body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>portal</title></head><body>` +
        `<script type="module" src="${site.url}rencai-element.js"></script>` +
        `<rencai-calculator place="211000-gxq" lang="zh"></rencai-calculator></body></html>`,
    }));
    // … and this site's files as a host serving them to other origins would: with CORS.
    await context.route(`${origin}/**`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'access-control-allow-origin': '*' } });
    });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${portal}/news/talent.html`);
    await settled(page);
    assert.deepEqual(await shownJurisdictions(page), chain('211000-gxq'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
