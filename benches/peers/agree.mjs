// Agreement: for each profile, the rules that hold must be the same in rencai and in every peer.
import { holdingOf, rencaiReport } from './rencai.mjs';

/**
 * The facts a peer is given: the profile as it is, with `as_of` defaulting to the `today` rencai
 * is given, so years since graduation is counted from the same date by everyone.
 */
export const peerFacts = (profile, today) => ({ ...profile, as_of: profile.as_of ?? today });

/**
 * Compares rencai (status `eligible`) with each peer (`run(facts)` → rule ids) on every profile.
 * Also checks that rencai's report covers exactly the rules of the place's chain (every rule
 * without a place), the scope the peers' place tests reproduce. Holding is compared regardless of
 * a rule's period (rencai reports `in_force` apart from status; the peers know no periods).
 */
export async function agreement({ index, rencai, peers, profiles, today }) {
  let pairs = 0;
  const mismatches = [];
  const coverage = [];
  const held = new Map(index.catalog.rules.map((r) => [r.id, 0]));
  for (const { source, profile } of profiles) {
    const report = rencaiReport(rencai, profile, today);
    const scope = (profile.place == null ? index.catalog.rules : index.rulesAt(profile.place)).map((r) => r.id);
    const covered = report.results.map((r) => r.rule);
    const [lacking, beyond] = difference(scope, covered);
    if (lacking.length || beyond.length) coverage.push({ source, lacking, beyond });
    const want = holdingOf(report);
    pairs += want.length;
    for (const id of want) held.set(id, held.get(id) + 1);
    const facts = peerFacts(profile, today);
    for (const peer of peers) {
      const got = await peer.run(facts);
      const [missing, extra] = difference(want, got);
      if (missing.length || extra.length || new Set(got).size !== got.length) mismatches.push({ source, engine: peer.name, missing, extra });
    }
  }
  return {
    profiles: profiles.length,
    pairs,
    rules: index.catalog.rules.length,
    rulesHeld: [...held.values()].filter((n) => n > 0).length,
    agree: mismatches.length === 0 && coverage.length === 0,
    mismatches,
    coverage,
  };
}

/** [in a but not b, in b but not a]. */
function difference(a, b) {
  const sa = new Set(a);
  const sb = new Set(b);
  return [a.filter((x) => !sb.has(x)), b.filter((x) => !sa.has(x))];
}

/** One line per mismatch (at most `n`), for a reader. */
export function describe(result, n = 10) {
  const lines = [];
  for (const c of result.coverage.slice(0, n)) lines.push(`  scope ${c.source}: rencai lacks [${c.lacking.join(', ')}], has beyond the chain [${c.beyond.join(', ')}]`);
  for (const m of result.mismatches.slice(0, n)) lines.push(`  ${m.engine} on ${m.source}: misses [${m.missing.join(', ')}], adds [${m.extra.join(', ')}]`);
  const more = result.coverage.length + result.mismatches.length - lines.length;
  if (more > 0) lines.push(`  … and ${more} more`);
  return lines.join('\n');
}
