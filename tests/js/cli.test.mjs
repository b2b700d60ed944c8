// The `jejak` command as a user gets it: the packed package installed into a
// consumer project, run through node_modules/.bin/jejak (what `npx jejak`
// runs). Screens the samples in every format, bad rows with their line
// numbers, the locale, bad packs with their JSON path, `validate`, and the
// exit codes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consumer, ROOT, runJejak } from './util.mjs';

const SAMPLES = join(ROOT, 'www', 'samples');
const NDJSON = join(SAMPLES, 'transactions.ndjson');
const CSV = join(SAMPLES, 'transactions.csv');
const HEADER = readFileSync(CSV, 'utf8').split('\n')[0].trim();
const ROWS = 1200;

let dir;
let bin;
let tmp;
let jejak;
before(async () => {
  dir = consumer('node-esm');
  bin = join(dir, 'node_modules', '.bin', 'jejak');
  jejak = await import(pathToFileURL(join(dir, 'node_modules', 'jejak', 'entries', 'node.mjs')).href);
  tmp = mkdtempSync(join(tmpdir(), 'jejak-cli-'));
});

/** The installed `jejak` (util.mjs's `runJejak`). */
const jejakCli = (args, options) => runJejak(bin, dir, args, options);

function file(name, text) {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

/** Level counts from the table's "Levels" section. */
function tableLevels(stdout) {
  const section = stdout.split('\nLevels\n')[1].split('\n\n')[0];
  return Object.fromEntries(section.split('\n').map((l) => l.trim().split(/\s+/)).map(([level, n]) => [level, Number(n)]));
}

/** What the API says about the sample, to check the command against. */
function expectedLevels() {
  const lines = readFileSync(NDJSON, 'utf8').split('\n').filter((l) => l.trim());
  const levels = { high: 0, review: 0, low: 0, none: 0 };
  for (const r of new jejak.Screener().screenMany(lines)) levels[r.verdict.level]++;
  return levels;
}

test('--version and --help', async () => {
  const version = await jejakCli(['--version']);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), jejak.engineVersion);
  const help = await jejakCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /jejak screen/);
  assert.match(help.stdout, /jejak validate/);
});

test('table report: NDJSON and CSV samples give the same counts, matching the API', async () => {
  const expected = expectedLevels();
  for (const input of [NDJSON, CSV]) {
    const { code, stdout, stderr } = await jejakCli(['screen', input]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /1,200 rows, 1,200 screened, 0 rejected/);
    assert.deepEqual(tableLevels(stdout), expected, input);
    assert.match(stdout, /^jejak \d+\.\d+\.\d+ — pack jejak-default .* digest [0-9a-f]{12}…\)$/m);
    assert.match(stdout, /Most frequent indicators\n {2}[A-Z]+-[A-Z]+-\w+ +\d+/);
    assert.match(stdout, /Top 5 flagged transactions\n\n {2}line \d+ {2}tx-\d{5} {2}score \d+ {2}(HIGH|REVIEW)/);
    assert.match(stdout, /sources: \[1\] [A-Z]+-[A-Z]+-\w+ · [A-Z][^;]* \d{4} \([ABC]\)/);
    assert.match(stdout, /https:\/\//);
    assert.doesNotMatch(stdout, /Rejected rows/);
    assert.equal(stderr, '', 'no progress when stderr is not a terminal');
  }
});

