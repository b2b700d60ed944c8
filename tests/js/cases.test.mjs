// Follow the money as a user gets it: `jejak cases` and `jejak report` from
// the packed package installed into a consumer project (what `npx jejak`
// runs), and `jejak/cases` (buildCases) from the same install. Each bad
// input has its exit code and message; the reports are validated against
// the goAML 5.0.1 schema (tests/goaml_check.py, Python's xmlschema).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consumer, ROOT, run, runJejak } from './util.mjs';

const HISTORY = join(ROOT, 'www', 'samples', 'history-all.ndjson');
const GOAML = join(ROOT, 'tests', 'data', 'goaml');
const EXAMPLE = join(ROOT, 'docs', 'cases.example.json');
const PYTHON = process.env.PYTHON ?? 'python3';

let dir;
let bin;
let tmp;
let jejak;
let cases;
/** The bundled History scenarios (four stories, written one after another) in time order. */
let sorted;
before(async () => {
  dir = consumer('node-esm');
  bin = join(dir, 'node_modules', '.bin', 'jejak');
  const entries = join(dir, 'node_modules', 'jejak', 'entries');
  jejak = await import(pathToFileURL(join(entries, 'node.mjs')).href);
  cases = await import(pathToFileURL(join(entries, 'cases-node.mjs')).href);
  tmp = mkdtempSync(join(tmpdir(), 'jejak-cases-'));
  const rows = readFileSync(HISTORY, 'utf8').split('\n').filter((l) => l.trim());
  const key = (row) => jejak.timestampKey(JSON.parse(row).timestamp);
  sorted = rows.map((row) => [key(row), row]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, row]) => row);
});

const jejakCli = (args, options) => runJejak(bin, dir, args, options);

