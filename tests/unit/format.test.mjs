// The page's words and numbers (www/format.js), without a browser: money as the page and the CLI
// write it (tests/money.json, which the CLI's own test reads too), amounts, totals, conditions in
// words, periods, what-if sentences.
// Run: node --test tests/unit/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatter, yuanZh, yuanEn } from '../../www/format.js';
import { loadLang } from '../../www/i18n.js';

await loadLang('en');

const FIELDS = {
  education: { id: 'education', type: 'enum', label_zh: '最高学历', label_en: 'Highest degree', values: [{ id: 'bachelor', zh: '本科', en: "Bachelor's" }, { id: 'master', zh: '硕士', en: "Master's" }, { id: 'doctorate', zh: '博士', en: 'Doctorate' }] },
  title: { id: 'title', type: 'enum', label_zh: '职称', label_en: 'Professional title', values: [{ id: 'intermediate', zh: '中级', en: 'Intermediate' }, { id: 'deputy_senior', zh: '副高级', en: 'Deputy-senior' }] },
  skill_level: { id: 'skill_level', type: 'enum', label_zh: '职业技能等级', label_en: 'Skill level', values: [{ id: 'intermediate_worker', zh: '中级工', en: 'Intermediate worker' }] },
  home_in_place: { id: 'home_in_place', type: 'bool', label_zh: '在当地安家', label_en: 'Home in the place' },
  age: { id: 'age', type: 'int', min: 0, max: 120, label_zh: '年龄', label_en: 'Age' },
  hukou_in_place: { id: 'hukou_in_place', type: 'bool', label_zh: '户籍在当地', label_en: 'Household registration (hukou) in the place' },
  honours: { id: 'honours', type: 'set', holds: true, label_zh: '荣誉与人才项目', label_en: 'Honours', values: [{ id: 'liaoning_craftsman', zh: '辽宁工匠', en: 'Liaoning Craftsman' }] },
  roles: { id: 'roles', type: 'set', label_zh: '职业与身份', label_en: 'Occupation and roles', values: [{ id: 'researcher', zh: '科研人员', en: 'Researcher' }] },
};
const PLACES = { '000000': { id: '000000', zh: '中华人民共和国', en: 'PRC', chain: ['000000'] }, '210000': { id: '210000', zh: '辽宁省', en: 'Liaoning Province', parent: '000000', chain: ['000000', '210000'] } };
const zh = formatter('zh', FIELDS, PLACES);
const en = formatter('en', FIELDS, PLACES);

test('money: one formatter, the figures of tests/money.json (which the CLI checks too)', () => {
  const cases = JSON.parse(readFileSync(new URL('../money.json', import.meta.url), 'utf8'));
  assert.ok(cases.length >= 5);
  for (const [n, z, e] of cases) {
    assert.equal(yuanZh(n), z, `${n}`);
    assert.equal(yuanEn(n), e, `${n}`);
    assert.equal(zh.yuan(n), z);
    assert.equal(en.yuan(n), e);
  }
});

test('money ranges: 万 once, open-ended reads 不低于 / ≥', () => {
  assert.equal(zh.money(50000, 100000), '5–10万元');
  assert.equal(zh.money(800, 1500), '800–1500元');
  assert.equal(zh.money(5000, 20000), '5000元–2万元');
  assert.equal(zh.money(3000, null), '不低于3000元');
  assert.equal(en.money(800, 1500), 'CNY 800–1,500');
  assert.equal(en.money(3000, null), '≥ CNY 3,000');
});

test('amounts with their unit, in both languages', () => {
  assert.equal(zh.amountText({ unit: 'one_off', min: 100000, max: 100000 }), '10万元（一次性）');
  assert.equal(zh.amountText({ unit: 'per_month', min: 800, max: 1500 }), '800–1500元/月');
  assert.equal(zh.amountText({ unit: 'loan_cap', min: 100000, max: 100000 }), '贷款最高10万元');
  assert.equal(zh.amountText({ unit: 'share', min: 0.7, max: null }), '不低于70%');
  assert.equal(zh.amountText({ unit: 'share', min: 0, max: 1 }), '0%–100%');
  assert.equal(en.amountText({ unit: 'per_year', min: 2000, max: 2000 }), 'CNY 2,000 a year');
  assert.equal(zh.amountText(null), null);
});

test('totals name only what is not zero', () => {
  const zero = { min: 0, max: 0 };
  assert.equal(zh.totalText({ one_off: { min: 100000, max: 100000 }, per_month: zero, per_year: zero }), '一次性 10万元');
  assert.equal(zh.totalText({ one_off: zero, per_month: { min: 800, max: 1500 }, per_year: zero }), '每月 800–1500元');
  assert.equal(zh.totalText({ one_off: zero, per_month: zero, per_year: zero }), null);
});