test('--format json: one document; CSV and NDJSON give the same verdicts', async () => {
  const docs = [];
  for (const input of [NDJSON, CSV]) {
    const { code, stdout, stderr } = await jejakCli(['screen', input, '--format', 'json']);
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(stdout);
    assert.equal(doc.rows.length, ROWS);
    assert.equal(doc.pack.id, 'jejak-default');
    assert.equal(doc.pack.digest, new jejak.Screener().pack.digest);
    assert.deepEqual(doc.counts, { rows: ROWS, screened: ROWS, rejected: 0, levels: expectedLevels() });
    assert.ok(doc.rows.every((r) => r.ok && r.id === r.verdict.transactionId));
    docs.push(doc);
  }
  const [ndjson, csv] = docs;
  assert.deepEqual(ndjson.rows.map((r) => r.line), Array.from({ length: ROWS }, (_, i) => i + 1));
  assert.deepEqual(csv.rows.map((r) => r.line), Array.from({ length: ROWS }, (_, i) => i + 2), 'CSV lines count the header');
  assert.deepEqual(csv.rows.map((r) => r.verdict), ndjson.rows.map((r) => r.verdict));
});

test('--format ndjson: one line per row; stdin with --input', async () => {
  const { code, stdout } = await jejakCli(['screen', NDJSON, '--format', 'ndjson']);
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines.length, ROWS);
  const rows = lines.map((l) => JSON.parse(l));
  assert.deepEqual(rows[0].line, 1);
  assert.equal(rows[0].id, 'tx-00001');

  const piped = await jejakCli(['screen', '-', '--input', 'csv', '--format', 'ndjson'], { input: readFileSync(CSV) });
  assert.equal(piped.code, 0, piped.stderr);
  assert.deepEqual(
    piped.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).verdict),
    rows.map((r) => r.verdict),
  );
  const noInput = await jejakCli(['screen', '-']);
  assert.equal(noInput.code, 2);
  assert.match(noInput.stderr, /--input/);
});

const good = (id, extra = '') =>
  `${id},2026-11-20T02:10:00+10:00,50,AUD,remittance,${extra},s-1,AU,30,false,r-1,PH,true,,,,`;

test('bad rows are reported with their line numbers and the good rows are still screened', async () => {
  const csv = file(
    'mixed.csv',
    [
      HEADER, // 1
      good('c-ok-1', 'school fees'), // 2
      'c-short,2026-11-20T02:10:00+10:00,50,AUD', // 3: too few fields
      good('c-ok-2', '"fees, ""school""\r\nand uniform"'), // 4-5: quoted field with a comma, quotes and a line break
      good('c-bad-quote', 'say "hi"'), // 6: bare quote
      good('c-bad-amount').replace(',50,', ',abc,'), // 7: bad amount, reported by the engine
      good('c-ok-4'), // 8
      '', // 9: blank, skipped
      good('c-ok-5'), // 10
    ].join('\r\n') + '\r\n',
  );
  const { code, stdout, stderr } = await jejakCli(['screen', csv, '--format', 'json']);
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.deepEqual(
    doc.rows.map((r) => [r.line, r.id, r.ok]),
    [
      [2, 'c-ok-1', true],
      [3, 'c-short', false],
      [4, 'c-ok-2', true],
      [6, 'c-bad-quote', false],
      [7, 'c-bad-amount', false],
      [8, 'c-ok-4', true],
      [10, 'c-ok-5', true],
    ],
  );
  const byLine = Object.fromEntries(doc.rows.map((r) => [r.line, r]));
  assert.equal(byLine[3].error.path, '');
  assert.match(byLine[3].error.message, /4 fields, the header has 17/);
  assert.equal(byLine[6].error.path, '/memo');
  assert.deepEqual([byLine[7].error.code, byLine[7].error.path], ['invalid_transaction', '/amount']);
  // The quoted memo arrives as written, line break included, and spans slice it.
  const memo = 'fees, "school"\r\nand uniform';
  const spans = byLine[4].verdict.flags.flatMap((f) => f.evidence).filter((e) => e.kind === 'text');
  assert.ok(spans.length > 0);
  for (const e of spans) assert.equal(memo.slice(e.start, e.end), e.text);
  assert.deepEqual(doc.counts.rows, 7);
  assert.deepEqual(doc.counts.rejected, 3);

  const ndjson = file(
    'mixed.ndjson',
    [
      JSON.stringify({ id: 'n-ok-1', timestamp: '2026-11-20T02:10:00+10:00', amount: '50', currency: 'AUD' }), // 1
      '{"id": "n-broken", "amount": ', // 2: not JSON
      '', // 3: blank, skipped
      JSON.stringify({ id: 'n-bad', timestamp: '2026-11-20T02:10:00+10:00', amount: 50, currency: 'AUD', sender: { country: 7 } }), // 4
      '{"id":"n-ok-2","timestamp":"2026-11-20T02:10:00+10:00","amount":12345678901234567,"currency":"IDR"}', // 5: beyond 2^53, kept exactly
    ].join('\n'),
  );
  const table = await jejakCli(['screen', ndjson]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /4 rows, 2 screened, 2 rejected/);
  assert.match(table.stdout, /Rejected rows\n {2}line 2: invalid_transaction at \/: not valid JSON/);
  assert.match(table.stdout, /\n {2}line 4: invalid_transaction at \/sender\/country: /);
  const nd = (await jejakCli(['screen', ndjson, '--format', 'ndjson'])).stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(nd.map((r) => [r.line, r.id, r.ok]), [
    [1, 'n-ok-1', true],
    [2, null, false],
    [4, 'n-bad', false],
    [5, 'n-ok-2', true],
  ]);
});

