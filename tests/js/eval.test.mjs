// `make eval` in small: the corpus, scenario and sequence generators are
// deterministic, the scenario and sequence generators are independent of the
// pack, the sequences keep to the bounds their quoted case descriptions give,
// a replay with serialized history states gives the same verdicts as one with
// states kept in memory, and the report has every figure the quality issues
// ask for, for both packs. (The full run is `make eval`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, TESTS } from './util.mjs';
import { benign, evasions, TREATMENTS } from '../eval/corpus.mjs';
import { hardNegatives, scenarios, TYPOLOGIES } from '../eval/scenarios.mjs';
import { DAY_MS, DAYS, PER_EUR, SEQUENCE_TYPOLOGIES, sequences, START } from '../eval/sequences.mjs';
import { Screener } from '../../pkg/entries/node.mjs';

const TYPOLOGY_KEYS = ['lsac-pay-per-view', 'fsec-sextortion', 'id-csam-commerce', 'micro-payment-text'];
const HISTORY_KEYS = [
  'lsac-habitual-payer', 'fsec-sextortion-repeated', 'osaec-fan-out', 'micro-payment-messages', 'id-content-seller', 'fsec-money-mule', 'osaec-facilitator-fan-in',
];
const LOOKALIKE_KEYS = ['family-remittance', 'weekly-allowance', 'teen-everyday', 'shop-many-customers', 'school-fees', 'pays-many-friends', 'worker-abroad', 'group-collector'];

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

