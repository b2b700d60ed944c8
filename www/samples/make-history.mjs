#!/usr/bin/env node
// Writes the History view's bundled scenarios (www/samples/history-*.ndjson
// and history-all.csv): synthetic payments of synthetic accounts, with
// harmless stand-in memos, built from a fixed seed so that running it again
// gives the same bytes.
//
//   node www/samples/make-history.mjs           rewrite the files
//   node www/samples/make-history.mjs --check   exit 1 if a file differs from what this script writes
//
// The stories (all accounts and ids invented):
// - habitual: cust-au-1001 pays the same payee in the Philippines (payee-ph-2001)
//   AUD 20-80, late at night, several times a week for four weeks, the amounts rising;
// - minor: cust-au-1002, a minor's account, buys small things at home for weeks,
//   then pays a new payee abroad (payee-ng-2002) four times in one evening;
// - ewallet: wallet-id-3001, a personal e-wallet in Indonesia, used by its
//   owner at QRIS merchants for two weeks, then receives small IDR payments
//   from 24 senders who never paid it before (six from abroad, most of the
//   others Rp 50,000 each) over two days, then sweeps the money to a bank
//   account (bank-id-3002);
// - benign: cust-au-1003 sends family-ph-2003 one remittance a month in the
//   daytime, and shop-id-5001, a food stall with a merchant id, is paid many
//   times by 15 regular customers.
// Each story's payments are written in story order; the combined file lists
// the stories one after another, not in time order (the page sorts them).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './seeded.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

const { int, pick } = seeded(20261120);
/** Fisher-Yates (not sort with a random comparator, whose result depends on the engine's sort). */
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/**
 * RFC 3339 local time with its offset: `day` is a date `2026-11-03`, `minutes`
 * minutes after that local midnight (may pass 24 h: the date moves on).
 */