test('an unclosed quote costs one row: reading resumes on the next line', async () => {
  const csv = file('unclosed.csv', [HEADER, good('u-1'), good('u-open', '"never closed'), good('u-2'), good('u-3')].join('\n') + '\n');
  const { code, stdout } = await jejakCli(['screen', csv, '--format', 'ndjson']);
  assert.equal(code, 0);
  const rows = stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((r) => [r.line, r.id, r.ok]), [
    [2, 'u-1', true],
    [3, 'u-open', false],
    [4, 'u-2', true],
    [5, 'u-3', true],
  ]);
  assert.equal(rows[1].error.path, '/memo');
});

test('--locale id gives Indonesian titles and explanations', async () => {
  const tx = JSON.parse(readFileSync(NDJSON, 'utf8').split('\n')[0]);
  const expected = new jejak.Screener(null, { locale: 'id' }).screen(tx);
  const english = new jejak.Screener().screen(tx);
  assert.notEqual(expected.flags[0].explanation, english.flags[0].explanation);
  const { code, stdout } = await jejakCli(['screen', NDJSON, '--locale', 'id', '--format', 'ndjson']);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(stdout.split('\n')[0]).verdict, expected);

  const table = await jejakCli(['screen', CSV, '--locale', 'id', '--top', '1']);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /Pembayaran/);
  assert.match(table.stdout, /Top 1 flagged transactions/);
  assert.equal((await jejakCli(['screen', CSV, '--locale', 'fr'])).code, 2);
});

