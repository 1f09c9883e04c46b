// The page in real headless Chromium (Debian's, via playwright-core), served under the strict CSP:
// fill a profile and see results, follow-up questions, why-not, what-if, language switch, compare,
// share link, reload, a bad value, an axe-core audit, no foreign requests, and screenshots.
// Run: node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { launch, serve } from './harness.mjs';

let browser;
let server;
let url;
const AXE = 'node_modules/axe-core/axe.min.js';
const SHOTS = 'docs/screenshots';

before(async () => {
  ({ server, url } = await serve());
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** Waits until the page has rendered everything (the first result is painted before the rest). */
async function ready(page) {
  await page.locator('.rc-summary-place').waitFor();
  await page.locator('.rc-results:not([aria-busy])').waitFor({ state: 'attached' });
}

/** A fresh context and page at `path` (default the page itself), waiting until all is rendered. */
async function open(path = '', options = {}) {
  const { viewport = { width: 1280, height: 900 }, ...rest } = options;
  const context = await browser.newContext({ viewport, serviceWorkers: 'block', ...rest });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url + path);
  await ready(page);
  return { context, page, errors };
}

/** The result card with this title. */
const card = (page, title) => page.locator('.rc-card', { has: page.locator('.rc-card-title', { hasText: title }) });

/** A control of the form by its label. */
const field = (page, label) => page.locator('form.rc-form').getByLabel(label, { exact: true });

/** The jurisdiction section for a place id. */
const section = (page, id) => page.locator(`.rc-jur[data-jurisdiction="${id}"]`);

async function setAsOf(page, date, label = '评估日期') {
  await page.locator('.rc-asof').getByLabel(label, { exact: true }).fill(date);
}

test('辽阳市 with 辽宁工匠 on 2019-06-01: the 10万元 one-off subsidy is 可享受 and counted in the totals', async () => {
  const { context, page, errors } = await open();
  await field(page, '工作地').selectOption('211000');
  await field(page, '辽宁工匠').check();
  await setAsOf(page, '2019-06-01');
  const c = card(page, '“辽宁工匠”一次性生活补贴');
  await c.waitFor();
  assert.match(await c.locator('.rc-badge').first().innerText(), /^可享受$/);
  assert.match(await c.locator('.rc-amount').innerText(), /^10万元/);
  assert.match(await c.locator('.rc-kind').innerText(), /直接享受/);
  // Grouped along the chain national → province → city, the subsidy under 辽宁省 with its total.
  const ids = await page.locator('.rc-jur').evaluateAll((els) => els.map((e) => e.dataset.jurisdiction));
  assert.deepEqual(ids, ['000000', '210000', '211000']);
  assert.equal(await section(page, '210000').locator(c).count(), 1);
  assert.match(await section(page, '210000').locator('.rc-total-value').innerText(), /一次性 10万元/);
  assert.match(await page.locator('.rc-grand-value').innerText(), /一次性 10万元/);
  // The quote is there on demand, with the document title.
  const src = c.locator('details.rc-src');
  assert.equal(await src.locator('.rc-quote').isVisible(), false);
  await src.locator('summary').click();
  assert.match(await src.locator('.rc-quote').innerText(), /一次性给予10万元生活补贴/);
  assert.match(await src.locator('cite').innerText(), /辽宁省人才服务全面振兴三年行动计划/);
  // Today (after 2020) the same subsidy is out of force, marked, and not counted.
  await page.getByRole('button', { name: '今天' }).click();
  assert.match(await c.innerText(), /不在有效期/);
  assert.doesNotMatch(await page.locator('.rc-grand-value').innerText(), /10万元/);
  // Print: no form controls, every quote shown, folded sections included. A browser fires
  // beforeprint before it lays out the printout; emulateMedia alone does not, so fire it here.
  await setAsOf(page, '2019-06-01');
  const quotesBefore = await page.locator('.rc-quote').count();
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('form.rc-form').isVisible(), false);
  assert.equal(await page.getByRole('button', { name: '打印' }).isVisible(), false);
  const cards = await page.locator('.rc-card').count();
  assert.equal(await page.locator('.rc-quote').count(), cards, 'every card, folded or not, shows its quote');
  assert.ok(cards > quotesBefore);
  assert.equal(await page.locator('.rc-quote').last().isVisible(), true);
  assert.match(await page.locator('.rc-print-only').innerText(), /辽宁工匠/);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 辽阳高新区 PhD gets the 800–1500元/月 allowance, counted in the zone total', async () => {
  const { context, page } = await open();
  await field(page, '工作地').selectOption('211000-gxq');
  await field(page, '最高学历').selectOption('doctorate');
  const c = card(page, '高新区高层次人才工资外津贴');
  await c.waitFor();
  assert.equal(await c.locator('.rc-badge').first().innerText(), '可享受');
  assert.match(await c.locator('.rc-amount').innerText(), /800–1500元\/月/);
  assert.match(await section(page, '211000-gxq').locator('.rc-total-value').innerText(), /每月 800–1500元/);
  const ids = await page.locator('.rc-jur').evaluateAll((els) => els.map((e) => e.dataset.jurisdiction));
  assert.deepEqual(ids, ['000000', '210000', '211000', '211000-gxq']);
  await context.close();
});

