// Ordinary e-wallet traffic for `make eval` (false positives with history):
// three months of Indonesian e-wallet use by about 1,200 customers, generated
// from the published aggregates of PaySim (E. A. Lopez-Rojas, A. Elmir,
// S. Axelsson, "PaySim: A financial mobile money simulator for fraud
// detection", 28th European Modeling and Simulation Symposium (EMSS), 2016),
// read from ../shared/data/paysim (see its README.md). Like sequences.mjs,
// this file reads no pack, imports nothing of the package and knows no
// indicator: it is plain data generation, and every account in it is benign.
//
// What comes from PaySim (clientsProfiles.csv and hourly.csv; the per-step
// aggregatedTransactions.csv is not read, see calendar() for why):
// * how many times a month a client tops up (CASH_IN), pays (PAYMENT),
//   transfers (TRANSFER), cashes out (CASH_OUT) and sends to a bank account
//   (DEBIT): the bucket drawn by PaySim's `freq`, renormalised over the buckets
//   a person can have (CUSTOMER_MAX), the count uniform inside the bucket;
// * each amount: lognormal with the bucket's mean and coefficient of
//   variation, converted to rupiah by SCALING;
// * the hour of day per action (hourly.csv), used as the payer's local hour;
// * the agents: PaySim clients with 10 or more CASH_IN a month are cash-in
//   agents, not customers, and their buckets weight which agent people use.
// What is ours (PaySim has no countries, merchants, relationships, KYC or
// memos): the e-wallet flows each action becomes (MAPPING) and the split
// between them, who takes part in which action, the merchants, sellers,
// landlords, arisan groups, schools and families, the fixed monthly amounts
// (rent, arisan round, SPP, family support), zones, KYC and minors, the
// remittances from family abroad, opening hours, rounding and memos. Each such
// number says "ours" where it is set.
//
// The output is what a host would hold: each transaction in the engine's JSON
// format, in time order, with receiver.isNew as the host computes it (the
// first payment from that sender to that receiver in the window, unless the
// pair is known from before the window) and accountAgeDays at the payment.
//
// Everything is synthetic: ids, people, merchants, chains and banks are made
// up; memos are ordinary payment words.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './corpus.mjs';

/** Where `make eval` expects the PaySim aggregates: <repo>/../shared/data/paysim. */
export const PAYSIM_DIR_DEFAULT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data', 'paysim');

const ACTIONS = ['CASH_IN', 'PAYMENT', 'TRANSFER', 'CASH_OUT', 'DEBIT'];
// The largest monthly count a person (not a business) has, per action: 10–99 QRIS payments or
// transfers a month is a daily lunch or a bill splitter; 10+ top-ups, cash-outs or bank transfers a
// month is an agent's or a business's pattern (ours). What this leaves out of PaySim's clients:
// CASH_IN 81.2 % (the agents), CASH_OUT 2.6 %, DEBIT 3.1 %, PAYMENT 0.03 %, TRANSFER 0.04 %.
const CUSTOMER_MAX = { CASH_IN: 9, PAYMENT: 99, TRANSFER: 99, CASH_OUT: 9, DEBIT: 9 };
const AGENT_MIN = 10;
const DAY_MS = 86_400_000;

/**
 * PaySim units → rupiah, per action family. PaySim's amounts are in the simulated service's own
 * units, and its PAYMENT mean is about 1/49 of its CASH_IN mean, where in an Indonesian e-wallet a
 * QRIS purchase is about a fifth of a top-up: no single factor gives both.
 */
export const SCALING = {
  unitToIdr: { CASH_IN: 3, CASH_OUT: 3, TRANSFER: 3, PAYMENT: 25, DEBIT: 100 },
  why: [
    "PaySim's amounts are in the simulated mobile-money service's own units, so they need a conversion, and a single factor does not work. Over",
    "the buckets a person has, PaySim's mean PAYMENT is 2,196 units and its mean CASH_IN 106,629 (client-weighted), a ratio of 1:49, while in an",
    'Indonesian e-wallet a QRIS purchase of a meal or groceries (typically Rp 20,000–100,000) is about a fifth of a top-up (typically Rp',
    '50,000–500,000). One factor of 25 puts QRIS at about Rp 55,000 but top-ups at Rp 2.7 million, above the Rp 2,000,000 balance cap of an',
    'unregistered account (PBI 20/6/PBI/2018); one factor of 3 puts top-ups at Rp 320,000 but a QRIS payment at Rp 6,600. So there is one factor',
    'per family of actions, each anchored on typical amounts: ×3 for the money-moving actions CASH_IN, CASH_OUT and TRANSFER, which keeps',
    "PaySim's ratios between them (a top-up ≈ Rp 320,000, a cash-out ≈ Rp 210,000, a P2P transfer Rp 198,000 in the once-a-month bucket up to Rp",
    '862,000 in the 10–99 bucket); ×25 for PAYMENT (a QRIS payment ≈ Rp 55,000, Rp 49,000–58,000 by bucket); and ×100 for DEBIT, which the paper',
    "describes as like a cash-out to a bank account but whose PaySim mean (1,920 units) is 1/36 of CASH_OUT's (69,800): ×100 puts it at ≈ Rp",
    "192,000, next to the cash-outs. Within an action the factor is the same for every bucket, so PaySim's ratios between buckets and its",
    'within-bucket coefficient of variation are kept. Amounts are then rounded as people pay (QRIS to Rp 500/1,000 or an exact till price,',
    'top-ups to Rp 10,000/50,000, P2P to round thousands), capped at Rp 1,000,000 a payment for unregistered accounts and halved for teenagers.',
    'Weighted by transactions rather than clients the means move (TRANSFER to ≈ Rp 600,000, because the 4 % of clients in the 10–99 bucket make',
    'most transfers); background().stats.amounts has the generated ones. Flows PaySim does not describe (kos rent, arisan rounds, SPP, family',
    'support, remittances) have amounts of our own, given in MAPPING.',
  ].join(' '),
  // PaySim's means over the customer buckets, weighted by clients (freq) and by transactions (freq × the bucket's
  // mean count, uniform inside it), in units and times the factor. The generated means are in background().stats.amounts.
  anchors: [
    { action: 'CASH_IN', unitToIdr: 3, typical: 'Rp 50,000–500,000 a top-up',
      paysimMeanClients: 106_629, paysimMeanTransactions: 96_615, idrMeanClients: 319_886, idrMeanTransactions: 289_844 },
    { action: 'CASH_OUT', unitToIdr: 3, typical: 'Rp 100,000–1,000,000 a cash-out',
      paysimMeanClients: 69_800, paysimMeanTransactions: 74_746, idrMeanClients: 209_401, idrMeanTransactions: 224_237 },
    { action: 'TRANSFER', unitToIdr: 3, typical: 'Rp 50,000–1,000,000 a P2P transfer',
      paysimMeanClients: 89_259, paysimMeanTransactions: 199_684, idrMeanClients: 267_778, idrMeanTransactions: 599_052 },
    { action: 'PAYMENT', unitToIdr: 25, typical: 'Rp 20,000–100,000 a QRIS purchase',
      paysimMeanClients: 2_196, paysimMeanTransactions: 2_051, idrMeanClients: 54_907, idrMeanTransactions: 51_263 },
    { action: 'DEBIT', unitToIdr: 100, typical: 'like a cash-out to a bank account',
      paysimMeanClients: 1_920, paysimMeanTransactions: 2_033, idrMeanClients: 192_041, idrMeanTransactions: 203_289 },
  ],
};

