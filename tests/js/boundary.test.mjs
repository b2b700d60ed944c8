// The hot path without JSON (pkg/lib/boundary.mjs, bindings/wasm/src/packed.rs)
// against the JSON path, which the package still takes for JSON text and
// for whatever the packed path leaves to it; screen, screenMany and
// screenWithHistory. Every row of both corpora (the
// bundled sample and the evaluation corpus: scenarios, look-alikes, benign
// text, the PaySim background and the history sequences), in both locales
// and both verdict forms, with history and without: the verdicts must be
// deep-equal. A count of the module's packed screens keeps the comparison
// from passing by both sides taking the JSON path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { CORPUS, TESTS } from './util.mjs';
import { benign } from '../eval/corpus.mjs';
import { hardNegatives, scenarios } from '../eval/scenarios.mjs';
import { sequences, SEQUENCE_TYPOLOGIES } from '../eval/sequences.mjs';
import { background, loadPaysimExcerpt } from '../eval/background.mjs';
import { Screener, timestampKey } from '../../pkg/entries/node.mjs';
import { hasHistoryFlag, inTimeOrder } from '../../pkg/lib/replay.mjs';

/** Counts the module's packed screens that gave a verdict (1) and that left the transaction to the JSON path (0). */
function counting() {
  const glue = Object.getPrototypeOf(Screener.prototype);
  const counts = { packed: 0, json: 0 };
  for (const name of ['screenPacked', 'screenPackedWithHistory']) {
    const original = glue[name];
    glue[name] = function (...args) {
      const status = original.apply(this, args);
      counts[status === 0 ? 'json' : 'packed'] += 1;
      return status;
    };
  }
  return counts;
}
const counts = counting();
/** The module's own screenMany: every row through JSON. */
const jsonMany = (screener, txs) => Object.getPrototypeOf(Screener.prototype).screenMany.call(screener, txs);

const evalRows = () => {
  const paysim = loadPaysimExcerpt(join(TESTS, 'data', 'paysim-excerpt.json'));
  return [
    ...scenarios(7, 12).map((s) => s.tx),
    ...hardNegatives(7, 40).map((s) => s.tx),
    ...benign(7, 200).map((b) => b.tx ?? b),
    ...background(7, { customers: 40, paysim }).transactions.slice(0, 600).map((b) => b.tx),
  ];
};

/** The sequences' payments, interleaved in time order, as a host replays them. */
const stream = () => {
  const steps = sequences(5, 3, Object.keys(SEQUENCE_TYPOLOGIES)).flatMap((seq) => seq.steps.map((st) => st.tx));
  return inTimeOrder(steps, timestampKey).ordered;
};

const FORMS = [
  { verdict: 'compact', locale: 'en' },
  { verdict: 'compact', locale: 'id' },
  { verdict: 'full', locale: 'en' },
  { verdict: 'full', locale: 'id' },
];

test('every row of both corpora screens the same through the packed path and through JSON', () => {
  const rows = [...CORPUS, ...evalRows()];
  assert.ok(rows.length > 2000, `${rows.length} rows`);
  for (const options of FORMS) {
    const screener = new Screener(undefined, options);
    const before = counts.packed;
    let flagged = 0;
    for (const tx of rows) {
      const packed = screener.screen(tx);
      const json = screener.screen(JSON.stringify(tx));
      assert.deepStrictEqual(packed, json, `${tx.id}: ${options.verdict}, ${options.locale}`);
      assert.equal(JSON.stringify(packed), JSON.stringify(json));
      if (packed.flags.length > 0) flagged += 1;
    }
    assert.equal(counts.packed - before, rows.length, 'every row took the packed path');
    assert.ok(flagged > rows.length / 10, `${flagged} rows flagged`);
    // screenMany takes the packed path for each row as well.
    const batch = rows.slice(0, 1000);
    assert.deepStrictEqual(screener.screenMany(batch), jsonMany(screener, batch.map((tx) => JSON.stringify(tx))));
  }
});

test('a replay with history screens the same through the packed path and through JSON, states included', () => {
  const txs = stream();
  assert.ok(txs.length > 500, `${txs.length} payments`);
  for (const options of FORMS) {
    const screener = new Screener(undefined, { ...options, historyKey: 'jejak boundary test key' });
    const states = new Map();
    const before = counts.packed;
    let historyFlags = 0;
    for (const tx of txs) {
      const given = { sender: states.get(tx.sender?.id), receiver: states.get(tx.receiver?.id) };
      const packed = screener.screenWithHistory(tx, given);
      const json = screener.screenWithHistory(JSON.stringify(tx), given);
      assert.deepStrictEqual(packed, json, `${tx.id}: ${options.verdict}, ${options.locale}`);
      if (packed.sender) states.set(tx.sender.id, packed.sender);
      if (packed.receiver) states.set(tx.receiver.id, packed.receiver);
      if (hasHistoryFlag(packed.verdict)) historyFlags += 1;
    }
    assert.equal(counts.packed - before, txs.length, 'every payment took the packed path');
    assert.ok(historyFlags > 0, 'the replay raises history flags');
  }
});