test('answering the follow-up question 户籍在当地 settles the 高新区 settling subsidy', async () => {
  const { context, page } = await open();
  await field(page, '工作地').selectOption('211000-gxq');
  await field(page, '最高学历').selectOption('doctorate');
  const subsidy = card(page, '高新区高层次人才安家补贴');
  assert.equal(await subsidy.locator('.rc-badge').first().innerText(), '可能符合');
  assert.match(await subsidy.locator('.rc-missing').innerText(), /户籍在当地/);
  // The question names the benefits it would settle.
  const q = page.locator('.rc-followups .rc-question[data-question="hukou_in_place"]');
  await q.waitFor();
  assert.match(await q.locator('legend').innerText(), /户籍在当地/);
  assert.match(await q.locator('.rc-settles').innerText(), /高新区高层次人才安家补贴/);
  await q.getByLabel('是', { exact: true }).click();
  assert.equal(await subsidy.locator('.rc-badge').first().innerText(), '可享受');
  assert.equal(await page.locator('.rc-followups .rc-question[data-question="hukou_in_place"]').count(), 0);
  // The zone total includes the subsidy.
  assert.match(await section(page, '211000-gxq').locator('.rc-total-value').innerText(), /一次性 5–10万元/);
  // Focus stays in the follow-up questions, not lost to the page.
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.rc-followups')), true);
  // The answer is now an entry of the form too, under "more facts" (built when opened).
  await page.locator('form.rc-form details.rc-more > summary').click();
  assert.equal(await page.locator('form.rc-form input[data-field="hukou_in_place"][value="true"]').isChecked(), true);
  await context.close();
});

test('why-not names each unmet condition in words; ineligible results are folded away', async () => {
  const profile = { as_of: '2019-06-01', place: '211000-gxq', arrival: 'newly_introduced', education: 'doctorate', full_time: true, graduation_year: 2017, postdoc: 'none', title: 'none' };
  const hash = `#p=${Buffer.from(JSON.stringify(profile)).toString('base64url')}`;
  const { context, page } = await open(hash);
  const fold = section(page, '210000').locator('details.rc-fold-no');
  assert.match(await fold.locator(':scope > summary').innerText(), /^不符合的政策 \(\d+\)$/);
  const c = fold.locator('.rc-card', { has: page.locator('.rc-card-title', { hasText: '高层次人才培养支持计划·杰出人才资助' }) });
  assert.equal(await c.isVisible(), false);
  await fold.locator(':scope > summary').click();
  assert.equal(await c.locator('.rc-badge').first().innerText(), '不符合');
  assert.match(await c.locator('.rc-why').innerText(), /未满足的条件：\s*来源：已在当地工作或培养/);
  // A derived condition in words: a county bachelor one year out needs 毕业满3年.
  const county = { as_of: '2019-06-01', place: '211000', place_flags: ['county'], education: 'bachelor', graduation_year: 2018 };
  await page.goto(`${url}#p=${Buffer.from(JSON.stringify(county)).toString('base64url')}`);
  const mid = card(page, '县域工作本科毕业满3年可评定中级职称');
  await mid.waitFor({ state: 'attached' });
  assert.match(await mid.locator('.rc-why').innerText(), /毕业满3年/);
  assert.match(await mid.locator('.rc-route').innerText(), /中级职称 · 可申报/);
  await context.close();
});

test('what-if lists what one more fact would gain, and applying it updates the results', async () => {
  const { context, page } = await open();
  await field(page, '工作地').selectOption('430200');
  await field(page, '职业技能等级').selectOption('junior_worker');
  const item = page.locator('.rc-whatif-item', { hasText: '取得技师等级后还可享受' });
  await item.waitFor();
  assert.match(await item.innerText(), /高级技师、技师奖励补贴/);
  await item.getByRole('button', { name: '按此试算' }).click();
  assert.equal(await field(page, '职业技能等级').inputValue(), 'technician');
  assert.equal(await card(page, '高级技师、技师奖励补贴').locator('.rc-badge').first().innerText(), '可享受');
  await context.close();
});

