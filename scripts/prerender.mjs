// Puts the page's empty-profile first screen into index.html at build time, so that a first visit
// paints its results with the HTML, before the scripts and the engine are up: the live page itself
// (the same code, the same engine, served from the built folder) rendered in Chromium and saved, so
// the saved screen cannot drift from what the live page shows. www/boot.js decides on each visit
// whether it applies (no entries, the default language, today within the days the catalogue treats
// alike) and otherwise removes it; the calculator replaces it with the live page once the engine is
// up, as it does the skeleton. Until then it is inert: nothing in it can be pressed or typed into,
// so no entry can be lost in the swap.
//
// Usage: node scripts/prerender.mjs [--root site] [--texts pkg/texts/all.json]   (in build-web.sh)
//
// index.html carries a marker comment `<!-- rencai:prerender ... -->` where the screen goes; <html>
// gets data-rc-prerendered (the day it was rendered for) and data-rc-valid ("from until": from
// that day on, until the day before `until`, no rule or document starts or ends). Without a
// Chromium (scripts/setup.sh installs one) the page ships without the screen, and says so.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MARKER = /<!-- rencai:prerender[\s\S]*?-->\n?/;

/** `iso` (YYYY-MM-DD) moved by `days` calendar days, as YYYY-MM-DD. */
export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `html` with the day its screen was prerendered for and its days on <html> (boot.js reads them). */
export function markDays(html, { made, from, until }) {
  return html.replace(/<html\b([^>]*)>/, (_, attrs) => `<html${attrs} data-rc-prerendered="${made}" data-rc-valid="${from} ${until}">`);
}

/** What markDays() wrote on an index.html's <html>: { made, from, until }, or null without it. */
export function prerenderedDays(html) {
  const m = /<html\b[^>]* data-rc-prerendered="([\d-]+)" data-rc-valid="([\d-]+) ([\d-]+)"/.exec(html);
  return m && { made: m[1], from: m[2], until: m[3] };
}

/**
 * The days around `today` that every date in the catalogue treats alike: [from, until). A period
 * holds from its first day through its last, so the catalogue's answers can change on a date it
 * names or on the day after one; every such day is a boundary (a date that bounds nothing only
 * narrows the window).
 */
export function sameDays(catalogueText, today) {
  const dates = new Set(catalogueText.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []);
  let from = '0000-01-01';
  let until = '9999-12-31';
  for (const d of dates) {
    for (const change of [d, addDays(d, 1)]) {
      if (change <= today && change > from) from = change;
      if (change > today && change < until) until = change;
    }
  }
  return { from, until };
}

/**
 * Renders `url` (the built page) in `browser` and returns { html, today }: the calculator's
 * element as the live page shows it with no entries, its controls' state written into attributes,
 * marked as the prerendered screen, and the places that show today's date marked data-rc-today.
 */
export async function renderFirstScreen(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('rencai:results-rendered').length > 0, null, { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    if (errors.length) throw errors[0];
    return await page.evaluate(() => {
      const root = document.querySelector('#app > .rencai:not([data-rencai-placeholder])');
      if (!root || !root.querySelector('[data-overview-place]')) throw new Error('the live page shows no overview of places');
      const d = new Date();
      const two = (n) => String(n).padStart(2, '0');
      const today = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
      // What the person would see in the controls, as attributes (outerHTML keeps only those).
      for (const el of root.querySelectorAll('input, select, textarea')) {
        if (el.localName === 'select') {
          for (const o of el.options) o.toggleAttribute('selected', o.selected);
        } else if (el.type === 'checkbox' || el.type === 'radio') {
          el.toggleAttribute('checked', el.checked);
        } else if (el.value !== '') {
          el.setAttribute('value', el.value);
        } else {
          el.removeAttribute('value');
        }
      }
      // In HTML a style attribute is what the page's CSP blocks (styles set from script are not):
      // the saved screen would not look as the live one does.
      for (const el of root.querySelectorAll('[style]')) if (el.getAttribute('style') === '') el.removeAttribute('style');
      const styled = root.querySelector('[style]');
      if (styled) throw new Error(`a style attribute the page's CSP would block in HTML: ${styled.outerHTML.slice(0, 200)}`);
      // Today's date, where the page shows it (the release line's build date is not today's).
      const [y, m, dd] = today.split('-');
      const forms = [today, `${Number(y)}年${Number(m)}月${Number(dd)}日`];
      const shows = (text) => forms.some((f) => text.includes(f));
      const left = [];
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (el.closest('.rc-release')) continue;
        if (el.localName === 'input' && el.getAttribute('value') === today) {
          el.setAttribute('data-rc-today', '');
          continue;
        }
        for (const n of el.childNodes) {
          if (n.nodeType !== 3 || !shows(n.data)) continue;
          if (!n.data.includes(today)) left.push(n.data);
          el.setAttribute('data-rc-today', '');
        }
        for (const a of el.attributes) if (shows(a.value)) left.push(`${el.localName}[${a.name}="${a.value}"]`);
      }
      // boot.js rewrites the date written as YYYY-MM-DD, in text and in a date field's value.
      if (left.length) throw new Error(`today's date shown where boot.js cannot rewrite it: ${left.join(' | ')}`);
      root.setAttribute('data-rencai-placeholder', '');
      root.setAttribute('data-rencai-prerender', '');
      root.setAttribute('inert', '');
      root.setAttribute('aria-busy', 'true');
      for (const el of root.querySelectorAll('.rc-results')) el.setAttribute('aria-busy', 'true');
      return { html: root.outerHTML, today };
    });
  } finally {
    await context.close();
  }
}

/** Writes the prerendered screen into `root`/index.html; returns what it did, for the build's log. */
export async function prerender({ root = join(REPO, 'site'), texts = join(REPO, 'pkg', 'texts', 'all.json') } = {}) {
  const file = join(root, 'index.html');
  let page = readFileSync(file, 'utf8');
  if (!MARKER.test(page)) throw new Error(`prerender: ${file} has no <!-- rencai:prerender --> marker`);
  const { CHROMIUM, launch } = await import('../tests/browser/harness.mjs');
  if (!existsSync(CHROMIUM)) {
    writeFileSync(file, page.replace(MARKER, ''));
    return `no Chromium at ${CHROMIUM} (scripts/setup.sh installs it): index.html ships without its prerendered first screen`;
  }
  const { startServer } = await import('./serve.mjs');
  const { server, url } = await startServer({ port: 0, root });
  const browser = await launch();
  try {
    const { html, today } = await renderFirstScreen(browser, url);
    const { from, until } = sameDays(readFileSync(texts, 'utf8'), today);
    page = markDays(page.replace(MARKER, () => `<!-- rencai:prerendered -->${html}<!-- /rencai:prerendered -->\n`), { made: today, from, until });
    writeFileSync(file, page);
    const days = `${from === '0000-01-01' ? 'until' : `from ${from}`} ${until === '9999-12-31' ? 'with no end' : `until the day before ${until}`}`;
    return `index.html: the empty-profile first screen of ${today} (${(html.length / 1024).toFixed(1)} KB), shown ${days}`;
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? resolve(process.argv[i + 1]) : fallback;
  };
  try {
    console.log(`prerender: ${await prerender({ root: arg('--root', undefined), texts: arg('--texts', undefined) })}`);
  } catch (e) {
    console.error(e);
    process.exit(1);
  }
}
