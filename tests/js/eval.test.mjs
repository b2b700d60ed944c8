// `make eval` in small: the corpus and scenario generators are deterministic,
// the scenario generator is independent of the pack, and the report has every
// figure the quality issue asks for, for both packs. (The full run is `make eval`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, TESTS } from './util.mjs';
import { benign, evasions, TREATMENTS } from '../eval/corpus.mjs';
import { hardNegatives, scenarios, TYPOLOGIES } from '../eval/scenarios.mjs';

const TYPOLOGY_KEYS = ['lsac-pay-per-view', 'fsec-sextortion', 'id-csam-commerce', 'micro-payment-text'];

test('the evaluation corpus is the same for the same seed', () => {
  assert.deepEqual(benign(7, 300), benign(7, 300));
  assert.notDeepEqual(benign(7, 300), benign(8, 300));
  const terms = [{ term: 'school fees', list: 'cover-schooling' }];
  assert.deepEqual(evasions(7, terms), evasions(7, terms));
  assert.equal(new Set(evasions(7, terms).map((e) => e.treatment)).size, Object.keys(TREATMENTS).length);
});

test('the scenario generator is deterministic and covers every typology and described case', () => {
  assert.deepEqual(scenarios(7, 50), scenarios(7, 50));
  assert.notDeepEqual(scenarios(7, 50), scenarios(8, 50));
  assert.deepEqual(hardNegatives(7, 50), hardNegatives(7, 50));
  assert.deepEqual(Object.keys(TYPOLOGIES), TYPOLOGY_KEYS);
  const rows = scenarios(7, 400);
  for (const [typology, { cases }] of Object.entries(TYPOLOGIES)) {
    const mine = rows.filter((r) => r.typology === typology);
    assert.equal(mine.length, 400, typology);
    for (const c of cases) {
      assert.ok(c.source && c.quote, `${c.variant} names its source and quote`);
      assert.ok(mine.some((r) => r.variant === c.variant), `${typology}/${c.variant} is sampled`);
    }
  }
  // The variety the sources describe: not every memo is a cover story, not every payee is new.
  assert.ok(rows.some((r) => !r.tx.memo) && rows.some((r) => r.term));
  assert.ok(rows.some((r) => r.tx.receiver?.isNew === false) && rows.some((r) => r.tx.receiver?.isNew === true));
  for (const { term, tx } of rows) if (term) assert.ok(tx.memo.includes(term), `${tx.id}: the memo holds its term`);
  assert.ok(hardNegatives(7, 200).every((r) => r.typology === 'family-remittance-cover' && r.tx.receiver.isNew === false && r.term));
});

test('scenarios.mjs does not read the pack', () => {
  const source = readFileSync(join(TESTS, 'eval', 'scenarios.mjs'), 'utf8');
  for (const banned of ['defaultPack', 'default.json', 'before-pack', 'termLists', 'Screener', '/pkg', 'src/packs']) {
    assert.ok(!source.includes(banned), `scenarios.mjs mentions ${banned}`);
  }
  // Publishers may be named in quotes; indicator ids may not be used as labels.
  assert.doesNotMatch(source, /\b(AUSTRAC|FATF|FINTRAC|FINCEN|AMLC|PPATK|AIC|NCA|THORN|NCRI|DSA|EGMONT|JEJAK|ID)-[A-Z]+-\d/);
  // Its only import is the seeded rng from corpus.mjs.
  const imports = [...source.matchAll(/^\s*import\b[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  assert.deepEqual(imports, ['./corpus.mjs']);
  assert.doesNotMatch(source, /\b(require|import)\s*\(/);
});

test('make eval writes report.json and report.md with every figure, before and after', { timeout: 120_000 }, async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'jejak-eval-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  await run(process.execPath, [join(TESTS, 'eval', 'run.mjs'), '--benign', '2000', '--risky', '40', '--out', out], { cwd: TESTS });
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  assert.equal(report.corpus.generator.readsPack, false);
  for (const key of ['benign', 'hardNegative', 'risky', 'evasion', 'indicators', 'verdicts']) {
    assert.deepEqual(Object.keys(report[key]), ['before', 'after'], key);
  }
  for (const side of ['before', 'after']) {
    const b = report.benign[side];
    assert.equal(b.n, 2000);
    assert.ok(b.falsePositiveRate.reviewOrHigh >= 0 && b.falsePositiveRate.reviewOrHigh <= 1);
    assert.deepEqual(Object.keys(report.risky[side].typologies), TYPOLOGY_KEYS);
    for (const [typology, r] of Object.entries(report.risky[side].typologies)) {
      assert.equal(r.n, 40, typology);
      assert.ok(r.reviewRate >= 0 && r.reviewRate <= 1);
      const variants = Object.values(report.risky[side].variants[typology]);
      assert.equal(variants.reduce((s, v) => s + v.n, 0), 40);
    }
    assert.ok(report.hardNegative[side].n > 0 && report.hardNegative[side].reviewRate >= 0);
    assert.deepEqual(Object.keys(report.evasion[side].terms), Object.keys(TREATMENTS));
    for (const e of Object.values(report.evasion[side].terms)) assert.ok(e.n > 100 && 'obscenityRecall' in e && 'jejakRecall' in e);
    assert.deepEqual(Object.keys(report.evasion[side].scenarios), ['none', ...Object.keys(TREATMENTS)]);
    for (const e of Object.values(report.evasion[side].scenarios)) assert.ok(e.n > 0 && e.reviewRate >= 0 && e.reviewRate <= 1);
    assert.equal(report.indicators[side].length, report.packs[side].indicators);
    assert.ok(report.indicators[side].every((i) => 'precision' in i && 'firedOnRisky' in i));
    for (const set of ['benign', 'risky']) {
      const v = report.verdicts[side][set];
      assert.ok(v.flagsPerVerdict >= 0 && v.bytesPerVerdict > 0, `${side} ${set}`);
    }
  }
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  for (const heading of ['False positives', 'Hard negatives', 'Risky scenarios', 'Evasion recall per treatment', 'Verdict size', 'Indicators']) {
    assert.ok(md.includes(`## ${heading}`), heading);
  }
  assert.match(md, /does not read the pack/);
  assert.match(md, /\| indicator \| before: benign \| risky \| precision \| after: benign \| risky \| precision \|/);
});