test('conditions in words, from the schema labels; a set of things held reads 持有', () => {
  assert.equal(zh.describe({ field: 'education', op: 'at_least', need: 'bachelor' }).text, '最高学历：本科及以上');
  assert.equal(zh.describe({ field: 'age', op: 'at_most', need: 40 }).text, '年龄：不超过40');
  // A list reads "A、B或C" / "A, B or C".
  assert.equal(zh.describe({ field: 'education', op: 'one_of', need: ['bachelor', 'master', 'doctorate'] }).text, '最高学历：本科、硕士或博士');
  assert.equal(en.describe({ field: 'education', op: 'one_of', need: ['bachelor', 'master', 'doctorate'] }).text, "Highest degree: Bachelor's, Master's or Doctorate");
  assert.equal(zh.describe({ field: 'hukou_in_place', op: 'equals', need: false }).text, '户籍在当地：否');
  assert.equal(zh.describe({ field: 'honours', op: 'contains', need: 'liaoning_craftsman' }).text, '持有“辽宁工匠”');
  assert.equal(zh.describe({ field: 'roles', op: 'contains', need: 'researcher' }).text, '职业与身份：科研人员');
  assert.equal(zh.describe({ field: 'years_since_graduation', op: 'at_least', need: 6 }).text, '毕业满6年');
  const any = zh.describe({ field: 'a|b', op: 'any', need: [{ field: 'education', op: 'equals', need: 'doctorate' }] });
  assert.equal(any.text, '以下之一：');
  assert.equal(any.children.length, 1);
  assert.equal(en.describe({ field: 'education', op: 'at_least', need: 'bachelor' }).text, "Highest degree: Bachelor's or higher");
});

test('periods: lapsed and not yet in force say their dates; document titles are bracketed once', () => {
  assert.equal(zh.outOfForce({ from: '2018-03-06', until: '2020-12-31' }, '2026-01-01'), '已失效（有效期至2020-12-31）');
  assert.equal(zh.outOfForce({ from: '2018-03-06', until: '2020-12-31' }, '2018-01-01'), '尚未生效（2018-03-06起施行）');
  assert.equal(en.outOfForce({ until: '2020-12-31' }, '2026-01-01'), 'Lapsed (in force until 2020-12-31)');
  const doc = { title_zh: '辽宁省人才服务全面振兴三年行动计划(2018—2020年)', title_en: 'Plan', in_force: false };
  assert.equal(zh.lapsedBanner(doc, { until: '2020-12-31' }, 3, '2026-01-01'), '《辽宁省人才服务全面振兴三年行动计划(2018—2020年)》已于2020-12-31到期，仅供参考（3项）');
  assert.equal(zh.docTitle({ title_zh: '《关于进一步推进人才优先发展的30条措施》主要任务分工方案' }), '《〈关于进一步推进人才优先发展的30条措施〉主要任务分工方案》');
  assert.equal(zh.docTitle({ title_zh: '《株洲30条》' }), '《株洲30条》');
});

test('what-if sentences and labels', () => {
  assert.equal(zh.whatIfSentence({ field: 'title', value: 'deputy_senior' }), '取得副高级职称后：');
  assert.equal(zh.whatIfSentence({ field: 'hukou_in_place', value: true }), '在当地落户后：');
  assert.equal(zh.stepLabel({ field: 'title', value: 'deputy_senior' }), '职称：副高级');
  assert.equal(en.stepLabel({ field: 'title', value: 'deputy_senior' }), 'Professional title: Deputy-senior');
  // English without a wrong article or a calque, whatever the value.
  assert.equal(en.whatIfSentence({ field: 'title', value: 'intermediate' }), 'Once you hold a title at intermediate level:');
  assert.equal(en.whatIfSentence({ field: 'skill_level', value: 'intermediate_worker' }), 'Once certified at intermediate worker level:');
  assert.equal(en.whatIfSentence({ field: 'education', value: 'master' }), "Once you hold a master's degree:");
  assert.equal(en.whatIfSentence({ field: 'home_in_place', value: true }), 'Once you have made your home there:');
  assert.equal(zh.whatIfSentence({ field: 'home_in_place', value: true }), '在当地安家后：');
  assert.equal(zh.routeText({ title_level: 'deputy_senior', route: 'may_apply' }), '副高级职称 · 可申报');
  assert.equal(zh.requiresText([{ zh: '择优遴选', en: 'selection' }, { zh: '全省10名左右', en: 'about 10' }]), '择优遴选；全省10名左右');
  assert.equal(zh.placeName('210000'), '辽宁省');
  assert.deepEqual(zh.chain('210000'), ['000000', '210000']);
  assert.equal(zh.accepted('age'), '请填写0至120之间的整数。');
});
