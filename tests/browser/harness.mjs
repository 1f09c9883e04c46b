// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), and the page served by scripts/serve.mjs on a free loopback port.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launches Chromium; call browser.close() when done. */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (run scripts/setup.sh)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Serves a folder (default site/, the page as it ships, built by scripts/build-web.sh) on a free port. */
export async function serve(options = {}) {
  if (!existsSync('site/pkg/rencai_bg.wasm')) throw new Error('site/ is missing: run scripts/build-web.sh first');
  return startServer({ port: 0, root: 'site', ...options });
}

/**
 * For a test file: serves site/ and launches Chromium before its tests, closes both after. Returns
 * the live { browser, url } (filled in once `before` has run).
 */
export function useSite(options = {}) {
  const site = { browser: null, server: null, url: null };
  before(async () => {
    ({ server: site.server, url: site.url } = await serve(options));
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}
