// Signed packs, deltas, hashed term lists and the publisher's commands, as a
// user gets them: the packed package installed into a consumer project, the
// CLI run through node_modules/.bin/jejak and the API imported from the
// installed entry. Every refusal is checked by its exact code and every
// command by its exit status.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consumer, ROOT, runJejak } from './util.mjs';

const NDJSON = join(ROOT, 'www', 'samples', 'transactions.ndjson');
const SAMPLES = readFileSync(NDJSON, 'utf8').split('\n').filter((l) => l.trim());
const LEVELS = ['none', 'low', 'review', 'high'];
/** Envelope layout (src/signed.rs): 74 header bytes, the payload, a 64-byte signature. */
const HEADER = 74;
const SIGNATURE = 64;

let dir;
let bin;
let tmp;
let jejak;
/** Key files of `jejak keygen`: the publisher's and an unrelated one. */
let keys;
before(async () => {
  dir = consumer('node-esm');
  bin = join(dir, 'node_modules', '.bin', 'jejak');
  jejak = await import(pathToFileURL(join(dir, 'node_modules', 'jejak', 'entries', 'node.mjs')).href);
  tmp = mkdtempSync(join(tmpdir(), 'jejak-packs-'));
  keys = {};
  for (const name of ['publisher', 'other']) {
    const out = join(tmp, name);
    const { code, stdout, stderr } = await jejakCli(['keygen', '--out', out]);
    assert.equal(code, 0, stderr);
    keys[name] = { secret: `${out}.secret`, public: `${out}.public`, text: stdout.trim() };
  }
  file('default.json', JSON.stringify(jejak.defaultPack(), null, 2));
});

/** The installed `jejak` (util.mjs's `runJejak`). */
const jejakCli = (args, options) => runJejak(bin, dir, args, options);

function file(name, text) {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** `jejak sign`, asserting it succeeds; the signed bytes. */
async function signed(json, name, extra = []) {
  const out = join(tmp, name);
  const { code, stderr } = await jejakCli(['sign', json, '--key', keys.publisher.secret, '--out', out, ...extra]);
  assert.equal(code, 0, stderr);
  return readFileSync(out);
}

const trust = () => ({ trustedKeys: [keys.publisher.text] });

/** Asserts that `fn` throws a JejakError with `code`; returns it. */
function refused(fn, code, what = '') {
  let error;
  assert.throws(fn, (e) => {
    error = e;
    return e instanceof jejak.JejakError && e.code === code;
  }, what || code);
  return error;
}

/** The verdicts of the sample rows (all 1,200, so a difference anywhere shows). */
const verdicts = (screener) => screener.screenMany(SAMPLES).map((r) => r.verdict);

/** The default pack with `edit` applied to a copy. */
function packWith(edit) {
  const p = jejak.defaultPack();
  edit(p);
  return p;
}

/**
 * A small valid pack: the default pack's header, two indicators that refer to
 * no other, and the sources and term list they name. Keeps the byte-flip loop
 * short.
 */
function miniPack() {
  const p = jejak.defaultPack();
  const keep = ['JEJAK-SIG-MEMO-MEMBERSHIP', 'JEJAK-SIG-HOUR-LATE'];
  p.indicators = p.indicators.filter((i) => keep.includes(i.id));
  const cited = new Set(p.indicators.flatMap((i) => i.sources.map((s) => (typeof s === 'string' ? s : s.source))));
  p.sources = p.sources.filter((s) => cited.has(s.id));
  p.termLists = { 'id-membership': p.termLists['id-membership'] };
  // Its two indicators list no discount.
  delete p.discounts;
  return p;
}

test('keygen, sign, verify, then Screener.fromSignedPack screens as new Screener() does', async () => {
  const pub = readFileSync(keys.publisher.public, 'utf8');
  const secret = readFileSync(keys.publisher.secret, 'utf8');
  assert.match(pub, /^ed25519:[0-9a-f]{64}\n$/);
  assert.match(secret, /^ed25519-secret:[0-9a-f]{64}\n$/);
  assert.equal(pub.trim(), keys.publisher.text, 'keygen prints the public key');
  assert.equal(statSync(keys.publisher.secret).mode & 0o777, 0o600);
  assert.notEqual(keys.publisher.text, keys.other.text);

  const digest = new jejak.Screener().pack.digest;
  const out = join(tmp, 'default.signed');
  const sign = await jejakCli(['sign', join(tmp, 'default.json'), '--key', keys.publisher.secret, '--out', out]);
  assert.equal(sign.code, 0, sign.stderr);
  assert.match(sign.stdout, /signed pack jejak-default \d+\.\d+\.\d+/);
  assert.match(sign.stdout, new RegExp(`digest +${digest}`));
  assert.match(sign.stdout, /valid until +no expiry/);

  const verify = await jejakCli(['verify', out, '--key', keys.publisher.public]);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /kind +pack/);
  assert.match(verify.stdout, /id +jejak-default/);
  assert.match(verify.stdout, new RegExp(`digest +${digest}`));
  // The key text itself works as well as its file.
  assert.equal((await jejakCli(['verify', out, '--key', keys.publisher.text])).code, 0);

  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'JJKS');
  assert.equal(bytes[5], 1, 'kind: pack');
  assert.equal(bytes.subarray(6, 38).toString('hex'), keys.publisher.text.slice('ed25519:'.length));
  assert.equal(bytes.readUInt32LE(38), 0xffffffff, 'no expiry');
  assert.equal(bytes.subarray(42, 74).toString('hex'), digest, "the header's hash is the pack's digest");
  assert.equal(bytes.subarray(HEADER, bytes.length - SIGNATURE).toString('utf8'), jejak.signablePayload(jejak.defaultPack()).text);

  for (const input of [bytes, new Uint8Array(bytes)]) {
    const screener = jejak.Screener.fromSignedPack(input, trust());
    assert.equal(screener.pack.digest, digest);
    assert.deepEqual(verdicts(screener), verdicts(new jejak.Screener()));
  }
  // The usual options still apply, next to the trust options.
  const compact = jejak.Screener.fromSignedPack(bytes, { ...trust(), verdict: 'compact', locale: 'id' });
  assert.deepEqual(compact.screen(SAMPLES[0]), new jejak.Screener(null, { verdict: 'compact', locale: 'id' }).screen(SAMPLES[0]));
});

