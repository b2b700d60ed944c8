// The JS API through the packed package in Node: UTF-16 offsets, every error
// code with its path, BigInt and exact amounts, screenMany with bad rows,
// options, and that one Screener keeps working after errors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consumer } from './util.mjs';

let jejak;
let cjs;
before(async () => {
  const dir = consumer('node-esm');
  jejak = await import(pathToFileURL(join(dir, 'node_modules', 'jejak', 'entries', 'node.mjs')).href);
  cjs = createRequire(join(dir, 'index.mjs'))('jejak');
});

const base = { timestamp: '2026-11-20T02:10:00+10:00', amount: '50', currency: 'AUD' };
const payPerView = {
  ...base,
  channel: 'remittance',
  memo: 'school fees',
  sender: { country: 'AU' },
  receiver: { country: 'PH', isNew: true },
};

function throwsJejak(fn, code, path) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, `expected a JejakError ${code} at ${path}`);
  assert.ok(caught instanceof jejak.JejakError, `not a JejakError: ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, 'JejakError');
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.path, path, caught.message);
  return caught;
}

test('require and import share one instance', () => {
  assert.equal(cjs.Screener, jejak.Screener);
  assert.equal(cjs.JejakError, jejak.JejakError);
  assert.match(jejak.engineVersion, /^\d+\.\d+\.\d+/);
});

test('the pay-per-view scenario reaches review with cited flags', () => {
  const v = new jejak.Screener().screen(payPerView);
  assert.ok(['review', 'high'].includes(v.level), v.level);
  assert.ok(v.flags.length >= 3);
  const publishers = v.flags.flatMap((f) => f.sources.map((s) => s.publisher)).join(' ');
  assert.match(publishers, /AUSTRAC/);
  assert.match(publishers, /FATF/);
  assert.equal(v.pack.id, 'jejak-default');
  assert.equal(v.pack.digest.length, 64);
});

test('text evidence offsets are UTF-16 code units', () => {
  const screener = new jejak.Screener();
  for (const memo of ['😀😀 sch00l f33s', '𝄞 ｓｃｈｏｏｌ fees', '学费 s c h o o l  f e e s', 'Bayar ke Bu Ani — school fees 🙏🏽']) {
    const v = screener.screen({ ...payPerView, memo });
    const texts = v.flags.flatMap((f) => f.evidence.filter((e) => e.kind === 'text' || e.kind === 'pattern'));
    assert.ok(texts.length > 0, memo);
    for (const e of texts) assert.equal(memo.slice(e.start, e.end), e.text, `${memo}: ${e.start}..${e.end}`);
  }
});

test('bad transactions throw JejakError with code and path', () => {
  const s = new jejak.Screener();
  throwsJejak(() => s.screen({ ...base, amount: 'abc' }), 'invalid_transaction', '/amount');
  throwsJejak(() => s.screen({ ...base, amount: NaN }), 'invalid_transaction', '/amount');
  throwsJejak(() => s.screen({ ...base, amount: Infinity }), 'invalid_transaction', '/amount');
  throwsJejak(() => s.screen({ ...base, amount: -1 }), 'invalid_transaction', '/amount');
  throwsJejak(() => s.screen({ timestamp: base.timestamp, amount: '50' }), 'invalid_transaction', '/currency');
  throwsJejak(() => s.screen({ ...base, memo: 'x'.repeat(10 * 1024 * 1024) }), 'limit_exceeded', '/memo');
  throwsJejak(() => s.screen({ ...base, memo: 42 }), 'invalid_transaction', '/memo');
  throwsJejak(() => s.screen({ ...base, sender: { country: 7 } }), 'invalid_transaction', '/sender/country');
  throwsJejak(() => s.screen(null), 'invalid_transaction', '');
  throwsJejak(() => s.screen(undefined), 'invalid_transaction', '');
  throwsJejak(() => s.screen('{not json'), 'invalid_transaction', '');
  throwsJejak(() => s.screen({}), 'invalid_transaction', '');
  // The same screener keeps working afterwards.
  assert.equal(s.screen(payPerView).level, new jejak.Screener().screen(payPerView).level);
});

test('amounts may be strings, numbers or BigInt, kept exactly', () => {
  const s = new jejak.Screener();
  const asString = s.screen({ ...payPerView, amount: '50' });
  const asNumber = s.screen({ ...payPerView, amount: 50 });
  const asBigInt = s.screen({ ...payPerView, amount: 50n });
  assert.deepEqual(asNumber, asString);
  assert.deepEqual(asBigInt, asString);
  const idr = { ...base, currency: 'IDR', amount: 12345678901234567n };
  const ev = s.screen({ ...idr, channel: 'qris', sender: { country: 'ID' }, receiver: { country: 'PH' } });
  assert.equal(typeof ev.score, 'number');
  throwsJejak(() => s.screen({ ...idr, amount: 10n ** 30n }), 'invalid_transaction', '/amount');
  throwsJejak(() => s.screen({ ...base, amount: 0.105 }), 'invalid_transaction', '/amount');
});

test('screenMany reports bad rows with their error and screens the rest', () => {
  const s = new jejak.Screener();
  const rows = s.screenMany([payPerView, { ...base, amount: 'abc' }, null, { ...base, amount: 5n }]);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => r.ok), [true, false, false, true]);
  assert.deepEqual(rows[1].error.code, 'invalid_transaction');
  assert.deepEqual(rows[1].error.path, '/amount');
  assert.equal(rows[0].verdict.level, s.screen(payPerView).level);
  throwsJejak(() => s.screenMany('nope'), 'invalid_transaction', '');
});

test('packs: object or JSON text, bad packs throw invalid_pack with a path', () => {
  const pack = jejak.defaultPack();
  assert.equal(pack.id, 'jejak-default');
  const fromObject = new jejak.Screener(pack);
  const fromText = new jejak.Screener(JSON.stringify(pack));
  assert.deepEqual(fromObject.pack, fromText.pack);
  assert.equal(fromObject.pack.digest, new jejak.Screener().pack.digest);
  assert.equal(fromObject.pack.indicators, pack.indicators.length);

  const dup = jejak.defaultPack();
  dup.indicators.push(dup.indicators[0]);
  throwsJejak(() => new jejak.Screener(dup), 'invalid_pack', `/indicators/${dup.indicators.length - 1}/id`);
  const badCond = jejak.defaultPack();
  badCond.indicators[3].condition = { memoRegex: 'x' };
  throwsJejak(() => new jejak.Screener(badCond), 'invalid_pack', '/indicators/3/condition/memoRegex');
  assert.notEqual(jejak.defaultPack(), jejak.defaultPack(), 'defaultPack returns a fresh copy');

  const report = jejak.validatePack(dup);
  assert.equal(report.ok, false);
  assert.equal(report.error.code, 'invalid_pack');
  assert.equal(jejak.validatePack(pack).ok, true);
  assert.deepEqual(jejak.validatePack(pack).lint, []);
  const twice = jejak.defaultPack();
  const vpn = twice.indicators.find((i) => i.id === 'JEJAK-SIG-MERCHANT-CONCEAL');
  twice.indicators.push({ ...vpn, id: 'X-VPN-ONLY', condition: { merchantTerms: { list: 'merchant-vpn-anonymity' } } });
  const [finding] = jejak.validatePack(twice).lint;
  assert.equal(finding.code, 'fact_counted_twice');
  assert.deepEqual(finding.indicators, ['JEJAK-SIG-MERCHANT-CONCEAL', 'X-VPN-ONLY']);
  assert.match(finding.message, /merchant-vpn-anonymity/);
  // The same limits as the constructor.
  const limited = jejak.validatePack(pack, { maxPackIndicators: 3 });
  assert.equal(limited.ok, false);
  assert.deepEqual([limited.error.code, limited.error.path], ['limit_exceeded', '/indicators']);
  assert.equal(jejak.validatePack(JSON.stringify(pack), { maxPackBytes: 1000 }).error.code, 'limit_exceeded');
  throwsJejak(() => jejak.validatePack(pack, { maxPackTerms: 0 }), 'invalid_option', '/maxPackTerms');
});

test('a JejakError message is the message alone; code and path are their own fields', () => {
  const e = throwsJejak(() => new jejak.Screener().screen({ ...base, amount: 'abc' }), 'invalid_transaction', '/amount');
  assert.ok(!e.message.includes('/amount'), e.message);
  assert.ok(!e.message.includes('(at '), e.message);
  assert.match(e.message, /"abc"/);
});

test('options: locale and limits; unknown options and bad values throw invalid_option', () => {
  const id = new jejak.Screener(undefined, { locale: 'id', maxMemoBytes: 8192 });
  const en = new jejak.Screener();
  const a = id.screen(payPerView);
  const b = en.screen(payPerView);
  assert.equal(a.score, b.score);
  assert.notEqual(a.flags[0].explanation, b.flags[0].explanation);
  id.screen({ ...base, memo: 'x'.repeat(8000) });
  throwsJejak(() => new jejak.Screener(undefined, { locale: 'fr' }), 'invalid_option', '/locale');
  throwsJejak(() => new jejak.Screener(undefined, { maxMemo: 5 }), 'invalid_option', '/maxMemo');
  throwsJejak(() => new jejak.Screener(undefined, { maxMemoBytes: -1 }), 'invalid_option', '/maxMemoBytes');
  throwsJejak(() => new jejak.Screener(undefined, { offsets: 'utf8' }), 'invalid_option', '/offsets');
  throwsJejak(() => new jejak.Screener(jejak.defaultPack(), { maxPackIndicators: 3 }), 'limit_exceeded', '/indicators');
});

// ---- screenWithHistory ----

const paid = (day, extra = {}) => ({
  timestamp: `2026-11-${String(day).padStart(2, '0')}T23:30:00+10:00`,
  amount: String(30 + day * 3),
  currency: 'AUD',
  channel: 'remittance',
  sender: { id: 'payer-js', country: 'AU' },
  receiver: { id: 'payee-js', country: 'PH' },
  ...extra,
});

test('screenWithHistory: states in, states out, history flags over time', () => {
  const screener = new jejak.Screener(null, { historyKey: 'a host secret of 32 bytes.......' });
  let states = {};
  let last;
  for (let day = 1; day <= 6; day++) {
    last = screener.screenWithHistory(paid(day), states);
    assert.ok(last.sender instanceof Uint8Array && last.receiver instanceof Uint8Array);
    assert.ok(last.sender.length < 4096);
    assert.deepEqual(last.verdict.history, { sender: 'updated', receiver: 'updated' });
    states = { sender: last.sender, receiver: last.receiver };
  }
  const freq = last.verdict.flags.find((f) => f.indicator === 'JEJAK-SIG-HIST-PAYEE-FREQ');
  assert.ok(freq, JSON.stringify(last.verdict.flags.map((f) => f.indicator)));
  const e = freq.evidence.find((x) => x.kind === 'history');
  assert.deepEqual(
    { field: e.field, measure: e.measure, window: e.window, threshold: e.threshold, estimated: e.estimated },
    { field: 'sender', measure: 'payeeCount', window: '7d', threshold: 4, estimated: false },
  );
  assert.ok(e.count >= 4);
  assert.match(freq.explanation, /payments to this payee in 7 days \(threshold 4\)/);
  // screen() is unchanged: no history flags, no note.
  const plain = screener.screen(paid(6));
  assert.equal(plain.history, undefined);
  assert.ok(!plain.flags.some((f) => f.indicator.includes('-HIST-')));
  // No ids: no states, noId notes.
  const anonymous = screener.screenWithHistory({ ...paid(7), sender: { country: 'AU' }, receiver: { country: 'PH' } });
  assert.deepEqual(anonymous.verdict.history, { sender: 'noId', receiver: 'noId' });
  assert.equal(anonymous.sender, undefined);
  // The same in CommonJS, and a Node Buffer is a Uint8Array.
  const again = new cjs.Screener(null, { historyKey: 'a host secret of 32 bytes.......' });
  const r = again.screenWithHistory(paid(7), { sender: Buffer.from(states.sender), receiver: Buffer.from(states.receiver) });
  assert.deepEqual(r.verdict.history, { sender: 'updated', receiver: 'updated' });
});

test('screenWithHistory: every bad state is invalid_state with its side', () => {
  const screener = new jejak.Screener();
  const first = screener.screenWithHistory(paid(1));
  const refused = (states, path, pattern, tx = paid(2)) => {
    assert.throws(
      () => screener.screenWithHistory(tx, states),
      (e) => e instanceof jejak.JejakError && e.code === 'invalid_state' && e.path === path && pattern.test(e.message),
      `${path} ${pattern}`,
    );
  };
  refused({ sender: 'not bytes' }, '/sender', /expected a Uint8Array.*a string/);
  refused({ receiver: [1, 2, 3] }, '/receiver', /expected a Uint8Array.*an array/);
  refused(42, '', /expected \{ sender, receiver \} states, found a number/);
  refused({ sender: new TextEncoder().encode('hello, this is not a state') }, '/sender', /not a jejak history state/);
  refused({ sender: first.sender.slice(0, first.sender.length - 3) }, '/sender', /truncated|damaged/);
  for (const at of [5, 12, 20, first.sender.length - 1]) {
    const bad = first.sender.slice();
    bad[at] ^= 0x10;
    refused({ sender: bad }, '/sender', /damaged|format|another account/);
  }
  // The receiver's state as the sender's, and the other way round.
  refused({ sender: first.receiver }, '/sender', /another account/);
  refused({ receiver: first.sender }, '/receiver', /another account/);
  // Another history key.
  const keyed = new jejak.Screener(null, { historyKey: 'another host secret, 32 bytes...' });
  assert.throws(() => keyed.screenWithHistory(paid(2), { sender: first.sender }), (e) => e.code === 'invalid_state' && e.path === '/sender');
  // A state for a side without an id.
  refused({ receiver: first.receiver }, '/receiver', /no receiver\.id/, { ...paid(2), receiver: { country: 'PH' } });
  // A short history key is an option error.
  assert.throws(() => new jejak.Screener(null, { historyKey: 'short' }), (e) => e.code === 'invalid_option' && e.path === '/historyKey');
  // The screener keeps working.
  assert.equal(screener.screenWithHistory(paid(2), { sender: first.sender, receiver: first.receiver }).verdict.history.sender, 'updated');
});
