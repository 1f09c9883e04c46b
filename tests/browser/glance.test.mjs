// The page at a glance, in Debian's Chromium: the first screen without a place (the places side
// by side, not cards), the form in the engine's order for the place (工作地特点 first in a 辽宁
// county, 国籍 in 青海, 辽西北 offered only in 辽宁), no developer text and no other language on
// the page, follow-up questions that keep their order while answered, and the styled first
// screen in the HTML while a slow connection loads the rest.
// Run: node --test tests/browser/ (after scripts/build-web.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

const hashOf = (profile, lang) => `#p=${Buffer.from(JSON.stringify(profile)).toString('base64url')}${lang === 'en' ? '&lang=en' : ''}`;

/** A fresh page showing `profile`, once everything is rendered. */
async function show(profile, { lang = 'zh', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await site.browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.url + hashOf(profile, lang));
  await page.locator('.rc-results:not([aria-busy])').waitFor({ state: 'attached' });
  await page.locator('.rc-jur, .rc-overview').first().waitFor();
  return { context, page, errors };
}

/** Opens every fold on the page (folds build their content when opened). */
async function openAll(page) {
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => document.querySelectorAll('.rencai details:not([open])').forEach((d) => (d.open = true)));
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
}

/** The first screen's fields (the form's first group), by field id. */
const firstFields = (page) => page.locator('form.rc-form fieldset.rc-group [data-field-box]').evaluateAll((els) => els.map((e) => e.dataset.fieldBox));
/** The values offered for a set field in the form (the place's own and those folded under 其他). */
const offered = (page, field) => page.locator(`form.rc-form [data-field="${field}"][data-role="set"]`).evaluateAll((els) => els.map((e) => e.value));

const PHD = { as_of: '2019-06-01', place: '211000-gxq', arrival: 'newly_introduced', education: 'doctorate', full_time: true, graduation_year: 2017, postdoc: 'none', title: 'none', age: 31, nationality: 'chinese' };
const TECHNICIAN = { place: '430200', skill_level: 'senior_technician', honours: ['hunan_craftsman'] };
const COUNTY = { as_of: '2020-03-01', place: '210000', place_flags: ['county'], education: 'bachelor', graduation_year: 2016, title: 'junior' };
const FOREIGN = { place: '630000', nationality: 'foreign', education: 'doctorate' };
const HR = { place: '310114', roles: ['employer'] };
const PEOPLE = { PHD, TECHNICIAN, COUNTY, FOREIGN, HR, EMPTY: {} };

test('with no place the first screen is the places side by side, best first, not result cards', async () => {
  const { context, page, errors } = await show({});
  const rows = page.locator('.rc-overview [data-overview-place]');
  assert.ok((await rows.count()) >= 8, 'a row per place');
  assert.equal(await page.locator('.rc-card').count(), 0, 'no result cards before a place is chosen');
  assert.equal(await page.locator('.rc-summary [data-count]').count(), 0, 'no counts claimed for nobody in particular');
  // A bar per place, drawn in SVG, the longest first.
  const bars = await page.locator('.rc-overview svg rect[data-value]').evaluateAll((els) => els.map((e) => Number(e.dataset.value)));
  assert.ok(bars.length >= 1);
  assert.deepEqual(bars, [...bars].sort((a, b) => b - a), 'best first');
  // The page is a screen or two, not 22,000 px of cards.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height < 4000, `page height ${height}px`);
  // Choosing a place from the overview sets it and shows its answer.
  await rows.first().getByRole('button').first().click();
  await page.locator('.rc-jur').first().waitFor();
  assert.ok(await page.locator('form.rc-form [data-field="place"]').inputValue());
  assert.deepEqual(errors, []);
  await context.close();
});