test('fromSignedPack refuses with each code', async () => {
  const bytes = await signed(join(tmp, 'default.json'), 'refusals.signed');
  const flipped = Buffer.from(bytes);
  flipped[HEADER + 10] ^= 1; // a payload byte
  refused(() => jejak.Screener.fromSignedPack(flipped, trust()), 'bad_signature');
  refused(() => jejak.Screener.fromSignedPack(bytes, { trustedKeys: [keys.other.text] }), 'untrusted_key');
  // Several keys: any one of them is enough.
  assert.ok(jejak.Screener.fromSignedPack(bytes, { trustedKeys: [keys.other.text, keys.publisher.text] }));
  const downgrade = refused(() => jejak.Screener.fromSignedPack(bytes, { ...trust(), minVersion: '99.0.0' }), 'pack_downgrade');
  assert.equal(downgrade.path, '/version');
  assert.ok(jejak.Screener.fromSignedPack(bytes, { ...trust(), minVersion: '0.0.1' }));

  const expired = await signed(join(tmp, 'default.json'), 'expired.signed', ['--valid-until', '2020-01-01']);
  assert.equal(expired.readUInt32LE(38), Date.UTC(2020, 0, 1) / 86_400_000);
  const e = refused(() => jejak.Screener.fromSignedPack(expired, trust()), 'pack_expired');
  assert.equal(e.path, '/validUntil');
  assert.match(e.message, /2020-01-01/);
  // `now` is the clock: the last valid day is still valid, the next is not.
  assert.ok(jejak.Screener.fromSignedPack(expired, { ...trust(), now: Date.UTC(2020, 0, 1, 23, 59) }));
  refused(() => jejak.Screener.fromSignedPack(expired, { ...trust(), now: Date.UTC(2020, 0, 2) }), 'pack_expired');

  for (const [what, input] of [
    ['random bytes', randomBytes(300)],
    ['an empty Uint8Array', new Uint8Array(0)],
    ["a JSON text's bytes", Buffer.from(JSON.stringify(jejak.defaultPack()))],
    ['a string', bytes.toString('latin1')],
    ['an array of numbers', [...bytes]],
    ['an ArrayBuffer', bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)],
    ['undefined', undefined],
    ['null', null],
  ]) {
    refused(() => jejak.Screener.fromSignedPack(input, trust()), 'invalid_pack', what);
  }
  refused(() => jejak.Screener.fromSignedPack(bytes, {}), 'invalid_option', 'no trustedKeys');
  refused(() => jejak.Screener.fromSignedPack(bytes, { trustedKeys: [] }), 'invalid_option', 'no key');
  refused(() => jejak.Screener.fromSignedPack(bytes, { trustedKeys: ['ed25519:zz'] }), 'invalid_option', 'malformed key');
  refused(() => jejak.Screener.fromSignedPack(bytes, { trustedKeys: [readFileSync(keys.publisher.secret, 'utf8')] }), 'invalid_option', 'a secret key');
  refused(() => jejak.Screener.fromSignedPack(bytes, { ...trust(), minVersion: 'latest' }), 'invalid_option', 'bad minVersion');

  // verify names the code and exits 1.
  const tampered = file('tampered.signed', flipped);
  const bad = await jejakCli(['verify', tampered, '--key', keys.publisher.public]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /does not verify: bad_signature/);
  const wrongKey = await jejakCli(['verify', join(tmp, 'refusals.signed'), '--key', keys.other.public]);
  assert.equal(wrongKey.code, 1);
  assert.match(wrongKey.stderr, /untrusted_key/);
  const old = await jejakCli(['verify', join(tmp, 'expired.signed'), '--key', keys.publisher.public]);
  assert.equal(old.code, 1);
  assert.match(old.stderr, /pack_expired/);
  const low = await jejakCli(['verify', join(tmp, 'refusals.signed'), '--key', keys.publisher.public, '--min-version', '99.0.0']);
  assert.equal(low.code, 1);
  assert.match(low.stderr, /pack_downgrade/);
  const notSigned = await jejakCli(['verify', join(tmp, 'default.json'), '--key', keys.publisher.public]);
  assert.equal(notSigned.code, 1);
  assert.match(notSigned.stderr, /invalid_pack/);
  // A key file that holds no key is a usage error, not a refusal.
  const junkKey = await jejakCli(['verify', join(tmp, 'refusals.signed'), '--key', join(tmp, 'default.json')]);
  assert.equal(junkKey.code, 2);
  assert.match(junkKey.stderr, /is not a public key/);
});

