#!/usr/bin/env node
// Writes the "Follow the money" view's bundled scenario
// (www/samples/cases-demo.ndjson): synthetic payments of synthetic accounts,
// with harmless memos, in time order (jejak/cases reads a log in time
// order), built from a fixed seed so that running it again gives the same
// bytes.
//
//   node www/samples/make-cases.mjs           rewrite the file
//   node www/samples/make-cases.mjs --check   exit 1 if it differs from what this script writes
//
// The case, as the published PPATK and AUSTRAC case descriptions tell it
// (many small payments from many new senders, then the money swept on and
// taken out in cash); all accounts and ids invented:
// - collector: wallet-id-7001, a personal e-wallet its owner has used at
//   QRIS shops for two weeks, is paid small IDR amounts by 20 senders who
//   never paid it before (five of them abroad, most of the others Rp 50,000
//   each) over two days;
// - pass-through: the next morning it sweeps 95% of the money to
//   bank-id-7002, which passes 95% of it on within three hours to
//   wallet-id-7003;
// - cash-out: wallet-id-7003, opened days before, takes it out in cash at an
//   ATM and at an agent the same day.
// The sweep comes within two days of the payments, so the pack flags it
// itself (JEJAK-HIST-SWEEP-01): the bank account is then the payee of a
// flagged payment that the case's money feeds, which jejak/cases follows on
// (docs/CASES.md, "Growing a case").
// The look-alikes, which must stay out of the case:
// - a food stall with a QRIS merchant id (shop-id-7501) paid again and again
//   by 15 regular customers, two of whom are also among the collector's
//   payers (a payer's lunch is not the case's);
// - a family remittance: cust-hk-7801, working in Hong Kong, sends
//   family-id-7802 money home once a month;
// - an arisan (a rotating savings group): ten members pay arisan-id-7901 the
//   same amount each month and the whole pot goes to one member in turn;
// - a landlord (landlord-id-7952) paid the same rent each month by a tenant
//   (cust-id-7951).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seeded } from './seeded.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const FILE = 'cases-demo.ndjson';

const { int, pick } = seeded(20261105);

const pad = (n, w = 2) => String(n).padStart(w, '0');

/**
 * RFC 3339 local time with its offset: `day` is a date `2026-11-03`, `minutes`
 * minutes after that local midnight (may pass 24 h: the date moves on).
 */
