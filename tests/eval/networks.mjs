// Planted money networks for `make eval` (case recall): each one a collector
// e-wallet paid by many payers, its balance swept on to an intermediary that
// passes it on within hours, and a cash-out account that takes it out in cash.
// The networks are planted in the PaySim-based benign background
// (background.mjs) and the case builder must find each as one case.
//
// Generated from the publishers' written case descriptions as the research
// catalogue (../shared/research/indicators.md) quotes them, NOT from the pack.
// Like sequences.mjs, this file reads no pack, imports nothing of the package
// and uses no indicator ids; only `rng` is shared with corpus.mjs, for the
// seed. The catalogue's words this generator samples from:
//
// PPATK (Indonesia's FIU), §3.11 and §2.2:
//   "Many-to-one: funds arrive at one recipient from many different senders."
//   "Each incoming amount, domestic or from abroad, is relatively small."
//   "Mixed rails: remittance, payment gateway, e-wallet, bank transfer, crypto."
//     (PPATK at the Denpasar ASEAN conference, Aug 2024)
//   "Content sellers collect buyers' payments in an e-wallet (GoPay, OVO, DANA
//   named) and then sweep the balance to a personal bank account." (ECPAT
//   Indonesia report of the PPATK FGD, Jul 2024)
//   "payments for child sexual content collected via e-wallets (GoPay, OVO, DANA
//   named) and banking channels; buyers mostly outside Indonesia" (PPATK's
//   year-end reflection on its 2022 analyses, 28 Dec 2022)
// Indonesian police cases, §2.1 and §3.11: "Rp 15,000 per item, Rp 165,000 per
//   month subscription (Telegram, 2024)"; "Rp 50,000 per content package
//   (Facebook → 144 Telegram groups, 2025)"; "Rp 25,000–50,000 group membership
//   (Telegram, Balikpapan 2025)"; "channels with tens of thousands of followers
//   but ~100 paying subscribers (2024). Financially: many first-time, one-off
//   payers to one recipient, with little repeat."
// AUSTRAC, financial crime guide "Combating the sexual exploitation of children
//   for financial gain" (Dec 2022) and the AUSTRAC articles and case studies the
//   catalogue takes its indicators from, §3.1 and §2.1: "One beneficiary in SE
//   Asia receives frequent low-value remittances from several unrelated
//   Australian senders (common beneficiary)"; "Frequent remittances of roughly
//   AUD 10–100, especially through online remittance services, to SE Asia";
//   "Outgoing transfers of low value (most under AUD 500)".
// FinCEN, notice FIN-2021-NTC3 on online child sexual exploitation (2021), §3.6:
//   "Offenders use P2P mobile apps, darknet services and anonymisation/encryption
//   services to avoid detection." FinCEN's 2025 sextortion notice (FIN-2025-NTC2,
//   graded C in the catalogue): "an account receives P2P payments from many
//   unrelated people (often young) and quickly pushes the funds out".
// Obfuscation, §6: "Layering across rails: e-wallet collection then sweep to
//   bank; P2P to domestic mule then crypto/abroad" (PPATK 2024; AUSTRAC 2025;
//   FinCEN 2025; Indonesian cases).
// Corridors, §4: "Origin (consumers): United States, United Kingdom, Australia,
//   Canada, Europe (FATF, AMLC); Saudi Arabia, Germany, Japan, Singapore,
//   France, Netherlands also in AMLC's top sources"; "Inbound to Indonesia:
//   foreign buyers dominate for Indonesian-made content (PPATK 2022)".
//
// What is ours (the sources give no number for it), each said where it is
// set: how many payers, the run's length, the share of payers abroad in the
// domestic cases, the share of domestic payers who are ordinary customers of
// the background, how often the balance is swept, the intermediary's cut and
// delay, how the cash-out withdraws, hours and memos. The chain has one
// intermediary: the catalogue describes a sweep on and a push out, not how many
// hops a mule chain has. Memos are harmless words only (no cover term, no
// membership word, no handle): the networks are found by their flows.
//
// Everything is synthetic: ids and amounts are made up.
import { rng } from './corpus.mjs';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// One fixed offset per country (the payer's local clock; ours where a country has several zones).
const OFFSET = {
  ID: ['+07:00', '+07:00', '+07:00', '+08:00', '+09:00'], US: ['-05:00', '-06:00', '-08:00'], AU: ['+10:00', '+11:00', '+08:00'], GB: ['+00:00'],
  CA: ['-05:00', '-08:00'], SA: ['+03:00'], DE: ['+01:00'], JP: ['+09:00'], SG: ['+08:00'], FR: ['+01:00'], NL: ['+01:00'], NZ: ['+13:00'],
};
// §4 origin countries, weighted by AMLC's shares of suspicious inward remittances where it gives them (US 50 %, AU 7.4 %,
// GB 6.8 %), the others ours — as sequences.mjs weights them.
const CONSUMERS = [['US', 50], ['AU', 7.4], ['GB', 6.8], ['CA', 5], ['SA', 4], ['DE', 3], ['JP', 3], ['SG', 2], ['FR', 2], ['NL', 2], ['NZ', 1]];
// Rough rupiah per unit, only to put AUSTRAC's AUD band in the rupiah the Indonesian wallet is credited with (as sequences.mjs: Rp 17,500 a euro, AUD 1.65 a euro).
const IDR_PER_AUD = 17_500 / 1.65;