for (const file of ['scenarios.mjs', 'sequences.mjs']) {
  test(`${file} does not read the pack`, () => {
    const source = readFileSync(join(TESTS, 'eval', file), 'utf8');
    for (const banned of ['defaultPack', 'default.json', 'before-pack', 'termLists', 'Screener', '/pkg', 'src/packs', 'HIST']) {
      assert.ok(!source.includes(banned), `${file} mentions ${banned}`);
    }
    // Publishers may be named in quotes; indicator ids may not be used as labels.
    assert.doesNotMatch(source, /\b(AUSTRAC|FATF|FINTRAC|FINCEN|AMLC|PPATK|AIC|NCA|THORN|NCRI|DSA|EGMONT|JEJAK|ID)-[A-Z]+-\d/);
    // Its only import is the seeded rng from corpus.mjs.
    const imports = [...source.matchAll(/^\s*import\b[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    assert.deepEqual(imports, ['./corpus.mjs']);
    assert.doesNotMatch(source, /\b(require|import)\s*\(/);
  });
}

// ---- history sequences ----

const instant = (tx) => Date.parse(tx.timestamp);
const euro = (tx) => Number(tx.amount) / PER_EUR[tx.currency];
const pays = (seq) => seq.steps.filter((st) => st.tx.sender.id === seq.account).map((st) => st.tx);
const paid = (seq) => seq.steps.filter((st) => st.tx.receiver.id === seq.account).map((st) => st.tx);
const ofKind = (seq, kind) => seq.steps.filter((st) => st.kind === kind).map((st) => st.tx);
const distinct = (xs) => new Set(xs).size;
/** The sender's local hour, read from the timestamp as written. */
const localHour = (tx) => Number(tx.timestamp.slice(11, 13));
/** The sender's local date (days since the epoch), read from the timestamp as written. */
const localDay = (tx) => Date.parse(`${tx.timestamp.slice(0, 10)}T00:00:00Z`) / DAY_MS;
const inBand = (x, lo, hi) => x >= lo - 1e-9 && x <= hi + 1e-9;
/** Map.groupBy, which Node 20 lacks. */
function groupBy(xs, key) {
  const m = new Map();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

test('the sequence generator is deterministic and covers every typology and described case', () => {
  assert.deepEqual(sequences(7, 4), sequences(7, 4));
  assert.notDeepEqual(sequences(7, 2), sequences(8, 2));
  // A sequence depends on the seed and its own index only, not on which others are generated.
  assert.deepEqual(sequences(7, 4, ['id-content-seller']), sequences(7, 4).filter((q) => q.typology === 'id-content-seller'));
  assert.deepEqual(Object.keys(SEQUENCE_TYPOLOGIES), [...HISTORY_KEYS, ...LOOKALIKE_KEYS]);
  const all = sequences(7, 40);
  for (const [typology, { risky, cases }] of Object.entries(SEQUENCE_TYPOLOGIES)) {
    assert.equal(all.filter((q) => q.typology === typology).length, 40, typology);
    for (const c of cases) {
      if (risky) assert.ok(c.source && c.quote, `${c.variant} names its source and quote`);
      assert.ok(all.some((q) => q.typology === typology && q.variant === c.variant), `${typology}/${c.variant} is sampled`);
    }
  }
});

test('every sequence is one account over at most 60 days, with ids, offsets and isNew as a host would send them', () => {
  for (const seq of sequences(7, 40)) {
    assert.ok(seq.steps.length > 0, seq.id);
    const seen = new Set();
    let previous = -Infinity;
    for (const { tx } of seq.steps) {
      assert.match(tx.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/, tx.id);
      assert.ok(typeof tx.sender.id === 'string' && typeof tx.receiver.id === 'string' && tx.sender.id !== tx.receiver.id, tx.id);
      assert.ok(tx.sender.id === seq.account || tx.receiver.id === seq.account, `${tx.id} involves the account`);
      assert.ok(instant(tx) >= previous, `${tx.id} in time order`);
      previous = instant(tx);
      assert.ok(instant(tx) >= START - 14 * 3_600_000 && instant(tx) < START + DAYS * DAY_MS, `${tx.id} in the window`);
      assert.match(tx.amount, ['IDR', 'JPY'].includes(tx.currency) ? /^[1-9]\d*$/ : /^\d+\.\d\d$/, tx.id);
      assert.ok(Number(tx.amount) > 0, tx.id);
      // isNew is never true for a payee this sender already paid in the sequence.
      const pair = `${tx.sender.id}>${tx.receiver.id}`;
      if (seen.has(pair)) assert.equal(tx.receiver.isNew, false, `${tx.id}: repeat payee`);
      seen.add(pair);
    }
    assert.ok(instant(seq.steps.at(-1).tx) - instant(seq.steps[0].tx) <= DAYS * DAY_MS, `${seq.id} spans at most 60 days`);
  }
});

test('risky sequences keep to the bounds of their quoted case descriptions', () => {
  const all = sequences(7, 40);
  const of = (t) => all.filter((q) => q.typology === t);

  // Pay per view: one or two payees abroad, several times a week, the variant's
  // quoted band, mostly late and without a memo, rising over the weeks.
  const bands = {
    'austrac-2023-about-twice-a-day': ['AUD', 20, 80], 'austrac-escalation-same-recipient': ['AUD', 10, 100], 'aic-589-median-and-frequency-rise': ['AUD', 49, 390],
    'aic-639-median-aud-51': ['AUD', 25, 102], 'nca-2026-uk-small-frequent': ['GBP', 20, 250], 'austrac-2024-concealment-then-payments': ['AUD', 10, 100],
  };
  let rising = 0;
  const aic639 = [];
  const habitual = of('lsac-habitual-payer').map((seq) => {
    const txs = ofKind(seq, 'payment');
    assert.ok(txs.every((tx) => tx.sender.id === seq.account && tx.receiver.country !== tx.sender.country), seq.id);
    assert.ok(distinct(txs.map((tx) => tx.receiver.id)) <= 2, seq.id);
    for (const tx of txs) {
      if (seq.variant === 'fatf-2025-late-night-round') assert.ok(inBand(euro(tx), 10, 200), tx.id);
      else assert.ok(tx.currency === bands[seq.variant][0] && inBand(Number(tx.amount), bands[seq.variant][1], bands[seq.variant][2]), `${tx.id} ${tx.amount}`);
    }
    const weeks = (instant(txs.at(-1)) - instant(txs[0])) / (7 * DAY_MS);
    assert.ok(txs.length / weeks >= 2, `${seq.id}: several times a week`);
    const third = Math.floor(txs.length / 3);
    const mean = (xs) => xs.reduce((x, tx) => x + euro(tx), 0) / xs.length;
    const t0 = instant(txs[0]);
    const t1 = instant(txs.at(-1));
    const early = txs.filter((tx) => instant(tx) < t0 + (t1 - t0) / 3).length;
    const late = txs.filter((tx) => instant(tx) > t1 - (t1 - t0) / 3).length;
    if (late > early && mean(txs.slice(-third)) > mean(txs.slice(0, third))) rising += 1;
    if (seq.variant === 'aic-639-median-aud-51') aic639.push(...txs.map((tx) => Number(tx.amount)));
    return txs;
  }).flat();
  assert.ok(rising >= 0.9 * of('lsac-habitual-payer').length, `escalation in frequency and amount (${rising})`);
  assert.ok(habitual.filter((tx) => !tx.memo).length > habitual.length / 2, 'mostly no memo');
  assert.ok(habitual.filter((tx) => localHour(tx) >= 22 || localHour(tx) < 6).length > habitual.length / 2, 'mostly late at night');
  aic639.sort((a, b) => a - b);
  assert.ok(aic639.length && inBand(aic639[Math.floor(aic639.length / 2)], 40, 70), `AIC 639: a median near AUD 51 (${aic639[Math.floor(aic639.length / 2)]})`);

  // Sextortion: a minor's account; a new payee in NG, CI, PH or at home; a first
  // series of several payments within 48 h, each at most €1,500; then the
  // payments to the extorters stop while the account stays in use.
  for (const seq of of('fsec-sextortion-repeated')) {
    assert.ok(pays(seq).every((tx) => tx.sender.isMinor === true), seq.id);
    const ext = ofKind(seq, 'extortion');
    const home = ext[0].sender.country;
    assert.ok(ext.every((tx) => ['NG', 'CI', 'PH', home].includes(tx.receiver.country) && ['p2p', 'remittance'].includes(tx.channel)), seq.id);
    assert.ok(ext.every((tx) => euro(tx) <= 1_500 * 1.001), seq.id);
    assert.equal(ext[0].receiver.isNew, true, seq.id);
    const series = ext.filter((tx) => instant(tx) - instant(ext[0]) <= 2 * DAY_MS);
    assert.ok(series.length >= 2, `${seq.id}: several rapid payments`);
    const extorters = new Set(ext.map((tx) => tx.receiver.id));
    const after = seq.steps.filter((st) => instant(st.tx) > instant(ext.at(-1)));
    assert.ok(after.length > 0 && after.every((st) => !extorters.has(st.tx.receiver.id)), `${seq.id}: stop, then the account's next payment`);
  }

  // Fan-out: several payees abroad; AMLC's "up to about USD 200", "PHP
  // 1,000–10,000"; FINTRAC's "under CAD 200" "over a short period".
  for (const seq of of('osaec-fan-out')) {
    const txs = ofKind(seq, 'payment');
    assert.ok(distinct(txs.map((tx) => tx.receiver.id)) >= 3, seq.id);
    assert.ok(txs.every((tx) => tx.receiver.country !== tx.sender.country && tx.receiver.country !== undefined), seq.id);
    for (const tx of txs) {
      if (seq.variant.includes('usd-200')) assert.ok(euro(tx) * PER_EUR.USD <= 200 + 1e-6, tx.id);
      if (seq.variant.includes('php')) assert.ok(tx.currency === 'PHP' && inBand(Number(tx.amount), 1_000, 10_000), tx.id);
      if (seq.variant.startsWith('fintrac')) assert.ok(tx.currency === 'CAD' && Number(tx.amount) < 200, tx.id);
    }
    if (seq.variant.startsWith('fintrac')) assert.ok(instant(txs.at(-1)) - instant(txs[0]) <= 23 * DAY_MS, `${seq.id}: a short period`);
  }

  // Micro-payments: one domestic payee, "from AUD 0.01, typically under AUD 10"
  // (Rp 100,000, PHP 370), every one with text, in volume.
  const under = { AUD: 10, IDR: 100_000, PHP: 370 };
  for (const seq of of('micro-payment-messages')) {
    const txs = pays(seq);
    assert.equal(txs.length, seq.steps.length, seq.id);
    assert.equal(distinct(txs.map((tx) => tx.receiver.id)), 1, seq.id);
    assert.ok(txs.length >= 6, seq.id);
    assert.ok(txs.every((tx) => tx.receiver.country === tx.sender.country && Number(tx.amount) < under[tx.currency] && tx.memo), seq.id);
  }

  // Content seller: a personal wallet (no merchant) paid Rp 15,000–165,000 by
  // many mostly one-off senders, some abroad; each sweep moves exactly what came
  // in since the previous one, from the seller's account to its bank.
  let senders = 0;
  let oneOff = 0;
  let foreign = 0;
  for (const seq of of('id-content-seller')) {
    const inbound = paid(seq);
    assert.ok(inbound.every((tx) => !tx.merchant && tx.currency === 'IDR' && inBand(Number(tx.amount), 15_000, 165_000)), seq.id);
    const counts = new Map();
    for (const tx of inbound) counts.set(tx.sender.id, (counts.get(tx.sender.id) ?? 0) + 1);
    senders += counts.size;
    oneOff += [...counts.values()].filter((k) => k === 1).length;
    foreign += inbound.filter((tx) => tx.sender.country !== 'ID').length;
    assert.ok(counts.size >= 20, `${seq.id}: many senders`);
    let balance = 0;
    const sweeps = ofKind(seq, 'sweep');
    for (const { kind, tx } of seq.steps) {
      if (kind === 'inbound') balance += Number(tx.amount);
      else {
        assert.equal(kind, 'sweep');
        assert.equal(tx.sender.id, seq.account);
        assert.equal(tx.receiver.id, sweeps[0].receiver.id, 'one bank account');
        assert.equal(Number(tx.amount), balance, `${tx.id}: the balance`);
        balance = 0;
      }
    }
  }
  assert.ok(oneOff / senders >= 0.75, `mostly one-off payers (${oneOff}/${senders})`);
  assert.ok(foreign > 0, 'some buyers abroad');
  assert.ok(of('id-content-seller').filter((q) => ofKind(q, 'sweep').length).length >= 36, 'sweeps');

  // Mule: P2P in from many people, often minors; out within six hours of the
  // first payment since the last move, into crypto or to West Africa, less a cut.
  let victims = 0;
  let minors = 0;
  for (const seq of of('fsec-money-mule')) {
    const inbound = paid(seq);
    assert.ok(inbound.every((tx) => tx.channel === 'p2p' && euro(tx) <= 1_500 * 1.001), seq.id);
    const from = new Map(inbound.map((tx) => [tx.sender.id, tx.sender.isMinor === true]));
    assert.ok(from.size >= 6, seq.id);
    victims += from.size;
    minors += [...from.values()].filter(Boolean).length;
    let balance = 0;
    let since = null;
    for (const { kind, tx } of seq.steps) {
      if (kind === 'inbound') {
        balance += Number(tx.amount);
        since ??= instant(tx);
      } else {
        assert.ok(instant(tx) - since <= 6 * 3_600_000, `${tx.id}: quickly`);
        assert.ok((tx.channel === 'crypto' && tx.receiver.country === tx.sender.country) || (tx.channel === 'remittance' && ['NG', 'GH'].includes(tx.receiver.country)), tx.id);
        assert.ok(Number(tx.amount) <= balance * 0.95 + 0.01 && Number(tx.amount) >= balance * 0.85 - 0.01, `${tx.id}: the balance less a cut`);
        balance = 0;
        since = null;
      }
    }
  }
  assert.ok(minors / victims > 0.4 && minors / victims < 0.8, `often young (${minors}/${victims})`);

  // Facilitator: several unrelated senders abroad, small amounts.
  for (const seq of of('osaec-facilitator-fan-in')) {
    const inbound = paid(seq);
    assert.equal(inbound.length, seq.steps.length, seq.id);
    assert.ok(distinct(inbound.map((tx) => tx.sender.id)) >= 4 && inbound.every((tx) => tx.receiver.country === 'PH' && tx.sender.country !== 'PH'), seq.id);
    for (const tx of inbound) {
      if (seq.variant.startsWith('austrac')) assert.ok(tx.currency === 'AUD' && inBand(Number(tx.amount), 10, 100), tx.id);
      if (seq.variant.startsWith('amlc')) assert.ok(tx.currency === 'PHP' && inBand(Number(tx.amount), 1_000, 10_000), tx.id);
      if (seq.variant.startsWith('fatf')) assert.ok(inBand(euro(tx), 10, 200), tx.id);
    }
  }
});

test('benign look-alikes keep to their habits', () => {
  const all = sequences(7, 40);
  const of = (t) => all.filter((q) => q.typology === t);
  /** Payments of the account grouped by payee. */
  const byPayee = (seq) => groupBy(pays(seq), (tx) => tx.receiver.id);
  for (const seq of of('family-remittance')) {
    for (const txs of byPayee(seq).values()) {
      assert.ok(txs.every((tx) => tx.amount === txs[0].amount && tx.receiver.isNew === false && tx.memo && tx.receiver.country !== tx.sender.country), seq.id);
      const gaps = txs.slice(1).map((tx, i) => localDay(tx) - localDay(txs[i]));
      assert.ok(gaps.every((g) => (seq.variant.endsWith('weekly') ? g === 7 : g >= 28 && g <= 31)), `${seq.id} ${gaps}`);
    }
  }
  for (const seq of of('weekly-allowance')) {
    const txs = pays(seq);
    assert.ok(txs.length >= 8 && distinct(txs.map((tx) => tx.receiver.id)) === 1 && txs.every((tx) => tx.amount === txs[0].amount && tx.receiver.country === tx.sender.country), seq.id);
    assert.ok(txs.slice(1).every((tx, i) => localDay(tx) - localDay(txs[i]) === 7), seq.id);
  }
  for (const seq of of('teen-everyday')) {
    const txs = pays(seq);
    assert.equal(txs.length, seq.steps.length, seq.id);
    assert.ok(txs.every((tx) => tx.sender.isMinor === true && tx.receiver.country === tx.sender.country && Number(tx.amount) <= 60), seq.id);
    assert.ok(txs.every((tx) => (tx.channel === 'card') === Boolean(tx.merchant?.id)), seq.id);
  }
  for (const seq of of('shop-many-customers')) {
    const sales = ofKind(seq, 'sale');
    assert.ok(sales.every((tx) => tx.receiver.id === seq.account && tx.merchant?.id === sales[0].merchant.id), seq.id);
    assert.ok(distinct(sales.map((tx) => tx.sender.id)) >= 60, seq.id);
    assert.ok(ofKind(seq, 'settlement').every((tx) => tx.sender.id === seq.account && !tx.merchant), seq.id);
  }
  for (const seq of of('school-fees')) {
    const fees = paid(seq);
    assert.equal(fees.length, seq.steps.length);
    assert.ok(fees.every((tx) => tx.currency === 'IDR' && tx.memo.includes('SPP')), seq.id);
    assert.ok([...groupBy(fees, (tx) => tx.sender.id).values()].every((txs) => txs.length <= 3 && txs.every((tx) => tx.amount === txs[0].amount)), seq.id);
    assert.equal(fees.every((tx) => tx.merchant?.id), seq.variant === 'id-school-merchant-id', seq.id);
  }
  for (const seq of of('pays-many-friends')) {
    const txs = pays(seq);
    assert.ok(txs.every((tx) => tx.receiver.country === tx.sender.country) && distinct(txs.map((tx) => tx.receiver.id)) >= 3, seq.id);
  }
  for (const seq of of('worker-abroad')) {
    for (const txs of byPayee(seq).values()) {
      assert.ok(txs.length === 4 && txs.every((tx) => tx.receiver.country !== tx.sender.country && tx.receiver.isNew === false), seq.id);
    }
  }
  for (const seq of of('group-collector')) {
    let balance = 0;
    for (const { kind, tx } of seq.steps) {
      if (kind === 'contribution') balance += Number(tx.amount);
      else {
        assert.ok(kind === 'payout' && tx.sender.id === seq.account && tx.merchant?.id, tx.id);
        assert.equal(Number(tx.amount), balance, tx.id);
        balance = 0;
      }
    }
  }
});

test('replay with states serialized after every transaction gives byte-identical verdicts and states', () => {
  // Enough busy accounts of several kinds for >= 10,000 transactions over the 60 days.
  const kinds = ['id-content-seller', 'micro-payment-messages', 'lsac-habitual-payer', 'fsec-money-mule', 'fsec-sextortion-repeated', 'osaec-fan-out', 'family-remittance', 'shop-many-customers'];
  const steps = [];
  const pool = sequences(11, 30, kinds);
  // Round-robin over the kinds (the pool is grouped by kind) until there are enough.
  for (let i = 0; steps.length < 10_000; i++) steps.push(...pool[(i % kinds.length) * 30 + Math.floor(i / kinds.length)].steps.map((st) => st.tx));
  // One interleaved stream in time order (stable for equal instants).
  const stream = steps.map((tx, i) => ({ tx, i })).sort((a, b) => instant(a.tx) - instant(b.tx) || a.i - b.i).map((x) => x.tx);
  assert.ok(instant(stream.at(-1)) - instant(stream[0]) > 58 * DAY_MS, 'over the 60 days');
  // Compact verdicts: the same engine and states, a third of the time of full ones.
  const screener = new Screener(undefined, { verdict: 'compact', historyKey: 'jejak eval replay test key' });

  const memory = new Map();
  const verdicts = [];
  const stateBytes = [];
  let withHistory = 0;
  let largest = 0;
  for (const tx of stream) {
    const r = screener.screenWithHistory(tx, { sender: memory.get(tx.sender.id), receiver: memory.get(tx.receiver.id) });
    if (r.verdict.history.sender !== 'updated' || r.verdict.history.receiver !== 'updated') assert.fail(`${tx.id}: ${JSON.stringify(r.verdict.history)}`);
    memory.set(tx.sender.id, r.sender);
    memory.set(tx.receiver.id, r.receiver);
    largest = Math.max(largest, r.sender.byteLength, r.receiver.byteLength);
    if (r.verdict.flags.some((f) => /-HIST-/.test(f.indicator) || f.evidence.some((e) => /-HIST-/.test(String(e.value))))) withHistory += 1;
    verdicts.push(JSON.stringify(r.verdict));
    stateBytes.push(Buffer.concat([r.sender, r.receiver]).toString('base64'));
  }
  // Not trivially equal: the states carry what history flags need, and they stay in bounds.
  assert.ok(withHistory > 0, 'some verdicts carry history flags');
  assert.ok(largest > 0 && largest <= 4096, `state size ${largest}`);

  // The same stream, each state stored as base64 text and decoded into a fresh
  // buffer (a Buffer view, possibly into Node's shared pool) before its next use.
  const stored = new Map();
  stream.forEach((tx, i) => {
    const load = (id) => (stored.has(id) ? Buffer.from(stored.get(id), 'base64') : undefined);
    const r = screener.screenWithHistory(tx, { sender: load(tx.sender.id), receiver: load(tx.receiver.id) });
    stored.set(tx.sender.id, Buffer.from(r.sender).toString('base64'));
    stored.set(tx.receiver.id, Buffer.from(r.receiver).toString('base64'));
    if (JSON.stringify(r.verdict) !== verdicts[i]) assert.equal(JSON.stringify(r.verdict), verdicts[i], `${tx.id}: verdict`);
    if (Buffer.concat([r.sender, r.receiver]).toString('base64') !== stateBytes[i]) assert.fail(`${tx.id}: states differ`);
  });
});

test('make eval writes report.json and report.md with every figure, before and after', { timeout: 120_000 }, async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'jejak-eval-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  await run(process.execPath, [join(TESTS, 'eval', 'run.mjs'), '--benign', '2000', '--risky', '40', '--sequences', '3', '--out', out], { cwd: TESTS });
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
  // History: recall per typology, benign rates per account and per transaction, the largest state.
  const h = report.history;
  assert.equal(h.generator.readsPack, false);
  assert.deepEqual(Object.keys(h.risky), HISTORY_KEYS);
  assert.deepEqual(Object.keys(h.benign.lookalikes), LOOKALIKE_KEYS);
  assert.equal(h.accounts, 3 * (HISTORY_KEYS.length + LOOKALIKE_KEYS.length));
  for (const t of [...Object.values(h.risky), ...Object.values(h.benign.lookalikes)]) {
    assert.equal(t.sequences, 3);
    assert.ok(t.rate >= 0 && t.rate <= 1 && t.transactionRate >= 0 && t.transactionRate <= 1);
    assert.ok(t.atReview === 0 ? t.medianFirstDay === null : t.medianFirstDay >= 0 && t.medianFirstPosition >= 1);
  }
  assert.equal(h.benign.sequences, 3 * LOOKALIKE_KEYS.length);
  assert.ok(h.benign.rate >= 0 && h.benign.rate <= 1 && h.benign.transactionRate >= 0 && h.benign.transactionRate <= 1);
  assert.ok(h.largestStateBytes > 0 && h.largestStateBytes <= 4096, `largest state ${h.largestStateBytes}`);
  assert.equal(h.historySides.late ?? 0, 0, 'a replay in time order has no late payment');
  const md = readFileSync(join(out, 'report.md'), 'utf8');
  for (const heading of ['False positives', 'Hard negatives', 'Risky scenarios', 'Evasion recall per treatment', 'Verdict size', 'Indicators', 'History: per-account sequences']) {
    assert.ok(md.includes(`## ${heading}`), heading);
  }
  assert.match(md, /does not read the pack/);
  assert.match(md, /\| indicator \| before: benign \| risky \| precision \| after: benign \| risky \| precision \|/);
});