test('every single byte flipped in a signed pack is refused', async () => {
  const mini = miniPack();
  const report = jejak.validatePack(mini);
  assert.ok(report.ok, JSON.stringify(report.error));
  assert.equal(report.pack.indicators, 2);
  const bytes = await signed(file('mini.json', JSON.stringify(mini)), 'mini.signed', ['--valid-until', '2999-12-31']);
  assert.equal(jejak.Screener.fromSignedPack(bytes, trust()).pack.digest, report.pack.digest);
  const started = performance.now();
  const codes = new Map();
  for (let i = 0; i < bytes.length; i++) {
    const copy = Buffer.from(bytes);
    copy[i] ^= 0xff;
    let error = null;
    try {
      jejak.Screener.fromSignedPack(copy, trust()).free();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof jejak.JejakError, `byte ${i} flipped was accepted`);
    // Magic, format and kind: not an envelope; the key: another signer; from
    // validUntil on, everything is under the signature.
    const expected = i < 6 ? 'invalid_pack' : i < 38 ? 'untrusted_key' : 'bad_signature';
    assert.equal(error.code, expected, `byte ${i}`);
    codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
  }
  assert.equal(codes.get('bad_signature'), bytes.length - 38);
  assert.ok(performance.now() - started < 20_000, 'the loop stays under 20 s');
  // Cut short or lengthened, it is refused too.
  refused(() => jejak.Screener.fromSignedPack(bytes.subarray(0, bytes.length - 1), trust()), 'bad_signature');
  refused(() => jejak.Screener.fromSignedPack(Buffer.concat([bytes, Buffer.from([0])]), trust()), 'bad_signature');
  refused(() => jejak.Screener.fromSignedPack(bytes.subarray(0, HEADER + SIGNATURE - 1), trust()), 'invalid_pack');
});