function stamp(day, minutes, offset) {
  const d = new Date(Date.parse(`${day}T00:00:00Z`) + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${offset}`;
}
const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** Rupiah rounded down to a thousand, as a string (IDR has no minor unit here). */
const rupiah = (n) => String(Math.floor(n / 1000) * 1000);

const WIB = '+07:00';
const OFFSETS = { AU: '+10:00', SG: '+08:00', MY: '+08:00', US: '-05:00' };

// ---- the case ----

function theCase() {
  const out = [];
  // The owner's own spending: small QRIS payments at three shops for two
  // weeks, so the wallet's history is old enough to tell a new payer.
  const shops = [
    { id: 'ID1026500180031', name: 'Kopi Senja Depok', mcc: '5814', country: 'ID', city: 'Depok', criteria: 'umi', qrType: 'static' },
    { id: 'ID1026500180047', name: 'Toko Serba Ada', mcc: '5411', country: 'ID', city: 'Depok', criteria: 'ume', qrType: 'dynamic' },
    { id: 'ID1026500180052', name: 'Apotek Sehat Selalu', mcc: '5912', country: 'ID', city: 'Depok', criteria: 'uke', qrType: 'dynamic' },
  ];
  for (let i = 0; i < 7; i++) {
    out.push({
      timestamp: stamp(addDays('2026-10-20', i * 2), pick([8, 12, 17]) * 60 + int(0, 59), WIB),
      amount: String(int(12, 40) * 1000),
      currency: 'IDR',
      channel: 'qris',
      sender: { id: 'wallet-id-7001', country: 'ID', accountAgeDays: 40 + i * 2, kyc: 'registered' },
      merchant: shops[i % shops.length],
    });
  }
  // 20 first-time payers over two days: five abroad, the others mostly one
  // price (police cases report fixed rupiah prices). Two of those at home
  // are regulars of the food stall below.
  const payers = [];
  for (let i = 0; i < 20; i++) {
    const abroad = i % 4 === 3;
    const from = abroad ? ['AU', 'SG', 'MY', 'US', 'AU'][(i - 3) / 4] : 'ID';
    const local = 8 * 60 + int(0, 38 * 60);
    payers.push({
      timestamp: stamp('2026-11-03', local, abroad ? OFFSETS[from] : WIB),
      amount: String(abroad ? int(10, 30) * 10_000 : pick([50_000, 50_000, 50_000, 25_000])),
      currency: 'IDR',
      channel: abroad ? 'remittance' : 'p2p',
      memo: pick(['makasih', 'ok kak', 'sudah ya', '']),
      sender: { id: i === 0 || i === 5 ? `cust-id-76${pad(i + 1)}` : `cust-${from.toLowerCase()}-${7101 + i}`, country: from, accountAgeDays: int(30, 2000) },
      receiver: { id: 'wallet-id-7001', country: 'ID' },
    });
  }
  out.push(...payers);
  // The morning after the last of them, the wallet sends 95% of it to a
  // bank account.
  const total = payers.reduce((sum, p) => sum + Number(p.amount), 0);
  const sweep = Number(rupiah(total * 0.95));
  out.push({
    timestamp: stamp('2026-11-05', 7 * 60 + 15, WIB),
    amount: String(sweep),
    currency: 'IDR',
    channel: 'bi_fast',
    proxyType: 'account',
    memo: 'pindah dana',
    sender: { id: 'wallet-id-7001', country: 'ID', accountAgeDays: 58, kyc: 'registered' },
    receiver: { id: 'bank-id-7002', country: 'ID' },
  });
  // Within three hours, 95% of the sweep goes on to a new wallet.
  const passed = Number(rupiah(sweep * 0.95));
  out.push({
    timestamp: stamp('2026-11-05', 9 * 60 + 50, WIB),
    amount: String(passed),
    currency: 'IDR',
    channel: 'bi_fast',
    proxyType: 'phone',
    memo: 'titipan',
    sender: { id: 'bank-id-7002', country: 'ID', accountAgeDays: 900 },
    receiver: { id: 'wallet-id-7003', country: 'ID' },
  });
  // The same day the new wallet takes it out in cash: an ATM, then an agent.
  const atm = Number(rupiah(passed * 0.55));
  for (const [minutes, amount, cashOutType] of [[11 * 60 + 5, atm, 'atm'], [13 * 60 + 50, Number(rupiah(passed - atm)), 'agent']]) {
    out.push({
      timestamp: stamp('2026-11-05', minutes, WIB),
      amount: String(amount),
      currency: 'IDR',
      channel: 'cash_withdrawal',
      cashOutType,
      sender: { id: 'wallet-id-7003', country: 'ID', accountAgeDays: 4, kyc: 'registered' },
    });
  }
  return out;
}

// ---- the look-alikes ----

function foodStall() {
  const out = [];
  // 15 regulars at lunch and dinner over three weeks.
  for (let c = 0; c < 15; c++) {
    const visits = int(3, 6);
    for (let v = 0; v < visits; v++) {
      out.push({
        timestamp: stamp(addDays('2026-10-27', int(0, 20)), pick([11, 12, 18, 19]) * 60 + int(0, 59), WIB),
        amount: String(int(15, 60) * 1000),
        currency: 'IDR',
        channel: 'qris',
        sender: { id: `cust-id-76${pad(c + 1)}`, country: 'ID', accountAgeDays: int(200, 3000) },
        receiver: { id: 'shop-id-7501', country: 'ID' },
        merchant: { id: 'ID1026500190011', name: 'Warung Makan Bu Tini', mcc: '5812', country: 'ID', city: 'Depok', criteria: 'umi', qrType: 'static' },
      });
    }
  }
  return out;
}

function familyRemittance() {
  return ['2026-08-28', '2026-09-28', '2026-10-28'].map((day) => ({
    timestamp: stamp(day, 13 * 60 + int(0, 180), '+08:00'),
    amount: String(int(28, 32) * 100_000),
    currency: 'IDR',
    channel: 'remittance',
    memo: 'kiriman bulanan',
    sender: { id: 'cust-hk-7801', country: 'HK', accountAgeDays: 1400 },
    receiver: { id: 'family-id-7802', country: 'ID' },
  }));
}

function arisan() {
  const out = [];
  const members = Array.from({ length: 10 }, (_, i) => `cust-id-79${pad(i + 11)}`);
  // Three monthly rounds: every member pays Rp 500,000 in the first days of
  // the month, and the pot goes to the member whose turn it is.
  ['2026-09-01', '2026-10-01', '2026-11-01'].forEach((day, round) => {
    for (const member of members) {
      out.push({
        timestamp: stamp(addDays(day, int(0, 3)), 9 * 60 + int(0, 600), WIB),
        amount: '500000',
        currency: 'IDR',
        channel: 'p2p',
        memo: `arisan bulan ${round + 9}`,
        sender: { id: member, country: 'ID', accountAgeDays: int(500, 3000) },
        receiver: { id: 'arisan-id-7901', country: 'ID' },
      });
    }
    out.push({
      timestamp: stamp(addDays(day, 5), 19 * 60 + 30, WIB),
      amount: '5000000',
      currency: 'IDR',
      channel: 'p2p',
      memo: 'arisan, giliran',
      sender: { id: 'arisan-id-7901', country: 'ID', accountAgeDays: 1200 + round * 30 },
      receiver: { id: members[round * 3], country: 'ID' },
    });
  });
  return out;
}

function landlord() {
  return ['2026-09-03', '2026-10-03', '2026-11-03'].map((day, i) => ({
    timestamp: stamp(day, 10 * 60 + int(0, 300), WIB),
    amount: '2500000',
    currency: 'IDR',
    channel: 'bank_transfer',
    memo: 'sewa rumah',
    sender: { id: 'cust-id-7951', country: 'ID', accountAgeDays: 800 + i * 30 },
    receiver: { id: 'landlord-id-7952', country: 'ID' },
  }));
}

// ---- the file ----

// In time order, the order jejak/cases reads a log in (file order between
// equal instants); transaction ids follow it, as a host's ledger would number them.
const everything = [...theCase(), ...foodStall(), ...familyRemittance(), ...arisan(), ...landlord()]
  .map((tx, i) => ({ tx, i, at: Date.parse(tx.timestamp) }))
  .sort((a, b) => a.at - b.at || a.i - b.i)
  .map(({ tx }, i) => ({ id: `c-${pad(i + 1, 4)}`, ...tx }));

const KEYS = ['id', 'timestamp', 'amount', 'currency', 'channel', 'proxyType', 'cashOutType', 'memo', 'sender', 'receiver', 'merchant'];
/** The transaction's keys in the order of the Transaction type, without an empty memo. */
function tidy(tx) {
  const out = {};
  for (const k of KEYS) if (tx[k] !== undefined && tx[k] !== '') out[k] = tx[k];
  return out;
}
const text = everything.map((tx) => JSON.stringify(tidy(tx))).join('\n') + '\n';

if (process.argv.includes('--check')) {
  let onDisk = null;
  try {
    onDisk = readFileSync(join(HERE, FILE), 'utf8');
  } catch {
    // missing: reported below
  }
  if (onDisk !== text) {
    process.stderr.write(`make-cases.mjs: out of date: ${FILE} (run node www/samples/make-cases.mjs)\n`);
    process.exit(1);
  }
  process.stdout.write(`make-cases.mjs: ${FILE} up to date (${everything.length} payments)\n`);
} else {
  writeFileSync(join(HERE, FILE), text);
  process.stdout.write(`make-cases.mjs: wrote ${FILE} (${everything.length} payments)\n`);
}
