// rencai itself: the wasm package (pkg/, built by ./scripts/build-web.sh) and, for the native
// figure, what criterion last wrote under the cargo target directory.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The package's Node entry, loaded and ready. */
export async function loadRencai(pkgDir) {
  const entry = join(pkgDir, 'node.js');
  if (!existsSync(entry)) throw new Error(`no wasm package at ${pkgDir}: run ./scripts/build-web.sh (or give --pkg DIR)`);
  const m = await import(pathToFileURL(entry).href);
  await m.ready();
  return m;
}

/**
 * The full report with every result (`all: true`, as the page asks for it). Its `results` are the
 * rules of the place's chain (every rule without a place); a rule holds when its status is
 * `eligible` (every condition true), whatever its standing or period.
 */
export function rencaiReport(m, profile, today) {
  return m.evaluate(profile, { all: true, today });
}

export const holdingOf = (report) => report.results.filter((r) => r.status === 'eligible').map((r) => r.rule);

/**
 * The native figures criterion wrote (`cargo bench --bench evaluate`): each benchmark's median in
 * ns from `<target>/criterion/<id>/new/estimates.json`; empty when it has not been run.
 */
export function nativeFigures(targetDir) {
  const root = join(targetDir, 'criterion');
  if (!existsSync(root)) return [];
  const out = [];
  for (const dir of readdirSync(root)) {
    const estimates = join(root, dir, 'new', 'estimates.json');
    const bench = join(root, dir, 'new', 'benchmark.json');
    if (!existsSync(estimates)) continue;
    const id = existsSync(bench) ? JSON.parse(readFileSync(bench, 'utf8')).full_id : dir;
    // When criterion wrote it: these figures come from an earlier `cargo bench`, not from this run.
    const measured = statSync(estimates).mtime.toISOString();
    out.push({ id, median_ns: JSON.parse(readFileSync(estimates, 'utf8')).median.point_estimate, measured });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