test('the form asks first what settles the most at the place: 工作地特点 in a 辽宁 county, 国籍 in 青海', async () => {
  let { context, page } = await show(COUNTY);
  const county = await firstFields(page);
  assert.ok(county.includes('place_flags'), `辽宁 first screen: ${county}`);
  assert.equal(county[0], 'place');
  assert.deepEqual((await offered(page, 'place_flags')).slice(0, 2), ['county', 'liaoxibei'], '辽宁 offers 县域 and 辽西北 first');
  await context.close();

  ({ context, page } = await show(FOREIGN));
  const qinghai = await firstFields(page);
  assert.ok(qinghai.includes('nationality'), `青海 first screen: ${qinghai}`);
  await context.close();

  // 辽西北 is a 辽宁 term: not offered in 株洲, 嘉定 or 青海, not even folded away.
  for (const person of [TECHNICIAN, HR, FOREIGN]) {
    ({ context, page } = await show(person));
    const flags = await offered(page, 'place_flags');
    assert.ok(!flags.includes('liaoxibei'), `${person.place}: ${flags}`);
    await context.close();
  }

  // Changing the place re-plans the form at once, keeping every entry.
  ({ context, page } = await show({ ...TECHNICIAN }));
  assert.ok((await firstFields(page)).includes('skill_level'), '株洲: 技能等级 first');
  await page.locator('form.rc-form [data-field="place"]').selectOption('210000');
  await page.locator('form.rc-form[data-plan-for^="210000|"]').waitFor();
  assert.ok((await firstFields(page)).includes('place_flags'));
  assert.equal(await page.locator('form.rc-form [data-field="skill_level"]').inputValue(), 'senior_technician', 'the entry survives the new order');
  await context.close();
});

test('no developer text on the page: no INTERPRETATION, seed, rule id, field id or back-quote, in Chinese or English', async () => {
  for (const lang of ['zh', 'en']) {
    for (const [who, profile] of Object.entries(PEOPLE)) {
      const { context, page } = await show(profile, { lang });
      await openAll(page);
      const ids = await page.locator('[data-rule]').evaluateAll((els) => els.map((e) => e.dataset.rule));
      const fieldIds = await page.evaluate(() => [...new Set([...document.querySelectorAll('[data-field]')].map((e) => e.dataset.field))]);
      // Everything a person could read: the page's text, the print sheet's, and the labels read aloud.
      const text = await page.evaluate(() => {
        const sheet = document.querySelector('.rc-print-sheet')?.textContent ?? '';
        const labels = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].map((e) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => e.getAttribute(a) ?? '').join(' '));
        return [document.body.innerText, sheet, ...labels].join('\n');
      });
      assert.doesNotMatch(text, /INTERPRETATION|`/, `${lang} ${who}`);
      assert.doesNotMatch(text, /\bseeds?\b\s*\d|seeds\//i, `${lang} ${who}`);
      assert.ok(ids.length > 0 || who === 'EMPTY');
      for (const id of ids) assert.ok(!text.includes(id), `${lang} ${who}: rule id ${id} shown`);
      for (const id of fieldIds.filter((f) => f.includes('_'))) assert.ok(!text.includes(id), `${lang} ${who}: field id ${id} shown`);
      await context.close();
    }
  }
});

/**
 * Text in the page's own language only: every text node and every read-aloud label outside an
 * element marked as the other language. What may be marked so is the policy's own words (quotes,
 * clause numbers, issuers: `translate="no"`) and the language switch, which names its language.
 */
async function leaks(page, lang) {
  return page.evaluate((lang) => {
    const foreign = lang === 'zh' ? /[A-Za-z]{2,}/ : /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
    const own = lang === 'zh' ? 'zh' : 'en';
    const langOf = (el) => (el.closest('[lang]')?.getAttribute('lang') ?? '').slice(0, 2);
    const root = document.querySelector('.rencai');
    const out = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let checked = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script,style') || langOf(el) !== own) continue;
      checked++;
      const m = n.data.match(foreign);
      if (m) out.push(`"${m[0]}" in <${el.tagName.toLowerCase()} class="${el.className}">: ${n.data.trim().slice(0, 80)}`);
    }
    for (const el of root.querySelectorAll('[aria-label],[title],[placeholder],[alt]')) {
      if (langOf(el) !== own) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v && foreign.test(v)) out.push(`${a} of <${el.tagName.toLowerCase()}>: ${v.slice(0, 80)}`);
      }
    }
    const marked = [...root.querySelectorAll('[lang]')].filter((el) => el !== root && !el.getAttribute('lang').startsWith(own));
    for (const el of marked) {
      if (el.getAttribute('translate') !== 'no' && !el.id.endsWith('-lang')) out.push(`marked ${el.getAttribute('lang')} but not the policy's words: <${el.tagName.toLowerCase()}> ${el.textContent.slice(0, 60)}`);
    }
    return { out, checked, marked: marked.length };
  }, lang);
}