/** The police cases' price points (§2.1), in rupiah. */
const PRICE_POINTS = [(r) => 15_000 * r.int(1, 3), (r) => 5_000 * r.int(5, 10), () => 50_000, () => 165_000];

/**
 * The described cases, each a way the collector is paid. `payers` and `abroad` are ours where the quote gives no
 * number; `repeat` is the share of payers who pay more than once and `times` how often they then pay.
 */
export const NETWORK_CASES = [
  {
    variant: 'ppatk-2022-ewallet-buyers-abroad', weight: 3,
    source: "PPATK year-end reflection, 28 Dec 2022; ECPAT Indonesia report of the PPATK FGD, Jul 2024; PPATK at the Denpasar ASEAN conference, Aug 2024",
    quote: "payments for child sexual content collected via e-wallets (GoPay, OVO, DANA named) and banking channels; buyers mostly outside Indonesia; content sellers collect buyers' payments in an e-wallet and then sweep the balance; each incoming amount, domestic or from abroad, is relatively small",
    // "mostly outside Indonesia": 55–80 % of payers abroad (ours); 20–120 payers (ours, around "~100 paying subscribers").
    payers: [20, 120], abroad: [0.55, 0.8], repeat: 0.15, times: [2, 3], amount: (r) => r.pick(PRICE_POINTS)(r),
  },
  {
    variant: 'police-2024-2025-one-off-domestic-buyers', weight: 3,
    source: 'Indonesian police cases 2024–2025 (Telegram 2024; Facebook → 144 Telegram groups, 2025; Telegram, Balikpapan 2025)',
    quote: 'Rp 15,000 per item; Rp 165,000 per month subscription; Rp 50,000 per content package; Rp 25,000–50,000 group membership; ~100 paying subscribers; many first-time, one-off payers to one recipient, with little repeat',
    // 30–150 payers (ours, around "~100 paying subscribers"); 0–15 % abroad (ours: domestic cases, PPATK's "domestic or from abroad").
    payers: [30, 150], abroad: [0, 0.15], repeat: 0.08, times: [2, 2], amount: (r) => r.pick(PRICE_POINTS)(r),
  },
  {
    variant: 'austrac-common-beneficiary-frequent-remittances', weight: 2,
    source: 'AUSTRAC, Combating the sexual exploitation of children for financial gain (2022) and its case study "Online transactions lead to convictions…"',
    quote: 'one beneficiary in SE Asia receives frequent low-value remittances from several unrelated Australian senders (common beneficiary); frequent remittances of roughly AUD 10–100, especially through online remittance services',
    // "several" senders: 6–20 (ours), all in Australia, each paying "frequent[ly]": 3–10 times over the run (ours).
    payers: [6, 20], abroad: [1, 1], from: [['AU', 1]], repeat: 1, times: [3, 10], channels: [['remittance', 85], ['p2p', 15]],
    amount: (r) => Math.round((10 + r.next() * 90) * IDR_PER_AUD),
  },
  {
    variant: 'fincen-p2p-many-unrelated-quickly-out', weight: 2,
    source: 'FinCEN FIN-2021-NTC3 (2021); FinCEN FIN-2025-NTC2 (2025, graded C in the catalogue); PPATK (Denpasar, Aug 2024)',
    quote: 'offenders use P2P mobile apps; an account receives P2P payments from many unrelated people and quickly pushes the funds out; many-to-one: funds arrive at one recipient from many different senders',
    // 15–80 payers (ours), 0–30 % abroad (ours), P2P; the balance pushed out within a day (ours, "quickly").
    payers: [15, 80], abroad: [0, 0.3], repeat: 0.1, times: [2, 3], channels: [['p2p', 80], ['bi_fast', 20]], sweepDays: [0, 1],
    amount: (r) => r.pick(PRICE_POINTS)(r),
  },
];

