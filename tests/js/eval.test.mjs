// `make eval` in small: the corpus, scenario, sequence and background
// generators are deterministic, the scenario, sequence and background
// generators are independent of the pack, the sequences keep to the bounds
// their quoted case descriptions (and, for the look-alikes, their own stated
// habits) give, a replay with serialized history states gives the same verdicts
// as one with states kept in memory, and the report has every figure the
// quality issues ask for, for both releases. (The full run is `make eval`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, TESTS } from './util.mjs';
import { benign, evasions, TREATMENTS } from '../eval/corpus.mjs';
import { hardNegatives, scenarios, TYPOLOGIES } from '../eval/scenarios.mjs';
import { DAY_MS, DAYS, PER_EUR, SEQUENCE_TYPOLOGIES, sequences, START } from '../eval/sequences.mjs';
import { background, loadPaysimExcerpt } from '../eval/background.mjs';
import { NETWORK_CASES, networks } from '../eval/networks.mjs';
import { Screener, timestampKey } from '../../pkg/entries/node.mjs';
import { Replay, hasHistoryFlag, inTimeOrder } from '../../pkg/lib/replay.mjs';

const TYPOLOGY_KEYS = ['lsac-pay-per-view', 'fsec-sextortion', 'id-csam-commerce', 'micro-payment-text'];
const HISTORY_KEYS = [
  'lsac-habitual-payer', 'fsec-sextortion-repeated', 'osaec-fan-out', 'micro-payment-messages', 'id-content-seller', 'fsec-money-mule', 'osaec-facilitator-fan-in',
];
const LOOKALIKE_KEYS = [
  'family-remittance', 'weekly-allowance', 'teen-everyday', 'shop-many-customers', 'school-fees', 'pays-many-friends', 'worker-abroad', 'group-collector',
  'online-shop-by-day', 'kos-landlord', 'arisan-collector', 'qris-registered-merchant',
];
/** The PaySim numbers the package tests use instead of ../shared/data/paysim (as run.mjs's --paysim). */
const PAYSIM_EXCERPT = join(TESTS, 'data', 'paysim-excerpt.json');

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

