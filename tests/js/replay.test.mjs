// jejak/replay: the one definition of a history flag and of the replay
// loop that the CLI, the demo, make eval, the bench and the Worker example's
// tests share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Screener, timestampKey } from '../../pkg/entries/node.mjs';
import { Replay, accountsOf, hasHistoryFlag, historyFlagIds, historyFlags, inTimeOrder } from '../../pkg/lib/replay.mjs';

const flag = (indicator, ...evidence) => ({ indicator, weight: 1, evidence });
const history = (field) => ({ kind: 'history', field, measure: 'payeeCount', count: 5, threshold: 4, estimated: false });
const cites = (value) => ({ kind: 'indicator', field: 'indicators', value });
const other = { kind: 'channel', field: 'channel', value: 'remittance' };

test('a history flag has history evidence, or combines one; by the side whose history raised it', () => {
  const cases = [
    [[flag('A', other)], { sender: [], receiver: [] }],
    [[flag('P', history('sender')), flag('Q', history('receiver'))], { sender: ['P'], receiver: ['Q'] }],
    // A combination takes the sides of the history flags it names.
    [[flag('C', cites('P'), other), flag('P', history('sender'))], { sender: ['C', 'P'], receiver: [] }],
    [[flag('C', cites('P'), cites('Q')), flag('P', history('sender')), flag('Q', history('receiver'))], { sender: ['C', 'P'], receiver: ['C', 'Q'] }],
    // Through a chain of combinations, and without looping on a cycle.
    [[flag('D', cites('C')), flag('C', cites('P'), cites('D')), flag('P', history('receiver'))], { sender: [], receiver: ['D', 'C', 'P'] }],
    // Naming a flag that is not in the verdict, or one that is not about history, is not enough.
    [[flag('C', cites('GONE'), cites('A')), flag('A', other)], { sender: [], receiver: [] }],
    // History evidence that names no side counts for both.
    [[flag('N', { kind: 'history', field: 'account' })], { sender: ['N'], receiver: ['N'] }],
  ];
  for (const [flags, expected] of cases) {
    assert.deepEqual(historyFlags({ flags }), expected, JSON.stringify(flags.map((f) => f.indicator)));
    assert.equal(hasHistoryFlag({ flags }), expected.sender.length + expected.receiver.length > 0);
    assert.deepEqual(historyFlagIds({ flags }), new Set([...expected.sender, ...expected.receiver]));
  }
});

test('payments go in the engine\'s time order, stable, and the unreadable apart', () => {
  const items = [
    { id: 'late', timestamp: '2026-11-20T02:10:00+10:00' },
    { id: 'bad', timestamp: '2026-02-30T00:00:00Z' },
    { id: 'early', timestamp: '2026-11-19T15:00:00Z' },
    { id: 'same-1', timestamp: '2026-11-19T16:10:00Z' },
    { id: 'none' },
    { id: 'leap', timestamp: '2026-11-19T16:09:60Z' },
  ];
  const { ordered, unplaced } = inTimeOrder(items, timestampKey);
  // 02:10+10:00 is 16:10Z, and the leap second 16:09:60Z is 16:10:00Z too:
  // three payments at one instant, in their given order.
  assert.deepEqual(ordered.map((i) => i.id), ['early', 'late', 'same-1', 'leap']);
  assert.deepEqual(unplaced.map((i) => i.id), ['bad', 'none']);
  const wrapped = inTimeOrder(items.map((tx) => ({ tx })), timestampKey, (w) => w.tx.timestamp);
  assert.deepEqual(wrapped.ordered.map((w) => w.tx.id), ordered.map((i) => i.id));
});

test('a replay keeps one state per account, the payer\'s when an account pays itself', () => {
  const screener = new Screener(undefined, { historyKey: 'jejak replay test key', verdict: 'compact' });
  const base = { amount: '100000', currency: 'IDR', channel: 'p2p', sender: { id: 'a', country: 'ID' } };
  const replay = new Replay(screener);
  const first = replay.screen({ ...base, id: 't1', timestamp: '2026-11-19T10:00:00+07:00', receiver: { id: 'b', country: 'ID' } });
  assert.deepEqual(replay.states.get('a'), first.sender);
  assert.deepEqual(replay.states.get('b'), first.receiver);
  // JSON text is read for its accounts.
  const text = JSON.stringify({ ...base, id: 't2', timestamp: '2026-11-19T11:00:00+07:00', receiver: { id: 'a', country: 'ID' } });
  assert.deepEqual(accountsOf(text), { sender: 'a', receiver: 'a' });
  const self = replay.screen(text);
  assert.equal(replay.states.get('a'), self.sender);
  assert.equal(replay.payments, 2);
  assert.equal(replay.largestStateBytes, Math.max(...[...replay.states.values()].map((s) => s.byteLength)));
  // Each payment gets the states the one before left: the same verdicts as screenWithHistory by hand.
  const byHand = new Map();
  const manual = [];
  for (const tx of [
    { ...base, id: 't1', timestamp: '2026-11-19T10:00:00+07:00', receiver: { id: 'b', country: 'ID' } },
    JSON.parse(text),
  ]) {
    const r = screener.screenWithHistory(tx, { sender: byHand.get(tx.sender.id), receiver: byHand.get(tx.receiver.id) });
    byHand.set(tx.sender.id, r.sender);
    if (tx.receiver.id !== tx.sender.id) byHand.set(tx.receiver.id, r.receiver);
    manual.push(r.verdict);
  }
  assert.deepEqual(manual, [first.verdict, self.verdict]);
  // An error keeps no state.
  const before = replay.states.get('a');
  assert.throws(() => replay.screen({ ...base, timestamp: 'never', receiver: { id: 'c' } }), { name: 'JejakError', code: 'invalid_transaction' });
  assert.equal(replay.states.get('a'), before);
  assert.equal(replay.states.has('c'), false);
});