test('no English on the Chinese page and no Chinese on the English page, but for the policy\'s own words', async () => {
  for (const lang of ['zh', 'en']) {
    for (const [who, profile] of Object.entries(PEOPLE)) {
      const { context, page } = await show(profile, { lang });
      await openAll(page);
      let r = await leaks(page, lang);
      assert.deepEqual(r.out, [], `${lang} ${who}`);
      assert.ok(r.checked > 100, `${lang} ${who}: ${r.checked} texts read`);
      if (lang === 'en' && who === 'PHD') assert.ok(r.marked > 0, 'quotes are marked as Chinese');
      // The other views and states: compare, a bad value, the what-if panel, print.
      await page.locator('.rc-views .rc-tab').nth(1).click();
      await page.locator('.rc-compare tbody tr, .rc-compare .rc-cmp-card').first().waitFor({ state: 'attached' });
      await openAll(page);
      r = await leaks(page, lang);
      assert.deepEqual(r.out, [], `${lang} ${who} compare`);
      await page.locator('.rc-views .rc-tab').nth(0).click();
      if (profile.place) {
        await page.locator('form.rc-form [data-field="graduation_year"]').first().evaluate((el) => {
          el.closest('details')?.setAttribute('open', '');
        });
        const year = page.locator('form.rc-form [data-field="graduation_year"]');
        if (await year.count()) {
          await year.fill('3000');
          await page.locator('.rc-error:not([hidden])').first().waitFor();
          r = await leaks(page, lang);
          assert.deepEqual(r.out, [], `${lang} ${who} with an error`);
        }
      }
      await page.emulateMedia({ media: 'print' });
      r = await leaks(page, lang);
      assert.deepEqual(r.out, [], `${lang} ${who} print`);
      await context.close();
    }
  }
});

