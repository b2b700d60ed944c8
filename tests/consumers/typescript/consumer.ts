// Typechecked with `tsc --strict` against the installed package; never run.
import {
  Screener,
  JejakError,
  defaultPack,
  validatePack,
  signablePayload,
  termForms,
  normalizeIdentifier,
  engineVersion,
  type Transaction,
  type Verdict,
  type Evidence,
  type ScreenResult,
  type IndicatorPack,
  type JejakErrorCode,
  type HashedTermList,
} from 'jejak';

const tx: Transaction = {
  id: 'tx-1',
  timestamp: '2026-11-20T02:10:00+10:00',
  amount: 50n,
  currency: 'AUD',
  channel: 'remittance',
  memo: 'school fees',
  sender: { country: 'AU', isMinor: false },
  receiver: { country: 'PH', isNew: true },
};

const pack: IndicatorPack = defaultPack();
const screener = new Screener(pack, { locale: 'id', maxMemoBytes: 8192 });
const verdict: Verdict = screener.screen(tx);
const level: 'none' | 'low' | 'review' | 'high' = verdict.level;
const version: string = engineVersion;
const digest: string = screener.pack.digest;
const count: number = screener.pack.indicators;

function describe(e: Evidence): string {
  switch (e.kind) {
    case 'text':
      return `${e.field} ${e.start}..${e.end} ${e.text} = ${e.term} via ${e.transforms.join('+')}`;
    case 'amount':
      return `${e.value} ${e.currency} in ${e.min ?? '-'}..${e.max ?? '-'} ${e.bandCurrency}`;
    case 'corridor':
      return `${e.from} -> ${e.value}`;
    case 'localHour':
      return `hour ${e.hour}`;
    default:
      return `${e.kind} ${e.field}`;
  }
}
for (const flag of verdict.flags) {
  const cited: string[] = flag.sources.map((s) => `${s.publisher} ${s.year} (${s.grade})`);
  console.log(flag.indicator, flag.weight, flag.explanation, cited, flag.evidence.map(describe));
}

const rows: ScreenResult[] = screener.screenMany([tx, '{"bad": true}']);
for (const row of rows) {
  if (row.ok) console.log(row.verdict.score);
  else console.log(row.error.code, row.error.path);
}

try {
  new Screener(undefined, { locale: 'en' }).screen({ ...tx, amount: 'abc' });
} catch (e) {
  if (e instanceof JejakError) {
    const code: JejakErrorCode = e.code;
    const path: string = e.path;
    console.log(code, path, e.message);
  }
}

const checked = validatePack(pack);
if (checked.ok) console.log(checked.pack.id);
else console.log(checked.error.path);

console.log(level, version, digest, count);

// History: states in and out, the note, history evidence.
const keyed = new Screener(null, { historyKey: 'a host secret of 32 bytes.......', verdict: 'compact' });
const states = new Map<string, Uint8Array>();
const paying: Transaction = { ...tx, sender: { id: 'a', country: 'AU' }, receiver: { id: 'b', country: 'PH' } };
const r = keyed.screenWithHistory(paying, { sender: states.get('a'), receiver: states.get('b') });
if (r.sender) states.set('a', r.sender);
if (r.receiver) states.set('b', r.receiver);
const sideStatus: 'updated' | 'late' | 'noId' | undefined = r.verdict.history?.sender;
for (const flag of r.verdict.flags) {
  for (const e of flag.evidence) {
    if (e.kind === 'history') console.log(e.field, e.measure, e.window ?? '', e.count, e.threshold, e.estimated);
  }
}
console.log(sideStatus, keyed.screenWithHistory(paying).verdict.score);
// @ts-expect-error: a state is bytes, not text
keyed.screenWithHistory(paying, { sender: 'state' });

// Signed packs and deltas, hashed term lists.
const trust = { trustedKeys: ['ed25519:' + '0'.repeat(64)], minVersion: '0.3.0', now: Date.now() };
const signedScreener = Screener.fromSignedPack(new Uint8Array(0), trust);
const fromSigned: Verdict = signedScreener.screen(tx);
const compactSigned = Screener.fromSignedPack(new Uint8Array(0), { ...trust, verdict: 'compact', locale: 'id' });
console.log(fromSigned.level, compactSigned.screen(tx).score);
const updated: string = signedScreener.applyDelta(new Uint8Array(0), trust).digest;
const payload: { kind: 'pack' | 'delta'; text: string } = signablePayload(defaultPack());
const forms: string[] = termForms('walnut');
const phone: string | undefined = normalizeIdentifier('phone', '0812 3456 7890', 'ID');
const hashed: HashedTermList = { salt: '0123456789abcdef', hashed: [{ id: 't1', hashes: forms, lang: 'en' }] };
const withHashed: IndicatorPack = { ...pack, termLists: { ...pack.termLists, standin: hashed } };
const signedCodes: JejakErrorCode[] = ['bad_signature', 'untrusted_key', 'pack_expired', 'pack_downgrade'];
console.log(updated, payload.kind, hashed.hashed.map((h) => h.hashes), withHashed.id, signedCodes, phone);
// @ts-expect-error: trustedKeys is required
Screener.fromSignedPack(new Uint8Array(0), {});
// @ts-expect-error: applyDelta takes only the trust options
signedScreener.applyDelta(new Uint8Array(0), { ...trust, locale: 'en' });

// @ts-expect-error: an unknown channel is a type error
const wrong: Transaction = { timestamp: '', amount: '1', currency: 'AUD', channel: 'pigeon' };
// @ts-expect-error: an unknown option is a type error
new Screener(undefined, { maxMemo: 1 });
void wrong;

// jejak/replay: payments in the engine's time order, one state per account.
import { timestampKey, type CompactVerdict } from 'jejak';
import { Replay, inTimeOrder, historyFlags, hasHistoryFlag, accountsOf } from 'jejak/replay';
const withKey = new Screener(undefined, { historyKey: 'jejak replay typecheck key', verdict: 'compact' });
const replayed = new Replay<CompactVerdict>(withKey);
const { ordered, unplaced } = inTimeOrder([tx], timestampKey);
for (const payment of ordered) {
  const { verdict, sender } = replayed.screen(payment, accountsOf(payment));
  const bySide: string[] = historyFlags(verdict).sender;
  console.log(bySide, hasHistoryFlag(verdict), sender?.byteLength, replayed.largestStateBytes, unplaced.length);
}
const key: string | undefined = timestampKey('2026-11-20T02:10:00+10:00');
// @ts-expect-error: a state store keeps bytes, not text
new Replay(withKey, { states: new Map<string, string>() });
console.log(key);
