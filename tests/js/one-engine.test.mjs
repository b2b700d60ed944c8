// One engine: the JavaScript in pkg/ keeps no date arithmetic, envelope
// layout or hash construction of its own; it asks the engine. And the
// instants `jejak screen --history` orders rows by are the engine's, on a
// table of timestamps with the order written out by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { consumer, ROOT, runJejak } from './util.mjs';

const PKG = join(ROOT, 'pkg');

/** The package's own JavaScript: everything but the generated glue in dist/. */
function sources(dir = PKG) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'dist' || name === 'node_modules') continue;
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(mjs|cjs|js)$/.test(name)) out.push(path);
  }
  return out;
}

const FORBIDDEN = [
  ['an RFC 3339 regular expression', /\\d\{4\}\)?-\(?\\d\{2\}|\[Tt\]/],
  ['civil-day arithmetic', /146_?097|719_?468|36_?524|civilDays|days_?from_?civil/i],
  ['the envelope magic', /JJKS/],
  ['a fixed-offset read', /\.read(?:Big)?U?Int(?:8|16|32|64)(?:LE|BE)?\(|subarray\(\s*\d+\s*,\s*\d+\s*\)/],
  ['a hash construction', /createHash\(|jejak-term|jejak-id/],
  ['a signature of its own', /\bsign as cryptoSign\b|cryptoSign\(|createPrivateKey\(/],
];

test('pkg/ holds no date arithmetic, envelope layout or hash construction of its own', () => {
  const files = sources();
  assert.ok(files.some((f) => f.endsWith('jejak.mjs')), 'the CLI is among the files scanned');
  const found = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [what, pattern] of FORBIDDEN) {
      const m = pattern.exec(text);
      if (m) found.push(`${relative(ROOT, file)}: ${what} (${JSON.stringify(m[0])})`);
    }
  }
  assert.deepEqual(found, []);
});

// Timestamps in the order of their instants (equal instants on one line);
// then text the engine does not read as a timestamp.
const ORDERED = [
  ['0000-03-01T00:00:00Z'],
  ['1999-12-31T23:59:59Z', '2000-01-01T08:59:59+09:00'],
  ['2024-02-29T12:00:00-00:30'],
  ['2026-11-19T16:10:00Z', '2026-11-20T02:10:00+10:00', '2026-11-19T16:10:00.000Z', '2026-11-19t16:10:00z'],
  ['2026-11-19T16:10:00.05Z'],
  ['2026-11-19T16:10:00.5Z', '2026-11-19T17:10:00.50+01:00'],
  ['2026-11-19T16:10:59Z'],
  ['2026-11-19T16:10:60Z', '2026-11-19T16:11:00Z'],
  ['2026-11-20T00:00:00-23:59'],
  ['9999-12-31T23:59:59Z'],
];
const UNREADABLE = ['2026-02-29T00:00:00Z', '2026-11-19 16:10:00Z', '2026-11-19T16:10:00', '2026-11-19T24:00:00Z', '2026-11-19T16:10:00+24:00'];

test('the instants jejak screen --history orders by are the engine\'s', async () => {
  const dir = consumer('node-esm');
  const { timestampKey } = await import(join(dir, 'node_modules', 'jejak', 'entries', 'node.mjs'));
  const keys = ORDERED.map((same) => same.map((t) => timestampKey(t)));
  for (const [i, same] of keys.entries()) {
    assert.ok(same.every((k) => k === same[0]), `equal instants get equal keys: ${ORDERED[i]} → ${same}`);
    if (i > 0) assert.ok(keys[i - 1][0] < same[0], `${ORDERED[i - 1][0]} sorts before ${ORDERED[i][0]}`);
  }
  for (const t of UNREADABLE) assert.equal(timestampKey(t), undefined, t);

  // The CLI replays rows written newest first in that order, oldest first,
  // rows it cannot place first of all.
  const rows = ORDERED.flat()
    .reverse()
    .map((timestamp, i) => ({ id: `r${i}`, timestamp, amount: '10', currency: 'USD', channel: 'p2p', sender: { id: 'a' }, receiver: { id: 'b' } }));
  rows.push({ id: 'bad', timestamp: UNREADABLE[1], amount: '10', currency: 'USD', channel: 'p2p' });
  const file = join(mkdtempSync(join(tmpdir(), 'jejak-instants-')), 'rows.ndjson');
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const r = await runJejak(join(dir, 'node_modules', '.bin', 'jejak'), dir, ['screen', file, '--history', '--format', 'ndjson']);
  assert.equal(r.code, 0, r.stderr);
  const replayed = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((l) => l.id !== undefined);
  assert.equal(replayed[0].id, 'bad');
  const byId = new Map(rows.map((row) => [row.id, row.timestamp]));
  const order = replayed.slice(1).map((l) => byId.get(l.id));
  const rank = (t) => ORDERED.findIndex((same) => same.includes(t));
  for (let i = 1; i < order.length; i++) assert.ok(rank(order[i - 1]) <= rank(order[i]), `${order[i - 1]} before ${order[i]}`);
  assert.equal(order.length, ORDERED.flat().length);
});