test('the language switch turns every label, badge and title into English and back', async () => {
  const { context, page } = await open();
  await field(page, '工作地').selectOption('211000-gxq');
  await field(page, '最高学历').selectOption('doctorate');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await page.locator('.rencai').getAttribute('lang'), 'en');
  assert.equal(await field(page, 'Place of work').inputValue(), '211000-gxq');
  assert.equal(await field(page, 'Highest degree').inputValue(), 'doctorate');
  const c = card(page, 'High-tech Zone');
  assert.ok((await c.count()) > 0);
  const allowance = page.locator('.rc-card', { hasText: 'CNY 800–1,500 a month' });
  assert.equal(await allowance.locator('.rc-badge').first().innerText(), 'Eligible');
  assert.equal(await page.locator('.rc-tab[aria-pressed="true"]').innerText(), 'My benefits');
  assert.match(await page.locator('.rc-followups').innerText(), /A few more questions/);
  // No Chinese chrome is left in the English page (quotes, being verbatim, are in their own lang).
  const chrome = await page.locator('.rencai').evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (el.closest('[lang="zh-CN"]') || el.closest('option') || !/[\u4e00-\u9fff]/.test(n.data)) continue;
      out.push(n.data);
    }
    return out;
  });
  assert.deepEqual(chrome.filter((s) => !/[A-Za-z]/.test(s)), []);
  await page.getByRole('button', { name: '切换到中文' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.ok(await field(page, '工作地').isVisible());
  await context.close();
});

test('the compare view ranks every place by first-year minimum; choosing one opens its results', async () => {
  const { context, page } = await open();
  await field(page, '最高学历').selectOption('doctorate');
  await page.getByRole('button', { name: '比较各地' }).click();
  const rows = page.locator('.rc-compare tbody tr');
  await rows.first().waitFor();
  const placeIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.place));
  assert.equal(placeIds.length, 12);
  assert.equal(placeIds[0], '211000-gxq');
  const ranks = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.cells[0].textContent)));
  assert.deepEqual(ranks, ranks.map((_, i) => i + 1));
  assert.match(await rows.first().innerText(), /9600元/);
  await page.getByRole('button', { name: '查看株洲市的详细结果' }).click();
  assert.equal(await page.locator('.rc-compare').isVisible(), false);
  assert.equal(await field(page, '工作地').inputValue(), '430200');
  assert.match(await page.locator('.rc-summary-place').innerText(), /株洲市/);
  const ids = await page.locator('.rc-jur').evaluateAll((els) => els.map((e) => e.dataset.jurisdiction));
  assert.deepEqual(ids, ['000000', '430000', '430200']);
  await context.close();
});