test('diff --delta, signed, takes the default pack to the modified one; a delta that does not apply changes nothing', async () => {
  const A = jejak.defaultPack();
  const B = packWith((p) => {
    p.version = '0.9.0';
    p.published = '2026-12-31';
    p.indicators.find((i) => i.id === 'JEJAK-LSAC-01').weight = 40;
    // Referred to by no other indicator's condition.
    p.indicators = p.indicators.filter((i) => i.id !== 'JEJAK-PTF-01');
    const model = p.indicators.find((i) => i.id === 'JEJAK-SIG-MEMO-MEMBERSHIP');
    p.indicators.push({ ...structuredClone(model), id: 'JEJAK-TEST-ADDED', weight: 2 });
  });
  const bReport = jejak.validatePack(B);
  assert.ok(bReport.ok, JSON.stringify(bReport.error));
  const a = join(tmp, 'default.json');
  const b = file('b.json', JSON.stringify(B, null, 2));
  const deltaFile = join(tmp, 'delta.json');

  const words = await jejakCli(['diff', a, b]);
  assert.equal(words.code, 0, words.stderr);
  assert.match(words.stdout, new RegExp(`version +${A.version} → 0\\.9\\.0`));
  assert.match(words.stdout, /published +\S+ → 2026-12-31/);
  assert.match(words.stdout, /Indicators: 1 added, 1 removed, 1 modified/);
  assert.match(words.stdout, /^ {2}\+ JEJAK-TEST-ADDED /m);
  assert.match(words.stdout, /^ {2}- JEJAK-PTF-01$/m);
  assert.match(words.stdout, /^ {2}~ JEJAK-LSAC-01: weight 34 → 40$/m);
  assert.match(words.stdout, /Sources: no change/);
  assert.match(words.stdout, /Term lists: no change/);
  assert.equal(existsSync(deltaFile), false);

  const made = await jejakCli(['diff', a, b, '--delta', deltaFile]);
  assert.equal(made.code, 0, made.stderr);
  const delta = JSON.parse(readFileSync(deltaFile, 'utf8'));
  assert.deepEqual(Object.keys(delta), ['delta', 'from', 'to', 'indicators'], 'empty parts left out');
  assert.deepEqual(delta.from, { version: A.version, digest: jejak.validatePack(A).pack.digest });
  assert.deepEqual(delta.to, { version: '0.9.0', published: '2026-12-31' });
  assert.deepEqual(delta.indicators.add.map((i) => i.id), ['JEJAK-TEST-ADDED']);
  assert.deepEqual(delta.indicators.modify.map((i) => [i.id, i.weight]), [['JEJAK-LSAC-01', 40]]);
  assert.deepEqual(delta.indicators.remove, ['JEJAK-PTF-01']);
  assert.equal(jejak.signablePayload(delta).kind, 'delta');

  const deltaBytes = await signed(deltaFile, 'delta.signed');
  assert.equal(deltaBytes[5], 2, 'kind: delta');
  const verify = await jejakCli(['verify', join(tmp, 'delta.signed'), '--key', keys.publisher.public]);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stdout, /kind +delta/);
  assert.match(verify.stdout, new RegExp(`version +${A.version} → 0\\.9\\.0`));
  const badDelta = Buffer.from(deltaBytes);
  badDelta[HEADER + 5] ^= 1;
  const tampered = await jejakCli(['verify', file('bad-delta.signed', badDelta), '--key', keys.publisher.public]);
  assert.equal(tampered.code, 1);
  assert.match(tampered.stderr, /bad_signature/);
  assert.match((await jejakCli(['verify', join(tmp, 'delta.signed'), '--key', keys.other.public])).stderr, /untrusted_key/);

  const packBytes = await signed(a, 'base.signed');
  const screener = jejak.Screener.fromSignedPack(packBytes, trust());
  const before = verdicts(screener);
  const aDigest = screener.pack.digest;

  // Refusals first, each leaving the screener on its pack.
  const unchanged = () => {
    assert.equal(screener.pack.digest, aDigest);
    assert.deepEqual(verdicts(screener), before);
  };
  const flippedDelta = Buffer.from(deltaBytes);
  flippedDelta[deltaBytes.length - 1] ^= 1;
  refused(() => screener.applyDelta(flippedDelta, trust()), 'bad_signature');
  refused(() => screener.applyDelta(deltaBytes, { trustedKeys: [keys.other.text] }), 'untrusted_key');
  refused(() => screener.applyDelta(deltaBytes, { ...trust(), minVersion: '1.0.0' }), 'pack_downgrade');
  refused(() => screener.applyDelta(packBytes, trust()), 'invalid_pack', 'a signed pack is not a delta');
  refused(() => screener.applyDelta(new Uint8Array(0), trust()), 'invalid_pack');
  refused(() => screener.applyDelta('delta', trust()), 'invalid_pack');
  refused(() => screener.applyDelta(deltaBytes, {}), 'invalid_option');
  refused(() => screener.applyDelta(deltaBytes, { ...trust(), locale: 'id' }), 'invalid_option');

  // A delta for another base version: made from B to C, applied to A.
  const C = structuredClone(B);
  C.version = '0.9.1';
  C.indicators.find((i) => i.id === 'JEJAK-TEST-ADDED').weight = 3;
  const bcFile = join(tmp, 'delta-bc.json');
  assert.equal((await jejakCli(['diff', b, file('c.json', JSON.stringify(C)), '--delta', bcFile])).code, 0);
  const bcBytes = await signed(bcFile, 'delta-bc.signed');
  const other = refused(() => screener.applyDelta(bcBytes, trust()), 'invalid_pack');
  assert.equal(other.path, '/from');
  unchanged();

  // An expired delta, and one that lowers the version.
  const expired = await signed(deltaFile, 'delta-expired.signed', ['--valid-until', '2020-01-01']);
  refused(() => screener.applyDelta(expired, trust()), 'pack_expired');
  unchanged();
  const lower = { ...delta, to: { version: '0.2.0' } };
  const lowerBytes = await signed(file('delta-lower.json', JSON.stringify(lower)), 'delta-lower.signed');
  refused(() => screener.applyDelta(lowerBytes, trust()), 'pack_downgrade');
  unchanged();

  // Now the real one.
  const info = screener.applyDelta(deltaBytes, trust());
  assert.deepEqual(info, { id: 'jejak-default', version: '0.9.0', digest: bReport.pack.digest, indicators: bReport.pack.indicators });
  assert.deepEqual(screener.pack, info);
  assert.deepEqual(verdicts(screener), verdicts(new jejak.Screener(B)));
  // Applied once; the same delta again is for a version no longer in use.
  refused(() => screener.applyDelta(deltaBytes, trust()), 'invalid_pack');
  assert.equal(screener.pack.digest, bReport.pack.digest);
});

test('diff reports order changes, term lists and watchlists, and refuses what a delta cannot carry', async () => {
  const a = join(tmp, 'default.json');
  const moved = packWith((p) => {
    p.version = '0.9.0';
    p.indicators.unshift(p.indicators.splice(3, 1)[0]);
    p.termLists['cover-gift'].terms.push('maple syrup', 'walnut');
    p.watchlists = { forum: { kind: 'wallet', salt: '5a1t5a1t5a1t5a1t', hashes: ['0123456789abcdef0123456789abcdef'] } };
  });
  const out = join(tmp, 'delta-moved.json');
  const r = await jejakCli(['diff', a, file('moved.json', JSON.stringify(moved)), '--delta', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /reordered/);
  assert.match(r.stdout, /~ cover-gift: 2 terms added, 0 removed/);
  assert.doesNotMatch(r.stdout, /maple|walnut/, 'term lists are described by counts, not words');
  assert.match(r.stdout, /Watchlists: 1 added, 0 removed, 0 modified\n  \+ forum  wallet 1 id\n/);
  // The delta still reproduces B exactly (diff checks this through the engine, too).
  const screener = jejak.Screener.fromSignedPack(await signed(a, 'base2.signed'), trust());
  screener.applyDelta(await signed(out, 'delta-moved.signed'), trust());
  assert.equal(screener.pack.digest, jejak.validatePack(moved).pack.digest);

  const fx = packWith((p) => {
    p.version = '0.9.0';
    p.scoring.review = 41;
  });
  const refusedDelta = await jejakCli(['diff', a, file('fx.json', JSON.stringify(fx)), '--delta', join(tmp, 'never.json')]);
  assert.equal(refusedDelta.code, 1);
  assert.match(refusedDelta.stdout, /Other top-level members changed: scoring/);
  assert.match(refusedDelta.stderr, /a delta cannot change scoring/);
  assert.equal(existsSync(join(tmp, 'never.json')), false);

  const invalid = await jejakCli(['diff', a, file('broken.json', '{"id": 1}')]);
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /broken\.json is not a valid pack: invalid_pack/);
  assert.equal((await jejakCli(['diff', a])).code, 2);
  assert.equal((await jejakCli(['diff', a, join(tmp, 'missing.json')])).code, 2);
  const same = await jejakCli(['diff', a, a]);
  assert.equal(same.code, 0);
  assert.match(same.stdout, /The packs are the same/);
});