test('follow-up questions keep their order while answered; an answered one stays to be changed', async () => {
  const person = { place: '211000-gxq', as_of: '2019-06-01', education: 'doctorate' };
  const { context, page, errors } = await show(person);
  const order = () => page.locator('.rc-followups [data-question]').evaluateAll((els) => els.map((e) => e.dataset.question));
  const before = await order();
  assert.ok(before.length >= 3, `questions: ${before}`);
  const shown = before.length;
  const answer = async (field) => {
    const q = page.locator(`.rc-followups [data-question="${field}"]`);
    const radio = q.locator('input[data-role="bool"][value="true"]');
    if (await radio.count()) await radio.check();
    else if (await q.locator('select').count()) await q.locator('select').selectOption({ index: 1 });
    else await q.locator('input[data-role="set"]').first().check();
    await page.locator('.rc-results:not([aria-busy])').waitFor({ state: 'attached' });
  };
  await answer(before[0]);
  let after = await order();
  assert.deepEqual(after.slice(0, shown), before, 'the same questions in the same places after the first answer');
  assert.ok(await page.locator(`.rc-followups [data-question="${before[0]}"].rc-answered`).count(), 'the answered question is still there, marked answered');
  await answer(before[1]);
  after = await order();
  assert.deepEqual(after.slice(0, shown), before, 'and after the second');
  // A question asked for the first time joins after those already there, so the results below
  // do not jump up and down: every question keeps its index, new ones come after them all.
  for (const [i, f] of after.entries()) {
    if (before.includes(f)) assert.equal(i, before.indexOf(f), `${f} moved`);
    else assert.ok(i >= before.length, `${f} came in before an earlier question`);
  }
  // A new place is a new set of questions.
  await page.locator('form.rc-form [data-field="place"]').selectOption('211000');
  await page.locator('form.rc-form[data-plan-for^="211000|"]').waitFor();
  assert.equal(await page.locator('.rc-followups .rc-answered').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A page on a slow connection: 400 kbit/s with 200 ms of latency, the connection of the report. */
async function slowPage() {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 200, downloadThroughput: 50_000, uploadThroughput: 50_000 });
  return { context, page };
}

test('on a slow connection a first visit paints its results, styled, from the HTML before the engine arrives', { timeout: 90000 }, async () => {
  const { context, page } = await slowPage();
  await page.goto(site.url, { waitUntil: 'commit' });
  // index.html's prerendered first screen: the overview of places, painted before the calculator
  // has started, and nothing in it takes input until the live page takes its place.
  const rows = page.locator('[data-rencai-prerender] [data-overview-place]');
  await rows.first().waitFor();
  // Painted (Element Timing: the frame that showed a result row of the prerendered screen).
  await page.evaluate(() => new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      if (list.getEntries().some((e) => e.element?.closest('[data-rencai-prerender]'))) {
        observer.disconnect();
        resolve();
      }
    }).observe({ type: 'element', buffered: true });
  }));
  const atFirst = await page.evaluate(() => ({
    ready: performance.getEntriesByName('rencai:engine-ready').length,
    inert: document.querySelector('[data-rencai-prerender]').inert,
    skeleton: document.querySelector('.rc-skeleton') ? getComputedStyle(document.querySelector('.rc-skeleton')).display : null,
    title: getComputedStyle(document.querySelector('[data-rencai-prerender] .rc-title')).color,
  }));
  assert.equal(atFirst.ready, 0, 'painted before the engine was ready');
  assert.equal(atFirst.inert, true);
  assert.equal(atFirst.skeleton, 'none', 'the frame is not shown as well');
  assert.equal(atFirst.title, 'rgb(23, 69, 124)', 'styled');
  assert.ok(await rows.count() > 3);
  await page.locator('.rencai:not([data-rencai-placeholder]) .rc-overview').waitFor({ timeout: 60000 });
  assert.equal(await page.locator('[data-rencai-placeholder]').count(), 0, 'the live page took the place of both');
  await context.close();
});

test('on a slow connection a visit with entries paints the first screen\'s frame, styled, before the engine arrives', { timeout: 90000 }, async () => {
  const { context, page } = await slowPage();
  // Entries in the link: the prerendered screen (no entries) is not this visit's.
  await page.goto(`${site.url}#p=${Buffer.from(JSON.stringify({ graduation_year: 2015 })).toString('base64url')}`, { waitUntil: 'commit' });
  // The frame with its own styles (app.css applied: the title in the page's blue), while the
  // calculator has not started: no form control, no result yet.
  const frame = page.locator('.rc-skeleton');
  await frame.locator('.rc-title').waitFor();
  await page.waitForFunction(() => {
    const t = document.querySelector('.rc-skeleton .rc-title');
    return t && getComputedStyle(t).color === 'rgb(23, 69, 124)';
  });
  const atFrame = await page.evaluate(() => ({
    paint: performance.getEntriesByType('paint').map((e) => e.name),
    controls: document.querySelectorAll('[data-field]').length,
    results: document.querySelectorAll('.rc-overview, .rc-jur').length,
    status: document.querySelector('.rc-skeleton [role="status"]')?.textContent ?? '',
    background: getComputedStyle(document.querySelector('.rc-skeleton')).backgroundColor,
    fields: document.querySelectorAll('.rc-skeleton .rc-sk-box').length,
  }));
  assert.equal(atFrame.controls, 0, 'the calculator has not started');
  assert.equal(atFrame.results, 0);
  assert.match(atFrame.status, /正在加载/);
  assert.match(atFrame.status, /Loading/);
  assert.equal(atFrame.background, 'rgb(243, 245, 248)', 'styled, not a bare line');
  assert.ok(atFrame.fields >= 3, 'a form skeleton');
  // Then the calculator replaces the frame, in one step.
  await page.locator('.rc-overview').waitFor({ timeout: 60000 });
  assert.equal(await page.locator('.rc-skeleton').count(), 0);
  assert.equal(await page.locator('.rencai').count(), 1);
  const paints = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)])));
  const ready = await page.evaluate(() => Math.round(performance.getEntriesByName('rencai:engine-ready')[0]?.startTime ?? 0));
  assert.ok(paints['first-contentful-paint'] < ready, `first contentful paint ${paints['first-contentful-paint']} ms, engine ready ${ready} ms`);
  await context.close();
});

