// Compact verdicts and explain: on the bundled sample and the evaluation
// corpus, in both locales, explain(compact) is the full verdict byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CORPUS, ROOT } from './util.mjs';
import { benign } from '../eval/corpus.mjs';
import { hardNegatives, scenarios } from '../eval/scenarios.mjs';

const { Screener, JejakError } = createRequire(import.meta.url)(join(ROOT, 'pkg'));

const corpora = {
  sample: CORPUS,
  eval: [...benign(7, 3000), ...scenarios(7, 150).map((r) => r.tx), ...hardNegatives(7, 200).map((r) => r.tx)],
};

for (const [name, txs] of Object.entries(corpora)) {
  test(`explain(compact) is the full verdict byte for byte: ${name} corpus (${txs.length} rows), en and id`, () => {
    const compact = new Screener(undefined, { verdict: 'compact' });
    let flagged = 0;
    for (const locale of ['en', 'id']) {
      const full = new Screener(undefined, { locale });
      for (const tx of txs) {
        const c = compact.screen(tx);
        assert.deepEqual(Object.keys(c), ['transactionId', 'score', 'level', 'flags', 'pack', 'engine']);
        for (const f of c.flags) assert.deepEqual(Object.keys(f), ['indicator', 'weight', 'evidence']);
        const expected = JSON.stringify(full.screen(tx));
        assert.equal(JSON.stringify(compact.explain(c, { locale })), expected);
        // As JSON text, as a host that stored it would pass it back.
        assert.equal(JSON.stringify(compact.explain(JSON.stringify(c), { locale })), expected);
        if (c.flags.length) flagged += 1;
      }
    }
    assert.ok(flagged > txs.length / 10, `only ${flagged} flagged verdicts`);
  });
}

test('explain re-explains a full verdict in the other locale', () => {
  const en = new Screener();
  const id = new Screener(undefined, { locale: 'id' });
  for (const tx of CORPUS.slice(0, 300)) {
    assert.equal(JSON.stringify(en.explain(en.screen(tx), { locale: 'id' })), JSON.stringify(id.screen(tx)));
  }
});

test('the compact form is several times smaller', () => {
  const compact = new Screener(undefined, { verdict: 'compact' });
  const full = new Screener();
  const size = (s) => CORPUS.reduce((n, tx) => n + JSON.stringify(s.screen(tx)).length, 0);
  assert.ok(size(full) > 3 * size(compact), `${size(full)} vs ${size(compact)}`);
});

test('explain refuses verdicts it cannot vouch for, with invalid_verdict and a path', () => {
  const s = new Screener(undefined, { verdict: 'compact' });
  const v = s.screen(CORPUS.find((tx) => s.screen(tx).flags.length > 1));
  const refuse = (verdict, path, options) => {
    assert.throws(() => s.explain(verdict, options), (e) => e instanceof JejakError && e.code === (path === '/locale' ? 'invalid_option' : 'invalid_verdict') && e.path === path);
  };
  refuse({ ...v, pack: { ...v.pack, digest: '0'.repeat(64) } }, '/pack/digest');
  refuse({ ...v, flags: [{ ...v.flags[0], indicator: 'NOPE-1' }] }, '/flags/0/indicator');
  refuse({ ...v, flags: [{ ...v.flags[0], weight: v.flags[0].weight + 1 }] }, '/flags/0/weight');
  refuse({ ...v, flags: [{ ...v.flags[0], evidence: [{ kind: 'hunch' }] }] }, '/flags/0/evidence/0/kind');
  refuse({ ...v, level: 'urgent' }, '/level');
  refuse(v, '/locale', { locale: 'fr' });
  refuse('not json', '');
  // The screener keeps working.
  assert.equal(JSON.stringify(s.explain(v)), JSON.stringify(new Screener().screen(CORPUS.find((tx) => s.screen(tx).flags.length > 1))));
});

test('an unknown verdict option is invalid_option', () => {
  assert.throws(() => new Screener(undefined, { verdict: 'short' }), (e) => e.code === 'invalid_option' && e.path === '/verdict');
});