test('the share link reopens the same entries and results in a fresh browser', async () => {
  const { context, page } = await open('', { permissions: ['clipboard-read', 'clipboard-write'] });
  await field(page, '工作地').selectOption('211000');
  await field(page, '最高学历').selectOption('master');
  await field(page, '毕业年份').fill('2016');
  await field(page, '辽宁工匠').check();
  await setAsOf(page, '2019-06-01');
  await page.getByRole('button', { name: '复制分享链接' }).click();
  const link = await page.getByLabel('分享链接', { exact: true }).inputValue();
  assert.match(link, /#p=[A-Za-z0-9_-]+$/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const before = await page.locator('.rc-jurs').innerText();
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  const other = await fresh.newPage();
  await other.goto(link);
  await ready(other);
  assert.equal(await field(other, '工作地').inputValue(), '211000');
  assert.equal(await field(other, '最高学历').inputValue(), 'master');
  assert.equal(await field(other, '毕业年份').inputValue(), '2016');
  assert.equal(await field(other, '辽宁工匠').isChecked(), true);
  assert.equal(await other.getByLabel('评估日期', { exact: true }).inputValue(), '2019-06-01');
  assert.equal(await other.locator('.rc-jurs').innerText(), before);
  await fresh.close();
  await context.close();
});

test('reload keeps every entry (from the fragment, and from local storage without it)', async () => {
  const { context, page } = await open();
  await field(page, '工作地').selectOption('310114');
  await field(page, '职称').selectOption('intermediate');
  await page.locator('form.rc-form details.rc-more > summary').click();
  await field(page, '年龄').fill('35');
  await page.locator('form.rc-form [data-field-box="roles"]').getByLabel('教师', { exact: true }).check();
  await page.reload();
  await ready(page);
  const check = async () => {
    assert.equal(await field(page, '工作地').inputValue(), '310114');
    assert.equal(await field(page, '职称').inputValue(), 'intermediate');
    assert.equal(await field(page, '年龄').inputValue(), '35');
    assert.equal(await page.locator('form.rc-form [data-field-box="roles"]').getByLabel('教师', { exact: true }).isChecked(), true);
    assert.match(await page.locator('.rc-summary-place').innerText(), /嘉定区/);
  };
  await check();
  await page.goto(url); // no fragment: local storage restores
  await ready(page);
  await check();
  await context.close();
});

test('a bad value is flagged at its field with the engine message; the other entries stay', async () => {
  const { context, page } = await open();
  await field(page, '工作地').selectOption('211000');
  await field(page, '最高学历').selectOption('bachelor');
  const year = field(page, '毕业年份');
  await year.fill('3000');
  const box = page.locator('form.rc-form [data-field-box="graduation_year"]');
  const err = box.locator('.rc-error');
  await err.waitFor();
  assert.match(await err.innerText(), /graduation_year: bad value 3000, expected a whole number from 1950 to 2100/);
  // What is accepted, in Chinese from the schema, before the engine's exact words.
  assert.match(await err.innerText(), /请填写 1950 至 2100 之间的整数/);
  assert.equal(await year.getAttribute('aria-invalid'), 'true');
  assert.match(await year.getAttribute('aria-describedby'), new RegExp(await err.getAttribute('id')));
  // Only that field is flagged; the rest still counts.
  assert.equal(await page.locator('.rc-error:visible').count(), 1);
  assert.equal(await field(page, '最高学历').inputValue(), 'bachelor');
  assert.match(await page.locator('.rc-summary-place').innerText(), /辽阳市/);
  await page.reload();
  await ready(page);
  assert.equal(await year.inputValue(), '3000');
  await err.waitFor();
  await year.fill('2015');
  assert.equal(await err.isVisible(), false);
  assert.equal(await year.getAttribute('aria-invalid'), null);
  await context.close();
});

test('keyboard only: tab to the place, choose it, open a quote', async () => {
  const { context, page } = await open();
  const place = field(page, '工作地');
  await place.focus();
  await page.keyboard.press('ArrowDown'); // national
  await page.keyboard.press('ArrowDown'); // 辽宁省
  assert.equal(await place.inputValue(), '210000');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'education');
  const summary = page.locator('.rc-src > summary').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('.rc-src').first().evaluate((d) => d.open), true);
  await page.getByRole('button', { name: '大字模式' }).press('Enter');
  assert.equal(await page.locator('.rencai').evaluate((e) => getComputedStyle(e).fontSize), '20px');
  await context.close();
});

