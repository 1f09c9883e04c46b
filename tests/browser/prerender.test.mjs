// index.html's prerendered first screen (scripts/prerender.mjs, shown by www/boot.js): a first
// visit paints it with the HTML; it is the live page's own screen (same elements, same text, same
// places on screen), shows today's date on any day it is shown, takes no input, and is never shown
// when it is not this visit's screen (entries saved or in the link, English, large text, a day the
// catalogue treats differently): the skeleton shows then, as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite, serve } from './harness.mjs';
import { addDays, prerenderedDays } from '../../scripts/prerender.mjs';

const site = useSite();

/**
 * Opens the page with the engine's wasm held back until `release()` is called, so what the HTML
 * alone shows can be looked at. Options: { hash, stored (localStorage 'rencai'), time (fixed clock) }.
 */
async function openHeld({ hash = '', stored, time, url = site.url, holdMain = false } = {}) {
  const context = await site.browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  if (time) {
    // Today is `time` for the page (boot.js and the calculator alike); only the date is changed,
    // the page's timers and frames run as ever.
    await context.addInitScript((time) => {
      const Real = Date;
      const fixed = new Real(`${time}T10:00:00`).getTime();
      globalThis.Date = class extends Real {
        constructor(...args) {
          super(...(args.length ? args : [fixed]));
        }
        static now() {
          return fixed;
        }
      };
    }, time);
  }
  if (stored !== undefined) {
    await context.addInitScript((value) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('rencai', value);
        sessionStorage.setItem('seeded', '1');
      }
    }, stored);
  }
  let release;
  const held = new Promise((r) => (release = r));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  // Holding the page's module too keeps DOMContentLoaded back: what the HTML shows is then only
  // what boot.js made of it while it was parsed.
  if (holdMain) {
    await page.route('**/main.js', async (route) => {
      await held;
      await route.continue();
    });
  }
  await page.goto(`${url}${hash}`, { waitUntil: 'commit' });
  await page.locator('body').waitFor({ state: 'attached' });
  await page.waitForFunction(() => document.readyState !== 'loading');
  return {
    page,
    errors,
    release: async () => {
      release();
      await page.waitForFunction(() => performance.getEntriesByName('rencai:results-rendered').length > 0, null, { timeout: 20000 });
    },
    close: () => context.close(),
  };
}

/** The calculator's element as a person sees it (controls' state as attributes), markers dropped. */
function seen(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (!root) return null;
    const copy = root.cloneNode(true);
    const live = [...root.querySelectorAll('input, select')];
    [...copy.querySelectorAll('input, select')].forEach((el, i) => {
      const from = live[i];
      if (el.localName === 'select') [...el.options].forEach((o, j) => o.toggleAttribute('selected', from.options[j].selected));
      else if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', from.checked);
      else if (from.value !== '') el.setAttribute('value', from.value);
      else el.removeAttribute('value');
      if (el.getAttribute('style') === '') el.removeAttribute('style');
    });
    // The release line fills in once release.json has loaded (after the first screen, on every
    // visit): the build writes release.json after this screen, so it is prerendered empty.
    for (const el of copy.querySelectorAll('.rc-release')) {
      el.textContent = '';
      el.removeAttribute('hidden');
    }
    for (const el of [copy, ...copy.querySelectorAll('*')]) {
      for (const a of ['data-rencai-placeholder', 'data-rencai-prerender', 'inert', 'aria-busy', 'data-rc-today']) el.removeAttribute(a);
    }
    return copy.outerHTML;
  }, selector);
}

/** Where every overview row and the summary sit on the screen. */
function places(page, scope) {
  return page.evaluate((scope) => [...document.querySelectorAll(`${scope} :is([data-overview-place], .rc-summary-place, form.rc-form)`)]
    .map((el) => {
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map(Math.round).join(',');
    }), scope);
}

/** Asserts two serializations equal, showing where they part (they are long). */
function sameScreen(actual, expected, message) {
  if (actual === expected) return;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i++;
  assert.fail(`${message}: they part at ${i}:\n  live:        …${actual?.slice(Math.max(0, i - 120), i + 120)}\n  prerendered: …${expected?.slice(Math.max(0, i - 120), i + 120)}`);
}

const PRE = '#app > [data-rencai-prerender]';
const LIVE = '#app > .rencai:not([data-rencai-placeholder])';