/** PaySim action → e-wallet flow: the table for the report. `flow` is the name each generated transaction carries. */
const row = (paysim, flow, jejak, ...note) => ({ paysim, flow, jejak: Array.isArray(jejak) ? jejak.join(' ') : jejak, note: note.join(' ') });
export const MAPPING = [
  row('CASH_IN', 'top-up', [
    "channel ewallet_topup, topUpSource virtual_account|minimarket|agent; sender the bank's VA pool, the minimarket chain's collection",
    'account or the agent, receiver the customer',
  ],
    "Customers' monthly counts from PaySim's 1–9 buckets, renormalised (18.8 % of PaySim's CASH_IN clients). Source (ours): with a bank account",
    '60 % VA, 20 % minimarket, 20 % agent; without 50/50 minimarket/agent; each customer keeps to one source 75 % of the time. Rounded to Rp',
    '10,000/50,000; agents open 07–21, minimarkets 06–23.',
  ),
  row('CASH_IN', 'agent', [
    "role 'agent': sender of agent top-ups, receiver of agent cash-outs, which carry merchant { id, criteria umi|uke, mcc 6010, qrType",
    'static }',
  ],
    "PaySim's clients with 10–4,999 CASH_IN a month (81.2 % of its CASH_IN clients) are cash-in agents, not customers. One agent per city plus",
    "one per 150 customers (ours); each agent's PaySim bucket (10–99 44.9 %, 100–299 44.1 %, 300–799 10.7 %, 800+ 0.3 %) weights how often",
    "customers choose it (its volume here is only the generated customers' top-ups, so it stays lower than in PaySim, where it is all of its",
    "clients'). Agents are registered merchants: 80 % micro (umi, a warung or phone-credit kiosk that is also an agent), 20 % small (uke); mcc",
    "6010 (manual cash disbursement). A customer's agent cash-out is paid by scanning the agent's static QR.",
  ),
  row('PAYMENT', 'qris', 'channel qris, merchant { id (NMID-like), name, mcc, city, criteria umi|uke|ume|ube, qrType static|dynamic }',
    'Buckets 1–99 (100+, 0.03 %, is a business). The amount is drawn first, then a merchant category whose usual amounts contain it and which is',
    'open at that hour (ours): micro (warung, street food, kiosks, coffee carts, school canteens, ojek), small (cafés, laundries, bakeries,',
    'pharmacies, workshops), medium (restaurants, building supplies, electronics, clinics, clothes), large chains (minimarkets, supermarkets,',
    'department store, fast food, fuel, pharmacy chain, taxi, cinema). Micro and small mostly static QR and rounded amounts, chains dynamic QR',
    'and exact prices. Each customer has 3–7 usual local merchants and 2–4 chain stores, paid before the window.',
  ),
  row('PAYMENT', 'airtime', 'channel airtime, receiver a biller, merchant mcc 4814',
    "Ours: 8 % of an adult's PAYMENT count (10 % of a minor's) is phone credit or a data package, priced at the usual denominations.",
  ),
  row('PAYMENT', 'game-top-up', 'channel game_topup, receiver a game-credit seller, merchant mcc 5816',
    "Ours: 25 % of a minor's PAYMENT count, 2 % of an adult's; denominations Rp 10,000–200,000.",
  ),
  row('TRANSFER', 'p2p', 'channel p2p between two personal wallets, no merchant',
    "Buckets 1–99 (100+, 0.04 %, is a business). What is left of the month's count after the fixed payments below goes 60 % to the customer's",
    "circle (3–12 people, 90 % paid before the window; a teenager's parent is in it), 12 % to someone new, 28 % to online sellers (ours). Amounts",
    'from PaySim TRANSFER ×3, rounded to thousands. The fixed payments (arisan, kos, family support, SPP) are drawn with the shares in their rows',
    "but kept only as far as the customer's TRANSFER bucket allows (someone who transfers once a month has at most one), so fewer customers end",
    'up with them: see stats.customerKinds.',
  ),
  row('TRANSFER', 'p2p-seller', "channel p2p to a seller's personal wallet (role 'seller')",
    'Ours: one seller per 12 customers, popularity lognormal (σ 1.1), goods clothes, cakes, food, crafts, skincare, plants; 45 % of customers',
    'have 1–2 usual sellers (half paid before the window). Amounts from PaySim TRANSFER ×3; 85 % of orders 07–22 local.',
  ),
  row('TRANSFER', 'arisan', "channel p2p, member → collector (role 'collector')",
    'Ours: 20 % of registered adults who transfer are in an arisan; groups of 8–30 from one zone, a fixed round of Rp 50,000–500,000 (pot at most',
    "Rp 10 million), paid within −2..+3 days of the group's date each month; 15 % of groups start with the window (every member's first payment",
    'new).',
  ),
  row('TRANSFER', 'arisan-payout', "channel p2p, collector → the month's winner",
    'The pot (round × members), 3–5 days after the date, the winner rotating through the members in a fixed order; the collector has paid this',
    "cycle's earlier winners before (and every member, in the half of the older groups that are in a later cycle).",
  ),
  row('TRANSFER', 'kos-rent', "channel p2p, tenant → landlord (role 'landlord')",
    'Ours: 20 % of registered adults who transfer rent a kos room; landlords with 5–20 tenants in one zone, rent Rp 500,000–2,000,000 (a room',
    "type ±Rp 100,000–200,000), the same every month, paid −3..+4 days around the landlord's day (1st–10th); 8 % of tenants move in during the",
    'window.',
  ),
  row('TRANSFER', 'family-support', "channel p2p to a parent or sibling (a customer or a relative's wallet)",
    'Ours: 15 % of registered adults who transfer; Rp 300,000–2,000,000, the same 80 % of the time; 70 % monthly around pay day (25th–3rd), 30 %',
    'twice a month (1st–3rd and 15th–17th).',
  ),
  row('TRANSFER', 'school-fees', "channel p2p to a school's account or a teacher's wallet (role 'school')",
    'Ours: 12 % of registered adults who transfer; SPP Rp 100,000–1,500,000 a month per school (×2 for 20 % of parents), paid 1st–10th; one',
    'school per 10 parents in a zone; the school year began in July, so 97 % paid before the window.',
  ),
  row('CASH_OUT', 'cash-out', [
    "channel cash_withdrawal (cashOutType agent|minimarket|atm) or bank_transfer (cashOutType bank_account, to the customer's own bank",
    'account)',
  ],
    'Buckets 1–9 (10+, 2.6 %, are agents and businesses). Registered customers only (unregistered e-money has no cash withdrawal); 35 % of them',
    'cash out, 80 % of remittance recipients (ours). With a bank account: 35 % sweep, 20 % cardless ATM (multiples of Rp 50,000), 25 % agent, 20',
    '% minimarket; without: 55 % agent, 45 % minimarket.',
  ),
  row('DEBIT', 'bank-transfer', 'channel bank_transfer or bi_fast (proxyType account|phone|email, purposeCode) to a bank account',
    'Buckets 1–9 (10+, 3.1 %, are businesses). Registered customers with a bank account, 30 % of them (ours): 45 % to their own account, 30 % to',
    "a contact's, 25 % to another payee (half of them usual). 55 % BI-FAST (proxy: account 65 %, phone 30 %, email 5 %; purposeCode mostly '02').",
  ),
  row('DEPOSIT', 'left out', '(not generated)',
    "PaySim's only DEPOSIT bucket is 10,000–200,000 deposits a month per client: institutional (a bank or the provider's own settlement), not a",
    "customer's.",
  ),
  row('ours', 'remittance-in', "channel remittance, sender a relative abroad (role 'relative-abroad', country MY|TW|HK|SA|SG|JP), receiver a customer",
    'Ours (PaySim has no countries): 8 % of registered adults, on Indonesian migrant-worker corridors; once (60 %) or twice a month, a round sum',
    "in the sender's currency worth Rp 500,000–3,000,000, expressed in IDR at a rough rate, 08–20 in the sender's zone (Hong Kong: on Sundays,",
    'the day off).',
  ),
  row('ours', 'payment-abroad', 'channel remittance to a payee abroad',
    "Ours: 2 % of registered adults, once in the window: a relative's tuition or a trip, Rp 1,500,000–15,000,000; never a minor.",
  ),
];

// ---- PaySim ----

/**
 * Rows of a PaySim CSV as objects with `keys` (the README's columns). The header line is skipped wherever it
 * is: the copy of hourly.csv has it as its last line.
 */
function csv(text, keys) {
  const head = keys.join(',');
  return text
    .split(/\r?\n/)
    .filter((line) => line && line !== head)
    .map((line) => Object.fromEntries(line.split(',').map((v, i) => [keys[i], i === 0 ? v : Number(v)])));
}

/**
 * Reads PaySim's client profiles and hourly profile from `dir`. Throws when a file is missing,
 * naming it and where it was looked for.
 */
export function loadPaysim(dir = PAYSIM_DIR_DEFAULT) {
  const read = (name) => {
    const path = join(dir, name);
    if (!existsSync(path)) {
      throw new Error(
        `PaySim data missing: ${name} was not found at ${path}. \`make eval\` needs the PaySim aggregates in ../shared/data/paysim next to the repository `
          + '(clientsProfiles.csv and hourly.csv; see the README.md there).',
      );
    }
    return readFileSync(path, 'utf8');
  };
  // The header names the two count columns maxCount,minCount, but the rows hold the lower bound first
  // (CASH_IN,10,99,…): each bucket is taken as the smaller to the larger of the two.
  const profiles = csv(read('clientsProfiles.csv'), ['action', 'maxCount', 'minCount', 'averageAmount', 'stdAmount', 'freq']).map((p) => ({
    ...p, minCount: Math.min(p.minCount, p.maxCount), maxCount: Math.max(p.minCount, p.maxCount),
  }));
  const hourly = {};
  for (const { action, hour, count } of csv(read('hourly.csv'), ['action', 'hour', 'count'])) (hourly[action] ??= new Array(24).fill(0))[hour] = count;
  for (const a of ACTIONS) {
    if (!profiles.some((p) => p.action === a)) throw new Error(`PaySim data: clientsProfiles.csv in ${dir} has no ${a} rows`);
    if (!hourly[a]) throw new Error(`PaySim data: hourly.csv in ${dir} has no ${a} rows`);
  }
  return { dir, profiles, hourly };
}

/**
 * The same numbers from tests/data/paysim-excerpt.json (the buckets and the
 * hourly profiles, copied from the PaySim CSVs with their attribution), for
 * the package tests, which run without ../shared/data/paysim.
 */
export function loadPaysimExcerpt(path) {
  const excerpt = JSON.parse(readFileSync(path, 'utf8'));
  const profiles = Object.entries(excerpt.clientsProfiles).flatMap(([action, rows]) => rows.map((r) => ({ action, ...r })));
  const hourly = excerpt.hourly;
  for (const a of ACTIONS) {
    if (!profiles.some((p) => p.action === a)) throw new Error(`PaySim excerpt ${path} has no ${a} buckets`);
    if (!hourly?.[a]) throw new Error(`PaySim excerpt ${path} has no ${a} hours`);
  }
  return { dir: path, profiles, hourly };
}

/** One action's buckets between `lo` and `hi` monthly transactions, with shares renormalised over them. */
function bucketsOf(paysim, action, lo, hi) {
  const rows = paysim.profiles.filter((p) => p.action === action && p.minCount >= lo && p.maxCount <= hi).sort((a, b) => a.minCount - b.minCount);
  const total = rows.reduce((s, p) => s + p.freq, 0);
  return rows.map((p, i) => {
    // stdAmount is the spread of a client's own payments (it is exactly 0 in every 1-a-month bucket, where a
    // client has one payment), not the spread across clients: for those buckets the next bucket's
    // coefficient of variation stands in for the spread between people (ours).
    const next = rows.slice(i).find((q) => q.stdAmount > 0);
    const cv = p.stdAmount > 0 ? p.stdAmount / p.averageAmount : next ? next.stdAmount / next.averageAmount : 0.5;
    const label = p.minCount === p.maxCount ? String(p.minCount) : `${p.minCount}-${p.maxCount}`;
    return { label, min: p.minCount, max: p.maxCount, mean: p.averageAmount, cv, freq: p.freq, share: p.freq / total };
  });
}

function model(paysim) {
  const buckets = Object.fromEntries(ACTIONS.map((a) => [a, bucketsOf(paysim, a, 1, CUSTOMER_MAX[a])]));
  // Hours: PaySim's hours are simulator steps, but its hour-of-day profile per action has a trough at 03–05
  // (0.03–0.2 % of the day's transactions), a rise from 07, a peak at 19–20 and an evening that runs past
  // midnight (hour 00 holds 2–7 %): what local time looks like. So it is used as the payer's local hour,
  // unchanged; opening hours (agents, shops) then cut it where a place is closed.
  const hours = Object.fromEntries(ACTIONS.map((a) => [a, cumulative(paysim.hourly[a])]));
  return { buckets, agentBuckets: bucketsOf(paysim, 'CASH_IN', AGENT_MIN, Infinity), hours };
}

// ---- drawing ----

