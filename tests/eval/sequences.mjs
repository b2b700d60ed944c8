// Per-account payment sequences for `make eval` (history): for each account, up
// to 60 days of payments in and out, generated from the publishers' written
// case descriptions (the research catalogue, indicators.md §2 "Hard numbers",
// §3 catalogue, §4 corridors; history.md), NOT from the pack. Like
// scenarios.mjs, this file reads no pack, imports nothing of the package and
// uses no indicator ids: recall is measured against what the sources describe
// rather than against the pack's own history rules. Only `rng` is shared with
// corpus.mjs, for the seed.
//
// A sequence is one focal account (`account`) and every payment it makes or
// receives, each with sender.id and receiver.id (synthetic ids, unique to the
// sequence), an RFC 3339 timestamp with the sender's offset, and
// receiver.isNew set as a host would set it (the first payment from this
// sender to this payee, counting the payees a case says were paid before the
// window). The risky typologies are habits described by the sources, the
// look-alikes are ordinary habits with the same surface (corridor, amount,
// many senders, a sweep); none is tuned to any rule.
//
// Each typology is a table of cases, each with the quoted description and its
// source; the generator samples from the ranges those facts give. Where the
// sources are silent (how many weeks, how many payees, how often a memo is
// empty, the hour of an ordinary payment) the number is ours and says so.
//
// Some hosts do not send receiver.isNew (the engine then decides newness from
// the sender's own history): such a sequence carries `hostIsNew: false` and
// none of its transactions has receiver.isNew. A party the host knows more
// about carries it on the receiver side too: receiver.accountAgeDays (a party
// made with `tellAge`), receiver.isMinor (a minor), sender/receiver.kyc (a
// party made with `kyc`). Cases marked `added` were appended to a table after
// its first runs and are drawn from a stream of their own (see `pickCase`), so
// the sequences that draw an earlier case are the same, byte for byte.
//
// Everything is synthetic: names, ids, handles and numbers are made up; the
// only words are published cover-story terms, documented contexts and
// ordinary language.
import { rng } from './corpus.mjs';

/** The window: local days 0..DAYS-1 from Monday 5 October 2026. */
export const DAYS = 60;
export const DAY_MS = 86_400_000;
export const START = Date.UTC(2026, 9, 5);
// The last instant kept: a local day 59 in the furthest-west zone used (-08:00)
// would end after START + 60 days, and a sequence must span at most 60 days
// whatever its zones (the earliest zone used is +13:00).
const LIMIT = START + DAYS * DAY_MS - 14 * 3_600_000;

// One fixed offset per account: a clock change inside the window is ignored
// (the engine reads the offset given, so a host's wrong offset is its own).
const ZONES = {
  AU: ['+10:00', '+11:00', '+11:00', '+08:00'], US: ['-05:00', '-06:00', '-08:00'], GB: ['+00:00'], CA: ['-05:00', '-08:00'],
  NZ: ['+13:00'], DE: ['+01:00'], FR: ['+01:00'], NL: ['+01:00'], SA: ['+03:00'], JP: ['+09:00'], SG: ['+08:00'],
  HK: ['+08:00'], MY: ['+08:00'], PH: ['+08:00'], ID: ['+07:00', '+07:00', '+08:00', '+09:00'], TH: ['+07:00'], VN: ['+07:00'],
  KH: ['+07:00'], NG: ['+01:00'], CI: ['+00:00'], GH: ['+00:00'], CO: ['-05:00'], DO: ['-04:00'], MX: ['-06:00'],
};
const CURRENCY = { AU: 'AUD', US: 'USD', GB: 'GBP', CA: 'CAD', NZ: 'NZD', DE: 'EUR', FR: 'EUR', NL: 'EUR', SA: 'SAR', JP: 'JPY', SG: 'SGD', HK: 'HKD', MY: 'MYR', PH: 'PHP', ID: 'IDR' };
const NO_MINOR_UNITS = new Set(['IDR', 'JPY']);
// Rough rates, only to express the sources' euro and dollar bands in the sender's money.
export const PER_EUR = { EUR: 1, AUD: 1.65, USD: 1.08, GBP: 0.85, CAD: 1.5, NZD: 1.83, SAR: 4.05, JPY: 164, SGD: 1.46, PHP: 62, IDR: 17_500, HKD: 8.4, MYR: 5 };
const LATE = [22, 23, 0, 1, 2, 3, 4, 5];
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const NAMES = ['ana', 'joy', 'mika', 'rica', 'jun', 'lea', 'dewi', 'sari', 'putri', 'rizky', 'noah', 'liam', 'mia', 'zoe'];

const minutes = (o) => (o[0] === '-' ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6)));
/** The instant of local day `day` (from the start) at `sec` seconds after local midnight, in a zone. */
const local = (day, sec, offset) => START + day * DAY_MS + sec * 1000 - minutes(offset) * 60_000;
/** RFC 3339: the local wall-clock time of `ms` in the zone, with the offset. */
const stamp = (ms, offset) => `${new Date(ms + minutes(offset) * 60_000).toISOString().slice(0, 19)}${offset}`;
/** Seconds after local midnight at `hour`, random minutes and seconds. */
const clock = (r, hour) => hour * 3600 + r.int(0, 59) * 60 + r.int(0, 59);
/** The local day (from the start) of a calendar date in the window's months (month 9 = October). */
const dayOf = (month, date) => (Date.UTC(2026, month, date) - START) / DAY_MS;
const lateOr = (r, share, lo = 0, hi = 23) => (r.chance(share) ? r.pick(LATE) : r.int(lo, hi));