const shown = (page) => page.evaluate(() => ({
  mode: document.documentElement.getAttribute('data-rc-prerender'),
  prerender: (() => {
    const el = document.querySelector('[data-rencai-prerender]');
    return el ? getComputedStyle(el).display !== 'none' : null;
  })(),
  skeleton: getComputedStyle(document.querySelector('.rc-skeleton')).display !== 'none',
}));

/** The day the built page's screen was prerendered for, and its days: { made, from, until }. */
function builtDays() {
  const days = prerenderedDays(readFileSync('site/index.html', 'utf8'));
  assert.ok(days && days.from <= days.made && days.made < days.until, `site/index.html holds a prerendered screen within its days (${JSON.stringify(days)})`);
  return days;
}

test('a first visit paints the prerendered first screen: the live page\'s own, in the same places, and it takes no input', async () => {
  const v = await openHeld();
  try {
    const s = await shown(v.page);
    assert.deepEqual([s.mode, s.prerender, s.skeleton], ['on', true, false], 'the prerendered screen shows, the skeleton does not');
    assert.ok(await v.page.locator(`${PRE} [data-overview-place]`).count() > 3, 'it shows the overview of places');
    const before = await seen(v.page, PRE);
    const where = await places(v.page, PRE);
    // The release line is prerendered hidden and empty, as the live page first shows it (it fills
    // in once release.json has loaded, which the build writes after this screen).
    assert.deepEqual(await v.page.evaluate((pre) => [...document.querySelectorAll(`${pre} .rc-release`)].map((el) => [el.hidden, el.textContent]), PRE), [[true, '']]);
    // Screen readers hear that the calculator is loading (the inert screen is not read).
    assert.match(await v.page.locator('#app > .rc-boot-status').evaluate((el) => `${getComputedStyle(el).display}|${el.getAttribute('role')}|${el.textContent}`), /^block\|status\|正在加载/);

    // Nothing in it can be pressed or typed into while the engine loads: no entry to lose.
    await v.page.locator(`${PRE} #rc1-f-graduation_year`).click({ force: true, timeout: 2000 });
    await v.page.keyboard.type('2015');
    await v.page.locator(`${PRE} [data-overview-place] button`).first().click({ force: true, timeout: 2000 });
    assert.equal(await v.page.evaluate(() => document.activeElement === document.body), true, 'nothing in it took the focus');

    await v.release();
    assert.equal(await v.page.locator('[data-rencai-prerender], .rc-skeleton').count(), 0, 'the live page took its place');
    sameScreen(await seen(v.page, LIVE), before, 'the live page shows exactly what was prerendered');
    assert.deepEqual(await places(v.page, LIVE), where, 'and in the same places: nothing moved');
    assert.equal(await v.page.locator(`${LIVE} #rc1-f-graduation_year`).inputValue(), '', 'and holds no entry');
    assert.deepEqual(await v.page.evaluate(() => JSON.parse(localStorage.getItem('rencai') ?? '{}').profile ?? {}), {});
    assert.deepEqual(v.errors, []);
  } finally {
    await v.close();
  }
});

/** A day within [from, until) other than `made`, as far from it as 40 days allows; null if none. */
function otherDay({ made, from, until }) {
  for (const n of [40, -40, 1, -1]) if (addDays(made, n) >= from && addDays(made, n) < until) return addDays(made, n);
  return null;
}

test('on another day within its days, the prerendered screen shows that day\'s date, as the live page does', async (t) => {
  const days = builtDays();
  const { made } = days;
  const other = otherDay(days);
  if (!other) return t.skip(`its days hold only ${made}`);
  const v = await openHeld({ time: other });
  try {
    const s = await shown(v.page);
    assert.equal(s.prerender, true);
    assert.match(await v.page.locator(`${PRE} .rc-summary-place`).innerText(), new RegExp(other));
    assert.equal(await v.page.locator(`${PRE} input[data-field="as_of"]`).inputValue(), other);
    const stale = await v.page.evaluate(([pre, made]) => {
      const copy = document.querySelector(pre).cloneNode(true);
      for (const el of copy.querySelectorAll('.rc-release')) el.remove(); // the build date, not today's
      return copy.textContent.includes(made) || [...copy.querySelectorAll('input')].some((i) => i.value === made);
    }, [PRE, made]);
    assert.equal(stale, false, 'the day it was made for shows nowhere as today');
    const before = await seen(v.page, PRE);
    await v.release();
    sameScreen(await seen(v.page, LIVE), before, 'the live page on that day');
    assert.deepEqual(v.errors, []);
  } finally {
    await v.close();
  }
});