function stamp(day, minutes, offset) {
  const base = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  const d = new Date(base);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offset}`;
}
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The instant of an RFC 3339 timestamp, for sorting. */
const instant = (ts) => Date.parse(ts);

// ---- the stories ----

function habitual() {
  const out = [];
  // Four weeks, three or four nights a week, between 22:30 and 02:30 Brisbane time.
  const nights = [];
  for (let week = 0; week < 4; week++) {
    const days = shuffle([0, 1, 2, 3, 4, 5, 6]).slice(0, week < 2 ? 3 : 4).sort((a, b) => a - b);
    for (const d of days) nights.push(addDays('2026-11-02', week * 7 + d));
  }
  nights.forEach((day, i) => {
    // From about AUD 20 to about AUD 80, a few dollars either way, whole dollars.
    const amount = Math.min(80, Math.max(20, Math.round(20 + (60 * i) / (nights.length - 1) + int(-4, 4))));
    out.push({
      timestamp: stamp(day, 22 * 60 + 30 + int(0, 240), '+10:00'),
      amount: `${amount}.00`,
      currency: 'AUD',
      channel: 'remittance',
      memo: pick(['thanks', 'see you', 'ok', 'hello again', '']),
      sender: { id: 'cust-au-1001', country: 'AU', accountAgeDays: 640 + i },
      receiver: { id: 'payee-ph-2001', country: 'PH' },
    });
  });
  return out;
}

function minor() {
  const out = [];
  // Small purchases at home through October (the account's ordinary life).
  for (let i = 0; i < 6; i++) {
    out.push({
      timestamp: stamp(addDays('2026-10-03', i * 5 + int(0, 2)), 15 * 60 + int(0, 180), '+10:00'),
      amount: `${int(4, 15)}.${pick(['00', '50', '95'])}`,
      currency: 'AUD',
      channel: 'card',
      sender: { id: 'cust-au-1002', country: 'AU', accountAgeDays: 180 + i * 5, isMinor: true },
      merchant: { name: 'Corner Books', descriptor: 'CORNERBOOKS*STORE', mcc: '5942', country: 'AU' },
    });
  }
  // Then one evening: four payments to a payee abroad it never paid before, within three hours.
  const times = [19 * 60 + 5, 19 * 60 + 48, 20 * 60 + 36, 21 * 60 + 52];
  times.forEach((m, i) => {
    out.push({
      timestamp: stamp('2026-11-14', m, '+10:00'),
      amount: `${[60, 100, 150, 250][i]}.00`,
      currency: 'AUD',
      channel: 'p2p',
      memo: i === 0 ? 'hi' : '',
      sender: { id: 'cust-au-1002', country: 'AU', accountAgeDays: 222, isMinor: true },
      receiver: { id: 'payee-ng-2002', country: 'NG' },
    });
  });
  return out;
}

function ewallet() {
  const out = [];
  // The owner's own spending first: QRIS payments at registered shops for two
  // weeks, so the wallet's history is old enough to tell a new payer.
  const shops = [
    { id: 'ID1026500170021', name: 'Kopi Pagi Bandung', mcc: '5814', country: 'ID', city: 'Bandung', criteria: 'uke', qrType: 'static' },
    { id: 'ID1026500170045', name: 'Minimarket Sejahtera', mcc: '5411', country: 'ID', city: 'Bandung', criteria: 'ume', qrType: 'dynamic' },
  ];
  for (let i = 0; i < 8; i++) {
    out.push({
      timestamp: stamp(addDays('2026-11-03', i * 2), pick([8, 12, 17]) * 60 + int(0, 59), '+07:00'),
      amount: String(int(12, 90) * 1000),
      currency: 'IDR',
      channel: 'qris',
      sender: { id: 'wallet-id-3001', country: 'ID', accountAgeDays: 25 + i * 2, kyc: 'registered' },
      merchant: pick(shops),
    });
  }
  const payments = [];
  // 18 senders at home and 6 abroad, each paying once, over two days; most
  // at home pay one price (police cases report fixed rupiah prices).
  for (let i = 0; i < 24; i++) {
    const abroad = i % 4 === 3;
    const from = abroad ? pick(['AU', 'SG', 'MY', 'US']) : 'ID';
    payments.push({
      timestamp: stamp('2026-11-19', 8 * 60 + int(0, 38 * 60), '+07:00'),
      amount: String(abroad ? int(10, 30) * 10_000 : pick([50_000, 50_000, 50_000, 25_000])),
      currency: 'IDR',
      channel: abroad ? 'remittance' : 'p2p',
      memo: pick(['makasih', 'ok kak', 'done', '']),
      sender: { id: `cust-${from.toLowerCase()}-${4001 + i}`, country: from, accountAgeDays: int(30, 2000) },
      receiver: { id: 'wallet-id-3001', country: 'ID' },
    });
  }
  payments.sort((a, b) => instant(a.timestamp) - instant(b.timestamp));
  out.push(...payments);
  // Early the next morning, most of the money leaves for a bank account.
  const total = payments.reduce((sum, p) => sum + Number(p.amount), 0);
  const last = payments[payments.length - 1].timestamp.slice(0, 10);
  out.push({
    timestamp: stamp(last, 24 * 60 + 6 * 60 + 40, '+07:00'),
    amount: String(Math.floor((total * 0.95) / 1000) * 1000),
    currency: 'IDR',
    channel: 'bank_transfer',
    memo: 'tarik',
    sender: { id: 'wallet-id-3001', country: 'ID', accountAgeDays: 43, kyc: 'registered' },
    receiver: { id: 'bank-id-3002', country: 'ID' },
  });
  return out;
}

function benign() {
  const out = [];
  // A monthly remittance to family, in the daytime, for four months.
  for (let m = 0; m < 4; m++) {
    out.push({
      timestamp: stamp(`2026-${pad(8 + m)}-05`, 11 * 60 + int(0, 240), '+10:00'),
      amount: `${int(38, 45) * 10}.00`,
      currency: 'AUD',
      channel: 'remittance',
      memo: 'family support',
      sender: { id: 'cust-au-1003', country: 'AU', accountAgeDays: 2900 + m * 30 },
      receiver: { id: 'family-ph-2003', country: 'PH' },
    });
  }
  // A food stall with a QRIS merchant id: 15 regular customers, lunch and dinner, through November.
  for (let c = 0; c < 15; c++) {
    const visits = int(2, 5);
    for (let v = 0; v < visits; v++) {
      out.push({
        timestamp: stamp(addDays('2026-11-02', int(0, 26)), pick([11, 12, 18, 19]) * 60 + int(0, 59), '+07:00'),
        amount: String(int(15, 85) * 1000),
        currency: 'IDR',
        channel: 'qris',
        sender: { id: `cust-id-${6001 + c}`, country: 'ID', accountAgeDays: int(200, 3000) },
        receiver: { id: 'shop-id-5001', country: 'ID' },
        merchant: { id: 'ID1026500150011', name: 'Warung Sari Rasa', mcc: '5812', country: 'ID', city: 'Bandung' },
      });
    }
  }
  return out;
}

// ---- files ----

const STORIES = { habitual: habitual(), minor: minor(), ewallet: ewallet(), benign: benign() };

// Transaction ids follow time order across all stories, as a host's ledger would number them.
const everything = Object.values(STORIES).flat();
[...everything]
  .sort((a, b) => instant(a.timestamp) - instant(b.timestamp))
  .forEach((tx, i) => {
    tx.id = `h-${pad(i + 1, 4)}`;
  });

const KEYS = ['id', 'timestamp', 'amount', 'currency', 'channel', 'memo', 'sender', 'receiver', 'merchant'];
/** The transaction's keys in the order of the Transaction type, without an empty memo. */
function tidy(tx) {
  const out = {};
  for (const k of KEYS) if (tx[k] !== undefined && tx[k] !== '') out[k] = tx[k];
  return out;
}

const ndjson = (txs) => txs.map((tx) => JSON.stringify(tidy(tx))).join('\n') + '\n';

const COLUMNS = [
  'id', 'timestamp', 'amount', 'currency', 'channel', 'memo',
  'sender.id', 'sender.country', 'sender.accountAgeDays', 'sender.isMinor', 'sender.kyc',
  'receiver.id', 'receiver.country',
  'merchant.id', 'merchant.name', 'merchant.descriptor', 'merchant.mcc', 'merchant.country', 'merchant.city', 'merchant.criteria', 'merchant.qrType',
];
const cell = (v) => {
  if (v === undefined || v === null) return '';
  const text = String(v);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const get = (tx, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), tx);
const csv = (txs) => [COLUMNS.join(','), ...txs.map((tx) => COLUMNS.map((c) => cell(get(tidy(tx), c))).join(','))].join('\n') + '\n';

const FILES = {
  'history-all.ndjson': ndjson(everything),
  'history-all.csv': csv(everything),
  'history-habitual.ndjson': ndjson(STORIES.habitual),
  'history-minor.ndjson': ndjson(STORIES.minor),
  'history-ewallet.ndjson': ndjson(STORIES.ewallet),
  'history-benign.ndjson': ndjson(STORIES.benign),
};

if (process.argv.includes('--check')) {
  const stale = [];
  for (const [name, text] of Object.entries(FILES)) {
    let onDisk = null;
    try {
      onDisk = readFileSync(join(HERE, name), 'utf8');
    } catch {
      // missing: reported below
    }
    if (onDisk !== text) stale.push(name);
  }
  if (stale.length) {
    process.stderr.write(`make-history.mjs: out of date: ${stale.join(', ')} (run node www/samples/make-history.mjs)\n`);
    process.exit(1);
  }
  process.stdout.write(`make-history.mjs: ${Object.keys(FILES).length} files up to date (${everything.length} payments)\n`);
} else {
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(HERE, name), text);
  process.stdout.write(`make-history.mjs: wrote ${Object.keys(FILES).join(', ')} (${everything.length} payments)\n`);
}