/** Picks by `weight` (cases) or from `[value, weight]` pairs. */
function weighted(r, entries) {
  const w = (e) => (Array.isArray(e) ? e[1] : e.weight);
  let x = r.next() * entries.reduce((s, e) => s + w(e), 0);
  const e = entries.find((e) => (x -= w(e)) < 0) ?? entries[entries.length - 1];
  return Array.isArray(e) ? e[0] : e;
}
/** FNV-1a: a seed per network, so a network does not depend on how many others are generated. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
const minutes = (o) => (o[0] === '-' ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)));
/** RFC 3339: the local wall-clock time of `ms` in the zone, with the offset. */
const stamp = (ms, offset) => `${new Date(ms + minutes(offset) * 60_000).toISOString().slice(0, 19)}${offset}`;
const floorTo = (x, step) => Math.floor(x / step) * step;

// Harmless memos (ours): ordinary transfer words, mostly none.
const MEMO_ID = [['', 55], ['tf', 12], ['bayar', 12], ['transfer', 8], ['done ya', 7], ['udah ya kak', 6]];
const MEMO_ABROAD = [['', 70], ['payment', 12], ['thanks', 10], ['transfer', 8]];
const MEMO_SWEEP = [['', 70], ['tarik saldo', 15], ['pindah saldo', 15]];

/**
 * `n` planted networks inside [from, to) (epoch ms: the background's span). `customers` are ordinary customers of
 * the background a domestic payer may be (`{ id, offset, ageDaysAtStart, kyc }`, adults with an account before the
 * window); `cashPoints` are where cash is taken out in the background (`{ id, kind: 'atm'|'agent', country,
 * ageDaysAtStart?, kyc?, merchant? }`). Returns `[{ id, variant, source, quote, collector, payers, shared,
 * intermediary, cashOut, rows: [{ kind, tx }] }]`, each network's rows in time order. Same seed, same output.
 */
