// Contract v2 on the page, in Debian's Chromium: badges by standing (可享受 / 可申请 with who
// decides / 待确认 / 相关措施 apart), lapsed results folded under one banner per document with
// their date, the switch to a place's last day in force, follow-up questions only for what can
// still be gained, what-if by standing with waits, and compare by what is in force.
// Run: node --test tests/browser/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite } from './harness.mjs';

const site = useSite();

/** A fresh page showing `profile` (through the URL fragment), once everything is rendered. */
async function show(profile, viewport = { width: 1280, height: 900 }) {
  const context = await site.browser.newContext({ viewport, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.url}#p=${Buffer.from(JSON.stringify(profile)).toString('base64url')}`);
  await page.locator('.rc-summary-place').waitFor();
  await page.locator('.rc-results:not([aria-busy])').waitFor({ state: 'attached' });
  return { context, page, errors };
}

const card = (page, title) => page.locator('.rc-card', { has: page.locator('.rc-card-title', { hasText: title }) });
const count = async (page, standing) => Number((await page.locator(`.rc-summary [data-count="${standing}"]`).innerText()).replace(/\D+/g, ''));

const PHD = { as_of: '2019-06-01', place: '211000-gxq', arrival: 'newly_introduced', education: 'doctorate', full_time: true, graduation_year: 2017, postdoc: 'none', title: 'none', age: 31, nationality: 'chinese' };
const COUNTY = { as_of: '2020-03-01', place: '210000', place_flags: ['county'], education: 'bachelor', graduation_year: 2016, title: 'junior' };

test('a selection reads 可申请 with who decides; an entitlement 可享受; measures are apart and folded', async () => {
  const { context, page, errors } = await show(PHD);
  const grant = card(page, '海内外高层次人才引进集聚计划·杰出人才资助');
  assert.equal(await grant.locator('.rc-badge').first().innerText(), '可申请');
  assert.match(await grant.locator('.rc-requires').innerText(), /^另需：.*10名左右/);
  assert.match(await grant.locator('.rc-amount').innerText(), /300万元.*（如获选）/);
  const allowance = card(page, '高新区高层次人才工资外津贴');
  assert.equal(await allowance.locator('.rc-badge').first().innerText(), '可享受');
  // The cards in view are exactly the in-force results the summary counts, by standing.
  for (const standing of ['entitled', 'may_apply', 'possible']) {
    const cards = await page.locator(`.rc-jur > .rc-cards > .rc-card[data-standing="${standing}"]`).count();
    assert.equal(cards, await count(page, standing), standing);
  }
  // No measure and nothing lapsed is a card in view: measures sit in their own fold.
  assert.equal(await page.locator('.rc-jur > .rc-cards > .rc-card[data-standing="measure"]').count(), 0);
  assert.equal(await page.locator('.rc-jur > .rc-cards > .rc-card.rc-out').count(), 0);
  const fold = page.locator('.rc-jur[data-jurisdiction="210000"] details.rc-fold-measures');
  assert.match(await fold.locator(':scope > summary').innerText(), /^相关措施（无具体金额，仅供了解）：\d+项$/);
  await fold.locator(':scope > summary').click();
  const measure = fold.locator('.rc-card').first();
  assert.equal(await measure.locator('.rc-badge').first().innerText(), '相关措施');
  assert.equal(await measure.locator('.rc-amount').count(), 0);
  // In English the same standings.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en'); // (English strings load on demand)
  assert.equal(await page.locator('.rc-card', { hasText: 'Introduction of high-level talent: outstanding talent grant' }).locator('.rc-badge').first().innerText(), 'May apply');
  assert.equal(await page.locator('.rc-card', { hasText: 'CNY 800–1,500 a month' }).locator('.rc-badge').first().innerText(), 'Entitled');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a news report without a stated period says so on the card face', async () => {
  const { context, page } = await show(PHD);
  const allowance = card(page, '高新区高层次人才工资外津贴');
  assert.equal(await allowance.locator('.rc-caveat').innerText(), '有效期未注明 · 新闻报道 · 请向主管部门核实');
  // A policy with a stated period carries no such caveat.
  assert.equal(await card(page, '海内外高层次人才引进集聚计划·杰出人才资助').locator('.rc-caveat').count(), 0);
  await context.close();
});

test('lapsed results sit under one banner per document with the date, never with a green badge', async () => {
  const { context, page } = await show({ ...PHD, as_of: '2022-06-01' });
  const section = page.locator('.rc-jur[data-jurisdiction="210000"]');
  const folds = section.locator('details.rc-fold-lapsed');
  assert.equal(await folds.count(), 1);
  const summary = await folds.locator(':scope > summary').innerText();
  const n = Number(/（(\d+)项）$/.exec(summary)?.[1]);
  assert.match(summary, /^《辽宁省人才服务全面振兴三年行动计划\(2018—2020年\)》已于2020-12-31到期，仅供参考/);
  assert.ok(n > 0);
  await folds.locator(':scope > summary').click();
  const cards = folds.locator('.rc-card');
  await cards.first().waitFor(); // built when the fold opens (the toggle event)
  assert.equal(await cards.count(), n);
  for (const badge of await cards.locator('.rc-card-tags > .rc-badge:first-child').allInnerTexts()) {
    assert.equal(badge, '已失效（有效期至2020-12-31）');
  }
  assert.equal(await folds.locator('.rc-b-entitled, .rc-b-may_apply').count(), 0);
  // Nothing of 辽宁 is counted as in force, and the summary says how many lapsed.
  assert.match(await page.locator('.rc-expired-count').innerText(), /^不在有效期内\d+项（仅供参考）$/);
  await context.close();
});

async function expiredTotal(page) {
  return Number((await page.locator('.rc-expired-count').innerText()).replace(/\D+/g, ''));
}

test('when every document of the place has lapsed, one sentence says so and one click shows its last day', async () => {
  // No as_of: the page judges on today, after the 2018–2020 plan.
  const { context, page } = await show({ place: '210000', education: 'doctorate' });
  const note = page.locator('.rc-summary .rc-lapsed');
  assert.match(await note.innerText(), /本地适用的政策文件均已到期：《辽宁省人才服务全面振兴三年行动计划\(2018—2020年\)》已于2020-12-31到期。/);
  assert.equal(await count(page, 'entitled') + await count(page, 'may_apply') + await count(page, 'possible'), 0);
  assert.ok(await expiredTotal(page) > 0);
  // Nothing in force can be gained, so there is nothing to ask.
  assert.match(await page.locator('.rc-followups').innerText(), /目前没有需要补充的问题/);
  await note.getByRole('button', { name: '查看最后有效日（2020-12-31）的结果' }).click();
  assert.equal(await page.locator('.rc-asof input').inputValue(), '2020-12-31');
  assert.match(await page.locator('.rc-summary-place').innerText(), /评估日期 2020-12-31/);
  assert.equal(await page.locator('.rc-summary .rc-lapsed').count(), 0);
  assert.ok(await count(page, 'may_apply') > 0, 'a doctorate may apply for 副高 on the last day');
  assert.equal(await card(page, '已毕业博士研究生可申报副高级及以上职称').locator('.rc-badge').first().innerText(), '可申请');
  await context.close();
});

test('follow-up questions ask only for facts that can change an in-force result', async () => {
  const { context, page } = await show(PHD);
  const asked = await page.locator('.rc-followups [data-question]').evaluateAll((qs) => qs.map((q) => q.dataset.question));
  assert.ok(asked.length > 0);
  // Each question names in-force results to confirm, never a measure or a lapsed result.
  for (const q of await page.locator('.rc-followups .rc-settles li').allInnerTexts()) assert.ok(q.length > 0);
  const { context: later, page: laterPage } = await show({ ...PHD, as_of: '2022-06-01' });
  const laterAsked = await laterPage.locator('.rc-followups [data-question]').evaluateAll((qs) => qs.map((q) => q.dataset.question));
  // After 辽宁's plan lapsed, nothing of it is asked about any more (e.g. 创业情况, 证书).
  assert.ok(laterAsked.length < asked.length, `${laterAsked} vs ${asked}`);
  await later.close();
  await context.close();
});

test('what-if names its gains by standing and says when time meets a route, and that it lapsed first', async () => {
  const { context, page } = await show(COUNTY);
  const box = page.locator('.rc-whatif');
  const wait = box.locator('.rc-wait', { hasText: '县域工作本科毕业满6年可评定副高级职称' });
  assert.match(await wait.innerText(), /毕业满6年：2022年起；但该政策已于2020-12-31到期/);
  // Never a step the person cannot take: no option on place, arrival, nationality, age or honours.
  const fields = await box.locator('.rc-whatif-item').evaluateAll((items) => items.map((i) => i.dataset.field));
  for (const f of fields) assert.ok(!['place', 'arrival', 'nationality', 'age', 'honours', 'graduation_year', 'years_in_place'].includes(f), f);
  for (const h of await box.locator('.rc-gains-h').allInnerTexts()) assert.match(h, /^还可(享受|申请)$/);
  await context.close();
});

test('compare shows in-force columns and a lapsed column, ranked by what is in force', async () => {
  const profile = { as_of: '2026-11-29', skill_level: 'senior_technician', honours: ['hunan_craftsman'] };
  const { context, page } = await show(profile);
  await page.getByRole('button', { name: '比较各地' }).click();
  const rows = page.locator('.rc-compare tbody tr');
  await rows.first().waitFor();
  const head = await page.locator('.rc-compare thead').innerText();
  assert.match(head, /现行有效/);
  assert.match(head, /不在有效期/);
  const data = await rows.evaluateAll((trs) => trs.map((tr) => ({
    place: tr.dataset.place,
    live: ['entitled', 'may_apply'].reduce((n, k) => n + (Number(tr.querySelector(`[data-count="${k}"]`).textContent) || 0), 0),
    any: ['entitled', 'may_apply', 'possible'].reduce((n, k) => n + (Number(tr.querySelector(`[data-count="${k}"]`).textContent) || 0), 0),
    expired: Number(tr.querySelector('[data-count="expired"]').textContent) || 0,
  })));
  // The 株洲 senior technician with 湖湘工匠 sees 株洲 first, not places whose policies lapsed.
  assert.equal(data[0].place, '430200');
  for (let i = 0; i < data.length; i++) {
    for (const later of data.slice(i + 1)) {
      assert.ok(!(data[i].live === 0 && data[i].any === 0 && later.live > 0), `${data[i].place} above ${later.place}`);
    }
  }
  assert.ok(data.find((r) => r.place === '210000').expired > 0, '辽宁 shows its lapsed results apart');
  await context.close();
});

test('printing each contract example is a one-page summary and its sources: at most two A4 pages', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = new URL('../../../shared/contract/examples/', import.meta.url);
  const names = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(names.length >= 4);
  for (const name of names) {
    const profile = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
    const { context, page } = await show(profile);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    assert.ok(pages >= 1 && pages <= 2, `${name}: ${pages} A4 pages`);
    // What is printed: the entries, the answer in force, the sources.
    await page.emulateMedia({ media: 'print' });
    const text = await page.locator('.rc-print-sheet').innerText();
    assert.match(text, /填写的信息/, name);
    // With a place, the answer in force; without one, the places side by side (what the screen shows).
    assert.match(text, profile.place ? /现行有效、您可享受或可申请的待遇/ : /各地一览/, name);
    await context.close();
  }
});