/** FNV-1a, as in sequences.mjs: a per-account seed, so an account's draws do not depend on the others'. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
const sub = (seed, id) => rng(hash(`${seed}/${id}`));

/** Picks from `[value, weight]` pairs. */
function weighted(r, entries) {
  let x = r.next() * entries.reduce((s, e) => s + e[1], 0);
  return (entries.find((e) => (x -= e[1]) < 0) ?? entries[entries.length - 1])[0];
}
function cumulative(ws) {
  let s = 0;
  return ws.map((w) => (s += w));
}
/** An index drawn from a cumulative weight array. */
function draw(r, cum) {
  const x = r.next() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
function normal(r) {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}
/** Lognormal with this mean and coefficient of variation. */
function lognormal(r, mean, cv) {
  const s2 = Math.log(1 + cv * cv);
  return mean * Math.exp(Math.sqrt(s2) * normal(r) - s2 / 2);
}
/** A draw from `f` below `cap`: redrawn a few times (keeping the shape below the cap), then cut. */
function under(f, cap) {
  for (let i = 0; i < 6; i++) {
    const x = f();
    if (x <= cap) return x;
  }
  return cap;
}
function shuffle(r, xs) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
const roundTo = (x, step) => Math.max(step, Math.round(x / step) * step);
/** An hour from PaySim's profile for an action, inside opening hours [lo, hi] (redrawn, then uniform inside). */
function hourIn(r, cum, lo = 0, hi = 23) {
  for (let i = 0; i < 10; i++) {
    const h = draw(r, cum);
    if (h >= lo && h <= hi) return h;
  }
  return r.int(lo, hi);
}
const clock = (r, hour) => hour * 3600 + r.int(0, 3599);

// ---- time ----

const minutes = (o) => (o[0] === '-' ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)));
/** RFC 3339: the local wall-clock time of `ms` in the zone, with the offset. */
const stamp = (ms, offset) => `${new Date(ms + minutes(offset) * 60_000).toISOString().slice(0, 19)}${offset}`;
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/**
 * The window's local days and calendar months. The day-of-month and weekday shapes are ours: PaySim's
 * aggregatedTransactions.csv covers one simulated month whose days 15–29 hold 2 % of its volume (the run
 * tapers off), which says nothing about pay days. Ours: top-ups, transfers and cash-outs ×1.4 from the 25th
 * to the 3rd (gajian, pay day); QRIS ×1.2 on weekends.
 */
function calendar(start, days) {
  const months = [];
  const cal = [];
  for (let d = 0; d < days; d++) {
    const date = new Date(start + d * DAY_MS);
    const y = date.getUTCFullYear();
    const mo = date.getUTCMonth();
    let m = months[months.length - 1];
    if (!m || m.y !== y || m.mo !== mo) {
      m = { index: months.length, y, mo, name: MONTHS_ID[mo], dim: new Date(Date.UTC(y, mo + 1, 0)).getUTCDate(), days: [] };
      months.push(m);
    }
    m.days.push(d);
    cal.push({ dom: date.getUTCDate(), dow: date.getUTCDay(), month: m.index });
  }
  for (const m of months) m.full = m.days.length === m.dim;
  return { cal, months };
}
function dayWeight(action, c) {
  const payday = c.dom >= 25 || c.dom <= 3;
  if (action === 'PAYMENT') return (c.dow === 0 || c.dow === 6 ? 1.2 : 1) * (payday ? 1.1 : 1);
  return payday ? 1.4 : 1;
}
/** The local day of `dom` in month `m` (clamped into the month), or null when the window does not hold it. */
function dayOfMonth(m, cal, dom) {
  const want = Math.min(m.dim, Math.max(1, dom));
  const d = m.days.find((x) => cal[x].dom === want);
  return d === undefined ? null : d;
}

// ---- places and names (all made up) ----

// Zones (ours, roughly by population): WIB (Java, Sumatra, West and Central Kalimantan), WITA, WIT.
const ZONES = [['+07:00', 0.8], ['+08:00', 0.16], ['+09:00', 0.04]];
const CITIES = {
  '+07:00': [
    'Jakarta Selatan', 'Jakarta Timur', 'Bekasi', 'Depok', 'Tangerang', 'Bogor', 'Bandung', 'Semarang', 'Surakarta', 'Yogyakarta', 'Surabaya', 'Malang',
    'Medan', 'Palembang', 'Pekanbaru', 'Padang', 'Bandar Lampung', 'Pontianak',
  ],
  '+08:00': ['Makassar', 'Denpasar', 'Balikpapan', 'Samarinda', 'Banjarmasin', 'Manado', 'Mataram', 'Kupang', 'Palu'],
  '+09:00': ['Jayapura', 'Ambon', 'Sorong', 'Ternate', 'Merauke'],
};
const FIRST = [
  'Sri', 'Darmi', 'Slamet', 'Joko', 'Wati', 'Yanti', 'Udin', 'Eko', 'Nur', 'Tini', 'Ratna', 'Heru', 'Agus', 'Rudi', 'Sari', 'Dedi', 'Yuni', 'Made', 'Ketut',
  'Asep', 'Ujang', 'Iwan', 'Lina', 'Rahmat', 'Siti', 'Tono', 'Endang', 'Harun', 'Mira', 'Fitri',
];
const HONOR = ['Bu', 'Pak', 'Mbak', 'Mas', 'Cak', 'Kang'];
const TOKO = [
  'Makmur', 'Berkah', 'Sumber Rejeki', 'Jaya Abadi', 'Sinar Terang', 'Barokah', 'Sentosa', 'Lancar Jaya', 'Maju Bersama', 'Harapan', 'Mulia', 'Rezeki Baru',
];
const FOOD = ['Bakso', 'Mie Ayam', 'Nasi Goreng', 'Sate Ayam', 'Martabak', 'Soto', 'Pecel Lele', 'Gorengan', 'Seblak', 'Siomay', 'Nasi Uduk', 'Es Teh'];
const STREETS = [
  'Sudirman', 'Diponegoro', 'Merdeka', 'Ahmad Yani', 'Gatot Subroto', 'Pahlawan', 'Veteran', 'Hasanuddin', 'Imam Bonjol', 'Kartini', 'Pemuda', 'Siliwangi',
];
// Banks (made up): a customer's bank decides the VA pool they top up from and the ATM network they withdraw at.
const BANKS = [['b1', 0.3], ['b2', 0.25], ['b3', 0.2], ['b4', 0.1], ['b5', 0.1], ['b6', 0.05]];
const CHAINS = [['mm-1', 'SerbaMart', 0.55], ['mm-2', 'Harimart', 0.45]];

const P = (r, xs) => r.pick(xs);
/**
 * QRIS merchant categories (ours): criteria (UMI micro, UKE small, UME medium, UBE large), MCC, a weight
 * (its rough share of QRIS payments when the amount and hour fit), the usual amounts, opening hours, the
 * share with a static QR, and a name. The chains (UBE) have a store in every city.
 */
const CATS = [
  { key: 'warung', criteria: 'umi', mcc: '5812', weight: 14, band: [8_000, 75_000], hours: [6, 22], static: 0.95,
    name: (r) => (r.chance(0.7) ? `Warung Makan ${P(r, HONOR)} ${P(r, FIRST)}` : `Rumah Makan ${P(r, TOKO)}`) },
  { key: 'street', criteria: 'umi', mcc: '5814', weight: 12, band: [5_000, 60_000], hours: [10, 23], static: 0.95,
    name: (r) => `${P(r, FOOD)} ${P(r, HONOR)} ${P(r, FIRST)}` },
  { key: 'kelontong', criteria: 'umi', mcc: '5411', weight: 8, band: [1_000, 150_000], hours: [6, 22], static: 0.95,
    name: (r) => (r.chance(0.6) ? `Toko ${P(r, TOKO)}` : `Warung ${P(r, FIRST)}`) },
  { key: 'kopi', criteria: 'umi', mcc: '5814', weight: 6, band: [3_000, 30_000], hours: [6, 22], static: 0.95,
    name: (r) => (r.chance(0.5) ? `Kopi ${P(r, ['Senja', 'Pagi', 'Kita', 'Teman', 'Tepi', 'Loteng'])}` : `Es Teh ${P(r, FIRST)}`) },
  { key: 'kantin', criteria: 'umi', mcc: '8211', weight: 2, band: [3_000, 30_000], hours: [7, 14], weekdays: true, static: 1,
    name: (r) => `Kantin ${P(r, ['SDN', 'SMPN', 'SMAN', 'SMKN'])} ${r.int(1, 40)}` },
  { key: 'ojek', criteria: 'umi', mcc: '4121', weight: 3, band: [5_000, 60_000], hours: [5, 22], static: 1,
    name: (r) => `Ojek Pangkalan ${P(r, STREETS)}` },
  { key: 'cafe', criteria: 'uke', mcc: '5814', weight: 6, band: [15_000, 200_000], hours: [8, 23], static: 0.6,
    name: (r) => `Kafe ${P(r, ['Ruang', 'Teduh', 'Rindang', 'Sudut', 'Kisah', 'Nusa'])}` },
  { key: 'laundry', criteria: 'uke', mcc: '7211', weight: 3, band: [10_000, 150_000], hours: [7, 21], static: 0.8,
    name: (r) => `Laundry ${P(r, ['Bersih', 'Wangi', 'Kilat', 'Rapi', 'Segar'])}` },
  { key: 'bakery', criteria: 'uke', mcc: '5462', weight: 3, band: [10_000, 200_000], hours: [6, 21], static: 0.7,
    name: (r) => `Roti ${P(r, ['Mawar', 'Harum', 'Enak', 'Pagi', 'Kenari'])}` },
  { key: 'sembako', criteria: 'uke', mcc: '5499', weight: 4, band: [20_000, 500_000], hours: [6, 21], static: 0.8,
    name: (r) => `Toko Sembako ${P(r, TOKO)}` },
  { key: 'apotek', criteria: 'uke', mcc: '5912', weight: 3, band: [10_000, 400_000], hours: [7, 22], static: 0.7,
    name: (r) => `Apotek ${P(r, ['Sehat', 'Sentosa', 'Medika', 'Farma', 'Waras'])} ${P(r, ['Jaya', 'Abadi', 'Utama', 'Prima'])}` },
  { key: 'bengkel', criteria: 'uke', mcc: '7538', weight: 2, band: [20_000, 800_000], hours: [8, 17], static: 0.9,
    name: (r) => `Bengkel ${P(r, ['Motor', 'Las', 'Ban'])} ${P(r, FIRST)}` },
  { key: 'resto', criteria: 'ume', mcc: '5812', weight: 4, band: [40_000, 800_000], hours: [10, 22], static: 0.4,
    name: (r) => `Restoran ${P(r, ['Padang', 'Sunda', 'Seafood', 'Ayam Bakar'])} ${P(r, TOKO)}` },
  { key: 'bangunan', criteria: 'ume', mcc: '5251', weight: 1.5, band: [50_000, 3_000_000], hours: [8, 17], static: 0.6,
    name: (r) => `Toko Bangunan ${P(r, TOKO)}` },
  { key: 'elektronik', criteria: 'ume', mcc: '5732', weight: 1, band: [100_000, 5_000_000], hours: [10, 21], static: 0.3,
    name: (r) => `${P(r, TOKO)} Elektronik` },
  { key: 'klinik', criteria: 'ume', mcc: '8011', weight: 1.5, band: [50_000, 600_000], hours: [8, 21], static: 0.5,
    name: (r) => `Klinik ${P(r, ['Pratama', 'Medika', 'Keluarga'])} ${P(r, TOKO)}` },
  { key: 'pakaian', criteria: 'ume', mcc: '5651', weight: 2, band: [50_000, 1_000_000], hours: [9, 21], static: 0.5,
    name: (r) => (r.chance(0.5) ? `Butik ${P(r, FIRST)}` : `Toko Baju ${P(r, TOKO)}`) },
  { key: 'minimarket', criteria: 'ube', mcc: '5499', weight: 8, band: [3_000, 400_000], hours: [0, 23], chain: ['SerbaMart', 'Harimart'] },
  { key: 'supermarket', criteria: 'ube', mcc: '5411', weight: 4, band: [20_000, 2_000_000], hours: [8, 22], chain: ['Swalayan Sinar Pagi'] },
  { key: 'toserba', criteria: 'ube', mcc: '5311', weight: 2, band: [50_000, 3_000_000], hours: [10, 22], chain: ['Toserba Cahaya'] },
  { key: 'fastfood', criteria: 'ube', mcc: '5814', weight: 4, band: [20_000, 300_000], hours: [7, 23], chain: ['Ayam Goreng Nusa', 'Kopi Rakyat'] },
  { key: 'spbu', criteria: 'ube', mcc: '5541', weight: 4, band: [10_000, 600_000], hours: [0, 23], chain: ['SPBU'] },
  { key: 'apotek-chain', criteria: 'ube', mcc: '5912', weight: 1.5, band: [10_000, 600_000], hours: [7, 22], chain: ['Apotek Sehat Bersama'] },
  { key: 'taksi', criteria: 'ube', mcc: '4121', weight: 1.5, band: [15_000, 250_000], hours: [0, 23], chain: ['Taksi Kota Raya'] },
  { key: 'bioskop', criteria: 'ube', mcc: '7832', weight: 1, band: [35_000, 250_000], hours: [11, 23], chain: ['Layar Kita'] },
];
const LOCAL_CATS = CATS.filter((c) => !c.chain);
const CHAIN_CATS = CATS.filter((c) => c.chain);
const LOCAL_WEIGHT = LOCAL_CATS.reduce((s, c) => s + c.weight, 0);