function file(name, text) {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const roles = (c) => Object.fromEntries(c.accounts.map((a) => [a.id, a.role]));

test('jejak cases: the collector of the e-wallet story with its payers, and no look-alike', async () => {
  const log = file('sorted.ndjson', sorted.join('\n') + '\n');
  const out = join(tmp, 'cases.json');
  const r = await jejakCli(['cases', log, '--out', out, '--progress']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /pass 1\/2: 104 rows, 0 refused/);
  assert.match(r.stderr, /104 rows \(0 skipped\), 3 cases; the largest, case-1, has 27 accounts/);
  const file_ = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(Object.keys(file_), ['cases']);
  const [first] = file_.cases;
  const role = roles(first);
  assert.equal(role['wallet-id-3001'], 'collector');
  assert.equal(Object.values(role).filter((x) => x === 'payer').length, 24);
  // The benign story's family remittance and food stall are in no case.
  for (const c of file_.cases) {
    for (const a of c.accounts) assert.doesNotMatch(a.id, /^(cust-au-1003|family-ph-2003|shop-id-5001)$/);
  }
  // Each transaction as a report needs it: date, amount (decimal string), parties.
  const t = first.transactions[0];
  assert.match(t.amount, /^\d+(\.\d+)?$/);
  assert.ok(t.timestamp && t.from && t.currency === 'IDR');
  assert.ok(first.indicators.every((i) => i.indicator && i.source));

  // The same log through jejak/cases gives the same cases.
  const api = cases.buildCases(sorted);
  assert.deepEqual(api.errors, []);
  assert.deepEqual(api.cases, file_.cases);
  // From stdin, and as CSV.
  const stdin = await jejakCli(['cases', '-', '--input', 'ndjson', '--out', '-'], { input: sorted.join('\n') });
  assert.equal(stdin.code, 0, stdin.stderr);
  assert.deepEqual(JSON.parse(stdin.stdout).cases, file_.cases);
});

test('jejak cases: an unsorted log, a bad row and a row without JSON are reported with line, code, path and message, and skipped', async () => {
  const bad = [...sorted];
  bad.splice(3, 0, '{"amount": "1"');
  bad.splice(5, 0, '{"timestamp": "2026-11-20T10:00:00+07:00", "amount": "-5", "currency": "IDR"}');
  bad.push(sorted[0]); // older than the row before
  const r = await jejakCli(['cases', file('bad.ndjson', bad.join('\n') + '\n'), '--out', join(tmp, 'bad.json')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^jejak: line 4: skipped: invalid_transaction at \/: /m);
  assert.match(r.stderr, /^jejak: line 6: skipped: invalid_transaction at \/amount: /m);
  assert.match(r.stderr, /^jejak: line 107: skipped: invalid_transaction at \/timestamp: the log is not in time order/m);
  assert.match(r.stderr, /107 rows \(3 skipped\), 3 cases/);
  // The API reports the same rows (counted from 0).
  const api = cases.buildCases(bad);
  assert.deepEqual(api.errors.map((e) => [e.row, e.code, e.path]), [
    [3, 'invalid_transaction', ''],
    [5, 'invalid_transaction', '/amount'],
    [106, 'invalid_transaction', '/timestamp'],
  ]);
});

test('jejak cases: unusable arguments and input exit 2 with a clear message', async () => {
  const log = file('ok.ndjson', sorted.join('\n') + '\n');
  const out = join(tmp, 'x.json');
  const cases_ = [
    [['cases', join(tmp, 'missing.ndjson'), '--out', out], /cannot read .*missing\.ndjson/],
    [['cases', tmp, '--input', 'ndjson', '--out', out], /is a directory/],
    [['cases', log], /cases needs --out FILE/],
    [['cases', log, '--out', out, '--hops', 'x'], /--hops must be a whole number from 0 to 8, not "x"/],
    [['cases', log, '--out', out, '--min-level', 'low'], /--min-level must be review or high, not "low"/],
    [['cases', log, '--out', out, '--verdicts', 'mine'], /--verdicts must be screen or supplied/],
    [['cases', log, '--out', out, '--history-key', 'short'], /--history-key: invalid_option at \/historyKey: /],
    [['cases', file('log.txt', '{}'), '--out', out], /cannot tell the format of .*log\.txt/],
    [['cases', '-', '--out', out], /reading stdin needs --input/],
    [['cases', log, '--out', join(tmp, 'no', 'such', 'dir.json')], /cannot write /],
    [['cases', file('bad.csv', '"unterminated\n'), '--out', out], /CSV header/],
  ];
  for (const [args, message] of cases_) {
    const r = await jejakCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
  }
});

test('jejak cases --history-key: accounts by their keyed hash, no account id in the file', async () => {
  const key = 'a host secret of 32 bytes.......';
  const out = join(tmp, 'hashed.json');
  const r = await jejakCli(['cases', file('h.ndjson', sorted.join('\n') + '\n'), '--out', out, '--history-key', key]);
  assert.equal(r.code, 0, r.stderr);
  const text = readFileSync(out, 'utf8');
  assert.doesNotMatch(text, /wallet-id-3001|cust-id-40/);
  const log = new cases.CaseLog(undefined, { historyKey: key, ids: 'hashed' });
  const hash = log.hashAccountId('wallet-id-3001');
  log.free();
  assert.match(hash, /^[0-9a-f]{16}$/);
  const collector = JSON.parse(text).cases[0].accounts.find((a) => a.id === hash);
  assert.equal(collector?.role, 'collector');
});

test('jejak cases --verdicts supplied: the verdicts the host screened with history give the same cases', async () => {
  const screener = new jejak.Screener();
  const states = new Map();
  const rows = sorted.map((row) => {
    const tx = JSON.parse(row);
    const { verdict, sender, receiver } = screener.screenWithHistory(tx, { sender: states.get(tx.sender?.id), receiver: states.get(tx.receiver?.id) });
    if (receiver && tx.receiver?.id) states.set(tx.receiver.id, receiver);
    if (sender && tx.sender?.id) states.set(tx.sender.id, sender);
    return JSON.stringify({ ...tx, verdict });
  });
  const out = join(tmp, 'supplied.json');
  const r = await jejakCli(['cases', file('supplied.ndjson', rows.join('\n') + '\n'), '--verdicts', 'supplied', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')).cases, cases.buildCases(sorted).cases);
  // A row without its verdict is reported and skipped.
  const missing = await jejakCli(['cases', file('nov.ndjson', sorted.slice(0, 2).join('\n') + '\n'), '--verdicts', 'supplied', '--out', out]);
  assert.equal(missing.code, 0);
  assert.match(missing.stderr, /line 1: skipped: invalid_verdict at \/verdict: the row carries no verdict/);
});

/** Validates reports against the goAML 5.0.1 schema (copied into tests/data/goaml): `{ code, stdout, stderr }`. */
async function validate(paths, extra = []) {
  try {
    return { code: 0, ...(await run(PYTHON, [join(ROOT, 'tests', 'goaml_check.py'), ...paths, ...extra], { cwd: ROOT, ms: 120_000 })) };
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    return e;
  }
}

test('jejak report: the example case as a goAML STR, with full parties and with placeholders, valid against the schema', async () => {
  const full = join(tmp, 'full.xml');
  const draft = join(tmp, 'draft.xml');
  const date = ['--submission-date', '2026-12-07T10:00:00'];
  const a = await jejakCli(['report', EXAMPLE, '--case', 'case-1', '--entity', join(GOAML, 'entity.json'), '--parties', join(GOAML, 'parties.json'), '--out', full, ...date]);
  assert.equal(a.code, 0, a.stderr);
  assert.match(a.stdout, /every party filled/);
  const b = await jejakCli(['report', EXAMPLE, '--case', 'case-1', '--entity', join(GOAML, 'entity.json'), '--locale', 'en', '--out', draft, ...date]);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /a DRAFT: 13 accounts without a KYC record/);
  const fullXml = readFileSync(full, 'utf8');
  const draftXml = readFileSync(draft, 'utf8');
  assert.match(fullXml, /<report_code>STR<\/report_code>/);
  assert.match(fullXml, /<t_from_my_client>/);
  assert.doesNotMatch(fullXml, /<reason>DRAF/);
  assert.match(draftXml, /<reason>DRAFT/);
  assert.match(draftXml, /<t_from>/);
  // The same bytes from jejak/cases.
  const api = cases.goamlReport(readFileSync(EXAMPLE, 'utf8'), {
    case: 'case-1',
    entity: JSON.parse(readFileSync(join(GOAML, 'entity.json'), 'utf8')),
    parties: readFileSync(join(GOAML, 'parties.json'), 'utf8'),
    submissionDate: '2026-12-07T10:00:00',
  });
  assert.equal(api.xml, fullXml);
  assert.equal(api.draft, false);
  const v = await validate([full, draft]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  // Mapped indicator codes: the generic schema lists none but -, so they
  // are refused there; the host's schema (here a copy of the generic one
  // with the indicator list widened) allows them.
  const codes = file('codes.json', JSON.stringify({ 'TEST-STANDIN': 'CSE1', 'JEJAK-SIG-HIST-FANIN': 'CSE2' }));
  const mapped = join(tmp, 'mapped.xml');
  const args = ['report', EXAMPLE, '--case', 'case-1', '--entity', join(GOAML, 'entity.json'), '--indicator-codes', codes, '--out', mapped, ...date];
  const refused = await jejakCli(args);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /codes\.json: invalid_record at \/indicatorCodes\/TEST-STANDIN: indicator "CSE1" must be one of the schema's report_indicator_type codes \(-\)/);
  const generic = readFileSync(join(GOAML, 'goAMLSchema.xsd'), 'utf8');
  const list = /(<xs:simpleType name="report_indicator_type">\s*<xs:restriction base="xs:string">\s*<xs:enumeration value="-" \/>)/;
  assert.match(generic, list);
  const host = file('fiu.xsd', generic.replace(list, '$1<xs:enumeration value="CSE1" /><xs:enumeration value="CSE2" />'));
  const m = await jejakCli([...args, '--schema', host]);
  assert.equal(m.code, 0, m.stderr);
  assert.match(readFileSync(mapped, 'utf8'), /<indicator>CSE1<\/indicator>/);
  assert.notEqual((await validate([mapped])).code, 0, 'the generic schema allows only -');
  const w = await validate([mapped], ['--widen-indicators', 'CSE1,CSE2']);
  assert.equal(w.code, 0, w.stdout + w.stderr);
});

test('jejak report: unusable input exits 2 and names the problem', async () => {
  const entity = JSON.parse(readFileSync(join(GOAML, 'entity.json'), 'utf8'));
  const { location, ...noLocation } = entity;
  assert.ok(location);
  const badGender = { ...entity, reporting_person: { ...entity.reporting_person, gender: 'X' } };
  const args = (extra) => ['report', EXAMPLE, '--out', join(tmp, 'r.xml'), ...extra];
  const cases_ = [
    [['report', join(tmp, 'none.json'), '--case', 'case-1', '--entity', join(GOAML, 'entity.json'), '--out', join(tmp, 'r.xml')], /cannot read cases file/],
    [['report', file('notcases.json', '{"cases": [{"id": 1}]}'), '--case', 'case-1', '--entity', join(GOAML, 'entity.json'), '--out', join(tmp, 'r.xml')], /invalid_case at \/cases\/0\/id/],
    [args(['--case', 'case-9', '--entity', join(GOAML, 'entity.json')]), /case-9.*case-1/],
    [args(['--case', 'case-1', '--entity', file('e1.json', JSON.stringify(noLocation))]), /e1\.json: invalid_record at \/entity\/location: .*location/],
    [args(['--case', 'case-1', '--entity', file('e2.json', JSON.stringify(badGender))]), /e2\.json: invalid_record at \/entity\/reporting_person\/gender: .*"X"/],
    [args(['--case', 'case-1', '--entity', file('e3.json', '{not json')]), /entity file .*e3\.json is not JSON/],
    [args(['--case', 'case-1']), /report needs --entity/],
    [args(['--case', 'case-1', '--entity', join(GOAML, 'entity.json'), '--locale', 'fr']), /--locale must be id or en/],
    [args(['--case', 'case-1', '--entity', join(GOAML, 'entity.json'), '--parties', file('p.json', '{"s0": {"person": {"first_name": "A"}}}')]), /p\.json: invalid_record at \/parties\/s0\/person/],
  ];
  for (const [argv, message] of cases_) {
    const r = await jejakCli(argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, argv.join(' '));
  }
});