test('hash-terms: a hashed list flags exactly what the plain list flags, without the words', async () => {
  // Harmless stand-ins for a restricted vocabulary.
  const words = ['maple syrup', 'walnut', 'tangerine'];
  const terms = file('terms.txt', `# stand-in vocabulary\nmaple syrup\n\nwalnut\r\nfruit.citrus\ttangerine\n`);
  const listFile = join(tmp, 'hashed.json');
  const r = await jejakCli(['hash-terms', terms, '--out', listFile]);
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(listFile, 'utf8');
  for (const w of ['maple', 'syrup', 'walnut', 'tangerine']) {
    assert.doesNotMatch(text, new RegExp(w, 'i'), `${w} in the list`);
    assert.doesNotMatch(r.stdout + r.stderr, new RegExp(w, 'i'), `${w} in the output`);
  }
  const hashed = JSON.parse(text);
  assert.match(hashed.salt, /^[0-9a-f]{32}$/);
  assert.deepEqual(hashed.hashed.map((h) => h.id), ['t1', 't2', 'fruit.citrus']);
  assert.ok(hashed.hashed.every((h) => h.hashes.every((x) => /^[0-9a-f]{32}$/.test(x))));
  const ids = { 'maple syrup': 't1', walnut: 't2', tangerine: 'fruit.citrus' };
  // Each run draws a new salt; --salt makes the list reproducible.
  const again = join(tmp, 'hashed2.json');
  assert.equal((await jejakCli(['hash-terms', terms, '--out', again])).code, 0);
  assert.notEqual(JSON.parse(readFileSync(again, 'utf8')).salt, hashed.salt);
  assert.equal((await jejakCli(['hash-terms', terms, '--out', again, '--salt', hashed.salt])).code, 0);
  assert.deepEqual(JSON.parse(readFileSync(again, 'utf8')), hashed);

  const withList = (list) =>
    packWith((p) => {
      const model = p.indicators.find((i) => i.id === 'JEJAK-SIG-MEMO-MEMBERSHIP');
      p.termLists.standin = list;
      p.indicators.push({
        id: 'JEJAK-TEST-STANDIN',
        title: { en: 'Stand-in vocabulary in the description (test)', id: 'Kosakata pengganti di keterangan (uji)' },
        category: model.category,
        sources: structuredClone(model.sources),
        weight: 3,
        condition: { memoTerms: { list: 'standin' } },
        explanation: { en: 'The description contains {matched} (term {terms}).', id: 'Keterangan berisi {matched} (istilah {terms}).' },
      });
    });
  const plainPack = withList({ terms: words });
  const hashedPack = withList(hashed);
  for (const p of [plainPack, hashedPack]) assert.ok(jejak.validatePack(p).ok, JSON.stringify(jejak.validatePack(p).error));
  const plain = new jejak.Screener(plainPack);
  const secret = new jejak.Screener(hashedPack);

  // The evasions of tests/data/normalize.toml, on the stand-in words.
  const evasive = [
    'M4PLE SYRUP',
    'w a l n u t',
    'w.a.l.n.u.t',
    'w-a-l-n-u-t',
    'w_a_l_n_u_t',
    'wal\u200Bnut',
    'wal\u200Dnut',
    'wal\u00ADnut',
    'tangerriinee',
    'walnuuuut',
    'ｗａｌｎｕｔ',
    '𝐰𝐚𝐥𝐧𝐮𝐭',
    'wаlnut', // Cyrillic а
    'wálnut',
    'wa\u0301lnut',
    'w4lnut',
    'w@lnut',
    't@ng3r1n3',
    'wal.nut',
    'wal🍌nut',
    'maple-syrup',
    'maplesyrup',
    'pay*walnut',
    'M4PL\u200BÉ  5YRUUP',
    'for maple syrup and walnut',
  ];
  const ordinary = ['walnuts', 'walnutcake', 'megawalnut', 'tangerines', 'maple leaf', 'syrup', 'syrup maple', 'rent for march', ''];
  const tx = (memo, i) => ({ id: `m-${i}`, timestamp: '2026-11-20T14:00:00+07:00', amount: '5', currency: 'USD', memo });
  const standin = (v) => v.flags.find((f) => f.indicator === 'JEJAK-TEST-STANDIN');
  [...evasive, ...ordinary].forEach((memo, i) => {
    const p = plain.screen(tx(memo, i));
    const h = secret.screen(tx(memo, i));
    const [fp, fh] = [standin(p), standin(h)];
    assert.equal(Boolean(fp), evasive.includes(memo), `plain list on ${JSON.stringify(memo)}`);
    assert.equal(Boolean(fh), Boolean(fp), `hashed list on ${JSON.stringify(memo)}`);
    assert.equal(h.level, p.level, memo);
    assert.deepEqual(h.flags.map((f) => f.indicator), p.flags.map((f) => f.indicator), memo);
    if (!fp) return;
    const spans = (f) => f.evidence.map((e) => ({ field: e.field, start: e.start, end: e.end, text: e.text }));
    assert.deepEqual(spans(fh), spans(fp), `spans of ${JSON.stringify(memo)}`);
    assert.deepEqual(fh.evidence.map((e) => e.term), fp.evidence.map((e) => `#${ids[e.term]}`), `terms of ${JSON.stringify(memo)}`);
    assert.doesNotMatch(JSON.stringify(fh.evidence.map((e) => e.term)), /maple|walnut|tangerine/);
  });

  // The pack with the hashed list signs and loads like any other.
  const signedHashed = await signed(file('hashed-pack.json', JSON.stringify(hashedPack)), 'hashed-pack.signed');
  assert.equal(jejak.Screener.fromSignedPack(signedHashed, trust()).pack.digest, secret.pack.digest);

  // The forms come from the engine (the same normalization that screens):
  // a multi-word term is hashed spaced and glued; errors are invalid_option.
  // (`l` reads as `i`, since `1` may stand for either: PACKS.md, "Term lists".)
  assert.deepEqual(jejak.termForms('Maple-Syrup'), ['mapie syrup', 'mapiesyrup']);
  assert.deepEqual(jejak.termForms('W4LNUT'), ['wainut']);
  refused(() => jejak.termForms('!!!'), 'invalid_option', 'nothing left to match');
  // Duplicate ids in the file are refused by line.
  const dup = await jejakCli(['hash-terms', file('dup.txt', 'a\twalnut\na\tmaple\n'), '--out', join(tmp, 'x.json')]);
  assert.equal(dup.code, 2);
  assert.match(dup.stderr, /line 2: invalid_option: duplicate term id/);

  // Unusable input: exit 2, naming the line, never the term.
  const empty = await jejakCli(['hash-terms', file('empty.txt', '# nothing\n\n'), '--out', join(tmp, 'x.json')]);
  assert.equal(empty.code, 2);
  assert.match(empty.stderr, /has no terms/);
  assert.equal((await jejakCli(['hash-terms', join(tmp, 'missing.txt'), '--out', join(tmp, 'x.json')])).code, 2);
  const blank = await jejakCli(['hash-terms', file('blank.txt', 'walnut\n...\n'), '--out', join(tmp, 'x.json')]);
  assert.equal(blank.code, 2);
  assert.match(blank.stderr, /line 2/);
  assert.doesNotMatch(blank.stderr, /walnut/);
  assert.equal((await jejakCli(['hash-terms', terms, '--out', join(tmp, 'x.json'), '--salt', 'xyz'])).code, 2);
  assert.equal((await jejakCli(['hash-terms', terms])).code, 2);
  assert.equal(existsSync(join(tmp, 'x.json')), false);
});