// Sellers' goods and their buyers' memos (ours).
const GOODS = [
  { goods: 'baju', memos: ['pesanan', 'baju', 'order gamis', 'kaos 2 pcs', 'ongkir', 'lunas ya'] },
  { goods: 'kue', memos: ['kue', 'pesanan kue', 'kue ultah', 'DP kue', 'nastar 2 toples', 'pesanan'] },
  { goods: 'makanan', memos: ['pesanan', 'catering', 'sambal 3 botol', 'frozen food', 'ongkir', 'order'] },
  { goods: 'kerajinan', memos: ['pesanan', 'tas rajut', 'order', 'ongkir', 'DP pesanan'] },
  { goods: 'skincare', memos: ['pesanan', 'order', 'ongkir', 'lunas'] },
  { goods: 'tanaman', memos: ['tanaman', 'pesanan', 'ongkir', 'pot bunga'] },
];
const MEMOS = {
  p2p: [
    'makan siang', 'patungan', 'bayar utang', 'transfer', 'thanks', 'ganti uang', 'titip beli', 'bensin', 'uang makan', 'makasih', 'split bill', 'nonton',
    'bayar', 'kopi', 'ongkos',
  ],
  teen: ['patungan', 'jajan', 'makan', 'thanks', 'ganti uang', 'bayar utang', 'nonton', 'kas kelas'],
  allowance: ['uang jajan', 'jajan', 'uang saku', 'pulsa'],
  family: ['kiriman buat ibu', 'buat ibu', 'buat bapak', 'uang bulanan', 'kiriman', 'buat adik', 'belanja bulanan'],
  debit: ['transfer', 'tabungan', 'bayar', 'bayar tukang', 'cicilan', 'bayar utang', 'pindah dana', 'titipan'],
  remittance: ['kiriman', 'buat keluarga', 'kiriman bulan ini', 'untuk ibu', 'untuk keluarga', 'gaji'],
  abroad: ['uang kuliah', 'biaya kuliah', 'tuition', 'hotel', 'booking hotel', 'tiket', 'tour'],
};
const memo = (r, emptyShare, words) => (r.chance(emptyShare) ? '' : r.pick(words));
// BI-FAST (ours): how the payee was addressed, and a purpose code. We have not checked BI-FAST's list of purpose
// codes: '02' for most, some '99' and '01'; treat them as opaque.
const PROXY = [['account', 0.65], ['phone', 0.3], ['email', 0.05]];
const PURPOSE = [['02', 0.8], ['99', 0.15], ['01', 0.05]];
// Phone-credit and game-credit denominations (ours).
const DENOMS = {
  airtime: [5_000, 10_000, 15_000, 20_000, 25_000, 50_000, 75_000, 100_000, 150_000, 200_000],
  game: [10_000, 15_000, 20_000, 30_000, 50_000, 75_000, 100_000, 150_000, 200_000],
};

// Migrant-worker corridors (ours): destination shares, the sender's zone, currency and a rough rupiah rate,
// and the round sums people send (in the sender's currency) that land in Rp 500,000–3,000,000.
const ABROAD = [
  { country: 'MY', share: 0.3, offset: '+08:00', idr: 3_600, sums: [150, 200, 300, 400, 500, 600, 800] },
  { country: 'TW', share: 0.25, offset: '+08:00', idr: 500, sums: [1_000, 2_000, 3_000, 4_000, 5_000, 6_000] },
  { country: 'HK', share: 0.25, offset: '+08:00', idr: 2_100, sums: [300, 500, 800, 1_000, 1_200, 1_400] },
  { country: 'SA', share: 0.08, offset: '+03:00', idr: 4_300, sums: [150, 200, 300, 500, 700] },
  { country: 'SG', share: 0.07, offset: '+08:00', idr: 12_300, sums: [50, 100, 150, 200, 240] },
  { country: 'JP', share: 0.05, offset: '+09:00', idr: 108, sums: [5_000, 10_000, 15_000, 20_000, 27_000] },
];
// Payees abroad (ours): tuition or a trip; the receiver's country only.
const ABROAD_PAYEE = [['MY', 0.25], ['EG', 0.1], ['AU', 0.1], ['JP', 0.1], ['SG', 0.1], ['TH', 0.1], ['SA', 0.1], ['KR', 0.1], ['TW', 0.05]];
const OFFSET_OF = { MY: '+08:00', EG: '+02:00', AU: '+10:00', JP: '+09:00', SG: '+08:00', TH: '+07:00', SA: '+03:00', KR: '+09:00', TW: '+08:00' };

// ---- the generator ----

/**
 * Three months (by default) of ordinary e-wallet traffic. Returns `{ accounts, transactions, stats }`:
 * transactions sorted by instant as `{ kind, flow, tx }` (kind the PaySim action, or 'ours'), every id
 * in them an account, and the figures the report compares with PaySim. Same seed, same output.
 */
