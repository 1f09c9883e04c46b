// The hosted page under the strict Content-Security-Policy, and no request to any origin but the
// page's own. Run: node --test tests/browser/ (after scripts/build-web.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, serve } from './harness.mjs';
import { CSP } from '../../scripts/serve.mjs';

const ROOT = process.env.RENCAI_WWW ?? 'site';
/** A rendered result of the calculator (a result card with its status badge). */
// Rendered from the engine's answer: a jurisdiction section, or without a place the overview of places.
const RESULT = process.env.RENCAI_RESULT ?? '.rc-jur, .rc-overview';
const STRICT = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

let browser;
let site; // with the strict CSP
let open_; // without any CSP: a foreign request must not be hidden by the policy blocking it
before(async () => {
  browser = await launch();
  site = await serve({ root: ROOT });
  open_ = await serve({ root: ROOT, csp: null });
});
after(async () => {
  await browser?.close();
  site?.server.close();
  open_?.server.close();
});

/**
 * Opens `path` in a fresh context, records CSP violations (the DOM event, in every frame), console
 * errors and every request; requests to other origins are aborted so nothing leaves the machine.
 */
async function open(path, { wait, server = site }) {
  const context = await browser.newContext();
  const origin = new URL(server.url).origin;
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route('**/*', (route) => {
    const u = route.request().url();
    return u.startsWith(origin + '/') ? route.continue() : route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    const list = (window.__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => {
      list.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // The browser's own /favicon.ico probe is not the page's doing (and not a CSP matter).
    if (m.type() === 'error' && !m.location().url?.endsWith('/favicon.ico')) errors.push(m.text());
  });
  const response = await page.goto(server.url + path);
  await wait(page);
  // Let late work (lazy iframes, the service worker's install) happen before reading the records.
  await page.waitForTimeout(300);
  const violations = [];
  for (const frame of page.frames()) {
    violations.push(...(await frame.evaluate(() => window.__cspViolations ?? []).catch(() => [])));
  }
  return { context, page, response, errors, violations, requests, origin };
}

test('the server sends the strict policy the page must work under', () => {
  assert.equal(CSP, STRICT);
});

test('index.html renders results under the strict CSP with no violation reported', { timeout: 60000 }, async () => {
  const r = await open('', { wait: (page) => page.locator(RESULT).first().waitFor({ timeout: 15000 }) });
  try {
    assert.equal(r.response.headers()['content-security-policy'], STRICT);
    assert.deepEqual(r.violations, [], 'CSP violations');
    assert.deepEqual(r.errors.filter((e) => /Content.Security.Policy|CSP|Refused/i.test(e)), [], 'CSP errors on the console');
    assert.deepEqual(r.errors, [], 'console errors');
    assert.ok(await r.page.locator(RESULT).count() > 0);
  } finally {
    await r.context.close();
  }
});

test('embed.html (custom element and iframe) renders under the strict CSP with no violation reported', { timeout: 60000 }, async () => {
  const r = await open('embed.html', {
    wait: async (page) => {
      await page.locator(`#calc-element ${RESULT}`).first().waitFor({ timeout: 15000 });
      await page.frameLocator('#calc-frame').locator(RESULT).first().waitFor({ timeout: 15000 });
    },
  });
  try {
    assert.equal(r.response.headers()['content-security-policy'], STRICT);
    assert.deepEqual(r.violations, [], 'CSP violations');
    assert.deepEqual(r.errors, [], 'console errors');
  } finally {
    await r.context.close();
  }
});

for (const path of ['', 'embed.html']) {
  test(`${path || 'index.html'} makes no request to any origin but its own (served without a CSP to hide one)`, { timeout: 60000 }, async () => {
    const r = await open(path, {
      server: open_,
      wait: async (page) => {
        await page.locator(RESULT).first().waitFor({ timeout: 15000 });
        if (path === 'embed.html') await page.frameLocator('#calc-frame').locator(RESULT).first().waitFor({ timeout: 15000 });
        // A couple of frames for anything loaded after the first render.
        await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      },
    });
    try {
      const foreign = r.requests.filter((u) => !u.startsWith(r.origin + '/') && !/^(?:data|blob):/.test(u));
      assert.deepEqual(foreign, [], 'requests to other origins');
      assert.ok(r.requests.some((u) => u.endsWith('/pkg/rencai_bg.wasm')), 'the engine was loaded from the page\'s origin');
    } finally {
      await r.context.close();
    }
  });
}