test('with entries, a link, English, large text or a day outside its days, the skeleton shows and the live page restores what was there', async () => {
  const { from, until } = builtDays();
  const link = (profile) => `#p=${Buffer.from(JSON.stringify(profile)).toString('base64url')}`;
  const cases = [
    { name: 'saved entries', stored: JSON.stringify({ profile: { graduation_year: 2015 }, lang: 'zh', large: false }), field: ['graduation_year', '2015'] },
    { name: 'a link with entries', hash: link({ graduation_year: 2016 }), field: ['graduation_year', '2016'] },
    { name: 'English saved', stored: JSON.stringify({ profile: {}, lang: 'en' }), lang: 'en' },
    { name: 'English by link', hash: `${link({})}&lang=en`, lang: 'en' },
    { name: 'large text', stored: JSON.stringify({ profile: {}, large: true }) },
    { name: 'unreadable saved entries', stored: '{not json' },
    ...(from > '0000-01-01' ? [{ name: 'the day before its days', time: addDays(from, -1) }] : []),
    ...(until < '9999-12-31' ? [{ name: 'the first day after its days', time: until }] : []),
  ];
  for (const c of cases) {
    const v = await openHeld(c);
    try {
      const s = await shown(v.page);
      assert.deepEqual([s.mode, s.prerender, s.skeleton], ['off', null, true], `${c.name}: the skeleton, and no prerendered screen in the page`);
      await v.release();
      if (c.field) assert.equal(await v.page.locator(`${LIVE} [data-field="${c.field[0]}"]`).inputValue(), c.field[1], `${c.name}: restored`);
      if (c.lang) assert.equal(await v.page.evaluate(() => document.documentElement.lang), 'en', `${c.name}: in English`);
      assert.deepEqual(v.errors, [], c.name);
    } finally {
      await v.close();
    }
  }
});

test('the empty profile\'s own link and saved empty entries get the prerendered screen too', async () => {
  for (const c of [{ hash: '#p=e30' }, { stored: JSON.stringify({ profile: {}, lang: 'zh', large: false }) }]) {
    const v = await openHeld(c);
    try {
      const s = await shown(v.page);
      assert.deepEqual([s.mode, s.prerender], ['on', true], JSON.stringify(c));
      const before = await seen(v.page, PRE);
      await v.release();
      sameScreen(await seen(v.page, LIVE), before, JSON.stringify(c));
    } finally {
      await v.close();
    }
  }
});

test('a date that arrives in two pieces of the page is still shown as today\'s', async (t) => {
  // index.html sent in two parts, cut inside the summary's date, the second a little later: the
  // parser carries the text on in the same node.
  const days = builtDays();
  const { made } = days;
  const other = otherDay(days);
  if (!other) return t.skip(`its days hold only ${made}`);
  const html = readFileSync('site/index.html');
  const text = html.toString('utf8');
  const at = text.indexOf(`评估日期 ${made}`);
  assert.ok(at > 0, 'the summary shows the day it was made for');
  const cut = Buffer.byteLength(text.slice(0, at + `评估日期 ${made}`.length - 3));
  const { server, url } = await serve({
    gate: (req, res) => {
      if (!['/', '/index.html'].includes(new URL(req.url, 'http://x').pathname)) return false;
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" });
      res.write(html.subarray(0, cut));
      setTimeout(() => res.end(html.subarray(cut)), 400);
      return true;
    },
  });
  const v = await openHeld({ time: other, url, holdMain: true });
  try {
    assert.equal((await shown(v.page)).prerender, true);
    assert.equal(await v.page.evaluate(() => document.readyState), 'interactive', 'parsed, and DOMContentLoaded not yet fired');
    for (const sel of [`${PRE} .rc-summary-place`, `${PRE} .rc-print-sheet p`]) {
      const text = await v.page.locator(sel).first().textContent();
      assert.ok(text.includes(other) && !text.includes(made), `${sel}: ${text}`);
    }
    const before = await seen(v.page, PRE);
    await v.release();
    sameScreen(await seen(v.page, LIVE), before, 'the live page on that day');
  } finally {
    await v.close();
    server.close();
  }
});
