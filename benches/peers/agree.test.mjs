// node --test benches/peers/agree.test.mjs
//
// The peers agree with rencai on which rules hold, and the check can fail: converters broken on
// purpose (an order flipped, the place chain dropped or cut short) must disagree.
// The catalogue comes from `cargo run -- catalog --json`, or from the file in RENCAI_CATALOG.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import zen from '@gorules/zen-engine';
import { agreement, describe } from './agree.mjs';
import { indexCatalog, loadCatalog, repoRoot } from './catalog.mjs';
import { jreEngines } from './jre.mjs';
import { completedProfiles, exampleProfiles, fullProfile, generatedProfiles, readInlineToml, rng } from './profiles.mjs';
import { loadRencai } from './rencai.mjs';
import { toZenDecision, zenEngines } from './zen.mjs';

const TODAY = '2026-06-01';
const index = indexCatalog(loadCatalog({ file: process.env.RENCAI_CATALOG, root: repoRoot }));
const rencai = await loadRencai(join(repoRoot, 'pkg'));
const examples = exampleProfiles(join(repoRoot, '..', 'shared', 'contract', 'examples'));
// Every fact known: 40 generated profiles, and the contract examples with their gaps filled in.
const profiles = [...generatedProfiles(index, 40, 2024), ...completedProfiles(index, examples, 2024)];

const peersOf = (broken) => {
  const j = jreEngines(index, { broken });
  const z = zenEngines(index, { broken });
  return [j.whole, j.perPlace, z.whole, z.perPlace];
};

test('json-rules-engine and ZEN, whole and per place, hold exactly the rules rencai finds eligible', async () => {
  const r = await agreement({ index, rencai, peers: peersOf(), profiles, today: TODAY });
  assert.ok(r.agree, `disagreement:\n${describe(r)}`);
  // The check has something to bite on: many holding pairs, over many rules.
  assert.ok(r.pairs > 300, `only ${r.pairs} holding pairs`);
  assert.ok(r.rulesHeld > r.rules / 2, `only ${r.rulesHeld} of ${r.rules} rules ever hold`);
});

test('holding agrees on the examples as given, with unknown facts (the null guards)', async () => {
  const r = await agreement({ index, rencai, peers: peersOf(), profiles: examples, today: TODAY });
  assert.ok(r.agree, `disagreement:\n${describe(r)}`);
});

for (const broken of ['flip-order', 'drop-place-chain', 'own-place-only']) {
  test(`a converter broken on purpose (${broken}) fails the agreement, in every configuration`, async () => {
    const peers = peersOf(broken);
    const r = await agreement({ index, rencai, peers, profiles, today: TODAY });
    assert.equal(r.agree, false);
    for (const p of peers) assert.ok(r.mismatches.some((m) => m.engine === p.name), `${p.name} still agrees with ${broken}`);
  });
}

test('every ZEN cell parses and is null-guarded: no error on an empty profile or a full one', () => {
  const decision = toZenDecision(index, index.catalog.rules, { placeTest: true });
  const table = decision.nodes.find((n) => n.type === 'decisionTableNode').content;
  assert.equal(table.hitPolicy, 'collect');
  assert.equal(table.rules.length, index.catalog.rules.length);
  const contexts = [{ as_of: TODAY }, fullProfile(index, rng(1))];
  for (const ctx of contexts) {
    for (const row of table.rules) {
      for (const col of table.inputs) {
        const cell = row[col.id];
        if (!cell) continue;
        // A cell that throws makes ZEN skip its row silently, so a throw here is a defect.
        const where = `${row._id} / ${col.name}: ${cell}`;
        if (col.field) {
          const $ = zen.evaluateExpressionSync(col.field, ctx);
          assert.doesNotThrow(() => zen.evaluateUnaryExpressionSync(cell, { ...ctx, $ }), where);
        } else {
          assert.doesNotThrow(() => zen.evaluateExpressionSync(cell, ctx), where);
        }
      }
    }
  }
});

test('the case reader reads TOML inline tables', () => {
  assert.deepEqual(readInlineToml(`{ as_of = "2019-06-01", place = '211000-gxq', honours = [ "a", "b", ], age = 31, full_time = true, "x-y" = { z = -1_0 } } # note`), {
    as_of: '2019-06-01',
    place: '211000-gxq',
    honours: ['a', 'b'],
    age: 31,
    full_time: true,
    'x-y': { z: -10 },
  });
});