test('axe-core finds no violations in Chinese, in English, in the compare view and at 390 px', async () => {
  // The strict CSP would block the injected audit script, so this context alone bypasses it.
  const { context, page } = await open('', { bypassCSP: true });
  await field(page, '工作地').selectOption('211000-gxq');
  await field(page, '最高学历').selectOption('doctorate');
  await field(page, '毕业年份').fill('3000'); // an error message on show too
  await page.addScriptTag({ path: AXE });
  const audit = async (what) => {
    // Open one of each kind of folded content (all of them would make the audit needlessly slow).
    await page.evaluate(() => {
      for (const sel of ['.rc-more', '.rc-more-questions', '.rc-fold', '.rc-fold-no', '.rc-src', '.rc-fold-no .rc-src', '.rc-others']) {
        const d = document.querySelector(`.rencai details${sel}`);
        if (d) d.open = true;
      }
    });
    const result = await page.evaluate(() => window.axe.run(document));
    const summary = result.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} ${v.help}`);
    assert.deepEqual(summary, [], `${what}: ${summary.join('\n')}`);
    assert.ok(result.passes.length > 10);
  };
  await audit('zh');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await audit('en');
  await page.getByRole('button', { name: 'Compare places' }).click();
  await page.locator('.rc-compare tbody tr').first().waitFor();
  await audit('compare');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.getByRole('button', { name: '我的政策' }).click();
  await audit('390 px');
  await context.close();
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
  test(`the first paint holds the page but the later result cards, which then only extend it (${viewport.width} px)`, async () => {
    const context = await browser.newContext({ serviceWorkers: 'block', viewport });
    await context.addInitScript(() => {
      // What the page holds when the first result card enters it, and how far painted content moves.
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      const seen = new MutationObserver(() => {
        const cards = document.querySelectorAll('[data-rule]');
        if (!cards.length) return;
        seen.disconnect();
        window.__firstPaint = {
          cards: [...cards].map((c) => c.dataset.rule),
          controls: document.querySelectorAll('form.rc-form [data-field]').length,
          questions: document.querySelectorAll('.rc-followups [data-question]').length,
          busy: document.querySelector('.rc-results')?.getAttribute('aria-busy'),
          sections: [...document.querySelectorAll('.rc-jur')].map((s) => [s.dataset.jurisdiction, s.querySelector('.rc-total-value')?.textContent]),
        };
      });
      seen.observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    const profile = { place: '211000-gxq', as_of: '2019-06-01', education: 'doctorate' };
    await page.goto(`${url}#p=${Buffer.from(JSON.stringify(profile)).toString('base64url')}`);
    await ready(page);
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const first = await page.evaluate(() => window.__firstPaint);
    const done = await page.evaluate(() => ({
      cards: [...document.querySelectorAll('.rc-jurs > .rc-jur > .rc-cards [data-rule]')].map((c) => c.dataset.rule),
      controls: document.querySelectorAll('form.rc-form [data-field]').length,
      questions: document.querySelectorAll('.rc-followups [data-question]').length,
      sections: [...document.querySelectorAll('.rc-jur')].map((s) => [s.dataset.jurisdiction, s.querySelector('.rc-total-value')?.textContent]),
      marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      shift: window.__shift,
    }));
    // The first paint: the form and the questions complete, the results marked busy…
    assert.equal(first.busy, 'true');
    assert.ok(first.controls > 5);
    assert.equal(first.controls, done.controls);
    assert.equal(first.questions, done.questions);
    // …and only the first cards, with the sections down to them and their totals…
    assert.ok(first.cards.length >= 1 && first.cards.length < done.cards.length, `${first.cards.length} of ${done.cards.length} cards first`);
    assert.deepEqual(first.cards, done.cards.slice(0, first.cards.length));
    assert.deepEqual(first.sections, done.sections.slice(0, first.sections.length));
    assert.deepEqual(done.sections.map(([id]) => id), ['000000', '210000', '211000', '211000-gxq']);
    assert.ok(done.marks['rencai:first-result'] < done.marks['rencai:results-rendered']);
    // …so adding the rest moves nothing that was on screen (a layout shift score well under 0.1,
    // the threshold of a "good" page; the page before the staged start scored about 0.01).
    assert.ok(done.shift < 0.05, `layout shift ${done.shift}`);
    await context.close();
  });
}

test('the page asks nothing of any origin but its own', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const origins = new Set();
  const own = new URL(url).origin;
  context.on('request', (r) => origins.add(new URL(r.url()).origin));
  await page.goto(url);
  await ready(page);
  await field(page, '工作地').selectOption('211000');
  await field(page, '两院院士').check();
  await page.getByRole('button', { name: '比较各地' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForTimeout(300);
  assert.deepEqual([...origins], [own]);
  await context.close();
});

test('screenshots: zh, en, compare and 390 px wide', async () => {
  const profile = { as_of: '2019-06-01', place: '211000-gxq', arrival: 'newly_introduced', education: 'doctorate', graduation_year: 2017, postdoc: 'none', title: 'none', honours: ['liaoning_craftsman'] };
  const hash = `#p=${Buffer.from(JSON.stringify(profile)).toString('base64url')}`;
  const { context, page } = await open(hash, { viewport: { width: 1280, height: 1400 } });
  await card(page, '“辽宁工匠”一次性生活补贴').locator('details.rc-src > summary').click();
  assert.ok(await page.getByText('800–1500元/月').first().isVisible());
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/zh.png` });
  await page.getByRole('button', { name: 'Switch to English' }).click();
  assert.ok(await field(page, 'Place of work').isVisible());
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/en.png` });
  await page.getByRole('button', { name: '切换到中文' }).click();
  await page.getByRole('button', { name: '比较各地' }).click();
  await page.locator('.rc-compare tbody tr').first().waitFor();
  assert.ok(await page.locator('.rc-compare caption').isVisible());
  await page.screenshot({ path: `${SHOTS}/compare.png` });
  await context.close();
  const mobile = await open(hash, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const width = await mobile.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll at 390 px (scrollWidth ${width})`);
  assert.ok(await field(mobile.page, '工作地').isVisible());
  await mobile.page.getByRole('button', { name: '↓ 查看结果' }).click();
  assert.ok(await mobile.page.locator('.rc-summary').isVisible());
  await mobile.page.screenshot({ path: `${SHOTS}/mobile-390.png`, fullPage: false });
  await mobile.context.close();
});