test('hash-ids: a watchlist flags a listed counterparty in any spelling, without the ids', async () => {
  const ids = file('ids.txt', '# stand-in numbers\n+63 917 123 4567\n0812-0000-1111\n');
  const listFile = join(tmp, 'watch.json');
  const r = await jejakCli(['hash-ids', ids, '--kind', 'phone', '--country', 'ID', '--out', listFile]);
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(listFile, 'utf8');
  for (const digits of ['917', '1234567', '0812', '81200001111']) {
    assert.doesNotMatch(text + r.stdout, new RegExp(digits), `${digits} in the list or the output`);
  }
  const list = JSON.parse(text);
  assert.equal(list.kind, 'phone');
  assert.equal(list.hashes.length, 2);
  // The same list from the numbers in E.164, with the same salt; the engine's normalization.
  const e164 = file('e164.txt', '+639171234567\n+6281200001111\n');
  assert.equal((await jejakCli(['hash-ids', e164, '--kind', 'phone', '--salt', list.salt, '--out', join(tmp, 'w2.json')])).code, 0);
  assert.deepEqual(JSON.parse(readFileSync(join(tmp, 'w2.json'), 'utf8')), list);
  assert.equal(jejak.normalizeIdentifier('phone', '0812-0000-1111', 'ID'), '+6281200001111');
  assert.equal(jejak.normalizeIdentifier('phone', '0812-0000-1111'), undefined);
  refused(() => jejak.normalizeIdentifier('email', 'x'), 'invalid_option', 'unknown kind');

  const pack = packWith((p) => {
    const model = p.indicators.find((i) => i.id === 'JEJAK-SIG-MEMO-MEMBERSHIP');
    p.watchlists = { 'forum-test': list };
    p.indicators.push({
      id: 'JEJAK-TEST-WATCHLIST',
      title: { en: 'Payee on a shared watchlist (test)', id: 'Penerima ada di daftar pantau bersama (uji)' },
      category: model.category,
      sources: structuredClone(model.sources),
      weight: 40,
      condition: { watchlist: { list: 'forum-test', party: 'receiver' } },
      explanation: { en: 'The payee is on a shared watchlist.', id: 'Penerima ada di daftar pantau bersama.' },
    });
  });
  const screener = new jejak.Screener(pack);
  const tx = (receiver) => ({ timestamp: '2026-11-20T14:00:00+07:00', amount: '5', currency: 'USD', receiver });
  const flagged = (receiver) => screener.screen(tx(receiver)).flags.find((f) => f.indicator === 'JEJAK-TEST-WATCHLIST');
  for (const receiver of [{ id: '0917-123-4567', country: 'PH' }, { id: '+639171234567' }, { id: '081200001111', country: 'ID' }]) {
    const f = flagged(receiver);
    assert.ok(f, JSON.stringify(receiver));
    assert.equal(f.weight, 40);
    assert.deepEqual(f.evidence, [{ kind: 'watchlist', field: 'receiver.id', list: 'forum-test' }]);
  }
  for (const receiver of [{ id: '0917-123-4568', country: 'PH' }, { id: '0917-123-4567' }, { id: '081200001111', country: 'PH' }]) {
    assert.equal(flagged(receiver), undefined, JSON.stringify(receiver));
  }
  // Bad input: the line, never the identifier; a missing kind.
  const bad = file('bad-ids.txt', '+63 917 123 4567\nnot a number\n');
  const b = await jejakCli(['hash-ids', bad, '--kind', 'phone', '--out', join(tmp, 'x.json')]);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /line 2: invalid_option/);
  assert.doesNotMatch(b.stderr, /not a number/);
  assert.equal((await jejakCli(['hash-ids', ids, '--out', join(tmp, 'x.json')])).code, 2);
});