test('--pack: a good pack is used; a bad or unreadable pack exits 2 with the JSON path', async () => {
  const pack = jejak.defaultPack();
  pack.version = '9.9.9';
  const ok = await jejakCli(['screen', NDJSON, '--pack', file('custom.json', JSON.stringify(pack)), '--format', 'json']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).pack.version, '9.9.9');

  const dup = jejak.defaultPack();
  dup.indicators.push(dup.indicators[2]);
  const n = dup.indicators.length - 1;
  const bad = await jejakCli(['screen', NDJSON, '--pack', file('dup.json', JSON.stringify(dup))]);
  assert.equal(bad.code, 2);
  assert.equal(bad.stdout, '');
  assert.match(bad.stderr, new RegExp(`invalid_pack at /indicators/${n}/id: `));

  const cond = jejak.defaultPack();
  cond.indicators[3].condition = { memoRegex: 'x' };
  const badCond = await jejakCli(['screen', CSV, `--pack=${file('cond.json', JSON.stringify(cond))}`]);
  assert.equal(badCond.code, 2);
  assert.match(badCond.stderr, /invalid_pack at \/indicators\/3\/condition\/memoRegex/);

  const notJson = await jejakCli(['screen', CSV, '--pack', file('broken.json', '{"id": ')]);
  assert.equal(notJson.code, 2);
  assert.match(notJson.stderr, /invalid_pack at \/: not valid JSON/);

  const missing = await jejakCli(['screen', CSV, '--pack', join(tmp, 'nope.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read pack/);
});

test('validate: the default pack passes; a duplicate indicator id fails with its path', async () => {
  const info = new jejak.Screener().pack;
  const ok = await jejakCli(['validate', file('default.json', JSON.stringify(jejak.defaultPack(), null, 2))]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, `ok ${info.id} ${info.version} (${info.indicators} indicators, digest ${info.digest.slice(0, 12)}…)\n`);

  const dup = jejak.defaultPack();
  dup.indicators.push(dup.indicators[0]);
  const bad = await jejakCli(['validate', file('dup-validate.json', JSON.stringify(dup))]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, new RegExp(`^invalid_pack at /indicators/${dup.indicators.length - 1}/id: duplicate indicator id`));

  assert.equal((await jejakCli(['validate', join(tmp, 'nope.json')])).code, 2);
  assert.equal((await jejakCli(['validate'])).code, 2);
});

test('validate warns when two indicators count one fact; --strict fails on it', async () => {
  const twice = jejak.defaultPack();
  const cover = twice.indicators.find((i) => i.id === 'JEJAK-SIG-MEMO-COVER');
  twice.indicators.push({ ...cover, id: 'X-COVER-AGAIN' });
  const path = file('twice.json', JSON.stringify(twice));
  const loose = await jejakCli(['validate', path]);
  assert.equal(loose.code, 0, loose.stderr);
  assert.match(loose.stdout, /^warning: duplicate_condition: JEJAK-SIG-MEMO-COVER and X-COVER-AGAIN have the same condition$/m);
  const strict = await jejakCli(['validate', '--strict', path]);
  assert.equal(strict.code, 1);
  const clean = await jejakCli(['validate', '--strict', file('default-strict.json', JSON.stringify(jejak.defaultPack()))]);
  assert.equal(clean.code, 0, clean.stdout);
  assert.doesNotMatch(clean.stdout, /warning/);
});

test('unusable arguments exit 2', async () => {
  for (const args of [
    ['screen', NDJSON, '--frobnicate'],
    ['screen', join(tmp, 'missing.ndjson')],
    ['screen', file('data.txt', '')],
    ['screen', NDJSON, '--format', 'xml'],
    ['screen', NDJSON, '--top', 'many'],
    ['screen'],
    ['validate', '--stricter', NDJSON],
    ['frobnicate'],
    [],
  ]) {
    const { code, stdout, stderr } = await jejakCli(args);
    assert.equal(code, 2, `jejak ${args.join(' ')}: ${stderr}`);
    assert.equal(stdout, '');
    assert.notEqual(stderr, '');
  }
  const unknown = await jejakCli(['screen', NDJSON, '--frobnicate']);
  assert.match(unknown.stderr, /unknown option --frobnicate/);
});

// ---- --history ----

const HISTORY_FLAG = /^JEJAK-(SIG-)?HIST-/;

/**
 * Synthetic payments for --history (stand-in ids, no memo text that means
 * anything): a habitual payer (one payee abroad, AU to PH, AUD 20-80, late at
 * night, three times a day for ten days), a monthly family remittance and a
 * few local card payments. Every timestamp is distinct, so the time order is
 * the same whatever the order of the file.
 */
function historyPayments() {
  const txs = [];
  const remit = { name: 'QuickSend Remit', descriptor: 'QUICKSEND*REMIT', mcc: '4829', country: 'AU' };
  let k = 0;
  for (let day = 1; day <= 10; day++) {
    for (const time of ['00:40', '02:15', '23:05']) {
      txs.push({
        id: `hab-${String(k + 1).padStart(2, '0')}`,
        timestamp: `2026-11-${String(day).padStart(2, '0')}T${time}:00+10:00`,
        amount: `${20 + ((k * 23) % 60)}.${String((k * 37) % 100).padStart(2, '0')}`,
        currency: 'AUD',
        channel: 'remittance',
        sender: { id: 'acct-hab-au', country: 'AU', accountAgeDays: 900, isMinor: false },
        receiver: { id: 'acct-hab-ph', country: 'PH', isNew: k === 0 },
        merchant: remit,
      });
      k++;
    }
  }
  ['2026-08-03', '2026-09-02', '2026-10-02', '2026-11-03'].forEach((date, i) => {
    txs.push({
      id: `fam-${i + 1}`,
      timestamp: `${date}T10:30:00+10:00`,
      amount: ['450.00', '520.00', '480.00', '500.00'][i],
      currency: 'AUD',
      channel: 'remittance',
      memo: 'for mum',
      sender: { id: 'acct-fam-au', country: 'AU', accountAgeDays: 2400, isMinor: false },
      receiver: { id: 'acct-fam-ph', country: 'PH', isNew: i === 0 },
      merchant: remit,
    });
  });
  for (let i = 0; i < 6; i++) {
    txs.push({
      id: `loc-${i + 1}`,
      timestamp: `2026-11-${String(i + 2).padStart(2, '0')}T12:${String(10 + i).padStart(2, '0')}:00+10:00`,
      amount: `${11 + i * 4}.50`,
      currency: 'AUD',
      channel: 'card',
      sender: { id: 'acct-local-au', country: 'AU', accountAgeDays: 1500, isMinor: false },
      merchant: { name: 'CityRide', descriptor: 'CITYRIDE*TRIP', mcc: '4121', country: 'AU' },
    });
  }
  return txs;
}

/** The same array in an order fixed by `seed` (Fisher-Yates with mulberry32). */
function shuffled(items, seed) {
  const out = [...items];
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const toNdjson = (txs) => txs.map((tx) => JSON.stringify(tx)).join('\n') + '\n';

/** CSV with the samples' header: every value here is free of commas and quotes. */
function toCsv(txs) {
  const columns = HEADER.split(',');
  const cell = (tx, name) => name.split('.').reduce((v, key) => v?.[key], tx) ?? '';
  return [HEADER, ...txs.map((tx) => columns.map((c) => String(cell(tx, c))).join(','))].join('\n') + '\n';
}

/**
 * What the API gives when the host replays `txs` in time order, one state per
 * account: the verdicts in that order, the number of accounts and the
 * largest state.
 */
function replayWithApi(txs, options) {
  const screener = new jejak.Screener(null, options);
  const states = new Map();
  let largest = 0;
  const ordered = [...txs].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const verdicts = ordered.map((tx) => {
    const r = screener.screenWithHistory(tx, { sender: states.get(tx.sender?.id), receiver: states.get(tx.receiver?.id) });
    for (const side of ['sender', 'receiver']) {
      if (r[side] === undefined) continue;
      states.set(tx[side].id, r[side]);
      largest = Math.max(largest, r[side].byteLength);
    }
    return r.verdict;
  });
  return { ordered, verdicts, accounts: states.size, largest };
}

/** A --history document without line numbers, which depend on the order of the file. */
function withoutLines(doc) {
  return JSON.parse(JSON.stringify(doc, (key, value) => (key === 'line' ? undefined : value)));
}

/** The table's "Accounts that reached review or high" section. */
function accountsSection(stdout) {
  return stdout.split('\nAccounts that reached review or high')[1].split('\nA flag is a reason')[0].split('\nRejected rows')[0];
}

test('--history: replays in time order, matches the API, lists the habitual payer and not the family remittance', async () => {
  const txs = historyPayments();
  const path = file('history.ndjson', toNdjson(shuffled(txs, 7)));
  const { code, stdout, stderr } = await jejakCli(['screen', path, '--history', '--format', 'json']);
  assert.equal(code, 0, stderr);
  assert.equal(stderr, '');
  const doc = JSON.parse(stdout);
  const api = replayWithApi(txs);
  assert.deepEqual(doc.rows.map((r) => r.id), api.ordered.map((tx) => tx.id), 'rows in time order');
  assert.deepEqual(doc.rows.map((r) => r.verdict), api.verdicts);
  assert.deepEqual(doc.counts.rejected, 0);
  assert.equal(doc.history.accounts, 5);
  assert.equal(doc.history.accounts, api.accounts);
  assert.equal(doc.history.largestStateBytes, api.largest);
  assert.ok(doc.history.largestStateBytes > 0 && doc.history.largestStateBytes <= 4096);

  const timelines = new Map(doc.history.timelines.map((t) => [t.account, t]));
  const payer = timelines.get('acct-hab-au');
  assert.ok(payer, `the habitual payer is listed: ${[...timelines.keys()]}`);
  assert.ok(['review', 'high'].includes(payer.peakLevel));
  assert.equal(payer.timeline.length, 30);
  assert.ok(payer.timeline.every((e) => e.role === 'paid' && e.counterparty === 'acct-hab-ph' && e.currency === 'AUD'));
  const instants = payer.timeline.map((e) => Date.parse(e.timestamp));
  assert.deepEqual(instants, [...instants].sort((a, b) => a - b), 'the timeline is in time order');
  assert.equal(new Set(instants).size, 30);
  const flagged = payer.timeline.filter((e) => e.historyFlags.length > 0);
  assert.ok(flagged.length > 0, 'history flags on the payer');
  for (const e of flagged) for (const id of e.historyFlags) assert.match(id, HISTORY_FLAG);
  assert.ok(payer.timeline.some((e) => ['review', 'high'].includes(e.level) && e.historyFlags.length > 0));
  // Each entry is its row: the same score, level and amount as written.
  const byId = new Map(doc.rows.map((r) => [r.id, r]));
  const original = new Map(txs.map((tx) => [tx.id, tx]));
  for (const e of payer.timeline) {
    assert.equal(e.score, byId.get(e.id).verdict.score);
    assert.equal(e.level, byId.get(e.id).verdict.level);
    assert.equal(e.line, byId.get(e.id).line);
    assert.equal(e.amount, original.get(e.id).amount);
    assert.equal(e.timestamp, original.get(e.id).timestamp);
  }
  assert.ok(!timelines.has('acct-fam-au'), 'the family remittance is not listed');
  assert.ok(!timelines.has('acct-fam-ph'));
  assert.ok(!timelines.has('acct-local-au'));
  for (const r of doc.rows.filter((row) => row.id.startsWith('fam-'))) {
    assert.ok(!['review', 'high'].includes(r.verdict.level), r.id);
  }
  assert.deepEqual(byId.get('hab-02').verdict.history, { sender: 'updated', receiver: 'updated' });
  assert.equal(byId.get('loc-1').verdict.history.receiver, 'noId');

  // Without --history the same file gets no history flag: the replay is what finds the payer.
  const plain = JSON.parse((await jejakCli(['screen', path, '--format', 'json'])).stdout);
  assert.ok(plain.rows.every((r) => r.verdict.flags.every((f) => !HISTORY_FLAG.test(f.indicator))));
  assert.equal(plain.history, undefined);
});

test('--history: the same report whatever the order of the rows in the file', async () => {
  const txs = historyPayments();
  const orders = [txs, [...txs].reverse(), shuffled(txs, 1), shuffled(txs, 2024)];
  const docs = [];
  const tables = [];
  for (const [i, order] of orders.entries()) {
    const path = file(`order-${i}.ndjson`, toNdjson(order));
    const json = await jejakCli(['screen', path, '--history', '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    docs.push(withoutLines(JSON.parse(json.stdout)));
    const table = await jejakCli(['screen', path, '--history']);
    assert.equal(table.code, 0, table.stderr);
    tables.push(accountsSection(table.stdout));
  }
  for (let i = 1; i < orders.length; i++) {
    assert.deepEqual(docs[i], docs[0], `order ${i}`);
    assert.equal(tables[i], tables[0], `order ${i}`);
  }
  assert.ok(docs[0].history.timelines.length > 0);
});

test('--history: CSV gives what NDJSON gives; the table and NDJSON outputs', async () => {
  const order = shuffled(historyPayments(), 99);
  const ndjsonPath = file('history-2.ndjson', toNdjson(order));
  const csvPath = file('history-2.csv', toCsv(order));
  const fromNdjson = JSON.parse((await jejakCli(['screen', ndjsonPath, '--history', '--format', 'json'])).stdout);
  const csv = await jejakCli(['screen', csvPath, '--history', '--format', 'json']);
  assert.equal(csv.code, 0, csv.stderr);
  const fromCsv = JSON.parse(csv.stdout);
  assert.deepEqual(withoutLines(fromCsv), withoutLines(fromNdjson));
  // CSV lines count the header.
  assert.deepEqual(fromCsv.rows.map((r) => r.line), fromNdjson.rows.map((r) => r.line + 1));

  const table = await jejakCli(['screen', csvPath, '--history']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^history: replayed in timestamp order; 5 accounts, largest state [\d,]+ bytes$/m);
  const section = accountsSection(table.stdout);
  assert.match(section, /\n {2}acct-hab-au {2}peak (REVIEW|HIGH), score \d+, 30 transactions\n/);
  assert.match(section, /\n {4}2026-11-01T00:40:00\+10:00 {2}paid {2}\S+ AUD +to acct-hab-ph +score \d+ +\w+/);
  assert.match(section, / JEJAK-(SIG-)?HIST-/);
  assert.doesNotMatch(section, /acct-fam-au|acct-local-au/);
  const payerLines = section.split('\n  acct-hab-au ')[1].split('\n\n')[0].split('\n').slice(1).filter((l) => l !== '');
  assert.equal(payerLines.length, 30);
  const stamps = payerLines.map((l) => Date.parse(l.trim().split(/\s+/)[0]));
  assert.deepEqual(stamps, [...stamps].sort((a, b) => a - b));

  const nd = await jejakCli(['screen', csvPath, '--history', '--format', 'ndjson']);
  assert.equal(nd.code, 0, nd.stderr);
  const lines = nd.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 41);
  assert.deepEqual(lines.slice(0, 40), fromCsv.rows);
  assert.deepEqual(lines[40], { history: fromCsv.history });
});

test('--history: rows without a usable timestamp are bad rows, reported first; the others are replayed', async () => {
  const txs = historyPayments().slice(0, 12);
  const lines = shuffled(txs, 5).map((tx) => JSON.stringify(tx));
  const bad = (id, timestamp) => JSON.stringify({ ...txs[0], id, timestamp });
  lines.splice(3, 0, bad('bad-date', '2026-11-31T01:00:00+10:00')); // line 4: no 31 November
  lines.splice(6, 0, '{"id": "broken", "timestamp": '); // line 7: not JSON
  lines.splice(8, 0, bad('no-offset', '2026-11-05T01:00:00')); // line 9: no UTC offset
  lines.splice(10, 0, JSON.stringify({ ...txs[1], id: 'bad-amount', timestamp: '2026-11-02T01:00:00+10:00', amount: 'abc' })); // line 11
  lines.splice(12, 0, JSON.stringify({ ...txs[1], id: 'no-time', timestamp: undefined })); // line 13
  const path = file('history-bad.ndjson', lines.join('\n') + '\n');
  const { code, stdout, stderr } = await jejakCli(['screen', path, '--history', '--format', 'json']);
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.deepEqual(doc.counts.rows, 17);
  assert.deepEqual(doc.counts.rejected, 5);
  assert.deepEqual(doc.counts.screened, 12);
  assert.deepEqual(
    doc.rows.slice(0, 4).map((r) => [r.line, r.id, r.ok, r.error.code, r.error.path]),
    [
      [4, 'bad-date', false, 'invalid_transaction', '/timestamp'],
      [7, null, false, 'invalid_transaction', ''],
      [9, 'no-offset', false, 'invalid_transaction', '/timestamp'],
      [13, 'no-time', false, 'invalid_transaction', '/timestamp'],
    ],
  );
  // A row with a good timestamp but a bad field is rejected where it falls in time.
  const ids = doc.rows.slice(4).map((r) => r.id);
  const api = replayWithApi(txs);
  const expected = api.ordered.map((tx) => tx.id);
  expected.splice(expected.indexOf('hab-05'), 0, 'bad-amount'); // 2 November 01:00 is before hab-05 at 02:15
  assert.deepEqual(ids, expected);
  const badAmount = doc.rows.find((r) => r.id === 'bad-amount');
  assert.deepEqual([badAmount.ok, badAmount.line, badAmount.error.path], [false, 11, '/amount']);
  assert.deepEqual(doc.rows.filter((r) => r.ok).map((r) => r.verdict), api.verdicts, 'bad rows leave the states alone');

  const table = await jejakCli(['screen', path, '--history']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /17 rows, 12 screened, 5 rejected/);
  const rejected = table.stdout.split('\nRejected rows\n')[1].split('\n\n')[0].split('\n');
  assert.deepEqual(rejected.map((l) => Number(/^ {2}line (\d+): /.exec(l)[1])), [4, 7, 9, 11, 13], 'in file order');
  assert.match(rejected[0], /invalid_transaction at \/timestamp: /);
  assert.match(rejected[1], /invalid_transaction at \/: not valid JSON/);

  const csv = file('history-bad.csv', toCsv([txs[0], { ...txs[1], timestamp: 'yesterday' }, txs[2]]));
  const fromCsv = await jejakCli(['screen', csv, '--history', '--format', 'ndjson']);
  assert.equal(fromCsv.code, 0, fromCsv.stderr);
  const csvRows = fromCsv.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(csvRows.slice(0, 3).map((r) => [r.line, r.id, r.ok]), [[3, 'hab-02', false], [2, 'hab-01', true], [4, 'hab-03', true]]);
  assert.equal(csvRows[0].error.path, '/timestamp');
  assert.equal(csvRows[3].history.accounts, 2);
});

test('--history-key: passed to the Screener; a refused key or one without --history exits 2', async () => {
  const txs = historyPayments();
  const path = file('history-key.ndjson', toNdjson(shuffled(txs, 3)));
  const historyKey = 'stand-in host secret for tests';
  const keyed = await jejakCli(['screen', path, '--history', '--history-key', historyKey, '--format', 'json']);
  assert.equal(keyed.code, 0, keyed.stderr);
  const doc = JSON.parse(keyed.stdout);
  const api = replayWithApi(txs, { historyKey });
  assert.deepEqual(doc.rows.map((r) => r.verdict), api.verdicts);
  assert.ok(doc.history.timelines.some((t) => t.account === 'acct-hab-au'));

  const short = await jejakCli(['screen', path, '--history', '--history-key', 'short']);
  assert.equal(short.code, 2);
  assert.equal(short.stdout, '');
  assert.match(short.stderr, /--history-key/);
  const alone = await jejakCli(['screen', path, '--history-key', historyKey]);
  assert.equal(alone.code, 2);
  assert.match(alone.stderr, /--history-key needs --history/);
  const help = await jejakCli(['--help']);
  assert.match(help.stdout, /--history /);
  assert.match(help.stdout, /--history-key <key>/);
});
