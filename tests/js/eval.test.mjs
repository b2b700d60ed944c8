// `make eval` in small: the corpus generator is deterministic and the report
// has every figure the quality issue asks for. (The full run is `make eval`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, TESTS } from './util.mjs';
import { benign, evasions, risky, TREATMENTS } from '../eval/corpus.mjs';

test('the evaluation corpus is the same for the same seed', () => {
  assert.deepEqual(benign(7, 300), benign(7, 300));
  assert.notDeepEqual(benign(7, 300), benign(8, 300));
  assert.deepEqual(risky(7, 5), risky(7, 5));
  const terms = [{ term: 'school fees', list: 'cover-schooling' }];
  assert.deepEqual(evasions(7, terms), evasions(7, terms));
  assert.equal(new Set(evasions(7, terms).map((e) => e.treatment)).size, Object.keys(TREATMENTS).length);
});

test('make eval writes report.json and report.md with every figure', { timeout: 120_000 }, async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'jejak-eval-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  await run(process.execPath, [join(TESTS, 'eval', 'run.mjs'), '--benign', '2000', '--risky', '40', '--out', out], { cwd: TESTS });
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  assert.equal(report.benign.n, 2000);
  assert.ok(report.benign.falsePositiveRate.reviewOrHigh >= 0 && report.benign.falsePositiveRate.reviewOrHigh <= 1);
  assert.deepEqual(Object.keys(report.evasion), Object.keys(TREATMENTS));
  for (const e of Object.values(report.evasion)) assert.ok(e.n > 100 && 'obscenityRecall' in e && 'jejakRecall' in e);
  assert.equal(Object.keys(report.risky).length, 4);
  assert.ok(report.indicators.every((i) => 'precision' in i && 'recall' in i));
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  for (const heading of ['False positives', 'Risky scenarios', 'Evasion recall per treatment', 'Indicators']) {
    assert.ok(md.includes(`## ${heading}`), heading);
  }
});