export function background(seed, { customers = 1200, days = 91, start = Date.UTC(2026, 8, 1), paysim } = {}) {
  const ps = paysim ?? loadPaysim();
  const m = model(ps);
  const { cal, months } = calendar(start, days);
  const g = sub(seed, 'world');
  const accounts = new Map();
  const known = new Set();
  const knows = (from, to) => known.add(`${from.id}>${to.id}`);
  const add = (a) => (accounts.set(a.id, a), a);
  const nmids = new Set();
  /** A QRIS NMID-like id: ID, a 2-digit issuer-like prefix, the year registered, 9 digits (15 characters). */
  const nmid = () => {
    for (;;) {
      const id = `ID10${g.int(19, 25)}${String(g.int(0, 999_999_999)).padStart(9, '0')}`;
      if (!nmids.has(id)) return nmids.add(id), id;
    }
  };

  // ---- customers: attributes and habits, each from its own seed ----
  const cust = [];
  for (let i = 0; i < customers; i++) {
    const id = `c${String(i + 1).padStart(4, '0')}`;
    const r = sub(seed, id);
    const offset = weighted(r, ZONES);
    const city = r.pick(CITIES[offset]);
    // Ours: 5 % teenagers' accounts, all unregistered (no KTP yet); 16 % of adults unregistered, ~20 % in all.
    const minor = r.chance(0.05);
    const reg = !minor && !r.chance(0.16);
    // Ours: 4 % of adults open their account during the window (before its last 30 days).
    const join = !minor && r.chance(0.04) ? r.int(1, Math.max(1, days - 30)) : 0;
    const ageDays = join ? -join : minor ? r.int(30, 900) : 30 + Math.floor(2_870 * r.next() ** 1.6);
    const hasBank = !minor && r.chance(reg ? 0.8 : 0.3);
    const remitIn = reg && !join && r.chance(0.08);
    const payAbroad = reg && !join && r.chance(0.02);
    // Who takes part in each action every month (ours; PaySim's buckets describe clients who do).
    // Unregistered e-money has no cash withdrawal or transfer to a bank (BI, PBI 20/6/PBI/2018).
    const use = {
      CASH_IN: r.chance(minor ? 0.7 : 0.9),
      PAYMENT: r.chance(0.92),
      TRANSFER: r.chance(minor ? 0.6 : reg ? 0.7 : 0.4),
      CASH_OUT: reg && r.chance(remitIn ? 0.8 : 0.35),
      DEBIT: reg && hasBank && r.chance(0.3),
    };
    const bucket = Object.fromEntries(ACTIONS.map((a) => [a, use[a] ? weighted(r, m.buckets[a].map((b) => [b, b.share])) : null]));
    // Fixed monthly transfers (ours), as many as the month's TRANSFER count allows.
    const duties = [];
    if (reg && !join && bucket.TRANSFER) {
      const wants = shuffle(r, ['kos', 'arisan', 'family', 'spp'].filter((k) => r.chance({ kos: 0.2, arisan: 0.2, family: 0.15, spp: 0.12 }[k])));
      const twice = r.chance(0.3);
      let slots = bucket.TRANSFER.min;
      for (const k of wants) {
        const cost = k === 'family' && twice ? 2 : 1;
        if (cost <= slots) duties.push(k), (slots -= cost);
      }
      if (duties.includes('family')) duties.twice = twice;
    }
    const topUp = minor
      ? [['minimarket', 0.6], ['agent', 0.4]]
      : hasBank ? [['virtual_account', 0.6], ['minimarket', 0.2], ['agent', 0.2]] : [['minimarket', 0.5], ['agent', 0.5]];
    const cashOut = hasBank ? [['bank_account', 0.35], ['atm', 0.2], ['agent', 0.25], ['minimarket', 0.2]] : [['agent', 0.55], ['minimarket', 0.45]];
    const c = add({
      id, role: 'customer', country: 'ID', offset, city, ageDays, kyc: reg ? 'registered' : 'unregistered', ...(minor ? { isMinor: true } : {}),
      join, hasBank, bank: hasBank ? weighted(r, BANKS) : null, chain: weighted(r, CHAINS.map(([id, , w]) => [id, w])), remitIn, payAbroad,
      bucket, duties, topUp: weighted(r, topUp), topUps: topUp, cashOut: weighted(r, cashOut), cashOuts: cashOut,
    });
    c.own = hasBank ? add({ id: `${id}-rek`, role: 'bank', type: 'own', owner: id, country: 'ID', offset }) : null;
    cust.push(c);
  }
  const byZone = (f) => Object.fromEntries(ZONES.map(([z]) => [z, cust.filter((c) => c.offset === z && f(c))]));
  const adultsIn = byZone((c) => !c.isMinor && c.kyc === 'registered' && !c.join);
  const minorsIn = byZone((c) => c.isMinor);
  const peopleIn = byZone(() => true);
  const grownIn = byZone((c) => !c.isMinor);
  const byCity = {};
  for (const c of cust) (byCity[c.city] ??= []).push(c);
  const cities = Object.keys(byCity).sort();

  // ---- settlement accounts: VA pools, ATM networks, minimarket chains, billers, game-credit sellers ----
  const va = Object.fromEntries(BANKS.map(([b]) => [b, add({ id: `va-${b}`, role: 'bank', type: 'va-pool', country: 'ID', offset: '+07:00' })]));
  const atm = Object.fromEntries(BANKS.map(([b]) => [b, add({ id: `atm-${b}`, role: 'bank', type: 'atm-pool', country: 'ID', offset: '+07:00' })]));
  const chains = Object.fromEntries(CHAINS.map(([id, name]) => [id, add({
    id, role: 'minimarket', name, country: 'ID', offset: '+07:00',
    merchant: { id: nmid(), name, mcc: '6010', country: 'ID', city: 'Jakarta Pusat', criteria: 'ube' },
  })]));
  const billers = ['Pulsa Nusantara', 'Isi Ulang Kita', 'Data Cepat'].map((name, i) => add({
    id: `bil-${i + 1}`, role: 'biller', name, country: 'ID', offset: '+07:00',
    merchant: { id: `BLR${String(i + 1).padStart(4, '0')}`, name, mcc: '4814', country: 'ID', city: 'Jakarta Pusat', criteria: 'ube' },
  }));
  const games = ['Voucher Game Kita', 'TopUp Arena', 'Gamers Store'].map((name, i) => add({
    id: `gam-${i + 1}`, role: 'merchant', type: 'game-credit', name, country: 'ID', offset: '+07:00', ageDays: g.int(400, 2500), kyc: 'registered',
    merchant: { id: `GMC${String(i + 1).padStart(4, '0')}`, name, mcc: '5816', country: 'ID', city: 'Jakarta Barat', criteria: i === 0 ? 'ube' : 'ume' },
  }));

  // ---- agents: one per city plus one per 150 customers, weighted by a PaySim agent bucket ----
  const agentsIn = {};
  let agentN = 0;
  for (const city of cities) {
    const n = 1 + Math.floor(byCity[city].length / 150);
    const offset = byCity[city][0].offset;
    for (let j = 0; j < n; j++) {
      const b = weighted(g, m.agentBuckets.map((x) => [x, x.share]));
      const name = `Agen ${g.chance(0.5) ? `Toko ${P(g, TOKO)}` : `${P(g, HONOR)} ${P(g, FIRST)}`}`;
      const a = add({
        id: `agt-${String(++agentN).padStart(3, '0')}`, role: 'agent', name, country: 'ID', offset, city, ageDays: g.int(300, 3000), kyc: 'registered',
        // The weight is the agent's monthly count in its bucket, cut at 1,500 so one agent of the 0.01 % top bucket cannot take a whole city.
        paysimBucket: b.label, weight: g.int(b.min, Math.min(b.max, 1500)),
        merchant: { id: nmid(), name, mcc: '6010', country: 'ID', city, criteria: g.chance(0.8) ? 'umi' : 'uke', qrType: 'static' },
      });
      (agentsIn[city] ??= []).push(a);
    }
  }

  // ---- QRIS merchants: local ones per city (about 0.6 per customer), a store of each chain per city ----
  let merchantN = 0;
  const merchantsIn = {};
  const shop = (city, cat, name) => {
    const offset = byCity[city][0].offset;
    const a = add({
      id: `mch-${String(++merchantN).padStart(4, '0')}`, role: 'merchant', type: cat.key, name, country: 'ID', offset, city,
      ageDays: g.int(60, 3000), kyc: 'registered',
      merchant: {
        id: nmid(), name, mcc: cat.mcc, country: 'ID', city, criteria: cat.criteria,
        qrType: cat.chain ? (g.chance(0.95) ? 'dynamic' : 'static') : g.chance(cat.static) ? 'static' : 'dynamic',
      },
    });
    ((merchantsIn[city] ??= {})[cat.key] ??= []).push(a);
    return a;
  };
  for (const city of cities) {
    const n = byCity[city].length;
    for (const cat of LOCAL_CATS) for (let j = Math.max(1, Math.round((0.6 * n * cat.weight) / LOCAL_WEIGHT)); j > 0; j--) shop(city, cat, cat.name(g));
    for (const cat of CHAIN_CATS) {
      for (const brand of cat.chain) {
        for (let j = 1 + Math.floor(n / 60); j > 0; j--) {
          const name = brand === 'SPBU' ? `SPBU ${g.int(11, 78)}.${g.int(101, 999)}.${String(g.int(1, 99)).padStart(2, '0')}` : `${brand} ${P(g, STREETS)}`;
          shop(city, cat, name);
        }
      }
    }
  }

  // ---- online sellers (personal wallets), nationwide ----
  const sellers = [];
  for (let i = 0; i < Math.max(20, Math.round(customers / 12)); i++) {
    const offset = weighted(g, ZONES);
    sellers.push(add({
      id: `sel-${String(i + 1).padStart(3, '0')}`, role: 'seller', country: 'ID', offset, city: P(g, CITIES[offset]),
      ageDays: g.int(100, 2500), kyc: 'registered',
      goods: P(g, GOODS).goods, popularity: Math.exp(1.1 * normal(g)),
    }));
  }
  const sellerCum = cumulative(sellers.map((s) => s.popularity));
  const goodsOf = Object.fromEntries(GOODS.map((x) => [x.goods, x.memos]));

  // ---- groups: arisan, kos, schools (one world draw: they join customers together) ----
  /** Splits `xs` into groups of lo..hi; a remainder under lo joins the groups already made (or is one small group). */
  const groups = (xs, lo, hi) => {
    const out = [];
    let i = 0;
    while (xs.length - i >= lo) {
      const n = Math.min(g.int(lo, hi), xs.length - i);
      out.push(xs.slice(i, i + n));
      i += n;
    }
    xs.slice(i).forEach((x, k) => (out.length ? out[k % out.length].push(x) : out.push([x])));
    return out;
  };
  const arisan = [];
  const landlords = [];
  const schools = [];
  for (const [zone] of ZONES) {
    const duty = (k) => shuffle(g, adultsIn[zone].filter((c) => c.duties.includes(k)));
    for (const members of groups(duty('arisan'), 8, 30)) {
      const id = `ars-${String(arisan.length + 1).padStart(3, '0')}`;
      const round = roundTo(Math.min(g.int(50_000, 500_000), 10_000_000 / members.length), 50_000);
      const fresh = g.chance(0.15);
      // An older group is in a later cycle half the time: its collector has paid every member before.
      const later = !fresh && g.chance(0.5);
      const collector = add({
        id, role: 'collector', country: 'ID', offset: zone, ageDays: g.int(300, 3000), kyc: 'registered', members: members.length, round,
      });
      // Rounds already paid out before the window: the collector has paid those winners.
      const done = fresh ? 0 : g.int(1, members.length - 1);
      members.forEach((c, k) => {
        c.arisan = collector;
        if (!fresh) knows(c, collector);
        if (k < done || later) knows(collector, c);
      });
      arisan.push({
        collector, members, round, done, date: g.int(1, 28),
        label: P(g, ['arisan RT', 'arisan kantor', 'arisan keluarga', 'arisan alumni', 'arisan ibu-ibu', 'arisan komplek']),
      });
    }
    for (const tenants of groups(duty('kos'), 5, 20)) {
      const id = `kos-${String(landlords.length + 1).padStart(3, '0')}`;
      const rent = roundTo(g.int(500_000, 2_000_000), 50_000);
      const landlord = add({
        id, role: 'landlord', country: 'ID', offset: zone, city: tenants[0].city, ageDays: g.int(300, 3000), kyc: 'registered', tenants: tenants.length,
      });
      const due = g.int(1, 10);
      for (const c of tenants) {
        c.kos = { landlord, due, rent: rent + P(g, [0, 0, 100_000, 200_000, -100_000]), from: g.chance(0.08) ? g.int(1, Math.max(1, months.length - 1)) : 0 };
        if (!c.kos.from) knows(c, landlord);
      }
      landlords.push(landlord);
    }
    for (const parents of groups(duty('spp'), 3, 15)) {
      const teacher = g.chance(0.3);
      const school = add({
        id: `sch-${String(schools.length + 1).padStart(3, '0')}`, role: 'school', type: teacher ? 'teacher-wallet' : 'school-account', country: 'ID',
        offset: zone, city: parents[0].city, ageDays: g.int(300, 3000), kyc: 'registered',
      });
      const fee = roundTo(g.int(100_000, 1_500_000), teacher ? 10_000 : 25_000);
      for (const c of parents) {
        c.spp = { school, fee: fee * (g.chance(0.2) ? 2 : 1), day: g.int(1, 10) };
        if (g.chance(0.97)) knows(c, school);
      }
      schools.push(school);
    }
  }

  // ---- each customer's circle, usual merchants, sellers, family (from its own seed) ----
  let relativeN = 0;
  for (const c of cust) {
    const r = sub(seed, `${c.id}/circle`);
    const circle = [];
    const size = r.int(3, 12);
    for (let tries = 0; circle.length < size && tries < size * 4; tries++) {
      // A teenager's circle is mostly other teenagers; an adult's is adults (their own children join below).
      const pool = c.isMinor ? (r.chance(0.7) ? minorsIn[c.offset] : peopleIn[c.offset]) : r.chance(0.85) ? grownIn[c.offset] : grownIn[weighted(r, ZONES)];
      const o = pool.length ? r.pick(pool) : r.pick(cust);
      if (o !== c && !circle.includes(o)) circle.push(o);
    }
    c.circle = circle;
    if (!c.join) for (const o of circle) if (r.chance(0.9)) knows(c, o);
    // Usual merchants: 3–7 local ones in the home city, 2–4 chain stores, paid before the window.
    const mine = {};
    const local = Object.values(merchantsIn[c.city]).flat();
    const chainsHere = local.filter((a) => a.merchant.criteria === 'ube');
    const localOnly = local.filter((a) => a.merchant.criteria !== 'ube');
    for (let k = r.int(3, 7); k > 0; k--) {
      const cat = weighted(r, LOCAL_CATS.map((x) => [x, x.weight]));
      const a = r.pick(merchantsIn[c.city][cat.key] ?? localOnly);
      (mine[a.type] ??= []).includes(a) || mine[a.type].push(a);
    }
    for (let k = r.int(2, 4); k > 0; k--) {
      const a = r.pick(chainsHere);
      (mine[a.type] ??= []).includes(a) || mine[a.type].push(a);
    }
    c.mine = mine;
    if (!c.join) for (const a of Object.values(mine).flat()) if (r.chance(0.9)) knows(c, a);
    // Usual sellers: 45 % have one or two, half paid before the window.
    c.sellers = r.chance(0.45) ? Array.from({ length: r.int(1, 2) }, () => sellers[draw(r, sellerCum)]) : [];
    if (!c.join) for (const s of c.sellers) if (r.chance(0.5)) knows(c, s);
    // Agents near home: the usual one weighted by its PaySim bucket, known unless new.
    const near = agentsIn[c.city];
    c.agent = near[draw(r, cumulative(near.map((a) => a.weight)))];
    if (!c.join) knows(c.agent, c), knows(c, c.agent);
    if (!c.join) {
      if (c.hasBank) knows(va[c.bank], c), knows(c, c.own), r.chance(0.8) && knows(c, atm[c.bank]);
      knows(chains[c.chain], c), knows(c, chains[c.chain]);
      for (const b of billers) if (r.chance(0.5)) knows(c, b);
      if (c.isMinor) for (const gm of games) if (r.chance(0.5)) knows(c, gm);
    }
    // DEBIT payees: one or two usual bank payees (a tukang, a shop), paid before.
    const payee = (n) => add({ id: `rek-${c.id}-${n}`, role: 'bank', type: 'payee', country: 'ID', offset: c.offset });
    c.payees = c.bucket.DEBIT ? Array.from({ length: r.int(1, 2) }, (_, k) => payee(k + 1)) : [];
    c.payee = payee;
    for (const p of c.payees) knows(c, p);
    // Family support: a parent or sibling, a customer (registered, any zone) or a relative's own wallet.
    if (c.duties.includes('family')) {
      const fam = r.chance(0.5) ? r.pick(adultsIn[weighted(r, ZONES)].filter((o) => o !== c)) : null;
      const to = fam ?? add({
        id: `rel-${String(++relativeN).padStart(4, '0')}`, role: 'relative', country: 'ID', offset: weighted(r, ZONES),
        ageDays: r.int(200, 2500), kyc: 'registered',
      });
      c.family = { to, amount: roundTo(r.int(300_000, 2_000_000), 50_000), day: P(r, [25, 26, 27, 28, 29, 30, 1, 2, 3]), twice: c.duties.twice };
      knows(c, to);
    }
  }
  // A teenager's parent: a registered adult of the same zone, who pays them pocket money (and is paid back).
  for (const c of cust.filter((x) => x.isMinor)) {
    const r = sub(seed, `${c.id}/parent`);
    const pool = adultsIn[c.offset].length ? adultsIn[c.offset] : adultsIn['+07:00'];
    const parent = r.pick(pool);
    c.circle.unshift(parent);
    parent.circle.unshift(c);
    knows(parent, c), knows(c, parent);
  }

  // ---- events ----
  const events = [];
  const seqs = new Map();
  /** Records a payment by `owner`'s stream on local day `day` at `sec` seconds, in the zone `offset`. */
  const pay = (owner, e) => {
    const n = (seqs.get(owner) ?? 0) + 1;
    seqs.set(owner, n);
    const ms = start + e.day * DAY_MS + e.sec * 1000 - minutes(e.offset) * 60_000;
    events.push({ ...e, ms, key: `bg-${owner}-${n}` });
  };
  const H = m.hours;
  const active = (c, d) => d >= c.join;

  for (const c of cust) {
    const r = sub(seed, `${c.id}/tx`);
    const reg = c.kyc === 'registered';
    const minor = !!c.isMinor;
    // Unregistered: balance cap Rp 2,000,000, so at most Rp 1,000,000 a payment (ours). A teenager's amounts are halved and
    // capped (ours): Rp 300,000 a top-up, Rp 150,000 a payment or transfer.
    const cap = minor ? 300_000 : reg ? 10_000_000 : 1_000_000;
    const amount = (action, extraCap = Infinity) => {
      const b = c.bucket[action];
      return under(() => lognormal(r, b.mean, b.cv) * SCALING.unitToIdr[action] * (minor ? 0.5 : 1), Math.min(cap, extraCap));
    };
    const slot = (action, mo, n) => {
      const ds = mo.days.filter((d) => active(c, d));
      if (!ds.length) return [];
      const cum = cumulative(ds.map((d) => dayWeight(action, cal[d])));
      return Array.from({ length: n }, () => ds[draw(r, cum)]).sort((a, b) => a - b);
    };
    /** The month's count: uniform inside the bucket, prorated when the customer is there for part of the month. */
    const count = (action, mo) => {
      const b = c.bucket[action];
      if (!b) return 0;
      const n = r.int(b.min, b.max);
      const frac = mo.days.filter((d) => active(c, d)).length / mo.dim;
      if (frac >= 1) return n;
      const x = n * frac;
      return Math.floor(x) + (r.chance(x - Math.floor(x)) ? 1 : 0);
    };
    const base = (d, hour, f) => ({ day: d, sec: clock(r, hour), offset: c.offset, ...f });

    let oneOff = 0;
    for (const mo of months) {
      // CASH_IN: top-ups.
      for (const d of slot('CASH_IN', mo, count('CASH_IN', mo))) {
        const src = r.chance(0.75) ? c.topUp : weighted(r, c.topUps);
        const from = src === 'virtual_account' ? va[c.bank] : src === 'minimarket' ? chains[c.chain] : r.chance(0.85) ? c.agent : r.pick(agentsIn[c.city]);
        const x = amount('CASH_IN');
        // A VA top-up can be any amount (10 % are not round); at a counter, Rp 20,000 at least (ours).
        const value = src === 'virtual_account'
          ? r.chance(0.1) ? roundTo(x, 1_000) : roundTo(x, x >= 100_000 && r.chance(0.6) ? 50_000 : 10_000)
          : Math.max(20_000, roundTo(x, x >= 100_000 && r.chance(0.7) ? 50_000 : 10_000));
        const [lo, hi] = src === 'agent' ? [7, 21] : src === 'minimarket' ? [6, 23] : [0, 23];
        pay(c.id, base(d, hourIn(r, H.CASH_IN, lo, hi), {
          kind: 'CASH_IN', flow: 'top-up', from, to: c, amount: Math.min(value, cap), channel: 'ewallet_topup', topUpSource: src,
        }));
      }
      // PAYMENT: QRIS, phone credit, game credit.
      for (const d of slot('PAYMENT', mo, count('PAYMENT', mo))) {
        const what = weighted(r, minor ? [['qris', 0.65], ['airtime', 0.1], ['game', 0.25]] : [['qris', 0.9], ['airtime', 0.08], ['game', 0.02]]);
        const x = amount('PAYMENT', minor ? 150_000 : 5_000_000);
        if (what === 'airtime' || what === 'game') {
          const denom = DENOMS[what].reduce((best, v) => (Math.abs(v - x) < Math.abs(best - x) ? v : best));
          const to = what === 'airtime' ? r.pick(billers) : r.pick(games);
          // Phone credit sells a little above face value (ours).
          const value = what === 'airtime' ? denom + P(r, [0, 1_000, 1_500, 2_000, 2_500]) : denom;
          const [flow, channel] = what === 'game' ? ['game-top-up', 'game_topup'] : ['airtime', 'airtime'];
          pay(c.id, base(d, hourIn(r, H.PAYMENT), { kind: 'PAYMENT', flow, from: c, to, amount: value, channel, merchant: to.merchant }));
          continue;
        }
        // QRIS: the amount first, then a category whose usual amounts hold it and that is open at that hour.
        const weekday = cal[d].dow !== 0 && cal[d].dow !== 6;
        let hour;
        let cats = [];
        for (let i = 0; i < 8 && !cats.length; i++) {
          hour = hourIn(r, H.PAYMENT);
          cats = CATS.filter((k) => x >= k.band[0] && x <= k.band[1] && hour >= k.hours[0] && hour <= k.hours[1] && (weekday || !k.weekdays));
        }
        if (!cats.length) {
          cats = CATS.filter((k) => x >= k.band[0] && x <= k.band[1] && (weekday || !k.weekdays));
          if (!cats.length) cats = [CATS.find((k) => k.key === 'elektronik')];
        }
        const cat = weighted(r, cats.map((k) => [k, k.weight]));
        if (hour < cat.hours[0] || hour > cat.hours[1]) hour = r.int(cat.hours[0], cat.hours[1]);
        const usual = c.mine[cat.key];
        const to = usual && r.chance(0.75) ? r.pick(usual) : r.pick(merchantsIn[c.city][cat.key]);
        // Static QR: the payer types the amount (round); dynamic QR: the till's exact price (ours).
        const value = to.merchant.qrType === 'dynamic'
          ? Math.max(1_000, r.chance(0.4) ? roundTo(x, 1_000) - P(r, [100, 500, 0]) : roundTo(x, 100))
          : x < 20_000 ? roundTo(x, 500) : roundTo(x, r.chance(0.15) ? 5_000 : 1_000);
        pay(c.id, base(d, hour, { kind: 'PAYMENT', flow: 'qris', from: c, to, amount: value, channel: 'qris', merchant: to.merchant }));
      }
      // TRANSFER: the fixed ones first, then the circle, someone new, sellers.
      if (c.bucket.TRANSFER) {
        const fixed = [];
        if (c.arisan) {
          const grp = arisan.find((x) => x.collector === c.arisan);
          const d = dayOfMonth(mo, cal, grp.date + r.int(-2, 3));
          const words = ['arisan', 'iuran arisan', grp.label, `arisan ${mo.name}`];
          if (d !== null && active(c, d)) fixed.push({ d, flow: 'arisan', to: c.arisan, value: grp.round, memo: memo(r, 0.25, words) });
        }
        if (c.kos && mo.index >= c.kos.from) {
          const d = dayOfMonth(mo, cal, c.kos.due + r.int(-3, 4));
          const words = ['bayar kos', 'kos bulan ini', `kos ${mo.name}`, 'sewa kamar', 'kos'];
          if (d !== null) fixed.push({ d, flow: 'kos-rent', to: c.kos.landlord, value: c.kos.rent, memo: memo(r, 0.2, words) });
        }
        if (c.family) {
          const f = c.family;
          const dates = f.twice ? [r.int(1, 3), r.int(15, 17)] : [f.day + r.int(-1, 1)];
          for (const dom of dates) {
            const d = dayOfMonth(mo, cal, dom);
            const value = r.chance(0.8) ? f.amount : roundTo(f.amount + r.int(-4, 4) * 50_000, 50_000);
            if (d !== null) fixed.push({ d, flow: 'family-support', to: f.to, value, memo: memo(r, 0.3, MEMOS.family) });
          }
        }
        if (c.spp) {
          const d = dayOfMonth(mo, cal, c.spp.day + r.int(-1, 2));
          const words = c.spp.school.type === 'teacher-wallet'
            ? ['SPP', 'uang les', 'les bulan ini', `SPP ${mo.name}`]
            : ['SPP', `SPP ${mo.name}`, 'uang sekolah', 'bayar SPP', 'SPP bulan ini'];
          if (d !== null) fixed.push({ d, flow: 'school-fees', to: c.spp.school, value: c.spp.fee, memo: memo(r, 0.15, words) });
        }
        for (const f of fixed) {
          pay(c.id, base(f.d, hourIn(r, H.TRANSFER), { kind: 'TRANSFER', flow: f.flow, from: c, to: f.to, amount: f.value, channel: 'p2p', memo: f.memo }));
        }
        const rest = Math.max(0, count('TRANSFER', mo) - fixed.length);
        for (const d of slot('TRANSFER', mo, rest)) {
          const x = amount('TRANSFER', minor ? 150_000 : Infinity);
          const kind = weighted(r, minor ? [['circle', 0.85], ['seller', 0.15]] : [['circle', 0.6], ['new', 0.12], ['seller', 0.28]]);
          let to = null;
          if (kind === 'circle') {
            // Zipf-like: the first people in the circle are paid most often (ours).
            const open = c.circle.filter((o) => active(o, d));
            if (open.length) to = open[draw(r, cumulative(open.map((_, k) => 1 / (k + 1))))];
          } else if (kind === 'new') {
            const o = r.pick(grownIn[c.offset]);
            if (o !== c && active(o, d)) to = o;
          }
          if (to) {
            const words = to.isMinor && !minor ? MEMOS.allowance : minor ? MEMOS.teen : MEMOS.p2p;
            const value = x < 100_000
              ? roundTo(x, r.chance(0.1) ? 500 : r.chance(0.35) ? 5_000 : 1_000)
              : roundTo(x, weighted(r, [[50_000, 0.45], [10_000, 0.35], [1_000, 0.2]]));
            pay(c.id, base(d, hourIn(r, H.TRANSFER), {
              kind: 'TRANSFER', flow: 'p2p', from: c, to, amount: Math.min(value, cap), channel: 'p2p', memo: memo(r, 0.45, words),
            }));
          } else {
            const s = c.sellers.length && r.chance(0.5) ? r.pick(c.sellers) : sellers[draw(r, sellerCum)];
            const hour = r.chance(0.85) ? hourIn(r, H.TRANSFER, 7, 22) : hourIn(r, H.TRANSFER);
            const value = Math.max(15_000, roundTo(x, r.chance(0.15) ? 500 : 1_000));
            pay(c.id, base(d, hour, {
              kind: 'TRANSFER', flow: 'p2p-seller', from: c, to: s, amount: Math.min(value, cap), channel: 'p2p', memo: memo(r, 0.3, goodsOf[s.goods]),
            }));
          }
        }
      }
      // CASH_OUT: agent, minimarket, cardless ATM, or a sweep to one's own bank account.
      for (const d of slot('CASH_OUT', mo, count('CASH_OUT', mo))) {
        const type = r.chance(0.7) ? c.cashOut : weighted(r, c.cashOuts);
        const x = amount('CASH_OUT');
        // Where, how much and when (ours): an agent pays out Rp 10,000 steps 07–21, a minimarket counter and a cardless ATM
        // Rp 50,000 steps, a sweep to one's own bank account any amount at any hour.
        const { to, value, hours } = {
          agent: () => ({ to: r.chance(0.85) ? c.agent : r.pick(agentsIn[c.city]), value: Math.max(20_000, roundTo(x, 10_000)), hours: [7, 21] }),
          minimarket: () => ({ to: chains[c.chain], value: Math.max(50_000, roundTo(x, 50_000)), hours: [6, 23] }),
          atm: () => ({ to: atm[c.bank], value: Math.max(50_000, roundTo(x, 50_000)), hours: [0, 23] }),
          bank_account: () => ({ to: c.own, value: Math.max(10_000, Math.round(x)), hours: [0, 23] }),
        }[type]();
        pay(c.id, base(d, hourIn(r, H.CASH_OUT, ...hours), {
          kind: 'CASH_OUT', flow: 'cash-out', from: c, to, amount: value, channel: type === 'bank_account' ? 'bank_transfer' : 'cash_withdrawal',
          merchant: type === 'agent' || type === 'minimarket' ? to.merchant : undefined, cashOutType: type,
        }));
      }
      // DEBIT: to a bank account, by bank transfer or BI-FAST.
      for (const d of slot('DEBIT', mo, count('DEBIT', mo))) {
        const x = amount('DEBIT');
        const banked = c.circle.filter((o) => o.own && active(o, d));
        const target = weighted(r, [['own', 0.45], ['contact', banked.length ? 0.3 : 0], ['payee', 0.25]]);
        const to = target === 'own' ? c.own : target === 'contact' ? r.pick(banked).own : r.chance(0.5) ? r.pick(c.payees) : c.payee(`x${++oneOff}`);
        const fast = r.chance(0.55);
        const value = Math.max(10_000, r.chance(0.2) ? Math.round(x) : roundTo(x, r.chance(0.6) ? 1_000 : 10_000));
        pay(c.id, base(d, hourIn(r, H.DEBIT), {
          kind: 'DEBIT', flow: 'bank-transfer', from: c, to, amount: value, channel: fast ? 'bi_fast' : 'bank_transfer', memo: memo(r, 0.55, MEMOS.debit),
          ...(fast ? { proxyType: weighted(r, PROXY), purposeCode: weighted(r, PURPOSE) } : {}),
        }));
      }
    }
    // ours: a payment abroad, once.
    if (c.payAbroad) {
      const d = r.int(0, days - 1);
      const country = weighted(r, ABROAD_PAYEE);
      const to = add({ id: `abr-${c.id}`, role: 'payee-abroad', country, offset: OFFSET_OF[country] });
      const value = roundTo(r.int(1_500_000, 15_000_000), r.chance(0.5) ? 1 : 1_000);
      pay(c.id, base(d, r.int(8, 21), {
        kind: 'ours', flow: 'payment-abroad', from: c, to, amount: value, channel: 'remittance', memo: memo(r, 0.2, MEMOS.abroad),
      }));
    }
  }

  // ---- arisan payouts: the pot to the month's winner, from the collector's own seed ----
  for (const grp of arisan) {
    const r = sub(seed, grp.collector.id);
    for (const mo of months) {
      const d = dayOfMonth(mo, cal, grp.date + r.int(3, 5));
      if (d === null) continue;
      const winner = grp.members[(grp.done + mo.index) % grp.members.length];
      pay(grp.collector.id, {
        day: d, sec: clock(r, hourIn(r, H.TRANSFER)), offset: grp.collector.offset, kind: 'TRANSFER', flow: 'arisan-payout', from: grp.collector, to: winner,
        amount: grp.round * grp.members.length, channel: 'p2p',
        memo: memo(r, 0.2, ['arisan', 'uang arisan', `arisan ${mo.name}`, 'selamat dapat arisan', grp.label]),
      });
    }
  }

  // ---- ours: family abroad sending home, from each relative's own seed ----
  let abroadN = 0;
  for (const c of cust.filter((x) => x.remitIn)) {
    const id = `rab-${String(++abroadN).padStart(4, '0')}`;
    const r = sub(seed, id);
    const corridor = weighted(r, ABROAD.map((x) => [x, x.share]));
    const rel = add({ id, role: 'relative-abroad', country: corridor.country, offset: corridor.offset });
    if (r.chance(0.9)) knows(rel, c);
    const sum = r.pick(corridor.sums);
    const twice = r.chance(0.4);
    for (const mo of months) {
      for (let k = twice ? 2 : 1; k > 0; k--) {
        let d = r.pick(mo.days);
        // Domestic workers in Hong Kong have Sunday off: they send then.
        if (corridor.country === 'HK') d = mo.days.filter((x) => cal[x].dow === 0)[r.int(0, 3)] ?? d;
        const rate = corridor.idr * (1 + (r.next() - 0.5) * 0.02);
        const value = Math.round((r.chance(0.8) ? sum : r.pick(corridor.sums)) * rate);
        pay(id, {
          day: d, sec: clock(r, r.int(8, 20)), offset: corridor.offset, kind: 'ours', flow: 'remittance-in', from: rel, to: c, amount: value,
          channel: 'remittance', memo: memo(r, 0.4, MEMOS.remittance),
        });
      }
    }
  }

  // ---- the transactions, in time order, with isNew as a host computes it ----
  events.sort((a, b) => a.ms - b.ms || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const party = (a, day, isNew) => ({
    id: a.id,
    country: a.country,
    ...(isNew === undefined ? {} : { isNew }),
    ...(a.ageDays === undefined ? {} : { accountAgeDays: a.ageDays + day }),
    ...(a.isMinor ? { isMinor: true } : {}),
    ...(a.kyc ? { kyc: a.kyc } : {}),
  });
  const paid = new Set(known);
  const used = new Set();
  const transactions = events.map((e) => {
    const pair = `${e.from.id}>${e.to.id}`;
    const isNew = !paid.has(pair);
    paid.add(pair);
    used.add(e.from.id).add(e.to.id);
    const tx = {
      id: e.key,
      timestamp: stamp(e.ms, e.offset),
      amount: String(e.amount),
      currency: 'IDR',
      channel: e.channel,
      ...(e.memo ? { memo: e.memo } : {}),
      sender: party(e.from, e.day),
      receiver: party(e.to, e.day, isNew),
      ...(e.merchant ? { merchant: e.merchant } : {}),
      ...(e.topUpSource ? { topUpSource: e.topUpSource } : {}),
      ...(e.cashOutType ? { cashOutType: e.cashOutType } : {}),
      ...(e.proxyType ? { proxyType: e.proxyType, purposeCode: e.purposeCode } : {}),
    };
    return { kind: e.kind, flow: e.flow, tx };
  });

  // ---- accounts: every customer, and every other account that appears ----
  const out = [];
  for (const a of accounts.values()) {
    if (a.role !== 'customer' && !used.has(a.id)) continue;
    out.push({
      id: a.id, role: a.role, ...(a.type ? { type: a.type } : {}), ...(a.name ? { name: a.name } : {}), country: a.country, offset: a.offset,
      ...(a.city ? { city: a.city } : {}),
      ...(a.ageDays === undefined ? {} : { ageDaysAtStart: a.ageDays }), ...(a.kyc ? { kyc: a.kyc } : {}), ...(a.isMinor ? { isMinor: true } : {}),
      ...(a.role === 'customer'
        ? { hasBank: a.hasBank, buckets: Object.fromEntries(ACTIONS.filter((k) => a.bucket[k]).map((k) => [k, a.bucket[k].label])), duties: [...a.duties] }
        : {}),
      ...(a.owner ? { owner: a.owner } : {}), ...(a.paysimBucket ? { paysimBucket: a.paysimBucket } : {}), ...(a.merchant ? { merchant: a.merchant } : {}),
      ...(a.members ? { members: a.members, round: a.round } : {}), ...(a.tenants ? { tenants: a.tenants } : {}), ...(a.goods ? { goods: a.goods } : {}),
    });
  }
  const agents = Object.values(agentsIn).flat();
  return { accounts: out, transactions, stats: statistics({ seed, customers, days, start, m, cal, months, cust, agents, accounts: out, transactions, ps }) };
}

// ---- the figures the report compares with PaySim ----

function statistics({ seed, customers, days, start, m, cal, months, cust, agents, accounts, transactions, ps }) {
  const tally = (xs) => xs.reduce((o, k) => ((o[k] = (o[k] ?? 0) + 1), o), {});
  const round = (x, n = 4) => Number(x.toFixed(n));
  const byKind = tally(transactions.map((t) => t.kind));
  const byFlow = tally(transactions.map((t) => t.flow));
  const roles = tally(accounts.map((a) => a.role));
  // Per-customer monthly counts per action, over whole calendar months the customer was there for.
  const isCustomer = new Map(cust.map((c) => [c.id, c]));
  const per = new Map(); // `${id}|${month}|${action}` → count
  const dayOf = (t) => Math.round((Date.parse(t.tx.timestamp.slice(0, 10)) - start) / 86_400_000);
  for (const t of transactions) {
    if (!ACTIONS.includes(t.kind)) continue;
    const who = t.kind === 'CASH_IN' ? t.tx.receiver.id : t.tx.sender.id;
    if (!isCustomer.has(who)) continue;
    const d = Math.min(days - 1, Math.max(0, dayOf(t)));
    const k = `${who}|${cal[d].month}|${t.kind}`;
    per.set(k, (per.get(k) ?? 0) + 1);
  }
  const monthly = {};
  for (const a of ACTIONS) {
    const counts = [];
    let eligible = 0;
    for (const c of cust) {
      for (const mo of months) {
        if (!mo.full || c.join > mo.days[0]) continue;
        eligible++;
        const n = per.get(`${c.id}|${mo.index}|${a}`) ?? 0;
        if (n) counts.push(n);
      }
    }
    const bs = m.buckets[a];
    const inBucket = (n, b) => n >= b.min && n <= b.max;
    monthly[a] = {
      customerMonths: eligible,
      activeShare: round(counts.length / Math.max(1, eligible)),
      meanCount: round(counts.reduce((s, n) => s + n, 0) / Math.max(1, counts.length), 2),
      buckets: bs.map((b) => ({
        bucket: b.label, paysimFreq: b.freq, paysimShare: round(b.share),
        generated: round(counts.filter((n) => inBucket(n, b)).length / Math.max(1, counts.length)),
      })),
      above: round(counts.filter((n) => n > bs[bs.length - 1].max).length / Math.max(1, counts.length)),
    };
  }
  // Agents: the top-ups each performs in a whole month, against PaySim's agent buckets.
  const agentTopUps = new Map();
  for (const t of transactions) {
    if (t.kind !== 'CASH_IN' || !t.tx.sender.id.startsWith('agt-')) continue;
    const d = Math.min(days - 1, Math.max(0, dayOf(t)));
    if (!months[cal[d].month].full) continue;
    const k = `${t.tx.sender.id}|${cal[d].month}`;
    agentTopUps.set(k, (agentTopUps.get(k) ?? 0) + 1);
  }
  const agentCounts = agents.flatMap((a) => months.filter((mo) => mo.full).map((mo) => agentTopUps.get(`${a.id}|${mo.index}`) ?? 0));
  const allAgentBuckets = ps.profiles.filter((p) => p.action === 'CASH_IN').sort((a, b) => a.minCount - b.minCount);
  const agentsMonthly = {
    agentMonths: agentCounts.length,
    meanCount: round(agentCounts.reduce((s, n) => s + n, 0) / Math.max(1, agentCounts.length), 1),
    buckets: [{ bucket: '0', paysimShare: null, generated: round(agentCounts.filter((n) => n === 0).length / Math.max(1, agentCounts.length)) }].concat(
      allAgentBuckets.map((p) => ({
        bucket: p.minCount === p.maxCount ? String(p.minCount) : `${p.minCount}-${p.maxCount}`,
        paysimShare: p.minCount >= AGENT_MIN ? round(m.agentBuckets.find((b) => b.min === p.minCount).share) : null,
        generated: round(agentCounts.filter((n) => n >= p.minCount && n <= p.maxCount).length / Math.max(1, agentCounts.length)),
      })),
    ),
    note: "An agent's volume here is only the top-ups of the generated customers; in PaySim it is all of its clients'.",
  };
  // Hour of day (the timestamp's local hour), generated vs PaySim.
  const hourly = {};
  for (const a of ACTIONS) {
    const hs = new Array(24).fill(0);
    for (const t of transactions) if (t.kind === a) hs[Number(t.tx.timestamp.slice(11, 13))]++;
    const n = hs.reduce((s, x) => s + x, 0) || 1;
    const p = ps.hourly[a];
    const pn = p.reduce((s, x) => s + x, 0);
    hourly[a] = { generated: hs.map((x) => round(x / n)), paysim: p.map((x) => round(x / pn)) };
  }
  // Amounts in rupiah, per action and per flow; and PaySim's transaction-weighted means times the factor.
  const mean = (xs) => Math.round(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length));
  const amountsBy = (key) => {
    const groups = {};
    for (const t of transactions) (groups[t[key]] ??= []).push(Number(t.tx.amount));
    return Object.fromEntries(Object.entries(groups).map(([k, xs]) => {
      const s = [...xs].sort((a, b) => a - b);
      return [k, { n: xs.length, mean: mean(xs), median: s[Math.floor(s.length / 2)], p90: s[Math.floor(s.length * 0.9)] }];
    }));
  };
  const paysimIdr = Object.fromEntries(ACTIONS.map((a) => {
    const bs = m.buckets[a];
    const w = bs.map((b) => b.share * ((b.min + b.max) / 2));
    return [a, Math.round((bs.reduce((s, b, i) => s + w[i] * b.mean, 0) / w.reduce((s, x) => s + x, 0)) * SCALING.unitToIdr[a])];
  }));
  const customersOf = (f) => cust.filter(f).length;
  return {
    seed,
    customers,
    days,
    start: new Date(start).toISOString().slice(0, 10),
    transactions: transactions.length,
    byKind,
    byFlow,
    roles,
    customerKinds: {
      minors: customersOf((c) => c.isMinor),
      unregistered: customersOf((c) => c.kyc === 'unregistered'),
      joinedInWindow: customersOf((c) => c.join > 0),
      withBank: customersOf((c) => c.hasBank),
      zones: Object.fromEntries(ZONES.map(([z]) => [z, customersOf((c) => c.offset === z)])),
      kosTenants: customersOf((c) => c.kos),
      arisanMembers: customersOf((c) => c.arisan),
      familySupport: customersOf((c) => c.family),
      schoolFees: customersOf((c) => c.spp),
      remittanceIn: customersOf((c) => c.remitIn),
      paymentAbroad: customersOf((c) => c.payAbroad),
    },
    monthly,
    agentsMonthly,
    hourly,
    amounts: {
      unitToIdr: SCALING.unitToIdr,
      paysimMeanIdr: paysimIdr,
      byKind: amountsBy('kind'),
      byFlow: amountsBy('flow'),
    },
  };
}