// Inputs at the edges of what the packed path takes. The oracle is
// screenMany, which reads each row through JSON (BigInt and NaN included):
// the same verdict, or the same error code, path and message.
const base = { timestamp: '2026-11-20T02:10:00+10:00', amount: '50', currency: 'AUD' };
class Payment {
  constructor() {
    Object.assign(this, base, { memo: 'school fees' });
  }
}
const EDGES = [
  ['the smallest transaction', base],
  ['lone surrogates in the memo and the id', { ...base, id: 'a\ud800b', memo: 'school \udc00 fees', channel: 'remittance' }],
  ['astral characters before a term', { ...base, memo: '😀😀 school fees 🎓', sender: { country: 'AU' }, receiver: { country: 'PH', isNew: true } }],
  ['U+FFFD in the merchant name', { ...base, merchant: { name: 'Toko \ufffd', descriptor: 'x' } }],
  ['a number amount', { ...base, amount: 50.5 }],
  ['a BigInt amount', { ...base, currency: 'IDR', amount: 123456789012345678901234567890n }],
  ['a NaN amount', { ...base, amount: NaN }],
  ['an Infinity amount', { ...base, amount: Infinity }],
  ['an amount with too many decimals', { ...base, amount: '1.234' }],
  ['a negative zero amount', { ...base, amount: -0 }],
  ['a bad timestamp', { ...base, timestamp: '2026-13-01T00:00:00Z' }],
  ['a number timestamp', { ...base, timestamp: 20261120 }],
  ['no timestamp', { amount: '50', currency: 'AUD' }],
  ['an empty object', {}],
  ['null parts', { ...base, sender: null, receiver: null, merchant: null }],
  ['a part that is an array', { ...base, sender: [] }],
  ['a part that is a string', { ...base, receiver: 'PH' }],
  ['fractional account age', { ...base, sender: { accountAgeDays: 1.5 } }],
  ['account age past u32', { ...base, sender: { accountAgeDays: 2 ** 32 } }],
  ['account age at u32', { ...base, sender: { accountAgeDays: 2 ** 32 - 1 } }],
  ['account age as a string', { ...base, sender: { accountAgeDays: '30' } }],
  ['a BigInt account age', { ...base, sender: { accountAgeDays: 30n } }],
  ['isNew as a string', { ...base, receiver: { isNew: 'true' } }],
  ['an MCC as a number', { ...base, merchant: { mcc: 5814 } }],
  ['an unknown channel', { ...base, channel: 'pigeon' }],
  ['a memo over the limit', { ...base, memo: 'x'.repeat(5000) }],
  ['a memo at the limit in bytes, not in units', { ...base, memo: 'é'.repeat(2049) }],
  ['unknown keys, deep', { ...base, extra: { a: [{ b: { c: 1 } }] } }],
  ['a class instance', new Payment()],
  ['a null-prototype object', Object.assign(Object.create(null), base, { memo: 'school fees' })],
  ['toJSON', { ...base, toJSON: () => ({ ...base, memo: 'school fees' }) }],
  ['a Date timestamp', { ...base, timestamp: new Date(Date.UTC(2026, 10, 20)) }],
  ['a getter', Object.defineProperty({ ...base }, 'memo', { get: () => 'school fees', enumerable: true })],
  ['a throwing getter', Object.defineProperty({ ...base }, 'memo', { get: () => { throw new Error('no'); }, enumerable: true })],
  ['JSON text', JSON.stringify({ ...base, memo: 'school fees' })],
  ['a number', 42],
  ['null', null],
];

test('edge inputs give the JSON path verdict or error, one by one and in a batch', () => {
  for (const options of FORMS) {
    const screener = new Screener(undefined, { ...options, maxMemoBytes: 4098 });
    const batch = EDGES.map(([, tx]) => tx);
    assert.deepStrictEqual(screener.screenMany(batch), jsonMany(screener, batch), 'screenMany');
    for (const [name, tx] of EDGES) {
      const [expected] = jsonMany(screener, [tx]);
      let got;
      try {
        got = { ok: true, verdict: screener.screen(tx) };
      } catch (e) {
        assert.equal(e.name, 'JejakError', `${name}: ${e.stack}`);
        got = { ok: false, error: { code: e.code, path: e.path, message: e.message } };
      }
      assert.deepStrictEqual(got, expected, name);
    }
  }
  // Whole-batch refusals are the JSON path's.
  const small = new Screener(undefined, { maxBatch: 2 });
  for (const txs of [[base, base, base], 'not an array', undefined]) {
    assert.throws(() => small.screenMany(txs), (e) => e.name === 'JejakError' && ['limit_exceeded', 'invalid_transaction'].includes(e.code));
  }
  // The screener keeps working, on the packed path.
  const screener = new Screener();
  const before = counts.packed;
  assert.equal(screener.screen({ ...base, memo: 'school fees' }).score >= 0, true);
  assert.equal(counts.packed - before, 1);
});

test('a state that is not bytes is the JSON path to refuse', () => {
  const screener = new Screener();
  const tx = { ...base, sender: { id: 's' }, receiver: { id: 'r' } };
  for (const states of [{ sender: 'x' }, { receiver: 5 }, 7, 'states', { sender: new Uint8Array([1, 2, 3]) }]) {
    assert.throws(() => screener.screenWithHistory(tx, states), (e) => e.name === 'JejakError' && e.code === 'invalid_state', JSON.stringify(states));
  }
});

test('a grown memory and a long text are read correctly', () => {
  const screener = new Screener(undefined, { maxMemoBytes: 1_000_000 });
  // Texts that move the module's text region and grow its memory, then a small one.
  for (const n of [10, 100_000, 300_000, 20]) {
    const tx = { ...base, memo: `${'ab '.repeat(n / 2)}school fees`, channel: 'remittance', sender: { country: 'AU' }, receiver: { country: 'PH' } };
    assert.deepStrictEqual(screener.screen(tx), screener.screen(JSON.stringify(tx)), `${n}`);
  }
});