/** Picks by `weight` (cases) or from `[value, weight]` pairs. */
function weighted(r, entries) {
  const w = (e) => (Array.isArray(e) ? e[1] : e.weight);
  let x = r.next() * entries.reduce((s, e) => s + w(e), 0);
  const e = entries.find((e) => (x -= w(e)) < 0) ?? entries[entries.length - 1];
  return Array.isArray(e) ? e[0] : e;
}
const whole = (x, currency) => (NO_MINOR_UNITS.has(currency) ? Math.round(x) : Math.round(x * 100) / 100);
/** An amount in [lo, hi]: a round one (a multiple of a step that suits the size) with probability `roundShare`. */
function band(r, lo, hi, currency, roundShare = 0) {
  if (r.chance(roundShare)) {
    const step = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 5].find((s) => s * 4 <= hi - lo);
    if (step) return step * r.int(Math.ceil(lo / step), Math.floor(hi / step));
  }
  return Math.min(hi, Math.max(lo, whole(lo + r.next() * (hi - lo), currency)));
}
/** A band that slides up as `p` goes from 0 to 1: "start small … then grow in value" (AUSTRAC), always inside [lo, hi]. */
const sliding = (r, lo, hi, p, currency, roundShare) => band(r, lo + (hi - lo) * 0.4 * p, lo + (hi - lo) * (0.5 + 0.5 * p), currency, roundShare);
/** A euro band in the sender's money. */
const euros = (r, lo, hi, currency, roundShare) => band(r, lo * PER_EUR[currency], hi * PER_EUR[currency], currency, roundShare);
/** Log-uniform in [lo, hi), floored to the currency's units: the trivial end as common as the top. */
function logUniform(r, lo, hi, currency) {
  const x = Math.exp(Math.log(lo) + r.next() * (Math.log(hi) - Math.log(lo)));
  return NO_MINOR_UNITS.has(currency) ? Math.max(1, Math.floor(x)) : Math.max(0.01, Math.floor(x * 100) / 100);
}
/** How many payments on one day at `perWeek`: the whole part plus a chance for the fraction. */
const countOn = (r, perWeek) => Math.floor(perWeek / 7) + (r.chance(perWeek / 7 - Math.floor(perWeek / 7)) ? 1 : 0);
/** A shuffled copy (Fisher–Yates). */
function shuffle(r, xs) {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
const format = (value, currency) => (NO_MINOR_UNITS.has(currency) ? String(Math.round(value)) : value.toFixed(2));

/** Top-level transaction fields a payment may carry as they are (Indonesian rails: e-money top-up, cash-out, BI-FAST). */
const TOP_LEVEL = ['topUpSource', 'cashOutType', 'proxyType', 'purposeCode'];

/**
 * One sequence under construction. Payments are recorded with their instant
 * and numbers; `finish` sorts them, drops what falls after the window, and
 * writes the transactions (receiver.isNew and accountAgeDays from the sorted
 * order, as a host would compute them).
 */
function builder(id, r) {
  const raw = [];
  const known = new Set();
  let merchants = 0;
  let hostIsNew = true;
  /** A party's account age on the local day of `ms`. */
  const ageOn = (p, ms) => p.age + Math.max(0, Math.floor((ms - START) / DAY_MS));
  return {
    r,
    id,
    /** An account: id, country, zone, age at the start. */
    party: (name, country, o = {}) => ({
      id: `${id}/${name}`, country, offset: o.offset ?? r.pick(ZONES[country]), age: o.age ?? r.int(60, 3650), ...(o.minor ? { minor: true } : {}),
      ...(o.tellAge ? { tellAge: true } : {}), ...(o.kyc ? { kyc: o.kyc } : {}),
    }),
    /** A shop: its account and its merchant record (with merchant.id). */
    shop: (name, country, fields, offset) => ({
      party: { id: `${id}/shop-${++merchants}`, country, offset: offset ?? r.pick(ZONES[country] ?? ['+00:00']), age: r.int(200, 3650) },
      merchant: { id: `M-${id}-${merchants}`, name, country, ...fields },
    }),
    /** `from` has paid `to` before the window. */
    know: (from, to) => known.add(`${from.id}>${to.id}`),
    /** The host sends no receiver.isNew on any payment of this sequence. */
    noIsNew: () => {
      hostIsNew = false;
    },
    /**
     * A payment. `f`: value, currency, and optionally channel, memo, merchant,
     * the top-level fields in TOP_LEVEL, and `receiverExtra` / `senderExtra`
     * (fields added to that side).
     */
    pay: (kind, ms, from, to, f) => raw.push({ kind, ms, from, to, ...f }),
    finish(meta) {
      const steps = raw.filter((s) => s.ms < LIMIT).sort((a, b) => a.ms - b.ms);
      const paid = new Set(known);
      return {
        id,
        ...meta,
        ...(hostIsNew ? {} : { hostIsNew: false }),
        steps: steps.map((s, i) => {
          const pair = `${s.from.id}>${s.to.id}`;
          const isNew = !paid.has(pair);
          paid.add(pair);
          const tx = {
            id: `${id}-${i}`,
            timestamp: stamp(s.ms, s.from.offset),
            amount: format(s.value, s.currency),
            currency: s.currency,
            ...(s.channel ? { channel: s.channel } : {}),
            ...(s.memo ? { memo: s.memo } : {}),
            sender: {
              id: s.from.id, country: s.from.country, accountAgeDays: ageOn(s.from, s.ms), ...(s.from.minor ? { isMinor: true } : {}),
              ...(s.from.kyc ? { kyc: s.from.kyc } : {}), ...s.senderExtra,
            },
            receiver: {
              id: s.to.id, country: s.to.country, ...(hostIsNew ? { isNew } : {}), ...(s.to.tellAge ? { accountAgeDays: ageOn(s.to, s.ms) } : {}),
              ...(s.to.minor ? { isMinor: true } : {}), ...(s.to.kyc ? { kyc: s.to.kyc } : {}), ...s.receiverExtra,
            },
            ...(s.merchant ? { merchant: s.merchant } : {}),
            ...Object.fromEntries(TOP_LEVEL.filter((k) => s[k]).map((k) => [k, s[k]])),
          };
          return { kind: s.kind, tx };
        }),
      };
    },
  };
}

/**
 * Money that comes in and is moved out later: walks the inbound payments in
 * time order and, `delay(r)` ms after the first payment since the last move,
 * moves what came in meanwhile (times `keep`, for a mule's cut) — unless that
 * falls after the window.
 */
function moves(r, inbound, delay, keep = 1) {
  const out = [];
  let balance = 0;
  let due = null;
  for (const p of [...inbound].sort((a, b) => a.ms - b.ms)) {
    if (due !== null && p.ms > due) {
      out.push({ ms: due, value: balance * keep });
      balance = 0;
      due = null;
    }
    balance += p.value;
    if (due === null) due = p.ms + delay(r);
  }
  if (due !== null) out.push({ ms: due, value: balance * keep });
  return out.filter((m) => m.ms < LIMIT);
}

// ---- memos ----

// §5.1 cover terms: "accommodation, uniform, medical bills, school fees, gift" (AUSTRAC), "family support,
// medical bills or education" (FATF); a social-media handle in the description (FATF).
const COVER_TERMS = ['school fees', 'education', 'uniform', 'medical bills', 'accommodation', 'gift', 'family support'];
const handle = (r) => `@${r.pick(NAMES)}${r.pick(['', '_', '.'])}${r.int(1, 9999)}`;
/** A payer's memo: AUSTRAC calls a cover description "Meaningful only when combined with the other signals", so most are empty (our shares). */
const payerMemo = (r, shares) =>
  ({ empty: () => '', cover: () => r.pick(COVER_TERMS), handle: () => handle(r) })[weighted(r, Object.entries(shares))]();

// ============ risky: payer history ============

// ---- lsac-habitual-payer: one payer buying live-streamed abuse, over weeks ----
//
// AUSTRAC 2023 live-distance case (Queensland offender): "AUD 20–80 per
//   session; 826 payments ≈ AUD 50,000 over 3 years (about two purchases a
//   day)"; "Very high purchase frequency to a facilitator (≈ twice a day over
//   years) at AUD 20–80 each".
// AUSTRAC (node/1087): "payments to the same overseas recipient start small and
//   occasional, then grow in value and frequency".
// AUSTRAC case study "Online transactions lead to convictions…": "AUD 10–100 per
//   remittance", "Frequent online remittances … especially through online
//   remittance services, to SE Asia".
// AIC T&I 589 (2020): "reported payment range AUD 49–390; 3 % of payers made half
//   of all transactions; median amount and frequency rise with continued
//   offending". AIC T&I 639 (2021): "Median AUD 51 per live-streaming session".
// NCA 2026: "Small, frequent payments from UK customers to facilitators abroad
//   (Philippines named)"; AMLC via The Telegraph: "UK → Philippines: > 180,000
//   suspicious transactions, £22.1 m, 2020–2022" (about £123 each).
// FATF 2025: "€10–200 per payment, often round amounts"; "Repeated payments late
//   at night or very early in the morning (sender local time)".
// AUSTRAC 2024: "The same customer buys spyware apps, VPN services or
//   video-capture/screen-recording software".
// Ours: the habit starts in the first two weeks of the window and runs to its
// end, the weekly rate rising linearly from the start rate to the end rate and
// the amounts sliding up inside the quoted band; 60 % of payments late at
// night (FATF says "often"); memos 70 % empty, 20 % a cover term, 10 % a
// handle; a quarter of payers add a second payee in the same country
// partway (AMLC's "several" counterparties against AUSTRAC's one facilitator).
// Ours, for the steady night habit (no source gives a weekly count): three
// nights a week (each payer's own three weekdays, one of them moved to another
// night in a fifth of the weeks) for six weeks or more from day 0–10, one
// payment a night at 22:00–05:59 payer local time, to one payee in the
// Philippines, with no escalation: AUD 20–80 (AUSTRAC) around AIC's median of
// AUD 51, 70 % in whole units and the rest with cents, varied, not round;
// a UK payer (NCA) pays the same band in pounds; memos 75 % empty, the rest
// bland words (no cover term); the host sends no receiver.isNew.
const NIGHT_MEMOS = ['thanks', 'ty', 'ok', 'hi', 'sent', 'for you'];
const SE_ASIA = [['PH', 70], ['TH', 8], ['ID', 8], ['VN', 6], ['KH', 8]];
// §4 destinations (FINTRAC 2020/2025, AUSTRAC), the Philippines in "every source".
const DESTINATIONS = [['PH', 50], ['TH', 10], ['ID', 5], ['CO', 10], ['DO', 10], ['MX', 10], ['GH', 5]];
// §4 origins with AMLC's weights (US 50, AU 7.4, UK 6.8; the rest ours).
const CONSUMERS = [['US', 50], ['AU', 7.4], ['GB', 6.8], ['CA', 5], ['SA', 4], ['DE', 3], ['JP', 3], ['SG', 2], ['FR', 2], ['NL', 2], ['NZ', 1]];
const REMITTANCE_ONLINE = [['remittance', 80], ['p2p', 10], ['bank_transfer', 10]];

const HABITUAL = [
  {
    variant: 'austrac-2023-about-twice-a-day', weight: 3, source: 'AUSTRAC 2023 live-distance case (Queensland offender)',
    quote: 'AUD 20–80 per session; 826 payments ≈ AUD 50,000 over 3 years (about two purchases a day)', from: [['AU', 1]], offset: '+10:00',
    to: [['PH', 1]], channels: REMITTANCE_ONLINE, band: [20, 80], roundShare: 0.3, perWeek: [[3, 6], [10, 14]], knownBefore: true,
  },
  {
    variant: 'austrac-escalation-same-recipient', weight: 3, source: 'AUSTRAC (node/1087); AUSTRAC case study "Online transactions lead to convictions…"',
    quote: 'payments to the same overseas recipient start small and occasional, then grow in value and frequency; AUD 10–100 per remittance',
    from: [['AU', 1]], to: SE_ASIA, channels: REMITTANCE_ONLINE, band: [10, 100], roundShare: 0.3, perWeek: [[1, 2], [5, 8]],
  },
  {
    variant: 'aic-589-median-and-frequency-rise', weight: 2, source: 'AIC Trends & Issues 589 (2020)',
    quote: 'reported payment range AUD 49–390; median amount and frequency rise with continued offending', from: [['AU', 1]], to: [['PH', 1]],
    channels: [['remittance', 1]], band: [49, 390], roundShare: 0.3, perWeek: [[1, 3], [4, 7]],
  },
  {
    variant: 'aic-639-median-aud-51', weight: 2, source: 'AIC Trends & Issues 639 (2021)', quote: 'Median AUD 51 per live-streaming session',
    from: [['AU', 1]], to: [['PH', 1]], channels: REMITTANCE_ONLINE, band: [25, 102], roundShare: 0.3, perWeek: [[2, 4], [5, 9]],
  },
  {
    variant: 'nca-2026-uk-small-frequent', weight: 2, source: 'NCA 2026 bank guidance; AMLC data via The Telegraph',
    quote: 'Small, frequent payments from UK customers to facilitators abroad (Philippines named); > 180,000 transactions, £22.1 m',
    from: [['GB', 1]], to: [['PH', 1]], channels: [['bank_transfer', 45], ['remittance', 45], ['p2p', 10]], band: [20, 250], roundShare: 0.4,
    perWeek: [[2, 4], [5, 9]],
  },
  {
    variant: 'fatf-2025-late-night-round', weight: 3, source: 'FATF 2025, Online child sexual exploitation',
    quote: '€10–200 per payment, often round amounts; repeated payments late at night or very early in the morning (sender local time)',
    from: CONSUMERS, to: DESTINATIONS, channels: [['p2p', 30], ['bank_transfer', 25], ['remittance', 35], ['ewallet_topup', 10]], euroBand: [10, 200],
    roundShare: 0.7, perWeek: [[2, 4], [5, 10]],
  },
  {
    variant: 'austrac-2024-concealment-then-payments', weight: 2, source: 'AUSTRAC 2024, "How AUSTRAC helps protect children…"; AUSTRAC case study',
    quote: 'The same customer buys spyware apps, VPN services or video-capture/screen-recording software; AUD 10–100 per remittance',
    from: [['AU', 1]], to: [['PH', 1]], channels: REMITTANCE_ONLINE, band: [10, 100], roundShare: 0.3, perWeek: [[1, 3], [4, 8]], conceal: true,
  },
  {
    variant: 'austrac-nca-steady-night-sessions-one-payee', weight: 4, added: true,
    source: 'AUSTRAC 2023 live-distance case; AIC Trends & Issues 639 (2021); NCA 2026 bank guidance; FATF 2025, Online child sexual exploitation',
    quote: 'AUD 20–80 per session; Median AUD 51 per live-streaming session; Small, frequent payments from UK customers to facilitators abroad (Philippines named); Repeated payments late at night or very early in the morning (sender local time)',
    from: [['AU', 3], ['GB', 1]], to: [['PH', 1]], channels: REMITTANCE_ONLINE, audBand: [20, 80], nights: 3, noIsNew: true,
  },
];
// Made-up names for the product kinds AUSTRAC lists.
const CONCEALMENT = [
  { name: 'SafeTunnel VPN', descriptor: 'SAFETUNNEL VPN MONTHLY', mcc: '4816', country: 'US', band: [5, 15] },
  { name: 'ScreenGrab Pro', descriptor: 'SCREENGRAB PRO SCREEN RECORDER', mcc: '5734', country: 'GB', band: [10, 40] },
  { name: 'PhoneWatch', descriptor: 'PHONEWATCH SPY APP', mcc: '5734', country: 'CY', band: [20, 60] },
];

/** The steady night habit: three nights a week for six weeks or more, to one payee, amounts varied but not escalating. */
function nightSessions(s, c) {
  const { r } = s;
  const from = weighted(r, c.from);
  const currency = CURRENCY[from];
  const payer = s.party('payer', from, { age: r.int(180, 5000) });
  const payee = s.party('payee-1', weighted(r, c.to));
  s.noIsNew();
  const [lo, hi] = c.audBand.map((x) => (x * PER_EUR[currency]) / PER_EUR.AUD);
  const begin = r.int(0, 10);
  const weeks = r.int(6, Math.floor((DAYS - 1 - begin) / 7));
  const usual = shuffle(r, [0, 1, 2, 3, 4, 5, 6]).slice(0, c.nights);
  for (let w = 0; w < weeks; w++) {
    const nights = [...usual];
    if (r.chance(0.2)) nights[r.int(0, c.nights - 1)] = [0, 1, 2, 3, 4, 5, 6].filter((x) => !usual.includes(x))[r.int(0, 6 - c.nights)];
    for (const night of nights) {
      const hour = r.pick(LATE);
      // 00:00–05:59 belongs to the night before: the next calendar day.
      const day = begin + 7 * w + night + (hour < 12 ? 1 : 0);
      const value = r.chance(0.7) ? r.int(Math.ceil(lo), Math.floor(hi)) : band(r, lo, hi, currency);
      s.pay('payment', local(day, clock(r, hour), payer.offset), payer, payee, {
        value, currency, channel: weighted(r, c.channels), memo: r.chance(0.75) ? '' : r.pick(NIGHT_MEMOS),
      });
    }
  }
  return { account: payer.id };
}

function habitual(s, c) {
  if (c.nights) return nightSessions(s, c);
  const { r } = s;
  const from = weighted(r, c.from);
  const currency = CURRENCY[from];
  const payer = s.party('payer', from, { offset: c.offset, age: r.int(180, 5000) });
  const dest = weighted(r, c.to);
  const payees = [s.party('payee-1', dest)];
  if (c.knownBefore) s.know(payer, payees[0]);
  const begin = r.int(0, 14);
  const last = DAYS - 1;
  const second = r.chance(0.25) ? r.int(begin + 7, last - 7) : null;
  const f0 = r.int(...c.perWeek[0]);
  const f1 = r.int(...c.perWeek[1]);
  const [lo, hi] = c.band ?? c.euroBand.map((x) => x * PER_EUR[currency]);
  for (let d = begin; d <= last; d++) {
    if (d === second) payees.push(s.party('payee-2', dest));
    const p = (d - begin) / (last - begin);
    for (let k = countOn(r, f0 + (f1 - f0) * p); k > 0; k--) {
      const ms = local(d, clock(r, lateOr(r, 0.6)), payer.offset);
      s.pay('payment', ms, payer, r.pick(payees), {
        value: sliding(r, lo, hi, p, currency, c.roundShare), currency, channel: weighted(r, c.channels), memo: payerMemo(r, { empty: 70, cover: 20, handle: 10 }),
      });
    }
  }
  if (c.conceal) {
    // A subscription bought in the first weeks, renewed after a month (ours).
    const m = r.pick(CONCEALMENT);
    const seller = s.shop(m.name, m.country, { descriptor: m.descriptor, mcc: m.mcc });
    const value = band(r, m.band[0], m.band[1], currency);
    for (let d = r.int(0, 20); d <= last; d += 30) {
      s.pay('purchase', local(d, clock(r, lateOr(r, 0.5)), payer.offset), payer, seller.party, { value, currency, channel: 'card', merchant: seller.merchant });
    }
  }
  return { account: payer.id };
}

// ---- fsec-sextortion-repeated: a minor's account, several rapid payments, then an abrupt stop ----
//
// FinCEN FIN-2025-NTC2 (Sep 2025): "A customer — including a minor on a
//   parent/guardian co-signed account — makes a series of P2P payments within
//   a short time to a recipient in a "Jurisdiction of Concern", particularly
//   with no evident personal tie to that place".
// FATF 2025: "Sextortion payments generally ≤ €1,500, often starting below
//   €250; stop abruptly after several rapid payments"; "Victims are mostly
//   teenage boys".
// Thorn/NCMEC 2024: "Offenders operate mainly from Nigeria and Côte d'Ivoire";
//   "38 % paid, 27 % of payers extorted again — repeated payments to the same
//   or a new payee after the first".
// AUSTRAC (Operation Huntsman): "> 3,000 bank accounts linked to sextortion
//   payments closed since June 2022" — Australian accounts, so the first hop
//   can be a domestic mule.
// FINTRAC 2025: "Financially motivated sextortion: frequent small P2P
//   transfers; frequently linked to organised crime".
// Ours: the teen's ordinary spending (see `everyday`) runs through the whole
// window, and one more
// ordinary payment follows 1–3 days after the last extortion payment, so the
// stop can be seen on the account's next payment; one series of 2–6 payments
// 5 minutes to 6 hours apart (so within 48 h), starting on day 7–45; 80 % of
// first payments below €250; the payee is new; for Thorn's "extorted again", a
// second series of 1–4 payments 2–8 days later, to the same payee or a new
// one at even odds.
// Ours, for the added cases: where the host sends no receiver.isNew, the
// series starts on day 14–45, after two to six weeks of the account's ordinary
// spending (what the engine's own history needs to call a payee new); for
// "extorted again … a day later and for more", a first payment below €250 and
// one or two more to the same payee 18–30 hours apart, each 1.5–3 times the
// last (at most €1,500), the host sending isNew as usual (true on the first).
const VICTIM_COUNTRIES = [['US', 50], ['AU', 20], ['GB', 15], ['CA', 15]];
const SEXTORTION = [
  {
    variant: 'fincen-2025-series-to-jurisdiction-of-concern', weight: 3, source: 'FinCEN FIN-2025-NTC2 (Sep 2025)',
    quote: 'a minor on a parent/guardian co-signed account — makes a series of P2P payments within a short time to a recipient in a "Jurisdiction of Concern"',
    places: [['NG', 75], ['CI', 25]],
  },
  {
    variant: 'fatf-2025-rapid-then-stop', weight: 3, source: 'FATF 2025, Online child sexual exploitation; Thorn/NCMEC 2024',
    quote: 'Sextortion payments generally ≤ €1,500, often starting below €250; stop abruptly after several rapid payments; offenders mainly in Nigeria and Côte d\'Ivoire',
    places: [['NG', 45], ['CI', 15], ['domestic', 30], ['PH', 10]],
  },
  {
    variant: 'austrac-huntsman-domestic-mule', weight: 2, source: 'AUSTRAC via The Adviser (Operation Huntsman)',
    quote: '> 3,000 bank accounts linked to sextortion payments closed since June 2022', from: 'AU', places: [['domestic', 1]],
  },
  {
    variant: 'thorn-2024-extorted-again', weight: 2, source: 'Thorn/NCMEC 2024',
    quote: '27 % of payers extorted again — repeated payments to the same or a new payee after the first', places: [['NG', 45], ['CI', 15], ['domestic', 40]], again: true,
  },
  {
    variant: 'fintrac-2025-frequent-small-p2p', weight: 1, source: 'FINTRAC 2025 alert',
    quote: 'Financially motivated sextortion: frequent small P2P transfers; frequently linked to organised crime', from: 'CA', places: [['NG', 50], ['CI', 20], ['domestic', 30]],
  },
  {
    variant: 'fatf-2025-young-holder-new-payee-no-host-isnew', weight: 4, added: true, source: 'FATF 2025, Online child sexual exploitation; Thorn/NCMEC 2024',
    quote: 'Victims are mostly teenage boys — a young account holder paying an unknown foreign or new payee is the protective trigger; offenders operate mainly from Nigeria and Côte d\'Ivoire',
    places: [['NG', 75], ['CI', 25]], noIsNew: true,
  },
  {
    variant: 'thorn-2024-paid-again-next-day-for-more', weight: 4, added: true, source: 'Thorn/NCMEC 2024; FATF 2025, Online child sexual exploitation',
    quote: '38 % paid, 27 % of payers extorted again; sextortion payments generally ≤ €1,500, often starting below €250; offenders mainly in Nigeria and Côte d\'Ivoire',
    places: [['NG', 75], ['CI', 25]], nextDay: true,
  },
];
const TEEN_MEMOS = ['lunch', 'movie', 'thanks', 'pizza', 'bus', 'game', '', '', ''];
const TEEN_SHOPS = [['Corner Cafe', '5812'], ['Game Store', '5816'], ['Snack Bar', '5814'], ['Cinema', '7832'], ['Book Nook', '5942'], ['Bubble Tea Bar', '5814']];

/**
 * A teenager's ordinary spending at home (ours, no source): 1–4 payments a
 * week, 07:00–21:59, half to friends by P2P (2–5 paid before the window, 0–2
 * met during it) and half by card at 2–4 shops (half of them visited before
 * the window), 3–60 in local money. The sextortion sequences use it as the
 * account's background, the teen look-alike alone.
 */
function everyday(s, teen, currency) {
  const { r } = s;
  const friends = Array.from({ length: r.int(2, 5) }, (_, i) => s.party(`friend-${i + 1}`, teen.country));
  for (const f of friends) s.know(teen, f);
  const met = Array.from({ length: r.int(0, 2) }, (_, i) => ({ day: r.int(0, DAYS - 1), party: s.party(`new-friend-${i + 1}`, teen.country) }));
  const shops = Array.from({ length: r.int(2, 4) }, () => {
    const [name, mcc] = r.pick(TEEN_SHOPS);
    const shop = s.shop(name, teen.country, { mcc });
    if (r.chance(0.5)) s.know(teen, shop.party);
    return shop;
  });
  const perWeek = r.int(1, 4);
  for (let d = 0; d < DAYS; d++) {
    for (let k = countOn(r, perWeek); k > 0; k--) {
      const ms = local(d, clock(r, r.int(7, 21)), teen.offset);
      if (r.chance(0.5)) {
        const to = r.pick([...friends, ...met.filter((m) => m.day <= d).map((m) => m.party)]);
        s.pay('background', ms, teen, to, { value: band(r, 5, 40, currency, 0.5), currency, channel: 'p2p', memo: r.pick(TEEN_MEMOS) });
      } else {
        const shop = r.pick(shops);
        s.pay('background', ms, teen, shop.party, { value: band(r, 3, 60, currency), currency, channel: 'card', merchant: shop.merchant });
      }
    }
  }
  return friends;
}

function sextortion(s, c) {
  const { r } = s;
  const from = c.from ?? weighted(r, VICTIM_COUNTRIES);
  const currency = CURRENCY[from];
  const teen = s.party('teen', from, { minor: true, age: r.int(30, 1500) });
  const friends = everyday(s, teen, currency);
  /** One rapid series to `payee`, from local day `day`; returns the instant of its last payment. */
  const series = (payee, day, n) => {
    let ms = local(day, clock(r, r.int(0, 23)), teen.offset);
    for (let i = 0; i < n; i++) {
      const value = i === 0 && r.chance(0.8) ? euros(r, 10, 249, currency, 0.7) : euros(r, 10, 1_500, currency, 0.7);
      const channel = payee.country === 'PH' ? 'remittance' : 'p2p';
      s.pay('extortion', ms, teen, payee, { value, currency, channel, memo: r.pick(['', '', '', '', 'sent', 'ok', 'done']) });
      if (i < n - 1) ms += r.int(5, 360) * 60_000;
    }
    return ms;
  };
  const extorter = (i) => {
    const place = weighted(r, c.places);
    return s.party(`extorter-${i}`, place === 'domestic' ? from : place);
  };
  if (c.noIsNew) s.noIsNew();
  if (c.nextDay) {
    const payee = extorter(1);
    let ms = local(r.int(7, 45), clock(r, r.int(0, 23)), teen.offset);
    let value = euros(r, 10, 249, currency, 0.7);
    const cap = 1_500 * PER_EUR[currency];
    for (let k = r.int(2, 3); k > 0 && value <= cap; k--) {
      s.pay('extortion', ms, teen, payee, { value, currency, channel: 'p2p', memo: r.pick(['', '', '', '', 'sent', 'ok', 'done']) });
      ms += r.int(18 * 60, 30 * 60) * 60_000;
      value = band(r, value * 1.5, Math.max(value * 1.5, Math.min(cap, value * 3)), currency, 0.7);
    }
    s.pay('background', ms - r.int(0, 12) * 3_600_000 + r.int(1, 3) * DAY_MS, teen, friends[0], {
      value: band(r, 5, 40, currency, 0.5), currency, channel: 'p2p', memo: r.pick(TEEN_MEMOS),
    });
    return { account: teen.id };
  }
  const first = extorter(1);
  const day = c.noIsNew ? r.int(14, 45) : r.int(7, 45);
  let end = series(first, day, r.int(2, 6));
  if (c.again) end = series(r.chance(0.5) ? first : extorter(2), day + r.int(2, 8), r.int(1, 4));
  // The account stays in use after the stop (ours), so the stop shows on its next payment.
  s.pay('background', end + r.int(1, 3) * DAY_MS, teen, friends[0], { value: band(r, 5, 40, currency, 0.5), currency, channel: 'p2p', memo: r.pick(TEEN_MEMOS) });
  return { account: teen.id };
}

// ---- osaec-fan-out: a payer abroad paying several non-family payees ----
//
// AMLC 2020 OSEC study (BusinessWorld): "Typical payer is abroad and sends up to
//   about USD 200 at a time to several Philippine counterparties who are not
//   family"; "81 % of OSEC transactions PHP 1,000–10,000"; AMLC 2023: "87.52 %
//   involved remittances".
// FINTRAC 2020 alert (Wipfli 2021): "Frequent low-value transfers over a short
//   period to the same, or several, … recipients in countries of concern, with
//   no visible family or business link"; FINTRAC 2025:
//   "Typically under CAD 200"; most common destinations "Philippines,
//   Thailand, Dominican Republic, Colombia, Mexico".
// Ours: 3–8 payees, each first paid on its own day; 2–5 payments a week in
// all; 50 % late at night; memos 55 % empty, 35 % a cover term, 10 % a handle.
const AMLC_CHANNELS = [['remittance', 87.5], ['bank_transfer', 10], ['p2p', 2.5]];
const FAN_OUT = [
  {
    variant: 'amlc-2020-up-to-usd-200-several-counterparties', weight: 3, source: 'AMLC 2020 OSEC study (BusinessWorld)',
    quote: 'Typical payer is abroad and sends up to about USD 200 at a time to several Philippine counterparties who are not family',
    from: CONSUMERS, to: [['PH', 1]], channels: AMLC_CHANNELS, usdBand: [10, 200],
  },
  {
    variant: 'amlc-2020-php-1000-10000', weight: 2, source: 'AMLC 2020 OSEC study; AMLC 2023', quote: '81 % of OSEC transactions PHP 1,000–10,000; 87.52 % involved remittances',
    from: CONSUMERS, to: [['PH', 1]], channels: AMLC_CHANNELS, currency: 'PHP', band: [1_000, 10_000],
  },
  {
    variant: 'fintrac-2020-several-recipients-short-period', weight: 2, source: 'FINTRAC 2020 alert (via Wipfli 2021); FINTRAC 2025 alert',
    quote: 'Frequent low-value transfers over a short period to the same, or several, recipients in countries of concern; typically under CAD 200',
    from: [['CA', 1]], to: [['PH', 60], ['TH', 10], ['DO', 10], ['CO', 10], ['MX', 10]], channels: [['remittance', 60], ['p2p', 30], ['bank_transfer', 10]],
    band: [10, 199], shortPeriod: true,
  },
];

function fanOut(s, c) {
  const { r } = s;
  const from = weighted(r, c.from);
  const currency = c.currency ?? CURRENCY[from];
  const payer = s.party('payer', from, { age: r.int(180, 5000) });
  const begin = r.int(0, 20);
  const last = c.shortPeriod ? begin + r.int(10, 21) : DAYS - 1;
  const [lo, hi] = c.band ?? c.usdBand.map((x) => (x * PER_EUR[currency]) / PER_EUR.USD);
  const n = r.int(3, 8);
  // Each payee is first paid early enough to fall inside the window in any zone.
  const intro = [begin, ...Array.from({ length: n - 1 }, () => r.int(begin, Math.min(last, DAYS - 3)))].sort((a, b) => a - b);
  const payees = intro.map((day, i) => ({ day, party: s.party(`payee-${i + 1}`, weighted(r, c.to)) }));
  const pay = (d, to) =>
    s.pay('payment', local(d, clock(r, lateOr(r, 0.5)), payer.offset), payer, to, {
      value: band(r, lo, hi, currency, 0.6), currency, channel: weighted(r, c.channels), memo: payerMemo(r, { empty: 55, cover: 35, handle: 10 }),
    });
  const perWeek = r.int(2, 5);
  for (let d = begin; d <= last; d++) {
    for (const p of payees) if (p.day === d) pay(d, p.party);
    const open = payees.filter((p) => p.day < d);
    if (open.length) for (let k = countOn(r, perWeek); k > 0; k--) pay(d, r.pick(open).party);
  }
  return { account: payer.id };
}

// ---- micro-payment-messages: payments used as a messaging channel ----
//
// AUSTRAC payment-text-fields guide 2021: "AUD 0.01 – under AUD 10, high
//   volume"; "Many payments of trivial value (from AUD 0.01, typically under AUD
//   10) whose real purpose is the text in the reference field"; text "carrying
//   threats, extortion … or criminal communication", "squeezed into
//   abbreviations, slang and emojis because of field length limits".
// The band in rupiah and pesos is the same band in local money (AUD 10 ≈ Rp
// 100,000 ≈ PHP 370). Ours: one domestic payee; 3–20 active days within up to
// four weeks; 2–25 payments on an active day, 1–30 minutes apart; every
// payment carries text (ordinary words only).
const MESSAGES = {
  AU: ['answer your phone', 'why did you block me', 'call me back now', 'unblock me', 'we need to talk', 'pls reply 🙏', 'r u there??', 'cb asap'],
  ID: ['angkat telepon', 'kenapa blokir aku', 'bales chat aku', 'telpon aku sekarang', 'jangan pura pura', 'bales dong 🙏'],
  PH: ['sagutin mo ako', 'tawagan mo ako', 'bakit mo ako blinock', 'reply ka na', 'sumagot ka 😡'],
};
const MICRO = [
  {
    variant: 'austrac-ptf-aud-0.01-10', weight: 3, source: 'AUSTRAC / Fintel Alliance payment-text-fields guide 2021',
    quote: 'Many payments of trivial value (from AUD 0.01, typically under AUD 10) whose real purpose is the text in the reference field', from: 'AU', hi: 10, lo: 0.01,
  },
  { variant: 'austrac-ptf-band-in-rupiah', weight: 2, source: 'AUSTRAC payment-text-fields guide 2021, band in rupiah', quote: 'AUD 0.01 – under AUD 10 (≈ Rp 100,000), high volume', from: 'ID', lo: 1, hi: 100_000 },
  { variant: 'austrac-ptf-band-in-pesos', weight: 1, source: 'AUSTRAC payment-text-fields guide 2021, band in pesos', quote: 'AUD 0.01 – under AUD 10 (≈ PHP 370), high volume', from: 'PH', lo: 0.01, hi: 370 },
];

function micro(s, c) {
  const { r } = s;
  const currency = CURRENCY[c.from];
  const payer = s.party('payer', c.from);
  const payee = s.party('payee', c.from);
  const begin = r.int(0, 30);
  const days = [...new Set(Array.from({ length: r.int(3, 20) }, () => begin + r.int(0, 27)))];
  const channel = weighted(r, [['bank_transfer', 55], ['p2p', 45]]);
  for (const d of days) {
    let ms = local(d, clock(r, r.int(0, 23)), payer.offset);
    for (let k = r.int(2, 25); k > 0; k--) {
      const memo = r.chance(0.7) ? r.pick(MESSAGES[c.from]) : r.pick([handle(r), `dm ${handle(r)}`, `add me ${handle(r)}`]);
      s.pay('message', ms, payer, payee, { value: logUniform(r, c.lo, c.hi, currency), currency, channel, memo });
      ms += r.int(1, 30) * 60_000;
    }
  }
  return { account: payer.id };
}

// ============ risky: receiver side ============

// ---- an Indonesian wallet's own ordinary use ----
// Ours, no source: 3–8 payments a week, 06:00–21:59, by QRIS at 2–4 of a few
// places (food stalls, a coffee shop, a phone-credit counter; micro or small
// merchants with a 15-character NMID-like id), 60 % of them paid before the
// window by an older account; food Rp 10,000–60,000 in Rp 500 steps, phone
// credit at the counter's price list; until `topUpsUntil`, a top-up every 5–10
// days (Rp 50,000–500,000) from the owner's bank by virtual account or in cash
// at a minimarket counter.
const ID_SPOTS = [
  { name: 'Warung Nasi Bu Ijah', mcc: '5812', criteria: 'umi', price: (r) => 500 * r.int(20, 80) },
  { name: 'Bakso Pak Kumis', mcc: '5812', criteria: 'umi', price: (r) => 500 * r.int(24, 90) },
  { name: 'Ayam Geprek Mas Bro', mcc: '5812', criteria: 'umi', price: (r) => 500 * r.int(30, 120) },
  { name: 'Kedai Kopi Senja', mcc: '5814', criteria: 'uke', price: (r) => 500 * r.int(36, 120) },
  { name: 'Konter Pulsa Rizky Cell', mcc: '4814', criteria: 'umi', price: (r) => r.pick([12_000, 22_000, 27_000, 51_000, 55_000, 101_000]) },
];
/** A 15-character id shaped like a QRIS NMID ("ID" and 13 digits); made up. */
const nmid = (r) => `ID${r.int(1019, 1025)}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;

function ownUse(s, owner, bank, { topUpsUntil = 0, regular = true } = {}) {
  const { r } = s;
  const spots = shuffle(r, ID_SPOTS).slice(0, r.int(2, 4)).map((spot) => {
    const shop = s.shop(spot.name, 'ID', { mcc: spot.mcc, id: nmid(r), criteria: spot.criteria, qrType: r.pick(['static', 'dynamic']) }, owner.offset);
    if (regular && r.chance(0.6)) s.know(owner, shop.party);
    return { ...spot, shop };
  });
  const counter = s.party('topup-minimarket', 'ID', { offset: owner.offset });
  const perWeek = r.int(3, 8);
  let topUp = r.int(0, 3);
  for (let d = 0; d < DAYS; d++) {
    if (d === topUp && d < topUpsUntil) {
      const cash = r.chance(0.3);
      s.pay('background', local(d, clock(r, r.int(7, 20)), owner.offset), cash ? counter : bank, owner, {
        value: 50_000 * r.int(1, 10), currency: 'IDR', channel: 'ewallet_topup', topUpSource: cash ? 'minimarket' : 'virtual_account',
      });
      topUp += r.int(5, 10);
    }
    for (let k = countOn(r, perWeek); k > 0; k--) {
      const spot = r.pick(spots);
      s.pay('background', local(d, clock(r, r.int(6, 21)), owner.offset), owner, spot.shop.party, {
        value: spot.price(r), currency: 'IDR', channel: 'qris', merchant: spot.shop.merchant,
      });
    }
  }
}

// ---- id-content-seller: a personal e-wallet collecting buyers' payments, then sweeping ----
//
// Police cases (§2.1, §3.11): "Rp 15,000 per item, Rp 165,000 per month
//   subscription (Telegram, 2024)"; "Rp 50,000 per content package (Facebook →
//   144 Telegram groups, 2025)"; "Rp 25,000–50,000 group membership (Telegram,
//   Balikpapan 2025)", whose headline gives a turnover of "Rp 5 juta per
//   bulan"; "seller blocks the buyer right after payment; channels with tens
//   of thousands of followers but ~100 paying subscribers" — "Financially:
//   many first-time, one-off payers to one recipient, with little repeat".
// PPATK (Denpasar, Aug 2024): "Many-to-one: funds arrive at one recipient from
//   many different senders"; "Each incoming amount, domestic or from abroad, is
//   relatively small"; "Mixed rails: remittance, payment gateway, e-wallet, bank
//   transfer, crypto".
// PPATK (ECPAT Indonesia report of the FGD, Jul 2024): "Content sellers collect
//   buyers' payments in an e-wallet (GoPay, OVO, DANA named) and then sweep the
//   balance to a personal bank account".
// PPATK Dec 2022: "buyers mostly outside Indonesia".
// Ours: 30–200 payments over a 20–59-day run; 85 % of buyers pay once (half
// renew the monthly subscription after about 30 days); 10 % of buyers abroad in
// the police cases, 60 % in PPATK's; memos 45 % empty, 35 % membership
// context, 20 % ordinary transfer words; the balance swept 1–7 days after the
// first payment since the last sweep.
const MEMBERSHIP_TERMS = ['member', 'vip', 'member vip', 'grup vip', 'langganan', 'paket'];
const SELLER = [
  { variant: 'telegram-2024-rp-15000-item', weight: 3, source: 'Police case, Telegram 2024 (Paragram / IDN Times)', quote: 'Rp 15,000 per item', amount: () => 15_000, foreign: 0.1 },
  {
    variant: 'telegram-2024-rp-165000-monthly', weight: 2, source: 'Police case, Telegram 2024 (Paragram / IDN Times)',
    quote: 'Rp 165,000 per month subscription; ~100 paying subscribers', amount: () => 165_000, foreign: 0.1, renew: 0.5,
  },
  {
    variant: 'facebook-telegram-2025-rp-50000-package', weight: 3, source: 'Police case, Facebook → 144 Telegram groups, 2025 (Koran Indonesia)',
    quote: 'Rp 50,000 per content package; seller blocks the buyer right after payment', amount: () => 50_000, foreign: 0.1,
  },
  {
    variant: 'balikpapan-2025-rp-25000-50000-membership', weight: 3, source: 'Police case, Telegram, Balikpapan 2025 (iNews Balikpapan)',
    quote: 'Rp 25,000–50,000 group membership; turnover Rp 5 million a month', amount: (r) => 5_000 * r.int(5, 10), foreign: 0.1, offset: '+08:00',
  },
  {
    variant: 'ppatk-2022-ewallet-foreign-buyers', weight: 2, source: 'PPATK Dec 2022 press; ECPAT Indonesia report of the PPATK FGD, Jul 2024',
    quote: 'collected via e-wallets (GoPay, OVO, DANA named) and banking channels; buyers mostly outside Indonesia; then sweep the balance to a personal bank account',
    amount: (r) => r.pick([15_000, 50_000, 165_000, 5_000 * r.int(5, 10)]), foreign: 0.6,
  },
  {
    variant: 'ppatk-personal-ewallet-domestic-one-off-buyers', weight: 3, added: true,
    source: 'PPATK (Denpasar ASEAN conference, Aug 2024); ECPAT Indonesia report of the PPATK FGD, Jul 2024; police cases 2024–2025 (§2.1, §3.11)',
    quote: 'Many-to-one: funds arrive at one recipient from many different senders; each incoming amount, domestic or from abroad, is relatively small; content sellers collect buyers\' payments in an e-wallet (GoPay, OVO, DANA named) and then sweep the balance to a personal bank account; many first-time, one-off payers to one recipient, with little repeat',
    wallet: 'personal',
  },
  {
    variant: 'ppatk-qris-micro-merchant-one-off-buyers', weight: 3, added: true,
    source: 'PPATK (Denpasar ASEAN conference, Aug 2024); ECPAT Indonesia report of the PPATK FGD, Jul 2024; police cases 2024–2025 (§2.1, §3.11)',
    quote: 'Mixed rails: remittance, payment gateway, e-wallet, bank transfer, crypto; many-to-one; Rp 15,000 per item; Rp 25,000–50,000 group membership; Rp 50,000 per content package; Rp 165,000 per month subscription; seller blocks the buyer right after payment',
    wallet: 'qris',
  },
];
// Ours, for the added cases (the wallet as its owner uses it): 2–4 weeks of
// the owner's own spending by QRIS (food, phone credit; see `ownUse`) before
// the selling starts, and on after it; 24–120 buyers, all in Indonesia, 95 %
// paying once (the rest once more, 1–20 days later), at one of the price
// points the police cases report (Rp 15,000 an item, one to three items;
// Rp 25,000–50,000; Rp 50,000; Rp 165,000); memos 60 % empty, the rest
// ordinary transfer words; the balance swept to the owner's bank 2–4 days
// (unregistered e-money: 1–2 days) after the first payment since the last
// sweep. In 35 % of sequences the wallet is young ("account churn", §6:
// opened 0–7 days before the window; the host sends its age, and half the
// time it is unregistered e-money); an older wallet has swept to the same bank
// before, and the host sends its age half the time. No source names QRIS: the
// micro-merchant QR (a static QR, criteria UMI, which may be a private
// person) is our reading of PPATK's "payment gateway, e-wallet".
const PRICE_POINTS = [(r) => 15_000 * r.int(1, 3), (r) => 5_000 * r.int(5, 10), () => 50_000, () => 165_000];
const UMI_NAMES = ['Toko Berkah Jaya', 'Sinar Abadi Shop', 'Warung Barokah', 'Lestari Store', 'Toko Makmur Sentosa', 'Rejeki Online Shop', 'Toko Sumber Rezeki'];

/** The content seller's wallet as its owner uses it: ordinary spending first, then many one-off domestic buyers, swept to the bank. */
function sellerWallet(s, c) {
  const { r } = s;
  const young = r.chance(0.35);
  const wallet = s.party('wallet', 'ID', {
    age: young ? r.int(0, 7) : r.int(120, 1500), tellAge: young || r.chance(0.5), kyc: young && r.chance(0.5) ? 'unregistered' : 'registered',
  });
  const bank = s.party('bank', 'ID', { offset: wallet.offset });
  if (!young) s.know(wallet, bank);
  const begin = r.int(14, 28);
  const last = r.int(begin + 19, DAYS - 1);
  ownUse(s, wallet, bank, { topUpsUntil: begin, regular: !young });
  const price = r.pick(PRICE_POINTS);
  const qris = c.wallet === 'qris' ? { id: nmid(r), name: r.pick(UMI_NAMES), country: 'ID', criteria: 'umi', qrType: 'static' } : null;
  const inbound = [];
  for (let i = r.int(24, 120); i > 0; i--) {
    const buyer = s.party(`buyer-${i}`, 'ID', { age: r.int(1, 2000) });
    let d = r.int(begin, last);
    for (let k = r.chance(0.95) ? 1 : 2; k > 0 && d <= last; k--, d += r.int(1, 20)) {
      const p = { ms: local(d, clock(r, r.int(0, 23)), buyer.offset), value: price(r) };
      inbound.push(p);
      if (qris) s.pay('inbound', p.ms, buyer, wallet, { value: p.value, currency: 'IDR', channel: 'qris', merchant: qris });
      else {
        const memo = weighted(r, [['', 60], ['tf', 15], ['bayar', 15], ['transfer', 10]]);
        const channel = weighted(r, [['p2p', 50], ['bi_fast', 30], ['bank_transfer', 20]]);
        s.pay('inbound', p.ms, buyer, wallet, { value: p.value, currency: 'IDR', channel, memo, ...(channel === 'bi_fast' ? { proxyType: 'phone' } : {}) });
      }
    }
  }
  // Unregistered e-money holds at most Rp 2,000,000 (Bank Indonesia): such a wallet is swept sooner (ours).
  const every = wallet.kyc === 'unregistered' ? [1, 2] : [2, 4];
  for (const m of moves(r, inbound, (r) => r.int(...every) * DAY_MS + r.int(0, 23) * 3_600_000)) {
    const channel = r.pick(['bank_transfer', 'bi_fast']);
    s.pay('sweep', m.ms, wallet, bank, {
      value: m.value, currency: 'IDR', channel, memo: r.pick(['', '', 'tarik saldo']), cashOutType: 'bank_account', ...(channel === 'bi_fast' ? { proxyType: 'account' } : {}),
    });
  }
  return { account: wallet.id };
}

function seller(s, c) {
  if (c.wallet) return sellerWallet(s, c);
  const { r } = s;
  const wallet = s.party('wallet', 'ID', { offset: c.offset, age: r.int(30, 1500) });
  const bank = s.party('bank', 'ID', { offset: wallet.offset });
  const begin = r.int(0, 39);
  const last = r.int(begin + 19, DAYS - 1);
  const buyers = r.int(30, 200);
  const inbound = [];
  for (let i = 0; i < buyers; i++) {
    const abroad = r.chance(c.foreign);
    const buyer = s.party(`buyer-${i + 1}`, abroad ? weighted(r, CONSUMERS) : 'ID', { age: r.int(1, 2000) });
    const times = r.chance(0.85) ? 1 : r.int(2, 3);
    let d = r.int(begin, last);
    for (let k = 0; k < times && d <= last; k++) {
      const style = weighted(r, [['empty', 45], ['membership', 35], ['words', 20]]);
      const memo = { empty: '', membership: r.pick(MEMBERSHIP_TERMS), words: r.pick(['tf', 'transfer', 'bayar', 'done ya', 'udah ya kak']) }[style];
      const channel = abroad ? weighted(r, [['remittance', 60], ['p2p', 25], ['bank_transfer', 15]]) : weighted(r, [['p2p', 60], ['bank_transfer', 40]]);
      const p = { ms: local(d, clock(r, r.int(0, 23)), buyer.offset), value: c.amount(r) };
      inbound.push(p);
      s.pay('inbound', p.ms, buyer, wallet, { value: p.value, currency: 'IDR', channel, memo });
      d += c.renew && r.chance(c.renew) ? r.int(28, 32) : r.int(1, 20);
    }
  }
  for (const m of moves(r, inbound, (r) => r.int(1, 7) * DAY_MS + r.int(0, 23) * 3_600_000)) {
    s.pay('sweep', m.ms, wallet, bank, { value: m.value, currency: 'IDR', channel: 'bank_transfer', memo: r.pick(['', '', 'tarik saldo']) });
  }
  return { account: wallet.id };
}

// ---- fsec-money-mule: many young senders in, quickly out ----
//
// FinCEN FIN-2025-NTC2 (Sep 2025): "Money-mule side: an account receives P2P
//   payments from many unrelated people (often young) and quickly pushes the
//   funds out, e.g. into crypto or abroad (West Africa)".
// AUSTRAC (Operation Huntsman): "> 3,000 bank accounts linked to sextortion
//   payments closed since June 2022".
// FATF 2025: "Sextortion payments generally ≤ €1,500, often starting below €250".
// Ours: 6–30 victims over a 10–45-day run, 60 % of them minors ("often young"),
// each paying a series of 1–4 within 48 h; the mule moves what came in 10
// minutes to 6 hours after the first payment since its last move, keeping a
// 5–15 % cut, to a crypto exchange account or abroad (NG, GH).
const MULE = [
  {
    variant: 'fincen-2025-mule-many-young-senders', weight: 3, source: 'FinCEN FIN-2025-NTC2 (Sep 2025)',
    quote: 'an account receives P2P payments from many unrelated people (often young) and quickly pushes the funds out, e.g. into crypto or abroad (West Africa)',
  },
  {
    variant: 'austrac-huntsman-domestic-accounts', weight: 1, source: 'AUSTRAC via The Adviser (Operation Huntsman)',
    quote: '> 3,000 bank accounts linked to sextortion payments closed since June 2022', from: 'AU',
  },
];

function mule(s, c) {
  const { r } = s;
  const from = c.from ?? weighted(r, VICTIM_COUNTRIES);
  const currency = CURRENCY[from];
  const account = s.party('mule', from, { age: r.int(20, 2000) });
  const begin = r.int(0, 40);
  const last = Math.min(DAYS - 1, begin + r.int(10, 45));
  const inbound = [];
  const victims = r.int(6, 30);
  for (let i = 0; i < victims; i++) {
    const victim = s.party(`victim-${i + 1}`, from, r.chance(0.6) ? { minor: true, age: r.int(30, 1500) } : {});
    let ms = local(r.int(begin, last), clock(r, r.int(0, 23)), victim.offset);
    const t0 = ms;
    for (let k = r.int(1, 4); k > 0 && ms < t0 + 2 * DAY_MS; k--) {
      const value = ms === t0 && r.chance(0.8) ? euros(r, 10, 249, currency, 0.7) : euros(r, 10, 1_500, currency, 0.7);
      inbound.push({ ms, value });
      s.pay('inbound', ms, victim, account, { value, currency, channel: 'p2p', memo: r.pick(['', '', '', 'sent', 'ok']) });
      ms += r.int(5, 600) * 60_000;
    }
  }
  const exchange = s.party('exchange', from);
  const abroad = [s.party('out-1', r.pick(['NG', 'NG', 'GH'])), s.party('out-2', r.pick(['NG', 'GH']))];
  const keep = 1 - r.int(5, 15) / 100;
  for (const m of moves(r, inbound, (r) => r.int(10, 360) * 60_000, keep)) {
    const toCrypto = r.chance(0.5);
    s.pay('push', m.ms, account, toCrypto ? exchange : r.pick(abroad), { value: whole(m.value, currency), currency, channel: toCrypto ? 'crypto' : 'remittance' });
  }
  return { account: account.id };
}

// ---- osaec-facilitator-fan-in: a facilitator in the Philippines paid by several unrelated consumers ----
//
// AUSTRAC case study "Online transactions lead to convictions…": "One
//   beneficiary in SE Asia receives frequent low-value remittances from
//   several unrelated Australian senders (common beneficiary)"; "AUD 10–100
//   per remittance".
// DOJ briefing on AMLC red flags (Radyo Pilipinas, Apr 2024): "Small amounts
//   arriving in e-wallets or bank accounts from abroad, from senders who are
//   not relatives of the recipient"; AMLC 2020: "81 % of OSEC transactions PHP
//   1,000–10,000".
// FATF 2025: "Abusers/facilitators (often relatives of the child) located in the
//   victim country receive the payments — receiver side shows many small inbound
//   foreign payments from unrelated senders"; "€10–200 per payment".
// Ours: 4–20 consumers, each paying 1–12 times from its own first day; 60 % late
// at night in the consumer's zone; consumers' memos as the habitual payer's.
const FAN_IN = [
  {
    variant: 'austrac-common-beneficiary', weight: 2, source: 'AUSTRAC case study "Online transactions lead to convictions…"',
    quote: 'One beneficiary in SE Asia receives frequent low-value remittances from several unrelated Australian senders; AUD 10–100 per remittance',
    from: [['AU', 1]], band: [10, 100],
  },
  {
    variant: 'amlc-doj-2024-small-amounts-from-abroad', weight: 2, source: 'DOJ briefing on AMLC red flags (Radyo Pilipinas, Apr 2024); AMLC 2020',
    quote: 'Small amounts arriving in e-wallets or bank accounts from abroad, from senders who are not relatives of the recipient; PHP 1,000–10,000',
    from: CONSUMERS, currency: 'PHP', band: [1_000, 10_000],
  },
  {
    variant: 'fatf-2025-facilitator-receives', weight: 2, source: 'FATF 2025, Online child sexual exploitation',
    quote: 'receiver side shows many small inbound foreign payments from unrelated senders; €10–200 per payment', from: CONSUMERS, euroBand: [10, 200],
  },
];

function fanIn(s, c) {
  const { r } = s;
  const facilitator = s.party('facilitator', 'PH', { age: r.int(30, 3000) });
  const consumers = r.int(4, 20);
  for (let i = 0; i < consumers; i++) {
    const from = weighted(r, c.from);
    const consumer = s.party(`consumer-${i + 1}`, from, { age: r.int(180, 5000) });
    const currency = c.currency ?? CURRENCY[from];
    const [lo, hi] = c.band ?? c.euroBand.map((x) => x * PER_EUR[currency]);
    let d = r.int(0, 50);
    for (let k = r.int(1, 12); k > 0 && d < DAYS; k--, d += r.int(1, 7)) {
      s.pay('inbound', local(d, clock(r, lateOr(r, 0.6)), consumer.offset), consumer, facilitator, {
        value: band(r, lo, hi, currency, 0.5), currency, channel: weighted(r, REMITTANCE_ONLINE), memo: payerMemo(r, { empty: 70, cover: 20, handle: 10 }),
      });
    }
  }
  return { account: facilitator.id };
}

// ============ benign look-alikes ============

// ---- family-remittance: the same amount to the family, monthly or weekly ----
//
// §0.4: "Low-value transfers to the Philippines, Thailand, Indonesia, etc. are
// overwhelmingly legitimate family remittances"; §5.1: the cover terms "are
// extremely common in legitimate remittances". Ours: a fixed round amount to a
// payee paid for years (a fifth also pay a second relative), on the same
// weekday or day of the month, 85 % between 08:00 and 21:59 and 15 % at 22:00
// or 23:00 (after the children are asleep), with one or two memos the sender
// reuses. The added weekly case (ours): one payee, the same amount every week,
// daytime (08:00–20:59) except ONE payment of the series at 22:00–23:29 (after
// the children are asleep).
const FAMILY_MEMOS = {
  PH: ['tuition', 'tuition for {n}', 'allowance', 'allowance ni {n}', 'school fees', 'padala para kay nanay', 'family support', 'pang gamot ni lola'],
  ID: ['uang sekolah adik', 'biaya sekolah {n}', 'kiriman untuk ibu', 'bantuan keluarga', 'uang jajan adik'],
};
const FAMILY = [
  { variant: 'au-ph-monthly', weight: 3, from: 'AU', to: 'PH', every: 'month', band: [150, 1_000] },
  { variant: 'us-ph-monthly', weight: 3, from: 'US', to: 'PH', every: 'month', band: [100, 800] },
  { variant: 'au-ph-weekly', weight: 2, from: 'AU', to: 'PH', every: 'week', band: [50, 300] },
  { variant: 'us-ph-weekly', weight: 2, from: 'US', to: 'PH', every: 'week', band: [40, 250] },
  { variant: 'au-id-monthly', weight: 1, from: 'AU', to: 'ID', every: 'month', band: [150, 1_000] },
  { variant: 'au-us-ph-weekly-one-late-evening', weight: 2, added: true, from: ['AU', 'US'], to: 'PH', every: 'week', band: [50, 300], oneLate: true },
];
const fill = (r, memo) => memo.replace('{n}', r.pick(['Maria', 'Jose', 'Ana', 'Rica', 'Budi', 'Sari']));

/** The weekly series with one late-evening payment. */
function familyOneLate(s, c) {
  const { r } = s;
  const from = r.pick(c.from);
  const currency = CURRENCY[from];
  const sender = s.party('sender', from, { age: r.int(365, 5000) });
  const relative = s.party('relative-1', c.to);
  s.know(sender, relative);
  const memos = [fill(r, r.pick(FAMILY_MEMOS[c.to])), fill(r, r.pick(FAMILY_MEMOS[c.to]))];
  const value = band(r, c.band[0], c.band[1], currency, 1);
  const hour = r.int(8, 20);
  const weekday = r.int(0, 6);
  const days = Array.from({ length: 9 }, (_, w) => weekday + 7 * w).filter((d) => d < DAYS);
  const late = r.int(0, days.length - 1);
  days.forEach((d, i) => {
    const sec = i === late ? 22 * 3600 + r.int(0, 89) * 60 + r.int(0, 59) : clock(r, hour);
    s.pay('remittance', local(d, sec, sender.offset), sender, relative, {
      value, currency, channel: r.chance(0.8) ? 'remittance' : 'bank_transfer', memo: r.pick(memos),
    });
  });
  return { account: sender.id };
}

function family(s, c) {
  if (c.oneLate) return familyOneLate(s, c);
  const { r } = s;
  const currency = CURRENCY[c.from];
  const sender = s.party('sender', c.from, { age: r.int(365, 5000) });
  const relatives = [s.party('relative-1', c.to), ...(r.chance(0.2) ? [s.party('relative-2', c.to)] : [])];
  const habits = relatives.map((to) => {
    s.know(sender, to);
    const memos = [fill(r, r.pick(FAMILY_MEMOS[c.to])), fill(r, r.pick(FAMILY_MEMOS[c.to]))];
    return { to, value: band(r, c.band[0], c.band[1], currency, 1), memos, hour: r.chance(0.15) ? r.pick([22, 23]) : r.int(8, 21) };
  });
  const weekday = r.int(0, 6);
  const date = r.int(1, 28);
  const days = c.every === 'week' ? Array.from({ length: 9 }, (_, w) => weekday + 7 * w) : [dayOf(9, date), dayOf(10, date), dayOf(11, date)];
  for (const d of days.filter((d) => d >= 0 && d < DAYS)) {
    for (const h of habits) {
      s.pay('remittance', local(d, clock(r, h.hour), sender.offset), sender, h.to, {
        value: h.value, currency, channel: r.chance(0.8) ? 'remittance' : 'bank_transfer', memo: r.pick(h.memos),
      });
    }
  }
  return { account: sender.id };
}

// ---- weekly-allowance: a parent paying a child's account the same amount each week ----
// Ours: a fixed round amount on the same weekday, daytime, to a child paid before the window.
const ALLOWANCE = [
  { variant: 'au-pocket-money', weight: 2, country: 'AU', band: [10, 50], memos: ['pocket money', 'allowance', ''] },
  { variant: 'us-allowance', weight: 2, country: 'US', band: [10, 50], memos: ['allowance', 'weekly allowance', ''] },
  { variant: 'id-uang-jajan', weight: 2, country: 'ID', band: [50_000, 300_000], memos: ['uang jajan', 'jajan minggu ini', ''] },
  { variant: 'ph-baon', weight: 1, country: 'PH', band: [200, 1_000], memos: ['baon', 'baon ni bunso', ''] },
];

function allowance(s, c) {
  const { r } = s;
  const currency = CURRENCY[c.country];
  const parent = s.party('parent', c.country, { age: r.int(365, 5000) });
  const child = s.party('child', c.country);
  s.know(parent, child);
  const value = band(r, c.band[0], c.band[1], currency, 1);
  const memo = r.pick(c.memos);
  const hour = r.int(7, 20);
  for (let d = r.int(0, 6); d < DAYS; d += 7) {
    s.pay('allowance', local(d, clock(r, hour), parent.offset), parent, child, { value, currency, channel: 'p2p', memo });
  }
  return { account: parent.id };
}

// ---- teen-everyday: a minor's account paying friends and shops at home ----
// The sextortion sequences' background alone (see `everyday`): what a young
// account holder's ordinary payments look like to the rules that read
// sender.isMinor.
const TEENS = VICTIM_COUNTRIES.map(([country, weight]) => ({ variant: `${country.toLowerCase()}-teen`, weight, country }));

function teenEveryday(s, c) {
  const teen = s.party('teen', c.country, { minor: true, age: s.r.int(30, 1500) });
  everyday(s, teen, CURRENCY[c.country]);
  return { account: teen.id };
}

// ---- shop-many-customers: a shop (merchant.id) paid by many customers ----
// Ours: 60–200 customers over the window, 60 % once and the rest 2–6 times;
// daytime; 3 % of customers abroad (20 % at a tourist cafe); half of the shops
// have the provider settle the balance to the shop's bank account 12–36 hours
// after the first sale since the last settlement.
const SHOPS = [
  { variant: 'id-warung-qris', weight: 3, country: 'ID', name: 'Warung Makan Bu Sri', mcc: '5812', city: 'Bandung', band: [15_000, 165_000], channel: 'qris', foreign: 0.03, offset: '+07:00' },
  { variant: 'id-bali-cafe-tourists', weight: 2, country: 'ID', name: 'Kopi Pantai Canggu', mcc: '5814', city: 'Badung', band: [30_000, 300_000], channel: 'qris', foreign: 0.2, offset: '+08:00' },
  { variant: 'ph-sari-sari-store', weight: 2, country: 'PH', name: 'Aling Nena Sari-Sari Store', mcc: '5411', city: 'Quezon City', band: [50, 1_500], channel: 'qris', foreign: 0.03, offset: '+08:00' },
  { variant: 'au-cafe-card', weight: 2, country: 'AU', name: 'Little Lane Cafe', mcc: '5814', city: 'Melbourne', band: [4, 40], channel: 'card', foreign: 0.05, offset: '+11:00' },
];

function shop(s, c) {
  const { r } = s;
  const currency = CURRENCY[c.country];
  const { party: account, merchant } = s.shop(c.name, c.country, { mcc: c.mcc, city: c.city }, c.offset);
  const inbound = [];
  for (let i = r.int(60, 200); i > 0; i--) {
    const abroad = r.chance(c.foreign);
    const customer = s.party(`customer-${i}`, abroad ? weighted(r, CONSUMERS) : c.country);
    // A tourist pays in the shop's zone, where the customer is.
    if (abroad) customer.offset = account.offset;
    const times = r.chance(0.6) ? 1 : r.int(2, 6);
    for (let k = 0; k < times; k++) {
      const p = { ms: local(r.int(0, DAYS - 1), clock(r, r.int(7, 21)), account.offset), value: band(r, c.band[0], c.band[1], currency, 0.5) };
      inbound.push(p);
      s.pay('sale', p.ms, customer, account, { value: p.value, currency, channel: c.channel, merchant });
    }
  }
  if (r.chance(0.5)) {
    const bank = s.party('bank', c.country, { offset: account.offset });
    for (const m of moves(r, inbound, (r) => r.int(12, 36) * 3_600_000)) s.pay('settlement', m.ms, account, bank, { value: m.value, currency, channel: 'bank_transfer' });
  }
  return { account: account.id };
}

// ---- school-fees: a school receiving SPP from many parents ----
// Ours: 40–200 parents, two or three fee levels; each month 90 % pay between the
// 1st and the 10th (the rest by the 20th); 3 % of parents work abroad and remit;
// half the schools collect through a merchant account (merchant.id), half into
// a plain bank account.
const SCHOOLS = [
  { variant: 'id-school-merchant-id', weight: 1, name: 'SD Negeri 3 Bandung', merchant: true },
  { variant: 'id-school-bank-account', weight: 1, name: 'Yayasan Pendidikan Harapan', merchant: false },
];

function school(s, c) {
  const { r } = s;
  const made = s.shop(c.name, 'ID', { mcc: '8211', city: 'Bandung' }, '+07:00');
  const account = made.party;
  const levels = Array.from({ length: r.int(2, 3) }, () => 25_000 * r.int(6, 80));
  for (let i = r.int(40, 200); i > 0; i--) {
    const abroad = r.chance(0.03);
    const parent = s.party(`parent-${i}`, abroad ? r.pick(['MY', 'HK', 'SA']) : 'ID');
    s.know(parent, account);
    const fee = r.pick(levels);
    const child = r.pick(['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Joko', 'Ayu']);
    for (const month of [9, 10, 11]) {
      const d = dayOf(month, r.chance(0.9) ? r.int(1, 10) : r.int(11, 20));
      if (d < 0 || d >= DAYS) continue;
      const memo = r.pick([`SPP ${MONTHS_ID[month]}`, `SPP ${child} kelas ${r.int(1, 6)}`, 'SPP', `bayar SPP ${MONTHS_ID[month]}`]);
      s.pay('fee', local(d, clock(r, r.int(6, 21)), parent.offset), parent, account, {
        value: fee, currency: 'IDR', channel: abroad ? 'remittance' : r.pick(['bank_transfer', 'bank_transfer', 'qris', 'ewallet_topup']), memo,
        ...(c.merchant ? { merchant: made.merchant } : {}),
      });
    }
  }
  return { account: account.id };
}

// ---- pays-many-friends: one person paying many different friends at home ----
// Ours: 8–30 friends (a third paid before the window), 2–6 payments a week,
// some friends paid far more often than others; 15 % late at night (nights out).
const FRIENDS = [
  { variant: 'id-patungan', weight: 2, country: 'ID', band: [20_000, 300_000], memos: ['patungan makan', 'ganti bensin', 'split bill', 'bayar utang', 'makasih ya', ''] },
  { variant: 'ph-hatian', weight: 1, country: 'PH', band: [100, 2_000], memos: ['hati sa pizza', 'bayad utang', 'ambag', 'salamat!', ''] },
  { variant: 'au-split', weight: 2, country: 'AU', band: [5, 120], memos: ['dinner split', 'uber home', 'footy tix', 'drinks', 'thanks mate', ''] },
];

function friends(s, c) {
  const { r } = s;
  const currency = CURRENCY[c.country];
  const payer = s.party('payer', c.country, { age: r.int(180, 5000) });
  const mates = Array.from({ length: r.int(8, 30) }, (_, i) => s.party(`friend-${i + 1}`, c.country));
  for (const m of mates) if (r.chance(1 / 3)) s.know(payer, m);
  const perWeek = r.int(2, 6);
  for (let d = 0; d < DAYS; d++) {
    for (let k = countOn(r, perWeek); k > 0; k--) {
      // The product of two uniforms favours the first friends: a few close friends, many occasional ones.
      const to = mates[Math.floor(r.next() * r.next() * mates.length)];
      s.pay('payment', local(d, clock(r, lateOr(r, 0.15, 8, 21)), payer.offset), payer, to, {
        value: band(r, c.band[0], c.band[1], currency, 0.6), currency, channel: r.pick(['p2p', 'p2p', 'bank_transfer']), memo: r.pick(c.memos),
      });
    }
  }
  return { account: payer.id };
}

// ---- worker-abroad: a migrant worker sending home twice a month ----
// Ours: on paydays (the 15th and the last day of the month, give or take two
// days), a base amount ±10 % rounded, to a relative paid for years (a third
// also pay a second relative); 08:00–21:59.
const WORKERS = [
  { variant: 'sa-ph', weight: 2, from: 'SA', to: 'PH', band: [500, 2_500] },
  { variant: 'hk-ph', weight: 2, from: 'HK', to: 'PH', band: [1_500, 5_000] },
  { variant: 'sg-ph', weight: 1, from: 'SG', to: 'PH', band: [200, 1_000] },
  { variant: 'hk-id', weight: 2, from: 'HK', to: 'ID', band: [1_000, 5_000] },
  { variant: 'my-id', weight: 2, from: 'MY', to: 'ID', band: [300, 2_000] },
];
const WORKER_MEMOS = { PH: ['padala', 'padala para kay nanay', 'pang-tuition', 'pambayad kuryente', ''], ID: ['kiriman untuk ibu', 'buat bapak', 'uang sekolah adik', 'kiriman', ''] };

function worker(s, c) {
  const { r } = s;
  const currency = CURRENCY[c.from];
  const sender = s.party('worker', c.from, { age: r.int(180, 3000) });
  const relatives = [s.party('relative-1', c.to), ...(r.chance(1 / 3) ? [s.party('relative-2', c.to)] : [])];
  for (const to of relatives) s.know(sender, to);
  const base = relatives.map(() => band(r, c.band[0], c.band[1], currency, 1));
  const paydays = [dayOf(9, 15), dayOf(9, 31), dayOf(10, 15), dayOf(10, 30)];
  for (const payday of paydays) {
    const d = payday + r.int(-2, 2);
    relatives.forEach((to, i) => {
      s.pay('remittance', local(d, clock(r, r.int(8, 21)), sender.offset), sender, to, {
        value: Math.round((base[i] * (0.9 + 0.2 * r.next())) / 50) * 50, currency, channel: 'remittance', memo: r.pick(WORKER_MEMOS[c.to]),
      });
    });
  }
  return { account: sender.id };
}

// ---- group-collector: someone collecting a group's money, then paying for it ----
// Ours: 1–3 collections in the window, each from 10–40 colleagues or
// classmates (some in several collections) at one amount within three days,
// then one payment of the total to a shop (merchant.id) one to three days later.
const COLLECTORS = [
  { variant: 'id-patungan-kado', weight: 2, country: 'ID', band: [20_000, 100_000], memos: ['patungan kado', 'iuran kado {n}', 'kado', 'iuran'], shop: ['Toko Kado Ceria', '5947'] },
  { variant: 'id-kas-kelas', weight: 1, country: 'ID', band: [10_000, 50_000], memos: ['kas kelas', 'iuran kelas', 'kas'], shop: ['Katering Bu Tini', '5811'] },
  { variant: 'ph-ambagan', weight: 1, country: 'PH', band: [100, 500], memos: ['ambag', 'ambagan sa birthday', 'share ko'], shop: ['Red Ribbon Bakeshop', '5462'] },
];

function collector(s, c) {
  const { r } = s;
  const currency = CURRENCY[c.country];
  const account = s.party('collector', c.country, { age: r.int(180, 5000) });
  const group = Array.from({ length: 45 }, (_, i) => s.party(`member-${i + 1}`, c.country));
  const { party: vendor, merchant } = s.shop(c.shop[0], c.country, { mcc: c.shop[1] });
  const rounds = r.int(1, 3);
  for (let k = 0; k < rounds; k++) {
    const d0 = r.int(k * 19, k * 19 + 12);
    const value = band(r, c.band[0], c.band[1], currency, 1);
    const size = r.int(10, 40);
    const members = group.filter(() => r.chance(size / group.length));
    let last = 0;
    for (const m of members) {
      const ms = local(d0 + r.int(0, 2), clock(r, r.int(7, 22)), m.offset);
      last = Math.max(last, ms);
      s.pay('contribution', ms, m, account, { value, currency, channel: 'p2p', memo: fill(r, r.pick(c.memos)) });
    }
    if (members.length) {
      s.pay('payout', last + r.int(1, 3) * DAY_MS, account, vendor, { value: value * members.length, currency, channel: c.country === 'ID' ? 'qris' : 'p2p', merchant });
    }
  }
  return { account: account.id };
}

// ---- online-shop-by-day: a small online seller's personal wallet, paid by transfer in the daytime ----
// Ours (Indonesian context, no source): the personal e-wallet (no merchant
// record; registered e-money, its age sent half the time) of someone selling
// online; 40–180 buyers over the window, 15 % of them customers from before it
// and 25 % ordering 1–3 more times days apart; an order is 1–3 items at the
// shop's prices plus shipping ("ongkir", Rp 9,000–38,000 in Rp 500 steps), so
// the total is rarely a round multiple of Rp 5,000; paid by bank transfer or
// BI-FAST (70 % to the phone number as proxy) between 08:00 and 20:59; memos
// like "pesanan", "ongkir" or none; the owner's own QRIS spending as
// `ownUse`; takings moved to the owner's bank 1–3 days after the first order
// since the last move.
const ONLINE_SHOPS = [
  { variant: 'id-baju-online', weight: 2, prices: [59_000, 75_000, 89_000, 99_000, 119_000, 135_000, 149_000, 189_000] },
  { variant: 'id-camilan-online', weight: 2, prices: [12_500, 18_000, 22_000, 27_500, 35_000, 42_000] },
  { variant: 'id-aksesoris-hp-online', weight: 1, prices: [15_000, 25_000, 35_000, 49_000, 65_000, 85_000] },
];
const ORDER_MEMOS = ['pesanan', 'ongkir', '', '', 'bayar pesanan', 'pesanan a.n. {n}', 'order', 'bayar + ongkir'];

function onlineShop(s, c) {
  const { r } = s;
  const wallet = s.party('wallet', 'ID', { age: r.int(180, 3000), tellAge: r.chance(0.5), kyc: 'registered' });
  const bank = s.party('bank', 'ID', { offset: wallet.offset });
  s.know(wallet, bank);
  ownUse(s, wallet, bank);
  const inbound = [];
  for (let i = r.int(40, 180); i > 0; i--) {
    const buyer = s.party(`buyer-${i}`, 'ID');
    if (r.chance(0.15)) s.know(buyer, wallet);
    let d = r.int(0, DAYS - 1);
    for (let k = r.chance(0.25) ? r.int(2, 4) : 1; k > 0 && d < DAYS; k--, d += r.int(3, 20)) {
      let value = 500 * r.int(18, 76);
      for (let items = r.int(1, 3); items > 0; items--) value += r.pick(c.prices);
      const p = { ms: local(d, clock(r, r.int(8, 20)), buyer.offset), value };
      inbound.push(p);
      const channel = r.chance(0.5) ? 'bi_fast' : 'bank_transfer';
      s.pay('order', p.ms, buyer, wallet, {
        value, currency: 'IDR', channel, memo: fill(r, r.pick(ORDER_MEMOS)), ...(channel === 'bi_fast' ? { proxyType: r.chance(0.7) ? 'phone' : 'account' } : {}),
      });
    }
  }
  for (const m of moves(r, inbound, (r) => r.int(1, 3) * DAY_MS + r.int(0, 12) * 3_600_000)) {
    s.pay('cash-out', m.ms, wallet, bank, { value: m.value, currency: 'IDR', channel: r.pick(['bank_transfer', 'bi_fast']), memo: r.pick(['', 'tarik saldo']), cashOutType: 'bank_account' });
  }
  return { account: wallet.id };
}

// ---- kos-landlord: a boarding-house owner paid the same rent each month ----
// Ours (Indonesian context, no source): a personal wallet (registered e-money)
// paid by 5–20 tenants one monthly rent (Rp 500,000–2,500,000 in Rp 50,000
// steps; a third of the houses have a second, dearer room type); each month 85 %
// pay between the 1st and the 10th and the rest by the 20th, 07:00–21:59; 85 % of
// tenants were there before the window (paid before it), the others move in
// during it and pay their first rent on the day; bank transfer, BI-FAST or
// e-wallet; memos with the month or the room; the takings moved to the bank
// 1–5 days after the first rent since the last move.
const LANDLORDS = [
  { variant: 'id-kos-mahasiswa', weight: 2, band: [500_000, 1_200_000], rooms: [8, 20] },
  { variant: 'id-kos-karyawan', weight: 2, band: [1_000_000, 2_500_000], rooms: [5, 14] },
];
const RENT_MEMOS = ['kos {m}', 'bayar kos {m}', 'sewa kamar {k}', 'kos kamar {k}', 'uang kos', 'bayar kos', ''];

function landlord(s, c) {
  const { r } = s;
  const owner = s.party('landlord', 'ID', { age: r.int(365, 4000), kyc: 'registered' });
  const bank = s.party('bank', 'ID', { offset: owner.offset });
  s.know(owner, bank);
  const rents = [50_000 * r.int(c.band[0] / 50_000, c.band[1] / 50_000)];
  if (r.chance(1 / 3)) rents.push(Math.min(c.band[1], rents[0] + 50_000 * r.int(2, 10)));
  const inbound = [];
  for (let i = 1, n = r.int(...c.rooms); i <= n; i++) {
    const tenant = s.party(`tenant-${i}`, 'ID', { offset: owner.offset });
    const rent = r.pick(rents);
    const before = r.chance(0.85);
    // A new tenant pays the first rent on the day they move in, which covers the month after (ours).
    const moveIn = before ? null : r.int(0, 45);
    const channel = r.pick(['bank_transfer', 'bi_fast', 'p2p']);
    if (before) s.know(tenant, owner);
    const memo = (month) => r.pick(RENT_MEMOS).replace('{m}', MONTHS_ID[month]).replace('{k}', String(i));
    const dates = [9, 10, 11].map((month) => ({ month, d: dayOf(month, r.chance(0.85) ? r.int(1, 10) : r.int(11, 20)) }));
    if (!before) dates.unshift({ month: new Date(START + moveIn * DAY_MS).getUTCMonth(), d: moveIn, first: true });
    for (const { month, d, first } of dates) {
      // A new tenant's next rent is due a month after the first.
      if (d < 0 || d >= DAYS || (!before && !first && d < moveIn + 20)) continue;
      const p = { ms: local(d, clock(r, r.int(7, 21)), tenant.offset), value: rent };
      inbound.push(p);
      s.pay('rent', p.ms, tenant, owner, { value: rent, currency: 'IDR', channel, memo: memo(month) });
    }
  }
  for (const m of moves(r, inbound, (r) => r.int(1, 5) * DAY_MS + r.int(0, 12) * 3_600_000)) {
    s.pay('cash-out', m.ms, owner, bank, { value: m.value, currency: 'IDR', channel: r.pick(['bank_transfer', 'bi_fast']), cashOutType: 'bank_account' });
  }
  return { account: owner.id };
}

// ---- arisan-collector: a rotating-savings collector, the pot to one member in turn ----
// Ours (Indonesian context, no source): 8–30 members paying the same round
// contribution (Rp 50,000–500,000 in Rp 25,000 steps) from a day before to two
// days after the group's date each month, 07:00–21:59; 70 % of groups started
// before the window (members paid before it, and the collector has paid the
// members whose turn came already), the rest start inside it; the whole pot
// (contribution × members) goes to ONE member, in a fixed turn, 1–3 days after
// the last contribution. Unlike `group-collector`, nothing is bought.
const ARISAN = [
  { variant: 'id-arisan-ibu-ibu', weight: 2, band: [50_000, 200_000], members: [10, 30] },
  { variant: 'id-arisan-kantor', weight: 2, band: [100_000, 500_000], members: [8, 20] },
];
const ARISAN_MEMOS = ['arisan', 'arisan {m}', 'iuran arisan', 'arisan bulan {m}', 'setoran arisan', ''];

function arisan(s, c) {
  const { r } = s;
  const collector = s.party('collector', 'ID', { age: r.int(365, 4000), kyc: 'registered' });
  const members = Array.from({ length: r.int(...c.members) }, (_, i) => s.party(`member-${i + 1}`, 'ID', { offset: collector.offset }));
  const value = 25_000 * r.int(c.band[0] / 25_000, c.band[1] / 25_000);
  const date = r.int(1, 28);
  const turn = shuffle(r, members);
  const running = r.chance(0.7);
  let next = 0;
  if (running) {
    next = r.int(1, members.length - 3);
    for (const m of members) s.know(m, collector);
    for (const m of turn.slice(0, next)) s.know(collector, m);
  }
  const rounds = [9, 10, 11].map((month) => ({ month, d: dayOf(month, date) })).filter(({ d }) => d >= 1 && d < DAYS);
  for (const { month, d } of rounds.slice(running ? 0 : r.int(0, Math.max(0, rounds.length - 2)))) {
    let last = 0;
    for (const m of members) {
      const ms = local(d + r.int(-1, 2), clock(r, r.int(7, 21)), m.offset);
      last = Math.max(last, ms);
      s.pay('contribution', ms, m, collector, {
        value, currency: 'IDR', channel: r.pick(['p2p', 'p2p', 'bank_transfer', 'bi_fast']), memo: r.pick(ARISAN_MEMOS).replace('{m}', MONTHS_ID[month]),
      });
    }
    const winner = turn[next++ % turn.length];
    s.pay('payout', last + r.int(1, 3) * DAY_MS, collector, winner, {
      value: value * members.length, currency: 'IDR', channel: r.pick(['p2p', 'bank_transfer', 'bi_fast']), memo: r.pick(['arisan', `arisan ${MONTHS_ID[month]}`, 'dapat arisan', '']),
    });
  }
  return { account: collector.id };
}

// ---- qris-registered-merchant: a registered small business paid by QRIS ----
// Ours (Indonesian context, no source): a small or medium business (QRIS
// criteria UKE or UME, a 15-character NMID-like merchant.id) whose QR is a
// printed sticker (static) or made per sale at the till (dynamic), 80–250
// customers over the window, 85 % once; 08:00–21:59; many pay the same menu,
// ticket or package price (the tourist site has 5 % visitors from abroad);
// the provider settles to the business's bank 12–36 hours after the first
// sale since the last settlement.
const REGISTERED = [
  { variant: 'id-kedai-kopi-uke', weight: 2, name: 'Kedai Kopi Tiga Saudara', mcc: '5814', city: 'Yogyakarta', criteria: 'uke', prices: [15_000, 18_000, 22_000, 25_000, 28_000, 32_000], items: [1, 3] },
  { variant: 'id-tiket-wisata-ume', weight: 2, name: 'Taman Wisata Bukit Pelangi', mcc: '7996', city: 'Malang', criteria: 'ume', prices: [25_000], items: [1, 5], foreign: 0.05 },
  { variant: 'id-paket-data-uke', weight: 2, name: 'Konter Seluler Maju Jaya', mcc: '4814', city: 'Surabaya', criteria: 'uke', prices: [15_000, 25_000, 50_000, 75_000, 100_000], items: [1, 1] },
];

function registered(s, c) {
  const { r } = s;
  const { party: account, merchant } = s.shop(c.name, 'ID', { id: nmid(r), mcc: c.mcc, city: c.city, criteria: c.criteria, qrType: r.pick(['static', 'dynamic']) });
  const bank = s.party('bank', 'ID', { offset: account.offset });
  s.know(account, bank);
  const inbound = [];
  for (let i = r.int(80, 250); i > 0; i--) {
    const abroad = r.chance(c.foreign ?? 0);
    const customer = s.party(`customer-${i}`, abroad ? weighted(r, CONSUMERS) : 'ID');
    // Customers pay at the till, in the business's zone.
    customer.offset = account.offset;
    for (let k = r.chance(0.85) ? 1 : r.int(2, 4); k > 0; k--) {
      let value = 0;
      for (let n = r.int(...c.items); n > 0; n--) value += r.pick(c.prices);
      const p = { ms: local(r.int(0, DAYS - 1), clock(r, r.int(8, 21)), account.offset), value };
      inbound.push(p);
      s.pay('sale', p.ms, customer, account, { value, currency: 'IDR', channel: 'qris', merchant });
    }
  }
  for (const m of moves(r, inbound, (r) => r.int(12, 36) * 3_600_000)) {
    s.pay('settlement', m.ms, account, bank, { value: m.value, currency: 'IDR', channel: 'bank_transfer', cashOutType: 'bank_account' });
  }
  return { account: account.id };
}

/**
 * Every typology: whether it is risky or a benign look-alike, whose side the
 * focal account is on, its cases (with sources and quotes for the risky ones)
 * and its generator.
 */
export const SEQUENCE_TYPOLOGIES = {
  'lsac-habitual-payer': { risky: true, side: 'payer', cases: HABITUAL, make: habitual },
  'fsec-sextortion-repeated': { risky: true, side: 'payer', cases: SEXTORTION, make: sextortion },
  'osaec-fan-out': { risky: true, side: 'payer', cases: FAN_OUT, make: fanOut },
  'micro-payment-messages': { risky: true, side: 'payer', cases: MICRO, make: micro },
  'id-content-seller': { risky: true, side: 'receiver', cases: SELLER, make: seller },
  'fsec-money-mule': { risky: true, side: 'receiver', cases: MULE, make: mule },
  'osaec-facilitator-fan-in': { risky: true, side: 'receiver', cases: FAN_IN, make: fanIn },
  'family-remittance': { risky: false, side: 'payer', cases: FAMILY, make: family },
  'weekly-allowance': { risky: false, side: 'payer', cases: ALLOWANCE, make: allowance },
  'teen-everyday': { risky: false, side: 'payer', cases: TEENS, make: teenEveryday },
  'shop-many-customers': { risky: false, side: 'receiver', cases: SHOPS, make: shop },
  'school-fees': { risky: false, side: 'receiver', cases: SCHOOLS, make: school },
  'pays-many-friends': { risky: false, side: 'payer', cases: FRIENDS, make: friends },
  'worker-abroad': { risky: false, side: 'payer', cases: WORKERS, make: worker },
  'group-collector': { risky: false, side: 'receiver', cases: COLLECTORS, make: collector },
  'online-shop-by-day': { risky: false, side: 'receiver', cases: ONLINE_SHOPS, make: onlineShop },
  'kos-landlord': { risky: false, side: 'receiver', cases: LANDLORDS, make: landlord },
  'arisan-collector': { risky: false, side: 'receiver', cases: ARISAN, make: arisan },
  'qris-registered-merchant': { risky: false, side: 'receiver', cases: REGISTERED, make: registered },
};

/** FNV-1a: a per-sequence seed, so a sequence does not depend on which others are generated. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The case of one sequence, by weight. Cases marked `added` (appended to a
 * table after its first runs) are drawn from a stream of their own, with their
 * share of the table's weight: a sequence that does not draw one draws among
 * the earlier cases exactly as before, so it stays byte-identical.
 */
function pickCase(seed, id, r, cases) {
  const added = cases.filter((c) => c.added);
  if (!added.length) return weighted(r, cases);
  const q = rng(hash(`${seed}/${id}/added`));
  const share = added.reduce((s, c) => s + c.weight, 0) / cases.reduce((s, c) => s + c.weight, 0);
  return q.chance(share) ? weighted(q, added) : weighted(r, cases.filter((c) => !c.added));
}

/**
 * `perTypology` sequences of each typology in `only` (default: all), as
 * `{ id, typology, risky, variant, account, hostIsNew?, steps: [{ kind, tx }] }`
 * with the steps in time order (`hostIsNew: false` when the host sends no
 * receiver.isNew). The same seed gives the same sequences, byte for byte.
 */
export function sequences(seed, perTypology, only = Object.keys(SEQUENCE_TYPOLOGIES)) {
  const out = [];
  for (const typology of only) {
    const { risky, cases, make } = SEQUENCE_TYPOLOGIES[typology];
    for (let i = 0; i < perTypology; i++) {
      const id = `${typology}-${i}`;
      const r = rng(hash(`${seed}/${id}`));
      const c = pickCase(seed, id, r, cases);
      const s = builder(id, r);
      const { account } = make(s, c);
      out.push(s.finish({ typology, risky, variant: c.variant, account }));
    }
  }
  return out;
}