// What each generator may import: the seeded rng from corpus.mjs, and for the
// background the Node modules it reads the PaySim files with.
const GENERATOR_IMPORTS = {
  'scenarios.mjs': ['./corpus.mjs'],
  'sequences.mjs': ['./corpus.mjs'],
  'networks.mjs': ['./corpus.mjs'],
  'background.mjs': ['node:fs', 'node:path', 'node:url', './corpus.mjs'],
};
for (const [file, allowed] of Object.entries(GENERATOR_IMPORTS)) {
  test(`${file} does not read the pack`, () => {
    const source = readFileSync(join(TESTS, 'eval', file), 'utf8');
    for (const banned of ['defaultPack', 'default.json', 'before-pack', 'termLists', 'Screener', '/pkg', 'src/packs', 'HIST']) {
      assert.ok(!source.includes(banned), `${file} mentions ${banned}`);
    }
    // Publishers may be named in quotes; indicator ids may not be used as labels.
    assert.doesNotMatch(source, /\b(AUSTRAC|FATF|FINTRAC|FINCEN|AMLC|PPATK|AIC|NCA|THORN|NCRI|DSA|EGMONT|JEJAK|ID)-[A-Z]+-\d/);
    // Nothing of the package: only the seeded rng from corpus.mjs (and, for the background, Node's file reading).
    const imports = [...source.matchAll(/^\s*import\b[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    assert.deepEqual(imports, allowed);
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

// Field values a host may send (pkg/index.d.ts, Transaction).
const CHANNELS = new Set(['p2p', 'bank_transfer', 'bi_fast', 'remittance', 'ewallet_topup', 'qris', 'card', 'crypto', 'gift_card', 'airtime', 'game_topup', 'cash_withdrawal', 'other']);
const KYC = new Set(['registered', 'unregistered']);
const CRITERIA = new Set(['umi', 'uke', 'ume', 'ube']);

test('every sequence is one account over at most 60 days, with ids, offsets and isNew as a host would send them', () => {
  assert.equal(DAYS, 60);
  const all = sequences(7, 40);
  // Some hosts send receiver.isNew and some do not: both kinds of sequence are generated.
  assert.ok(all.some((q) => q.hostIsNew === false) && all.some((q) => q.hostIsNew === undefined));
  for (const seq of all) {
    assert.ok(seq.steps.length > 0, seq.id);
    assert.ok(seq.hostIsNew === undefined || seq.hostIsNew === false, seq.id);
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
      const pair = `${tx.sender.id}>${tx.receiver.id}`;
      if (seq.hostIsNew === false) {
        // A host that does not send isNew sends it on no payment: the engine's own history decides.
        assert.ok(!('isNew' in tx.receiver), `${tx.id}: no isNew from this host`);
      } else {
        assert.equal(typeof tx.receiver.isNew, 'boolean', tx.id);
        // isNew is never true for a payee this sender already paid in the sequence.
        if (seen.has(pair)) assert.equal(tx.receiver.isNew, false, `${tx.id}: repeat payee`);
      }
      seen.add(pair);
      // The fields a host knows about a party or a payment, with the values the engine reads.
      assert.ok(CHANNELS.has(tx.channel), `${tx.id}: channel ${tx.channel}`);
      for (const side of [tx.sender, tx.receiver]) {
        if ('kyc' in side) assert.ok(KYC.has(side.kyc), `${tx.id}: kyc ${side.kyc}`);
        if ('isMinor' in side) assert.equal(side.isMinor, true, tx.id);
        if ('accountAgeDays' in side) assert.ok(Number.isInteger(side.accountAgeDays) && side.accountAgeDays >= 0, `${tx.id}: age ${side.accountAgeDays}`);
      }
      assert.ok(Number.isInteger(tx.sender.accountAgeDays), `${tx.id}: the sender's age`);
      if (tx.merchant) {
        assert.ok(typeof tx.merchant.id === 'string' && tx.merchant.id, tx.id);
        if ('criteria' in tx.merchant) assert.ok(CRITERIA.has(tx.merchant.criteria), `${tx.id}: criteria ${tx.merchant.criteria}`);
        if ('qrType' in tx.merchant) assert.ok(['static', 'dynamic'].includes(tx.merchant.qrType) && tx.channel === 'qris', `${tx.id}: qrType`);
      }
      if ('proxyType' in tx) assert.ok(['phone', 'email', 'account'].includes(tx.proxyType) && tx.channel === 'bi_fast', `${tx.id}: proxyType`);
      if ('topUpSource' in tx) assert.ok(['virtual_account', 'minimarket', 'agent'].includes(tx.topUpSource) && tx.channel === 'ewallet_topup', `${tx.id}: topUpSource`);
      if ('cashOutType' in tx) assert.ok(['bank_account', 'atm', 'minimarket', 'agent'].includes(tx.cashOutType) && tx.sender.id === seq.account, `${tx.id}: cashOutType`);
    }
    assert.ok(instant(seq.steps.at(-1).tx) - instant(seq.steps[0].tx) <= DAYS * DAY_MS, `${seq.id} spans at most 60 days`);
  }
});

test('risky sequences keep to the bounds of their quoted case descriptions', () => {
  const all = sequences(7, 40);
  const of = (t) => all.filter((q) => q.typology === t);

  // Pay per view: one or two payees abroad, several times a week, the variant's
  // quoted band, mostly late and without a memo, rising over the weeks — except
  // the steady night habit, which does not rise (its own checks are below).
  const bands = {
    'austrac-2023-about-twice-a-day': ['AUD', 20, 80], 'austrac-escalation-same-recipient': ['AUD', 10, 100], 'aic-589-median-and-frequency-rise': ['AUD', 49, 390],
    'aic-639-median-aud-51': ['AUD', 25, 102], 'nca-2026-uk-small-frequent': ['GBP', 20, 250], 'austrac-2024-concealment-then-payments': ['AUD', 10, 100],
  };
  const NIGHTS = 'austrac-nca-steady-night-sessions-one-payee';
  /** An amount in Australian dollars, at the generator's rough rates. */
  const aud = (tx) => euro(tx) * PER_EUR.AUD;
  let rising = 0;
  let escalating = 0;
  const aic639 = [];
  const habitual = of('lsac-habitual-payer').map((seq) => {
    const txs = ofKind(seq, 'payment');
    assert.ok(txs.every((tx) => tx.sender.id === seq.account && tx.receiver.country !== tx.sender.country), seq.id);
    assert.ok(distinct(txs.map((tx) => tx.receiver.id)) <= 2, seq.id);
    for (const tx of txs) {
      if (seq.variant === 'fatf-2025-late-night-round') assert.ok(inBand(euro(tx), 10, 200), tx.id);
      // AUSTRAC's AUD 20–80 in the payer's money (AUD, or GBP for NCA's UK payers), to the cent.
      else if (seq.variant === NIGHTS) assert.ok(['AUD', 'GBP'].includes(tx.currency) && aud(tx) >= 20 - 0.02 && aud(tx) <= 80 + 0.02, `${tx.id} ${tx.amount}`);
      else assert.ok(tx.currency === bands[seq.variant][0] && inBand(Number(tx.amount), bands[seq.variant][1], bands[seq.variant][2]), `${tx.id} ${tx.amount}`);
    }
    const weeks = (instant(txs.at(-1)) - instant(txs[0])) / (7 * DAY_MS);
    assert.ok(txs.length / weeks >= 2, `${seq.id}: several times a week`);
    if (seq.variant === NIGHTS) {
      return txs;
    }
    escalating += 1;
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
  assert.ok(escalating > 0 && rising >= 0.9 * escalating, `escalation in frequency and amount (${rising} of ${escalating})`);
  assert.ok(habitual.filter((tx) => !tx.memo).length > habitual.length / 2, 'mostly no memo');
  assert.ok(habitual.filter((tx) => localHour(tx) >= 22 || localHour(tx) < 6).length > habitual.length / 2, 'mostly late at night');
  const medianOf = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  assert.ok(aic639.length && inBand(medianOf(aic639), 40, 70), `AIC 639: a median near AUD 51 (${medianOf(aic639)})`);

  // The steady night habit: an AU or UK payer, one payee in the Philippines,
  // one payment a night at 22:00–05:59 on three nights a week (mostly the
  // payer's own three weekdays) for six weeks or more from day 0–10, amounts
  // around AIC's median of AUD 51, mostly in whole units, not round and not
  // rising; memos mostly empty, the rest bland (no cover term, no handle); and
  // a host that sends no isNew.
  const COVER = /school fees|education|uniform|medical bills|accommodation|gift|family support/;
  const nightSeqs = of('lsac-habitual-payer').filter((q) => q.variant === NIGHTS);
  assert.ok(nightSeqs.length > 0, 'the steady night habit is sampled');
  let firstThird = 0;
  let lastThird = 0;
  for (const seq of nightSeqs) {
    const txs = pays(seq);
    assert.equal(txs.length, seq.steps.length, seq.id);
    assert.equal(seq.hostIsNew, false, seq.id);
    assert.ok(['AU', 'GB'].includes(txs[0].sender.country) && distinct(txs.map((tx) => tx.receiver.id)) === 1 && txs[0].receiver.country === 'PH', seq.id);
    assert.ok(txs.every((tx) => localHour(tx) >= 22 || localHour(tx) < 6), `${seq.id}: at night`);
    // A night is the local date of its evening: 00:00–05:59 belongs to the day before.
    const nights = txs.map((tx) => localDay(tx) - (localHour(tx) < 12 ? 1 : 0) - START / DAY_MS);
    assert.equal(distinct(nights), txs.length, `${seq.id}: one payment a night`);
    assert.ok(txs.length >= 18 && txs.length % 3 === 0, `${seq.id}: three nights a week for six weeks or more (${txs.length})`);
    assert.ok(nights[0] >= 0 && nights[0] <= 16, `${seq.id}: from day 0–10 (${nights[0]})`);
    const weekdays = [...groupBy(nights, (n) => n % 7).values()].map((xs) => xs.length).sort((a, b) => b - a);
    assert.ok(weekdays[0] + weekdays[1] + weekdays[2] >= 0.75 * txs.length, `${seq.id}: mostly its own three nights (${weekdays})`);
    const third = Math.floor(txs.length / 3);
    firstThird += txs.slice(0, third).reduce((x, tx) => x + aud(tx), 0) / third;
    lastThird += txs.slice(-third).reduce((x, tx) => x + aud(tx), 0) / third;
    assert.ok(txs.every((tx) => !tx.memo || (!COVER.test(tx.memo) && !tx.memo.includes('@'))), `${seq.id}: bland memos`);
  }
  assert.ok(lastThird < 1.15 * firstThird, `the night habit does not escalate (${firstThird.toFixed(1)} → ${lastThird.toFixed(1)})`);
  const nightTxs = nightSeqs.flatMap(pays);
  const whole = nightTxs.filter((tx) => /\.00$/.test(tx.amount)).length / nightTxs.length;
  assert.ok(whole >= 0.55 && whole <= 0.85, `the night habit: 70 % in whole units (${whole})`);
  const empty = nightTxs.filter((tx) => !tx.memo).length / nightTxs.length;
  assert.ok(empty >= 0.6 && empty <= 0.9, `the night habit: 75 % without a memo (${empty})`);
  assert.ok(inBand(medianOf(nightTxs.map(aud)), 40, 62), `the night habit: around AUD 51 (${medianOf(nightTxs.map(aud))})`);

  // Sextortion: a minor's account; a new payee in NG, CI, PH or at home; a first
  // series of several payments within 48 h, each at most €1,500, from day 7–45
  // (day 14–45, after weeks of the teen's ordinary spending, where the host
  // sends no isNew); then the payments to the extorters stop while the account
  // stays in use.
  let withoutIsNew = 0;
  let nextDay = 0;
  for (const seq of of('fsec-sextortion-repeated')) {
    assert.ok(pays(seq).every((tx) => tx.sender.isMinor === true), seq.id);
    const ext = ofKind(seq, 'extortion');
    const home = ext[0].sender.country;
    assert.ok(ext.every((tx) => ['NG', 'CI', 'PH', home].includes(tx.receiver.country) && ['p2p', 'remittance'].includes(tx.channel)), seq.id);
    assert.ok(ext.every((tx) => euro(tx) <= 1_500 * 1.001), seq.id);
    const day = localDay(ext[0]) - START / DAY_MS;
    assert.ok(!pays(seq).some((tx) => tx.receiver.id === ext[0].receiver.id && instant(tx) < instant(ext[0])), `${seq.id}: a new payee`);
    if (seq.hostIsNew === false) {
      withoutIsNew += 1;
      assert.ok(day >= 14 && day <= 45, `${seq.id}: starts on day 14–45 (${day})`);
      assert.ok(ext.every((tx) => ['NG', 'CI'].includes(tx.receiver.country)), seq.id);
      assert.ok(seq.steps.some((st) => st.kind === 'background' && instant(st.tx) < instant(ext[0])), `${seq.id}: ordinary spending first`);
    } else {
      assert.ok(day >= 7 && day <= 45, `${seq.id}: starts on day 7–45 (${day})`);
      assert.equal(ext[0].receiver.isNew, true, seq.id);
    }
    const series = ext.filter((tx) => instant(tx) - instant(ext[0]) <= 2 * DAY_MS);
    assert.ok(series.length >= 2, `${seq.id}: several rapid payments`);
    const extorters = new Set(ext.map((tx) => tx.receiver.id));
    const after = seq.steps.filter((st) => instant(st.tx) > instant(ext.at(-1)));
    assert.ok(after.length > 0 && after.every((st) => !extorters.has(st.tx.receiver.id)), `${seq.id}: stop, then the account's next payment`);
    // Paid again the next day for more: one payee in NG or CI, a first payment
    // below €250, then one or two more by P2P 18–30 hours apart, each 1.5–3
    // times the last (amounts rounded to the currency's units).
    if (seq.variant === 'thorn-2024-paid-again-next-day-for-more') {
      nextDay += 1;
      assert.ok(ext.length >= 2 && ext.length <= 3 && extorters.size === 1 && ['NG', 'CI'].includes(ext[0].receiver.country), seq.id);
      assert.ok(euro(ext[0]) <= 250 && ext.every((tx) => tx.channel === 'p2p'), seq.id);
      for (let i = 1; i < ext.length; i++) {
        const gap = instant(ext[i]) - instant(ext[i - 1]);
        assert.ok(gap >= 18 * 3_600_000 && gap <= 30 * 3_600_000, `${ext[i].id}: the next day (${gap / 3_600_000} h)`);
        const ratio = Number(ext[i].amount) / Number(ext[i - 1].amount);
        assert.ok(ratio >= 1.5 * 0.99 && ratio <= 3 * 1.01, `${ext[i].id}: for more (×${ratio.toFixed(2)})`);
      }
    }
  }
  assert.ok(withoutIsNew > 0 && nextDay > 0, 'the added cases are sampled');

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

  // Content seller: a personal wallet (no merchant; or, in the added QRIS case,
  // a static micro-merchant QR) paid Rp 15,000–165,000 by many mostly one-off
  // senders, some abroad; each sweep moves exactly what came in since the
  // previous one, from the seller's account to its bank. The account's own
  // spending and top-ups (background) are not sweeps' business.
  const WALLET_CASES = ['ppatk-personal-ewallet-domestic-one-off-buyers', 'ppatk-qris-micro-merchant-one-off-buyers'];
  let senders = 0;
  let oneOff = 0;
  let foreign = 0;
  for (const seq of of('id-content-seller')) {
    const inbound = ofKind(seq, 'inbound');
    assert.ok(inbound.every((tx) => tx.receiver.id === seq.account && tx.currency === 'IDR' && inBand(Number(tx.amount), 15_000, 165_000)), seq.id);
    if (seq.variant === 'ppatk-qris-micro-merchant-one-off-buyers') {
      assert.ok(inbound.every((tx) => tx.channel === 'qris' && tx.merchant.criteria === 'umi' && tx.merchant.qrType === 'static' && /^ID\d{13}$/.test(tx.merchant.id)), seq.id);
      assert.equal(distinct(inbound.map((tx) => tx.merchant.id)), 1, seq.id);
    } else {
      assert.ok(inbound.every((tx) => !tx.merchant), seq.id);
    }
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
      else if (kind !== 'background') {
        assert.equal(kind, 'sweep');
        assert.equal(tx.sender.id, seq.account);
        assert.equal(tx.receiver.id, sweeps[0].receiver.id, 'one bank account');
        assert.equal(Number(tx.amount), balance, `${tx.id}: the balance`);
        balance = 0;
      }
    }
    if (!WALLET_CASES.includes(seq.variant)) assert.ok(seq.steps.every((st) => st.kind !== 'background'), `${seq.id}: the seller's takings only`);
  }
  assert.ok(oneOff / senders >= 0.75, `mostly one-off payers (${oneOff}/${senders})`);
  assert.ok(foreign > 0, 'some buyers abroad');
  assert.ok(of('id-content-seller').filter((q) => ofKind(q, 'sweep').length).length >= 36, 'sweeps');

  // The added cases, the wallet as its owner uses it: QRIS spending at micro
  // and small merchants (Rp 10,000–101,000) from two to four weeks before the
  // selling starts, and on after it; top-ups (Rp 50,000–500,000, by virtual
  // account or at a minimarket) only before it; buyers all in Indonesia at one
  // of the police cases' price points; memos empty or ordinary transfer words;
  // the balance swept by bank transfer or BI-FAST 2–4 days (unregistered
  // e-money: 1–2 days) after the first payment since the last sweep. A young
  // wallet (opened 0–7 days before the window) has its age sent with every
  // payment to it and is the only one that may be unregistered; an older one
  // has swept to the same bank before.
  const PRICES = [[15_000, 30_000, 45_000], [25_000, 30_000, 35_000, 40_000, 45_000, 50_000], [50_000], [165_000]];
  const added = of('id-content-seller').filter((q) => WALLET_CASES.includes(q.variant));
  let young = 0;
  assert.ok(added.length > 0, 'the added cases are sampled');
  for (const seq of added) {
    const inbound = ofKind(seq, 'inbound');
    const start = localDay(inbound[0]) - START / DAY_MS;
    assert.ok(start >= 14, `${seq.id}: selling starts after two weeks or more (day ${start})`);
    assert.ok(inbound.every((tx) => tx.sender.country === 'ID'), `${seq.id}: buyers at home`);
    const amounts = new Set(inbound.map((tx) => Number(tx.amount)));
    assert.ok(PRICES.some((ps) => [...amounts].every((a) => ps.includes(a))), `${seq.id}: one price point (${[...amounts]})`);
    assert.ok(inbound.every((tx) => !tx.memo || !/member|vip|grup|langganan|paket/.test(tx.memo)), `${seq.id}: ordinary transfer words`);
    const own = ofKind(seq, 'background').filter((tx) => tx.sender.id === seq.account);
    assert.ok(own.every((tx) => tx.channel === 'qris' && ['umi', 'uke'].includes(tx.merchant?.criteria) && inBand(Number(tx.amount), 10_000, 101_000)), `${seq.id}: own QRIS spending`);
    assert.ok(own.some((tx) => instant(tx) < instant(inbound[0])) && own.some((tx) => instant(tx) > instant(inbound[0])), `${seq.id}: own spending before and after`);
    const topUps = ofKind(seq, 'background').filter((tx) => tx.receiver.id === seq.account);
    for (const tx of topUps) {
      assert.ok(tx.channel === 'ewallet_topup' && ['virtual_account', 'minimarket'].includes(tx.topUpSource), tx.id);
      assert.ok(Number(tx.amount) % 50_000 === 0 && inBand(Number(tx.amount), 50_000, 500_000), tx.id);
      assert.ok(localDay(tx) < localDay(inbound[0]), `${tx.id}: top-ups only before the selling`);
    }
    const sweeps = ofKind(seq, 'sweep');
    const kyc = sweeps[0].sender.kyc;
    const age = sweeps[0].sender.accountAgeDays - Math.floor((instant(sweeps[0]) - START) / DAY_MS);
    const [lo, hi] = kyc === 'unregistered' ? [1, 2] : [2, 4];
    let since = null;
    for (const { kind, tx } of seq.steps) {
      if (kind === 'inbound') since ??= instant(tx);
      if (kind !== 'sweep') continue;
      assert.ok(tx.cashOutType === 'bank_account' && ['bank_transfer', 'bi_fast'].includes(tx.channel) && (tx.channel !== 'bi_fast' || tx.proxyType === 'account'), tx.id);
      const delay = instant(tx) - since;
      assert.ok(delay >= lo * DAY_MS && delay <= hi * DAY_MS + 23 * 3_600_000, `${tx.id}: swept ${(delay / DAY_MS).toFixed(2)} days after (${kyc})`);
      since = null;
    }
    if (age <= 7) {
      young += 1;
      assert.ok(inbound.every((tx) => Number.isInteger(tx.receiver.accountAgeDays)), `${seq.id}: a young wallet's age is sent`);
      assert.equal(sweeps[0].receiver.isNew, true, `${seq.id}: a young wallet's first sweep`);
    } else {
      assert.equal(kyc, 'registered', `${seq.id}: only a young wallet is unregistered`);
      assert.equal(sweeps[0].receiver.isNew, false, `${seq.id}: an older wallet has swept before`);
    }
  }
  assert.ok(young > 0 && young < added.length, `young and older wallets (${young} of ${added.length})`);

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
      assert.ok(gaps.every((g) => (seq.variant.includes('-weekly') ? g === 7 : g >= 28 && g <= 31)), `${seq.id} ${gaps}`);
      assert.ok(txs.every((tx) => localHour(tx) >= 8), `${seq.id}: daytime or late evening`);
    }
    // The weekly series with one late evening: one payee, daytime (08:00–20:59)
    // except exactly one payment at 22:00–23:29.
    if (seq.variant === 'au-us-ph-weekly-one-late-evening') {
      const txs = pays(seq);
      const minute = (tx) => localHour(tx) * 60 + Number(tx.timestamp.slice(14, 16));
      assert.equal(distinct(txs.map((tx) => tx.receiver.id)), 1, seq.id);
      assert.equal(txs.filter((tx) => minute(tx) >= 22 * 60 && minute(tx) < 23 * 60 + 30).length, 1, `${seq.id}: one late evening`);
      assert.equal(txs.filter((tx) => localHour(tx) >= 8 && localHour(tx) <= 20).length, txs.length - 1, `${seq.id}: the rest by day`);
    }
  }
  assert.ok(of('family-remittance').some((q) => q.variant === 'au-us-ph-weekly-one-late-evening'), 'the added case is sampled');
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

  /**
   * Money in, moved out: each move (of `kind`, from the account to one bank
   * account) is exactly what came in by `inKind` since the previous one,
   * `lo`–`hi` ms after the first of those payments; other steps are the
   * account's own spending.
   */
  const movesOut = (seq, inKind, kind, lo, hi) => {
    let balance = 0;
    let since = null;
    const outs = ofKind(seq, kind);
    for (const { kind: k, tx } of seq.steps) {
      if (k === inKind) {
        balance += Number(tx.amount);
        since ??= instant(tx);
      } else if (k === kind) {
        assert.ok(tx.sender.id === seq.account && tx.receiver.id === outs[0].receiver.id && tx.cashOutType === 'bank_account' && !tx.merchant, tx.id);
        assert.equal(Number(tx.amount), balance, `${tx.id}: what came in`);
        assert.ok(instant(tx) - since >= lo && instant(tx) - since <= hi, `${tx.id}: ${((instant(tx) - since) / 3_600_000).toFixed(1)} h after`);
        balance = 0;
        since = null;
      }
    }
  };
  const H = 3_600_000;

  // An online shop's personal wallet: 40–180 buyers paying by bank transfer or
  // BI-FAST between 08:00 and 20:59, an order being items plus shipping in
  // Rp 500 steps (rarely a round Rp 5,000), a repeat order 3–20 days after the
  // last; the owner's own QRIS spending; takings moved to the bank 1–3 days
  // (and up to 12 hours) after the first order since the last move.
  let orders = 0;
  let round = 0;
  for (const seq of of('online-shop-by-day')) {
    const txs = ofKind(seq, 'order');
    assert.ok(txs.every((tx) => tx.receiver.id === seq.account && !tx.merchant && tx.receiver.kyc === 'registered' && tx.sender.country === 'ID'), seq.id);
    assert.ok(txs.every((tx) => ['bank_transfer', 'bi_fast'].includes(tx.channel) && localHour(tx) >= 8 && localHour(tx) <= 20), `${seq.id}: by transfer, by day`);
    assert.ok(txs.every((tx) => tx.currency === 'IDR' && Number(tx.amount) % 500 === 0 && Number(tx.amount) >= 9_000 + 12_500), seq.id);
    assert.ok(txs.every((tx) => !tx.memo || /pesanan|ongkir|order|bayar/.test(tx.memo)), seq.id);
    orders += txs.length;
    round += txs.filter((tx) => Number(tx.amount) % 5_000 === 0).length;
    const buyers = groupBy(txs, (tx) => tx.sender.id);
    assert.ok(buyers.size >= 35 && buyers.size <= 180, `${seq.id}: ${buyers.size} buyers`);
    for (const mine of buyers.values()) {
      assert.ok(mine.length <= 4 && mine.slice(1).every((tx, i) => inBand(localDay(tx) - localDay(mine[i]), 3, 20)), `${seq.id}: repeat orders days apart`);
    }
    assert.ok(ofKind(seq, 'background').every((tx) => tx.sender.id === seq.account && tx.channel === 'qris' && tx.merchant?.id), `${seq.id}: own spending`);
    movesOut(seq, 'order', 'cash-out', DAY_MS, 3 * DAY_MS + 12 * H);
  }
  assert.ok(round / orders < 0.3, `order totals rarely round (${round}/${orders})`);

  // A kos landlord: 5–20 tenants, one monthly rent each at one of at most two
  // amounts (Rp 50,000 steps in the variant's band), 07:00–21:59, at most once
  // a calendar month; a rent is paid by the 20th, except a new tenant's first
  // one, paid on the day they move in; most tenants were there before the
  // window; the takings moved to the bank 1–5 days (and up to 12 hours) after
  // the first rent since the last move.
  let tenants = 0;
  let before = 0;
  for (const seq of of('kos-landlord')) {
    const rents = ofKind(seq, 'rent');
    assert.ok(rents.every((tx) => tx.receiver.id === seq.account && tx.currency === 'IDR' && localHour(tx) >= 7 && localHour(tx) <= 21), seq.id);
    const [lo, hi] = seq.variant === 'id-kos-mahasiswa' ? [500_000, 1_200_000] : [1_000_000, 2_500_000];
    assert.ok(rents.every((tx) => Number(tx.amount) % 50_000 === 0 && inBand(Number(tx.amount), lo, hi)), `${seq.id}: the band`);
    assert.ok(distinct(rents.map((tx) => tx.amount)) <= 2, `${seq.id}: at most two room types`);
    const byTenant = groupBy(rents, (tx) => tx.sender.id);
    assert.ok(byTenant.size >= 5 && byTenant.size <= 20, `${seq.id}: ${byTenant.size} tenants`);
    for (const mine of byTenant.values()) {
      tenants += 1;
      if (mine[0].receiver.isNew === false) before += 1;
      assert.ok(mine.every((tx) => tx.amount === mine[0].amount), `${seq.id}: the same rent each month`);
      // Once a calendar month, a new tenant too (its first rent on the day it
      // moves in, the next a month later).
      assert.equal(distinct(mine.map((tx) => tx.timestamp.slice(0, 7))), mine.length, `${seq.id}: once a month: ${mine.map((tx) => tx.timestamp)}`);
      assert.ok(mine.every((tx, i) => (i === 0 && tx.receiver.isNew) || Number(tx.timestamp.slice(8, 10)) <= 20), `${seq.id}: by the 20th`);
    }
    movesOut(seq, 'rent', 'cash-out', DAY_MS, 5 * DAY_MS + 12 * H);
  }
  assert.ok(before / tenants >= 0.7 && before < tenants, `most tenants were there before (${before}/${tenants})`);

  // An arisan collector: 8–30 members paying one round contribution (Rp
  // 25,000 steps, Rp 50,000–500,000) within four days of the group's date each
  // month, 07:00–21:59; the whole pot to ONE member, a different one each
  // month, 1–3 days after the last contribution; nothing bought.
  for (const seq of of('arisan-collector')) {
    const contributions = ofKind(seq, 'contribution');
    const value = Number(contributions[0].amount);
    assert.ok(value % 25_000 === 0 && inBand(value, 50_000, 500_000), seq.id);
    assert.ok(contributions.every((tx) => Number(tx.amount) === value && tx.receiver.id === seq.account && localHour(tx) >= 7 && localHour(tx) <= 21), `${seq.id}: one round amount`);
    const members = new Set(contributions.map((tx) => tx.sender.id));
    assert.ok(members.size >= 8 && members.size <= 30, seq.id);
    let round = [];
    const winners = [];
    for (const { kind, tx } of seq.steps) {
      if (kind === 'contribution') round.push(tx);
      else {
        assert.ok(kind === 'payout' && tx.sender.id === seq.account && !tx.merchant && members.has(tx.receiver.id), tx.id);
        assert.equal(Number(tx.amount), value * round.length, `${tx.id}: the pot`);
        assert.equal(distinct(round.map((c) => c.sender.id)), round.length, `${tx.id}: once each`);
        assert.ok(localDay(round.at(-1)) - localDay(round[0]) <= 3, `${tx.id}: around the date`);
        const wait = instant(tx) - Math.max(...round.map(instant));
        assert.ok(wait >= DAY_MS && wait <= 3 * DAY_MS, `${tx.id}: 1–3 days after`);
        winners.push(tx.receiver.id);
        round = [];
      }
    }
    assert.equal(distinct(winners), winners.length, `${seq.id}: in turn`);
  }

  // A registered small or medium business paid by QRIS: its one merchant
  // record (criteria as the variant says, a 15-character NMID-like id, a
  // static or dynamic QR), 80–250 customers, mostly once, 08:00–21:59, at the
  // menu, ticket or package prices (sums of them); settled to its bank 12–36
  // hours after the first sale since the last settlement.
  for (const seq of of('qris-registered-merchant')) {
    const sales = ofKind(seq, 'sale');
    const m = sales[0].merchant;
    assert.ok(['uke', 'ume', 'ube'].includes(m.criteria) && seq.variant.endsWith(`-${m.criteria}`) && /^ID\d{13}$/.test(m.id) && ['static', 'dynamic'].includes(m.qrType), seq.id);
    assert.ok(sales.every((tx) => tx.merchant.id === m.id && tx.channel === 'qris' && tx.receiver.id === seq.account && localHour(tx) >= 8 && localHour(tx) <= 21), seq.id);
    assert.ok(sales.every((tx) => tx.currency === 'IDR' && Number(tx.amount) % 1_000 === 0), seq.id);
    if (seq.variant === 'id-tiket-wisata-ume') assert.ok(sales.every((tx) => Number(tx.amount) % 25_000 === 0 && Number(tx.amount) <= 125_000), `${seq.id}: tickets`);
    else assert.ok(sales.every((tx) => tx.sender.country === 'ID'), `${seq.id}: local customers`);
    const customers = groupBy(sales, (tx) => tx.sender.id);
    assert.ok(customers.size >= 70 && customers.size <= 250, `${seq.id}: ${customers.size} customers`);
    assert.ok([...customers.values()].filter((xs) => xs.length === 1).length >= 0.7 * customers.size, `${seq.id}: mostly once`);
    movesOut(seq, 'sale', 'settlement', 12 * H, 36 * H);
  }
});

test('replay with states serialized after every transaction gives byte-identical verdicts and states', () => {
  // Enough busy accounts of several kinds for >= 10,000 transactions over the 60 days.
  const kinds = ['id-content-seller', 'micro-payment-messages', 'lsac-habitual-payer', 'fsec-money-mule', 'fsec-sextortion-repeated', 'osaec-fan-out', 'family-remittance', 'shop-many-customers'];
  const steps = [];
  const pool = sequences(11, 30, kinds);
  // Round-robin over the kinds (the pool is grouped by kind) until there are enough.
  for (let i = 0; steps.length < 10_000; i++) steps.push(...pool[(i % kinds.length) * 30 + Math.floor(i / kinds.length)].steps.map((st) => st.tx));
  // One interleaved stream in the engine's time order (stable for equal instants).
  const { ordered: stream, unplaced } = inTimeOrder(steps, timestampKey);
  assert.equal(unplaced.length, 0);
  assert.ok(instant(stream.at(-1)) - instant(stream[0]) > 58 * DAY_MS, 'over the 60 days');
  // Compact verdicts: the same engine and states, a third of the time of full ones.
  const screener = new Screener(undefined, { verdict: 'compact', historyKey: 'jejak eval replay test key' });

  const memory = new Replay(screener);
  const verdicts = [];
  const stateBytes = [];
  let withHistory = 0;
  for (const tx of stream) {
    const r = memory.screen(tx);
    if (r.verdict.history.sender !== 'updated' || r.verdict.history.receiver !== 'updated') assert.fail(`${tx.id}: ${JSON.stringify(r.verdict.history)}`);
    if (hasHistoryFlag(r.verdict)) withHistory += 1;
    verdicts.push(JSON.stringify(r.verdict));
    stateBytes.push(Buffer.concat([r.sender, r.receiver]).toString('base64'));
  }
  // Not trivially equal: the states carry what history flags need, and they stay in bounds.
  assert.ok(withHistory > 0, 'some verdicts carry history flags');
  assert.ok(memory.largestStateBytes > 0 && memory.largestStateBytes <= 4096, `state size ${memory.largestStateBytes}`);

  // The same stream, each state stored as base64 text and decoded into a fresh
  // buffer (a Buffer view, possibly into Node's shared pool) before its next use.
  const text = new Map();
  const stored = new Replay(screener, {
    states: {
      get: (id) => (text.has(id) ? Buffer.from(text.get(id), 'base64') : undefined),
      set: (id, bytes) => text.set(id, Buffer.from(bytes).toString('base64')),
    },
  });
  stream.forEach((tx, i) => {
    const r = stored.screen(tx);
    if (JSON.stringify(r.verdict) !== verdicts[i]) assert.equal(JSON.stringify(r.verdict), verdicts[i], `${tx.id}: verdict`);
    if (Buffer.concat([r.sender, r.receiver]).toString('base64') !== stateBytes[i]) assert.fail(`${tx.id}: states differ`);
  });
});

// ---- the PaySim background ----

test('the PaySim background is deterministic, and its agents are not customers', () => {
  const paysim = loadPaysimExcerpt(PAYSIM_EXCERPT);
  const a = background(7, { customers: 60, paysim });
  assert.deepEqual(background(7, { customers: 60, paysim }), a);
  assert.notDeepEqual(background(8, { customers: 60, paysim }).transactions, a.transactions);
  const accounts = new Map(a.accounts.map((x) => [x.id, x]));
  assert.equal(accounts.size, a.accounts.length, 'one record per account');
  assert.equal(a.accounts.filter((x) => x.role === 'customer').length, 60);
  assert.equal(a.stats.transactions, a.transactions.length);
  // What a host would hold: every party an account, in time order, isNew never true for a pair already paid.
  const paid = new Set();
  let previous = -Infinity;
  for (const { tx } of a.transactions) {
    assert.ok(accounts.has(tx.sender.id) && accounts.has(tx.receiver.id) && tx.sender.id !== tx.receiver.id, tx.id);
    assert.ok(instant(tx) >= previous, `${tx.id} in time order`);
    previous = instant(tx);
    const pair = `${tx.sender.id}>${tx.receiver.id}`;
    if (paid.has(pair)) assert.equal(tx.receiver.isNew, false, `${tx.id}: repeat payee`);
    paid.add(pair);
  }
  // PaySim's clients with 10 or more top-ups a month are cash-in agents, not
  // customers: their own role, a registered merchant record (mcc 6010, micro or
  // small, a static QR), an agent bucket of PaySim; customers have the buckets
  // a person can have (at most 9 top-ups a month).
  const agents = a.accounts.filter((x) => x.role === 'agent');
  const customers = a.accounts.filter((x) => x.role === 'customer');
  assert.ok(agents.length > 0, 'agents exist');
  const lower = (label) => Number(label.split('-')[0]);
  const upper = (label) => Number(label.split('-').at(-1));
  for (const x of agents) {
    assert.ok(x.merchant?.mcc === '6010' && ['umi', 'uke'].includes(x.merchant.criteria) && x.merchant.qrType === 'static' && x.kyc === 'registered', x.id);
    assert.ok(lower(x.paysimBucket) >= 10, `${x.id}: bucket ${x.paysimBucket}`);
    assert.ok(!('buckets' in x), x.id);
  }
  for (const x of customers) {
    assert.ok(!x.merchant && !('paysimBucket' in x) && x.buckets, x.id);
    if (x.buckets.CASH_IN) assert.ok(upper(x.buckets.CASH_IN) <= 9, `${x.id}: ${x.buckets.CASH_IN} top-ups a month`);
  }
  // Agents appear only as what they are: the sender of an agent top-up, the receiver of an agent cash-out.
  const isAgent = (id) => accounts.get(id).role === 'agent';
  const agentTxs = a.transactions.filter(({ tx }) => isAgent(tx.sender.id) || isAgent(tx.receiver.id));
  assert.ok(agentTxs.length > 0);
  for (const { tx } of agentTxs) {
    const topUp = isAgent(tx.sender.id) && tx.topUpSource === 'agent' && tx.channel === 'ewallet_topup' && accounts.get(tx.receiver.id).role === 'customer';
    const cashOut = isAgent(tx.receiver.id) && tx.cashOutType === 'agent' && accounts.get(tx.sender.id).role === 'customer' && tx.merchant?.id === accounts.get(tx.receiver.id).merchant.id;
    assert.ok(topUp || cashOut, `${tx.id}: ${JSON.stringify(tx)}`);
  }
  assert.ok(a.transactions.filter(({ tx }) => tx.topUpSource === 'agent').every(({ tx }) => isAgent(tx.sender.id)), 'agent top-ups come from agents');
});

// ---- the planted networks (cases) ----

test('the planted networks are deterministic and keep to their described shape', () => {
  const paysim = loadPaysimExcerpt(PAYSIM_EXCERPT);
  const bg = background(7, { customers: 60, paysim });
  const times = bg.transactions.map(({ tx }) => instant(tx));
  const span = { from: Math.min(...times), to: Math.max(...times) + 1 };
  const customers = bg.accounts.filter((a) => a.role === 'customer' && !a.isMinor && a.kyc === 'registered' && a.ageDaysAtStart >= 0);
  const cashPoints = bg.accounts.filter((a) => a.role === 'agent' || a.type === 'atm-pool').map((a) => ({ ...a, kind: a.role === 'agent' ? 'agent' : 'atm' }));
  const make = (seed, n) => networks(seed, n, { ...span, customers, cashPoints });
  const all = make(7, 12);
  assert.deepEqual(make(7, 12), all);
  assert.notDeepEqual(make(8, 12), all);
  // A network depends on the seed and its own index only.
  assert.deepEqual(make(7, 3), all.slice(0, 3));
  for (const c of NETWORK_CASES) assert.ok(c.source && c.quote, `${c.variant} names its source and quote`);
  assert.ok(new Set(all.map((x) => x.variant)).size >= 3, 'several described cases are sampled');
  const customerIds = new Set(customers.map((a) => a.id));
  const pointIds = new Set(cashPoints.map((a) => a.id));
  const ORIGINS = new Set(['ID', 'US', 'GB', 'AU', 'CA', 'SA', 'DE', 'JP', 'SG', 'FR', 'NL', 'NZ']);
  const COVER = /school|fees|uniform|medical|accommodation|gift|family|education|member|vip|langganan|paket|@/i;
  const ids = new Set();
  for (const net of all) {
    const txs = net.rows.map((row) => row.tx);
    let previous = -Infinity;
    for (const tx of txs) {
      assert.ok(!ids.has(tx.id), `${tx.id} is unique`);
      ids.add(tx.id);
      assert.ok(instant(tx) >= previous && instant(tx) >= span.from && instant(tx) < span.to, `${tx.id} in time order, in the background's span`);
      previous = instant(tx);
      assert.ok(tx.currency === 'IDR' && /^[1-9]\d*$/.test(tx.amount), tx.id);
      assert.ok(CHANNELS.has(tx.channel), `${tx.id}: channel ${tx.channel}`);
      assert.doesNotMatch(tx.memo ?? '', COVER, `${tx.id}: a harmless memo`);
      assert.ok(!('isMinor' in tx.sender), tx.id);
    }
    const of = (kind) => net.rows.filter((row) => row.kind === kind).map((row) => row.tx);
    // Payers: many (or, for the common beneficiary, several), each new to the collector at its first payment, from the
    // catalogue's origin countries; the ones at home that are background customers are what `shared` says.
    const payments = of('payment');
    assert.ok(payments.every((tx) => tx.receiver.id === net.collector && net.payers.includes(tx.sender.id) && ORIGINS.has(tx.sender.country)), net.id);
    assert.deepEqual(new Set(payments.map((tx) => tx.sender.id)), new Set(net.payers), net.id);
    const first = new Set();
    for (const tx of payments) {
      assert.equal(tx.receiver.isNew, !first.has(tx.sender.id), `${tx.id}: isNew as a host computes it`);
      first.add(tx.sender.id);
    }
    assert.ok(net.shared.every((id) => customerIds.has(id) && net.payers.includes(id)), net.id);
    assert.ok(net.payers.length >= 6, net.id);
    // Amounts: the police cases' price points, or AUSTRAC's AUD 10–100 in rupiah.
    const aud = net.variant.startsWith('austrac');
    for (const tx of payments) {
      const x = Number(tx.amount);
      assert.ok(aud ? x >= 10 * 10_000 && x <= 100 * 11_000 : [15_000, 30_000, 45_000, 50_000, 165_000].includes(x) || (x >= 25_000 && x <= 50_000 && x % 5_000 === 0), `${tx.id}: ${x}`);
    }
    // The sweeps move the whole balance to the intermediary; each is passed on within hours, keeping most of it; the
    // cash-out only takes cash, at an ATM network or agent of the background.
    const sweeps = of('sweep');
    const passed = of('pass-through');
    assert.ok(sweeps.every((tx) => tx.sender.id === net.collector && tx.receiver.id === net.intermediary), net.id);
    assert.equal(sweeps.reduce((sum, tx) => sum + Number(tx.amount), 0), payments.reduce((sum, tx) => sum + Number(tx.amount), 0), `${net.id}: every rupiah swept`);
    assert.equal(passed.length, sweeps.length, net.id);
    sweeps.forEach((sw, i) => {
      const on = passed[i];
      assert.ok(on.sender.id === net.intermediary && on.receiver.id === net.cashOut, on.id);
      const hours = (instant(on) - instant(sw)) / 3_600_000;
      assert.ok(hours >= 1 && hours < 9, `${on.id}: passed on after ${hours} h`);
      assert.ok(Number(on.amount) >= 0.85 * Number(sw.amount) - 1 && Number(on.amount) <= Number(sw.amount), `${on.id}: keeps most of the value`);
    });
    const cash = of('cash');
    assert.ok(cash.length > 0, net.id);
    for (const tx of cash) {
      assert.ok(tx.sender.id === net.cashOut && tx.channel === 'cash_withdrawal' && ['atm', 'agent'].includes(tx.cashOutType), tx.id);
      assert.ok(pointIds.has(tx.receiver.id), `${tx.id}: cash taken at the background's ${tx.receiver.id}`);
    }
  }
});

test('make eval writes report.json and report.md with every figure, before and after', { timeout: 120_000 }, async (t) => {
  const out = mkdtempSync(join(tmpdir(), 'jejak-eval-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  // Small, as run.mjs asks of the package tests: the current release on both
  // sides (no build of the previous one), the PaySim excerpt instead of
  // ../shared/data/paysim, targets reported but not enforced (tiny samples
  // cannot meet them), and a small background.
  const CUSTOMERS = 100;
  await run(process.execPath, [
    join(TESTS, 'eval', 'run.mjs'), '--benign', '2000', '--risky', '40', '--sequences', '3', '--customers', String(CUSTOMERS),
    '--previous', 'self', '--paysim', PAYSIM_EXCERPT, '--targets', 'report', '--out', out,
  ], { cwd: TESTS, ms: 110_000 });
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  const share = (x) => typeof x === 'number' && x >= 0 && x <= 1;
  assert.equal(report.corpus.generator.readsPack, false);
  assert.deepEqual(Object.keys(report.releases), ['before', 'after']);
  assert.match(report.releases.before.built, /self/, 'the previous release is this one (--previous self)');
  for (const key of ['benign', 'hardNegative', 'risky', 'evasion', 'indicators', 'verdicts']) {
    assert.deepEqual(Object.keys(report[key]), ['before', 'after'], key);
  }
  for (const side of ['before', 'after']) {
    const b = report.benign[side];
    assert.equal(b.n, 2000);
    assert.ok(share(b.falsePositiveRate.reviewOrHigh));
    assert.deepEqual(Object.keys(report.risky[side].typologies), TYPOLOGY_KEYS);
    for (const [typology, r] of Object.entries(report.risky[side].typologies)) {
      assert.equal(r.n, 40, typology);
      assert.ok(share(r.reviewRate));
      const variants = Object.values(report.risky[side].variants[typology]);
      assert.equal(variants.reduce((s, v) => s + v.n, 0), 40);
    }
    assert.ok(report.hardNegative[side].n > 0 && share(report.hardNegative[side].reviewRate));
    assert.deepEqual(Object.keys(report.evasion[side].terms), Object.keys(TREATMENTS));
    for (const e of Object.values(report.evasion[side].terms)) assert.ok(e.n > 100 && 'obscenityRecall' in e && 'jejakRecall' in e);
    assert.deepEqual(Object.keys(report.evasion[side].scenarios), ['none', ...Object.keys(TREATMENTS)]);
    for (const e of Object.values(report.evasion[side].scenarios)) assert.ok(e.n > 0 && share(e.reviewRate));
    assert.equal(report.indicators[side].length, report.packs[side].indicators);
    assert.ok(report.indicators[side].every((i) => 'precision' in i && 'firedOnRisky' in i));
    for (const set of ['benign', 'risky']) {
      const v = report.verdicts[side][set];
      assert.ok(v.flagsPerVerdict >= 0 && v.bytesPerVerdict > 0, `${side} ${set}`);
    }
  }

  // History, per release: each typology's account recall at review and the
  // share of its described payments at review; the look-alikes' rates per
  // account and per transaction; sextortion coverage; the largest state.
  const h = report.history;
  assert.equal(h.generator.readsPack, false);
  assert.equal(h.perTypology, 3);
  assert.equal(h.accounts, 3 * (HISTORY_KEYS.length + LOOKALIKE_KEYS.length));
  assert.ok(h.transactions > h.accounts);
  assert.deepEqual(Object.keys(h.variants), HISTORY_KEYS);
  for (const [k, vs] of Object.entries(h.variants)) {
    assert.deepEqual(Object.keys(vs), SEQUENCE_TYPOLOGIES[k].cases.map((c) => c.variant), k);
    assert.ok(Object.values(vs).every((v) => v.source && v.quote), k);
  }
  for (const key of ['risky', 'benign', 'extortion']) assert.deepEqual(Object.keys(h[key]), ['before', 'after'], `history.${key}`);
  /** The figures of a set of replayed sequences (a typology, a variant, or all benign ones). */
  // The described habit's figures are for the risky accounts (a teen look-alike is all background spending).
  const figures = (x, n, what, risky) => {
    assert.equal(x.sequences, n, what);
    assert.ok(x.atReview >= 0 && x.atReview <= n && x.rate === (n ? x.atReview / n : null), `${what}: account rate`);
    for (const k of ['statelessRate', 'transactionRate', ...(risky ? ['describedRate', 'describedTransactionRate'] : [])]) {
      assert.ok(n === 0 ? x[k] === null : share(x[k]), `${what}: ${k} ${x[k]}`);
    }
    assert.ok(x.atReview === 0 ? x.medianFirstDay === null : x.medianFirstDay >= 0 && x.medianFirstPosition >= 1, what);
  };
  for (const side of ['before', 'after']) {
    assert.deepEqual(Object.keys(h.risky[side]), HISTORY_KEYS, side);
    assert.deepEqual(Object.keys(h.benign[side].lookalikes), LOOKALIKE_KEYS, side);
    for (const [k, x] of [...Object.entries(h.risky[side]), ...Object.entries(h.benign[side].lookalikes)]) {
      const { risky } = SEQUENCE_TYPOLOGIES[k];
      figures(x, 3, `${side} ${k}`, risky);
      assert.deepEqual(Object.keys(x.variants), SEQUENCE_TYPOLOGIES[k].cases.map((c) => c.variant), `${side} ${k}`);
      for (const [v, y] of Object.entries(x.variants)) figures(y, y.sequences, `${side} ${k}/${v}`, risky);
      assert.equal(Object.values(x.variants).reduce((s, y) => s + y.sequences, 0), 3, `${side} ${k}: every account in a variant`);
    }
    figures(h.benign[side], 3 * LOOKALIKE_KEYS.length, `${side} benign`, false);
    // Sextortion of a minor: the payments to the extorter the history can call new, and how many were at review.
    const x = h.extortion[side];
    assert.ok(Number.isInteger(x.n) && x.reviewed >= 0 && x.reviewed <= x.n && (x.n ? x.rate === x.reviewed / x.n : x.rate === null), `${side} extortion`);
    assert.ok(Array.isArray(x.missed) && x.missed.length <= Math.min(8, x.n - x.reviewed), `${side} extortion misses`);
  }
  assert.ok(h.largestStateBytes > 0 && h.largestStateBytes <= 4096, `largest state ${h.largestStateBytes}`);
  assert.equal(h.historySides.late ?? 0, 0, 'a replay in time order has no late payment');

  // The PaySim background: accounts and payments at review with the previous
  // release, this one, and this one without isNew from the host.
  const g = report.background;
  assert.equal(g.readsPack, false);
  assert.ok(g.mapping.length > 0 && g.scaling.unitToIdr);
  assert.equal(g.stats.customers, CUSTOMERS);
  assert.deepEqual(Object.keys(g.runs), ['before', 'after', 'afterWithoutIsNew']);
  for (const [k, r] of Object.entries(g.runs)) {
    // The same traffic in every run.
    assert.ok(r.accounts >= CUSTOMERS && r.accounts === g.runs.after.accounts && r.payments === g.stats.transactions, k);
    assert.ok(r.accountsAtReview <= r.accounts && r.accountRate === r.accountsAtReview / r.accounts && share(r.accountRate), k);
    // People's accounts (customers and the personal wallets of sellers,
    // collectors and landlords) are the targets' denominator: fewer than all.
    assert.ok(r.people >= CUSTOMERS && r.people < r.accounts && r.peopleAtReview <= Math.min(r.people, r.accountsAtReview), k);
    assert.ok(r.peopleRate === r.peopleAtReview / r.people && share(r.peopleRate), k);
    assert.ok(r.paymentsAtReview <= r.payments && r.paymentRate === r.paymentsAtReview / r.payments && share(r.paymentRate), k);
    assert.ok(r.largestStateBytes > 0 && r.largestStateBytes <= 4096, `${k}: largest state ${r.largestStateBytes}`);
    assert.equal(Object.values(r.byFlow).reduce((s, c) => s + c, 0), r.paymentsAtReview, k);
  }

  // The targets table: one row per history typology, sextortion coverage, the
  // background with and without isNew, the hard negatives; each with the
  // figure it reads from the report.
  const targets = new Map(report.targets.map((x) => [x.name, x]));
  assert.equal(targets.size, report.targets.length);
  const expected = [
    ...HISTORY_KEYS.map((k) => [`${k}: account recall at review`, h.risky.after[k].rate]),
    [[...targets.keys()].find((name) => name.startsWith('sextortion of a minor')), h.extortion.after.rate],
    ["benign background: people's accounts at review", g.runs.after.peopleRate],
    ['benign background: payments at review', g.runs.after.paymentRate],
    ["benign background, no isNew from the host: people's accounts at review", g.runs.afterWithoutIsNew.peopleRate],
    ['benign background, no isNew from the host: payments at review', g.runs.afterWithoutIsNew.paymentRate],
    ['planted networks with a payment at review: case recall (the collector, ≥ 90% of its payers and its cash-out in one case)', report.cases.recallWhenStarted],
    ['planted networks: background accounts drawn into any case', report.cases.background.share],
    [[...targets.keys()].find((name) => name.startsWith('hard negatives')), report.hardNegative.after.reviewRate],
  ];
  assert.deepEqual([...targets.keys()], expected.map(([name]) => name));
  for (const [name, value] of expected) {
    const x = targets.get(name);
    assert.ok(x.value === value && typeof x.target === 'string' && typeof x.ok === 'boolean', name);
  }

  // Cases: the planted networks (one per 60 customers, at least 2), each with its recall figures, and the
  // background accounts drawn into a case; buildCases timed.
  const k = report.cases;
  assert.equal(k.generator.readsPack, false);
  assert.equal(k.networks, 2);
  assert.equal(k.perNetwork.length, 2);
  assert.ok(k.rows.planted > 0 && k.rows.total === k.rows.background + k.rows.planted && k.rows.unplaced === 0 && k.rows.errors === 0, JSON.stringify(k.rows));
  assert.equal(k.rows.background, g.stats.transactions);
  assert.ok(k.buildSeconds >= 0 && k.rowsPerSecond > 0 && Number.isInteger(k.cases));
  for (const x of k.perNetwork) {
    assert.ok(x.payers > 0 && share(x.payerCoverage) && x.payersIn <= x.payers, x.id);
    assert.equal(x.recovered, x.case !== null && x.payerCoverage >= 0.9 && x.cashOutIn, x.id);
    assert.ok(x.recovered || x.why.length > 0, `${x.id}: a missed network says why`);
  }
  assert.equal(k.recall, k.perNetwork.filter((x) => x.recovered).length / 2);
  assert.ok(share(k.meanPayerCoverage) && share(k.intermediaryCoverage) && share(k.cashOutCoverage));
  assert.ok(k.background.accounts > 0 && k.background.share === k.background.inAnyCase / k.background.accounts);
  assert.equal(k.verdictMismatches, 0, 'the case builder screens as jejak/replay does');
  assert.deepEqual(Object.keys(k.variants), NETWORK_CASES.map((c) => c.variant));

  const md = readFileSync(join(out, 'report.md'), 'utf8');
  for (const heading of [
    '## Targets', '## False positives', '## Hard negatives', '## Risky scenarios', '## Evasion recall per treatment', '## Verdict size', '## Indicators',
    '## History: per-account sequences', '### Risky accounts: before → after', '### Benign look-alikes', '### State size', '## Benign background',
    '## Cases: money networks planted in the background', '### Background accounts drawn into cases',
  ]) {
    assert.ok(md.includes(`\n${heading}`), heading);
  }
  assert.match(md, /\| target \| this release \| goal \| \|/);
  for (const name of targets.keys()) assert.ok(md.includes(`| ${name} |`), `targets row: ${name}`);
  for (const k of [...HISTORY_KEYS, ...LOOKALIKE_KEYS]) assert.ok(md.includes(`| ${k} | 3 |`), `history row: ${k}`);
  for (const label of ['previous release', 'this release', 'this release, no isNew from the host']) assert.ok(md.includes(`| ${label} | `), `background row: ${label}`);
  // Each generator is said not to read the pack.
  assert.match(md, /The scenario generator does not read the pack/);
  assert.match(md, /The sequence generator does not read the pack/);
  assert.match(md, /The generator reads no pack/);
  assert.match(md, /The network generator does not read the pack either/);
  assert.match(md, /\| indicator \| before: benign \| risky \| precision \| after: benign \| risky \| precision \|/);
});