export function networks(seed, n, { from, to, customers = [], cashPoints = [] }) {
  const out = [];
  const taken = new Set();
  const startDay = Math.floor(from / DAY_MS) * DAY_MS;
  const days = Math.floor((to - startDay) / DAY_MS);
  for (let k = 0; k < n; k++) {
    const id = `net-${String(k + 1).padStart(2, '0')}`;
    const r = rng(hash(`${seed}/${id}`));
    const c = weighted(r, NETWORK_CASES);
    // The run: 14–45 days (ours) of payments, its last sweep and cash-out still inside the background's window.
    const length = r.int(14, Math.min(45, days - 10));
    const first = r.int(1, days - length - 8);
    const rows = [];
    const seq = { n: 0 };
    const paid = new Set();
    const party = (a, ms, pair) => ({
      id: a.id,
      country: a.country,
      ...(pair === undefined ? {} : { isNew: !paid.has(pair) }),
      ...(a.ageDays === undefined ? {} : { accountAgeDays: a.ageDays + Math.max(0, Math.floor((ms - startDay) / DAY_MS)) }),
      ...(a.kyc ? { kyc: a.kyc } : {}),
    });
    /** Records a payment at `ms` (clamped inside the window), stamped in the payer's zone. */
    const pay = (kind, ms, payer, payee, fields) => {
      const at = Math.min(Math.max(ms, from), to - 1);
      const pair = payee ? `${payer.id}>${payee.id}` : undefined;
      const tx = {
        id: `${id}-${String(++seq.n).padStart(4, '0')}`,
        timestamp: stamp(at, payer.offset),
        amount: String(Math.round(fields.value)),
        currency: 'IDR',
        channel: fields.channel,
        ...(fields.memo ? { memo: fields.memo } : {}),
        sender: party(payer, at, undefined),
        ...(payee ? { receiver: party(payee, at, pair) } : {}),
        ...(fields.merchant ? { merchant: fields.merchant } : {}),
        ...(fields.cashOutType ? { cashOutType: fields.cashOutType } : {}),
        ...(fields.proxyType ? { proxyType: fields.proxyType } : {}),
      };
      if (pair) paid.add(pair);
      rows.push({ kind, ms: at, tx });
    };
    /** Local midnight of window day `d` in a zone, plus `hour` and random minutes. */
    const local = (d, hour, offset) => startDay + d * DAY_MS + hour * HOUR_MS + r.int(0, 3599) * 1000 - minutes(offset) * 60_000;

    // The three accounts of the chain (ours: a registered collector wallet 30–1,500 days old, or 25 % of the time a young
    // one of 0–20 days; the intermediary and the cash-out 30–900 days old).
    const young = r.chance(0.25);
    const collector = { id: `${id}-collector`, country: 'ID', offset: r.pick(OFFSET.ID), ageDays: young ? r.int(0, 20) - first : r.int(30, 1500), kyc: 'registered' };
    collector.ageDays = Math.max(collector.ageDays, -first);
    const intermediary = { id: `${id}-intermediary`, country: 'ID', offset: r.pick(OFFSET.ID), ageDays: r.int(30, 900), kyc: 'registered' };
    const cashOut = { id: `${id}-cashout`, country: 'ID', offset: r.pick(OFFSET.ID), ageDays: r.int(30, 900), kyc: 'registered' };

    // The payers: abroad by the case's share; at home, 30 % of them ordinary customers of the background (ours: payers are
    // ordinary people with ordinary lives), the rest wallets seen only here.
    const abroadShare = c.abroad[0] + r.next() * (c.abroad[1] - c.abroad[0]);
    const payers = [];
    const shared = [];
    const count = r.int(...c.payers);
    for (let i = 0; i < count; i++) {
      const abroad = r.chance(abroadShare);
      let payer = null;
      if (!abroad && r.chance(0.3)) {
        const pool = customers.filter((x) => !taken.has(x.id));
        if (pool.length) {
          const x = r.pick(pool);
          taken.add(x.id);
          payer = { id: x.id, country: 'ID', offset: x.offset, ageDays: x.ageDaysAtStart, kyc: x.kyc };
          shared.push(x.id);
        }
      }
      if (!payer) {
        const country = abroad ? weighted(r, c.from ?? CONSUMERS) : 'ID';
        payer = { id: `${id}-payer-${String(i + 1).padStart(3, '0')}`, country, offset: r.pick(OFFSET[country]), ageDays: r.int(10, 2000), kyc: 'registered' };
      }
      payers.push(payer);
    }
    // Their payments: the first at any day of the run; repeat payers again every 1–10 days (ours) while the run lasts.
    // Hours: any (ours; the sources give none for buyers).
    const inbound = [];
    for (const payer of payers) {
      const times = r.chance(c.repeat) ? r.int(...c.times) : 1;
      let d = first + r.int(0, length - 1);
      for (let t = 0; t < times && d < first + length; t++, d += r.int(1, 10)) {
        const ms = local(d, r.int(0, 23), payer.offset);
        const value = c.amount(r);
        const abroad = payer.country !== 'ID';
        const channel = c.channels
          ? weighted(r, c.channels)
          : abroad ? weighted(r, [['remittance', 60], ['p2p', 25], ['bank_transfer', 15]]) : weighted(r, [['p2p', 55], ['bi_fast', 25], ['bank_transfer', 20]]);
        inbound.push({ ms, value, payer, channel, memo: weighted(r, abroad ? MEMO_ABROAD : MEMO_ID) });
      }
    }
    inbound.sort((a, b) => a.ms - b.ms);
    for (const p of inbound) {
      pay('payment', p.ms, p.payer, collector, { value: p.value, channel: p.channel, memo: p.memo, ...(p.channel === 'bi_fast' ? { proxyType: 'phone' } : {}) });
    }

    // The sweep: the balance moved on to the intermediary 1–4 days (ours; the FinCEN case within a day) after the first
    // payment since the last sweep, and at the end of the run. Then the intermediary passes each sweep on within 1–8 hours
    // (ours: "quickly pushes the funds out"), keeping a cut of 0–15 % (ours: no source gives a mule's fee), and the
    // cash-out takes it out in cash within 2–30 hours, in one to three withdrawals at an ATM (Rp 50,000 steps, at most
    // Rp 5,000,000 each) or at an agent (Rp 10,000 steps, at most Rp 3,000,000 each) — ours.
    const sweepDays = c.sweepDays ?? [1, 4];
    const cut = r.next() * 0.15;
    const cashKind = r.chance(0.5) ? 'atm' : 'agent';
    const points = cashPoints.filter((x) => x.kind === cashKind);
    const point = points.length ? r.pick(points) : null;
    const sweeps = [];
    let balance = 0;
    let due = null;
    for (const p of inbound) {
      if (due !== null && p.ms > due) sweeps.push({ ms: due, value: balance }), (balance = 0), (due = null);
      balance += p.value;
      if (due === null) due = p.ms + r.int(...sweepDays) * DAY_MS + r.int(1, 20) * HOUR_MS;
    }
    if (due !== null) sweeps.push({ ms: due, value: balance });
    for (const s of sweeps) {
      const channel = r.pick(['p2p', 'bi_fast']);
      pay('sweep', s.ms, collector, intermediary, { value: s.value, channel, memo: weighted(r, MEMO_SWEEP), ...(channel === 'bi_fast' ? { proxyType: 'phone' } : {}) });
      const passed = Math.round(s.value * (1 - cut));
      const onMs = s.ms + r.int(1, 8) * HOUR_MS + r.int(0, 3599) * 1000;
      pay('pass-through', onMs, intermediary, cashOut, { value: passed, channel: r.pick(['p2p', 'bi_fast']), memo: weighted(r, MEMO_SWEEP) });
      const step = cashKind === 'atm' ? 50_000 : 10_000;
      const most = cashKind === 'atm' ? 5_000_000 : 3_000_000;
      let left = floorTo(passed, step);
      let ms = onMs + r.int(2, 12) * HOUR_MS;
      for (let w = 0; w < 3 && left >= step; w++) {
        const value = w === 2 ? Math.min(left, most) : Math.min(left, most, w === 0 && r.chance(0.5) ? floorTo(left / 2, step) || step : left);
        pay('cash', ms, cashOut, point ? { ...point, ageDays: point.ageDaysAtStart } : null, {
          value, channel: 'cash_withdrawal', cashOutType: cashKind, ...(point?.merchant ? { merchant: point.merchant } : {}),
        });
        left -= value;
        ms += r.int(1, 9) * HOUR_MS;
      }
    }
    rows.sort((a, b) => a.ms - b.ms);
    out.push({
      id, variant: c.variant, source: c.source, quote: c.quote, collector: collector.id, payers: [...new Set(payers.map((p) => p.id))], shared,
      intermediary: intermediary.id, cashOut: cashOut.id, cashOutType: cashKind, cut, rows: rows.map(({ kind, tx }) => ({ kind, tx })),
    });
  }
  return out;
}