test('shadow lists what a modified pack changes, and its counts agree with screening both ways', async () => {
  const modified = packWith((p) => {
    p.version = '0.9.0';
    p.indicators.find((i) => i.id === 'JEJAK-SIG-CORRIDOR-FSX').weight = 18;
    p.indicators = p.indicators.filter((i) => i.id !== 'JEJAK-PTF-01');
  });
  const modifiedFile = file('modified.json', JSON.stringify(modified));

  // What the command should find, from the API.
  const a = new jejak.Screener().screenMany(SAMPLES);
  const b = new jejak.Screener(modified).screenMany(SAMPLES);
  const expected = { rows: SAMPLES.length, screened: 0, rejected: 0, changed: 0, levelUp: 0, levelDown: 0, flagsOnly: 0, rejectedByOne: 0 };
  const changes = [];
  a.forEach((ra, i) => {
    const rb = b[i];
    expected.screened++;
    const [fa, fb] = [ra.verdict.flags.map((f) => f.indicator), rb.verdict.flags.map((f) => f.indicator)];
    const added = fb.filter((x) => !fa.includes(x));
    const removed = fa.filter((x) => !fb.includes(x));
    const [la, lb] = [LEVELS.indexOf(ra.verdict.level), LEVELS.indexOf(rb.verdict.level)];
    if (la === lb && added.length === 0 && removed.length === 0) return;
    expected.changed++;
    if (lb > la) expected.levelUp++;
    else if (lb < la) expected.levelDown++;
    else expected.flagsOnly++;
    changes.push({ line: i + 1, id: ra.verdict.transactionId, level: { a: ra.verdict.level, b: rb.verdict.level }, added, removed });
  });
  assert.ok(expected.levelUp > 0 && expected.levelDown > 0, 'the modification moves levels both ways');

  const json = await jejakCli(['shadow', NDJSON, '--pack', 'default', '--pack', modifiedFile, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const doc = JSON.parse(json.stdout);
  assert.deepEqual(doc.counts, expected);
  assert.equal(doc.packs.a.digest, new jejak.Screener().pack.digest);
  assert.equal(doc.packs.b.digest, jejak.validatePack(modified).pack.digest);
  assert.deepEqual(
    doc.changes.map(({ line, id, level, added, removed }) => ({ line, id, level, added, removed })),
    changes,
  );
  const removedPtf = changes.filter((c) => c.removed.includes('JEJAK-PTF-01')).length;
  assert.deepEqual(doc.indicators.find((r) => r.indicator === 'JEJAK-PTF-01'), { indicator: 'JEJAK-PTF-01', added: 0, removed: removedPtf });

  const table = await jejakCli(['shadow', NDJSON, '--pack', 'default', '--pack', modifiedFile]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(
    table.stdout,
    new RegExp(`Changed: ${expected.changed} transactions \\(level up ${expected.levelUp}, level down ${expected.levelDown}, flags only ${expected.flagsOnly}\\)`),
  );
  assert.match(table.stdout, /1,200 rows, 1,200 screened, 0 rejected/);
  const first = changes[0];
  assert.match(table.stdout, new RegExp(`^ {2}line ${first.line} {2}${first.id} {2}${first.level.a} → ${first.level.b}`, 'm'));
  assert.match(table.stdout, /^ {2}JEJAK-PTF-01 +\+0 +-\d+$/m);

  // The same pack twice changes nothing; CSV reads the same.
  const same = await jejakCli(['shadow', join(ROOT, 'www', 'samples', 'transactions.csv'), '--pack', 'default', '--pack', 'default', '--format', 'json']);
  assert.equal(same.code, 0, same.stderr);
  assert.equal(JSON.parse(same.stdout).counts.changed, 0);

  // Rows rejected by both packs are counted as rejected, not as changes.
  const mixed = file('mixed.ndjson', `${SAMPLES[0]}\n{"bad": true}\nnot json\n`);
  const m = JSON.parse((await jejakCli(['shadow', mixed, '--pack', 'default', '--pack', modifiedFile, '--format', 'json'])).stdout);
  assert.equal(m.counts.rows, 3);
  assert.equal(m.counts.rejected, 2);
  assert.equal(m.counts.screened, 1);

  for (const args of [
    ['shadow', NDJSON, '--pack', 'default'],
    ['shadow', NDJSON, '--pack', 'default', '--pack', modifiedFile, '--pack', 'default'],
    ['shadow', join(tmp, 'missing.ndjson'), '--pack', 'default', '--pack', modifiedFile],
    ['shadow', NDJSON, '--pack', 'default', '--pack', join(tmp, 'missing.json')],
    ['shadow', NDJSON, '--pack', 'default', '--pack', file('bad-pack.json', '{"id": "x"}')],
    ['shadow', NDJSON, '--pack', 'default', '--pack', modifiedFile, '--format', 'ndjson'],
    ['shadow', '--pack', 'default', '--pack', modifiedFile],
  ]) {
    const r = await jejakCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^jejak: /);
  }
});

test('keygen never overwrites; sign refuses bad dates, bad keys and invalid packs', async () => {
  const before = readFileSync(keys.publisher.secret, 'utf8');
  const again = await jejakCli(['keygen', '--out', join(tmp, 'publisher')]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /publisher\.secret already exists/);
  assert.equal(readFileSync(keys.publisher.secret, 'utf8'), before);
  // Only the public half left over from an earlier run: still refused, nothing written.
  mkdirSync(join(tmp, 'half'));
  writeFileSync(join(tmp, 'half', 'k.public'), 'ed25519:00\n');
  assert.equal((await jejakCli(['keygen', '--out', join(tmp, 'half', 'k')])).code, 2);
  assert.equal(existsSync(join(tmp, 'half', 'k.secret')), false);
  assert.equal((await jejakCli(['keygen'])).code, 2);

  const pack = join(tmp, 'default.json');
  const out = join(tmp, 'never.signed');
  for (const date of ['2026-02-30', '2026-13-01', '2025-02-29', '26-01-01', '2026-1-01', 'tomorrow', '1969-12-31', '']) {
    const r = await jejakCli(['sign', pack, '--key', keys.publisher.secret, '--out', out, '--valid-until', date]);
    assert.equal(r.code, 2, `--valid-until ${date}`);
    assert.match(r.stderr, /--valid-until/);
  }
  // 2028 is a leap year.
  const leap = await jejakCli(['sign', pack, '--key', keys.publisher.secret, '--out', join(tmp, 'leap.signed'), '--valid-until', '2028-02-29']);
  assert.equal(leap.code, 0, leap.stderr);
  assert.match(leap.stdout, /valid until +2028-02-29/);

  const broken = await jejakCli(['sign', file('invalid.json', JSON.stringify({ ...jejak.defaultPack(), indicators: 'none' })), '--key', keys.publisher.secret, '--out', out]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /invalid_pack at \/indicators/);
  const notJson = await jejakCli(['sign', file('not.json', '{'), '--key', keys.publisher.secret, '--out', out]);
  assert.equal(notJson.code, 1);
  assert.match(notJson.stderr, /invalid_pack/);
  const badDelta = await jejakCli(['sign', file('bad-delta.json', '{"delta": "x"}'), '--key', keys.publisher.secret, '--out', out]);
  assert.equal(badDelta.code, 1);
  assert.match(badDelta.stderr, /invalid_pack at \/from/);
  // A public key where the secret one belongs, or no key at all.
  assert.equal((await jejakCli(['sign', pack, '--key', keys.publisher.public, '--out', out])).code, 2);
  assert.equal((await jejakCli(['sign', pack, '--out', out])).code, 2);
  assert.equal((await jejakCli(['sign', pack, '--key', keys.publisher.secret])).code, 2);
  assert.equal((await jejakCli(['sign', join(tmp, 'missing.json'), '--key', keys.publisher.secret, '--out', out])).code, 2);
  assert.equal(existsSync(out), false);
  assert.equal((await jejakCli(['verify', pack])).code, 2, 'verify without --key');
  assert.equal((await jejakCli(['verify', join(tmp, 'leap.signed'), '--key', keys.publisher.public, '--min-version', 'new'])).code, 2);
});
