// Words and numbers of the page: labels from the engine's schema, money, amounts, title routes,
// conditions in words, periods. Pure (no DOM): unit-tested in Node, and the one money formatter
// (tests/money.json holds the figures the CLI's table must write the same way).
import { strings } from './i18n.js';

/** The number of 万 in `n`, to at most four decimals, as the page and the CLI write it. */
export function wan(n) {
  return `${+(n / 10000).toFixed(4)}`;
}

/** One amount of money in Chinese: "10万元", "800元". */
export function yuanZh(n) {
  return n >= 10000 ? `${wan(n)}万元` : `${n}元`;
}

/** One amount of money in English: "CNY 100,000". */
export function yuanEn(n) {
  return `CNY ${n.toLocaleString('en-US')}`;
}

/**
 * The words of the page in one language. `fields` are the schema's fields by id; `places` the
 * schema's places by id (each with `zh`, `en`, `parent`, `chain`).
 */
export function formatter(lang, fields = {}, places = {}) {
  const en = lang === 'en';
  const t = strings(lang);
  const f = {
    lang: en ? 'en' : 'zh',
    t,
    /** A field's label. */
    label(field) {
      const x = typeof field === 'string' ? fields[field] : field;
      if (!x) return String(field);
      return en ? x.label_en : x.label_zh;
    },
    help: (x) => (en ? x.help_en : x.help_zh),
    /** A value of a field in words (yes/no for a bool). */
    valueLabel(fieldId, value) {
      const x = fields[fieldId];
      if (x?.type === 'bool') return value ? t.yes : t.no;
      const v = x?.values?.find((y) => y.id === value);
      return v ? (en ? v.en : v.zh) : String(value);
    },
    /** "label：" in Chinese, "label: " in English. */
    colon: (label) => (en ? `${label}: ` : `${label}：`),
    placeName(id) {
      const p = places[id];
      return p ? (en ? p.en : p.zh) : id;
    },
    /** A place's chain of ids, national first. */
    chain: (id) => places[id]?.chain ?? [],
    title: (r) => (en ? r.title_en : r.title_zh),
    /**
     * A document's title: in Chinese within 《…》, a title it names inside turned to 〈…〉 as
     * Chinese punctuation nests them (never 《《…》…》); the English title in English.
     */
    docTitle(d) {
      if (en) return d.title_en;
      const title = d.title_zh;
      if (title.startsWith('《') && title.endsWith('》') && !title.slice(1, -1).includes('《')) return title;
      return `《${title.replace(/《/g, '〈').replace(/》/g, '〉')}》`;
    },
    num: (n) => (en ? n.toLocaleString('en-US') : String(n)),
    /** One amount of money, "10万元" / "CNY 100,000". */
    yuan: (n) => (en ? yuanEn(n) : yuanZh(n)),
    /** A min–max range of money; an open max reads "不低于…" / "≥ …". */
    money(min, max) {
      if (max === null || max === undefined) return en ? `≥ ${f.yuan(min)}` : `不低于${f.yuan(min)}`;
      if (min === max) return f.yuan(min);
      if (en) return `CNY ${f.num(min)}–${f.num(max)}`;
      if (min >= 10000 && max >= 10000) return `${wan(min)}–${wan(max)}万元`;
      if (max < 10000) return `${min}–${max}元`;
      return `${f.yuan(min)}–${f.yuan(max)}`;
    },
    /** An amount with its unit, or null. */
    amountText(a) {
      if (!a) return null;
      const m = f.money(a.min, a.max);
      switch (a.unit) {
        case 'per_month':
          return en ? `${m} a month` : `${m}/月`;
        case 'per_year':
          return en ? `${m} a year` : `${m}/年`;
        case 'loan_cap':
          return en ? `loan of up to ${m}` : `贷款最高${m}`;
        case 'share': {
          const pct = (x) => `${+(x * 100).toFixed(2)}%`;
          if (a.max === null || a.max === undefined) return t.shareAtLeast(pct(a.min));
          return a.min === a.max ? pct(a.min) : `${pct(a.min)}–${pct(a.max)}`;
        }
        default:
          return en ? `${m} one-off` : `${m}（一次性）`;
      }
    },
    /** "一次性 10万元 · 每月 800–1500元", or null when everything is zero. */
    totalText(tot) {
      const parts = [];
      const nonzero = (r) => r && (r.min > 0 || r.max === null || r.max > 0);
      if (nonzero(tot.one_off)) parts.push(`${t.oneOffTotal} ${f.money(tot.one_off.min, tot.one_off.max)}`);
      if (nonzero(tot.per_month)) parts.push(`${t.perMonthTotal} ${f.money(tot.per_month.min, tot.per_month.max)}`);
      if (nonzero(tot.per_year)) parts.push(`${t.perYearTotal} ${f.money(tot.per_year.min, tot.per_year.max)}`);
      return parts.length ? parts.join(' · ') : null;
    },
    /** "副高级职称 · 可申报". */
    routeText(r) {
      const level = r.title_level ? f.valueLabel('title', r.title_level) : null;
      const route = r.route ? t[`route_${r.route}`] ?? r.route : null;
      return t.titleRoute(level, route);
    },
    /** What decides, in the page's language. */
    requiresText: (requires) => requires.map((q) => (en ? q.en : q.zh)).join(en ? '; ' : '；'),
    /** "已失效（有效期至2020-12-31）" / "尚未生效（2018-03-06起施行）" for a result out of force on `asOf`. */
    outOfForce(period, asOf) {
      if (period?.from && asOf < period.from) return t.notYetInForce(period.from);
      return t.lapsed(period?.until ?? null);
    },
    /** "《…》已于2020-12-31到期，仅供参考（3项）", or not yet in force. */
    lapsedBanner(doc, period, n, asOf) {
      const title = doc ? f.docTitle(doc) : '';
      if (period?.from && asOf < period.from) return t.notYetBanner(title, period.from, n);
      return doc && doc.in_force ? t.lapsedPartBanner(title, period?.until, n) : t.lapsedBanner(title, period?.until, n);
    },
    /** An unmet condition in words, from schema labels: { text, children? }. */
    describe(c) {
      const w = t.cond;
      if (c.op === 'any' || c.op === 'all' || c.op === 'not') return { text: w[c.op], children: c.need };
      if (c.field === 'years_since_graduation') return { text: c.op === 'at_most' ? w.yearsAtMost(c.need) : w.yearsAtLeast(c.need) };
      const x = fields[c.field];
      const label = f.label(c.field);
      const v = (y) => f.valueLabel(c.field, y);
      const list = Array.isArray(c.need) ? c.need : [c.need];
      switch (c.op) {
        case 'equals':
          if (x?.type === 'bool') return { text: c.need ? w.boolTrue(label) : w.boolFalse(label) };
          return { text: w.is(label, v(c.need)) };
        case 'one_of':
          return { text: w.oneOf(label, list.map(v)) };
        case 'at_least':
          return { text: x?.type === 'int' ? w.atLeastInt(label, c.need) : w.atLeastEnum(label, v(c.need)) };
        case 'at_most':
          return { text: x?.type === 'int' ? w.atMostInt(label, c.need) : w.atMostEnum(label, v(c.need)) };
        case 'contains':
          return { text: x?.holds ? w.holds(v(c.need)) : w.contains(label, v(c.need)) };
        case 'contains_any':
          return { text: x?.holds ? w.holdsAny(list.map(v)) : w.containsAny(label, list.map(v)) };
        default:
          return { text: `${label}: ${c.op} ${JSON.stringify(c.need)}` };
      }
    },
    /** "取得副高级职称后：" for a what-if step. */
    whatIfSentence(option) {
      const w = t.whatIf;
      const x = fields[option.field];
      const v = f.valueLabel(option.field, option.value);
      if (w[option.field]) return w[option.field](v);
      if (x?.type === 'set') return w.set(f.label(x), v);
      if (x?.type === 'bool') return w.bool(f.label(x));
      return w.other(f.label(x ?? option.field), v);
    },
    /** "职称：副高级" for a what-if step. */
    stepLabel: (o) => `${f.colon(f.label(o.field))}${f.valueLabel(o.field, o.value)}`,
    /** What a field accepts, in words. */
    accepted(field) {
      const x = fields[field];
      if (!x) return '';
      if (x.type === 'int') return t.acceptInt(x.min, x.max);
      if (x.type === 'date') return t.acceptDate;
      if (x.type === 'bool') return t.acceptBool;
      return t.acceptChoice;
    },
  };
  return f;
}