test('at 360 px nothing is wider than the screen: the overview, each person\'s answer with every fold open', async () => {
  for (const [who, profile] of Object.entries(PEOPLE)) {
    const { context, page } = await show(profile, { viewport: { width: 360, height: 740 } });
    await openAll(page);
    const wide = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      over: [...document.querySelectorAll('.rencai *')]
        .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > 361)
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`),
    }));
    assert.ok(wide.doc <= 360, `${who}: page ${wide.doc} px wide at 360: ${wide.over}`);
    assert.deepEqual(wide.over, [], who);
    await context.close();
  }
});

test('axe-core finds no violations on the overview, in a compare preview and in the print sheet', async () => {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(site.url);
  await page.locator('.rc-overview').waitFor();
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const audit = async (what, selector = null) => {
    const result = await page.evaluate((sel) => window.axe.run(sel ? document.querySelector(sel) : document), selector);
    const summary = result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} ${v.help}`);
    assert.deepEqual(summary, [], `${what}: ${summary.join('\n')}`);
    assert.ok(result.passes.length > 5, what);
  };
  await audit('overview');
  await page.locator('form.rc-form [data-field="education"]').selectOption('doctorate');
  await page.locator('.rc-views .rc-tab').nth(1).click();
  await page.locator('.rc-compare tbody tr').first().waitFor();
  await page.locator('.rc-compare tbody tr').nth(1).getByRole('button').first().click();
  await page.locator('.rc-compare .rc-preview').waitFor();
  await openAll(page);
  await audit('compare preview');
  // The print sheet as printed (on screen it is hidden from everyone, assistive technology too).
  await page.locator('.rc-views .rc-tab').nth(0).click();
  await page.locator('form.rc-form [data-field="place"]').selectOption('211000-gxq');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.querySelector('.rc-print-sheet').removeAttribute('aria-hidden'));
  await audit('print sheet', '.rc-print-sheet');
  await context.close();
});

test('without a place, printing gives the places side by side, never every jurisdiction\'s results as the person\'s', async () => {
  const { context, page } = await show({ education: 'doctorate' });
  await page.emulateMedia({ media: 'print' });
  const sheet = page.locator('.rc-print-sheet');
  assert.equal(await sheet.isVisible(), true);
  const text = await sheet.innerText();
  assert.match(text, /各地一览/);
  assert.match(text, /尚未选择工作地/);
  assert.equal(await sheet.locator('.rc-pr-standing').count(), 0, 'no result rows claimed');
  assert.ok((await sheet.locator('tbody tr').count()) >= 8, 'a row per place');
  assert.doesNotMatch(text, /高新区高层次人才工资外津贴/);
  await context.close();
});

test('a kind of place with nothing to offer at the chosen place is not asked at all', async () => {
  for (const place of ['430000', '310000']) {
    const { context, page } = await show({ place });
    assert.equal(await page.locator('form.rc-form [data-field-box="place_flags"]').count(), 0, place);
    await context.close();
  }
  // Where the place's rules test it, it is asked.
  const { context, page } = await show({ place: '430200' });
  assert.equal(await page.locator('form.rc-form [data-field-box="place_flags"]').count(), 1);
  await context.close();
});
