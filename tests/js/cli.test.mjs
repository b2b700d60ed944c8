// The `jejak` command as a user gets it: the packed package installed into a
// consumer project, run through node_modules/.bin/jejak (what `npx jejak`
// runs). Screens the samples in every format, bad rows with their line
// numbers, the locale, bad packs with their JSON path, `validate`, and the
// exit codes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consumer, ROOT } from './util.mjs';

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

/**
 * Runs the installed `jejak`; resolves `{ code, stdout, stderr }` whatever the
 * exit code. (Not util.mjs's `run`: that one decodes each chunk on its own, which
 * splits multi-byte characters such as `→` at chunk boundaries in long output.)
 */
function jejakCli(args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`jejak ${args.join(' ')} timed out`));
    }, 30_000);
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(input ?? '');
  });
}

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
