// Risky scenarios for `make eval`, generated from the publishers' written case
// descriptions (the project's research catalogue, indicators.md:
// §2 "Hard numbers", §3 catalogue, §4 corridors, §5.1–5.3 cover terms, §3.11
// Indonesian cases, §3.12 sextortion), NOT from the pack. This file reads no
// pack, imports nothing of the package and uses no indicator ids, so recall is
// measured against what the sources describe rather than against the pack's
// own rules. Only `rng` is shared with corpus.mjs, for the seed.
//
// Every scenario family is a table of quoted facts with their source; the
// generator samples from the ranges those facts give. Where the sources are
// silent (how often a memo is empty, how many payees are new, account ages)
// the share is ours and says so. The quotes, as carried in the notes:
//
// lsac-pay-per-view (live-streamed abuse paid per view)
//   AUSTRAC case "Online transactions lead to convictions": "AUD 10–100 per
//     remittance", "Frequent online remittances to SE Asia", "especially through
//     online remittance services".
//   AUSTRAC 2023 live-distance case: "AUD 20–80 per session; 826 payments ≈ AUD
//     50,000 over 3 years (about two purchases a day)", Queensland offender,
//     Philippines.
//   AUSTRAC 2024: "Most transfers below AUD 500", "to a jurisdiction AUSTRAC
//     treats as high-risk for CSE, chiefly the Philippines and other SE Asian
//     countries".
//   AIC T&I 589 (2020): "reported payment range AUD 49–390", "Payments to known
//     Philippine facilitators"; "Payments go via remittance services".
//   AIC T&I 639 (2021): "Median AUD 51 per live-streaming session".
//   FATF 2025: "€10–200 per payment, often round amounts"; "Flows from developed
//     countries (consumers mostly in Australia, Europe, North America) to
//     high-risk jurisdictions through P2P systems, bank transfers, VASPs, gift
//     cards and regional super-apps/wallets"; "Repeated payments late at night
//     or very early in the morning (sender local time)".
//   FINTRAC 2025: "Typically under CAD 200"; corridors (2020) "Philippines,
//     Thailand, Colombia, United States, Ghana, Ukraine, Dominican Republic,
//     Romania, Jamaica, Russia", (2025) "Philippines, Thailand, Dominican
//     Republic, Colombia, Mexico"; "Most OCSE-linked transfers go through money
//     service businesses / digital platforms".
//   AMLC 2020: "81 % of OSEC transactions PHP 1,000–10,000 … ~45 % PHP
//     1,000–3,000, 44 % PHP 3,000–10,000"; "Up to about USD 200 per remittance
//     from abroad to several non-family PH counterparties"; "60 % via money
//     service businesses, 35 % via banks". AMLC 2023: "87.52 % involved
//     remittances". Origins: "US (~50 %), then UK, Australia, Canada, Saudi
//     Arabia, Germany, Japan, Singapore, France, Netherlands"; 2026: "US 50 %,
//     Australia 7.4 %, UK 6.8 %".
//   NCA 2026: "Small, frequent payments from UK customers to facilitators abroad
//     (Philippines named)"; AMLC via The Telegraph: "UK → Philippines: > 180,000
//     suspicious transactions, £22.1 m, 2020–2022" (about £123 each).
//   Memos: cover terms "accommodation, uniform, medical bills, school fees,
//     gift" (AUSTRAC), "family support, medical bills or education" (FATF), "a
//     social-media handle" (FATF) — §5.1. AUSTRAC: a cover description is
//     "Meaningful only when combined with the other signals", so not every
//     payment has one: 45 % cover, 15 % handle, 40 % empty (our shares).
//   Hours: FATF says late night "often", not always: 60 % at 22:00–05:59 in the
//     sender's zone, the rest at any hour (our share).
//   Payees: AMLC "several … counterparties" (new ones) and AUSTRAC "826
//     payments … over 3 years" (the same facilitator): half new (our share).
//
// fsec-sextortion (financial sexual extortion of a child)
//   FATF 2025: "Sextortion payments generally ≤ €1,500, often starting below
//     €250"; "stop abruptly after several rapid payments"; "Victims are mostly
//     teenage boys".
//   Press cases: "AUD 500 (NSW teenager, 2023)"; "USD 1,000 demanded, settled
//     for USD 300 (US 17-year-old, 2022)"; "around £100 (UK, blog citing NCA)".
//   Thorn/NCMEC 2024: "Ransom is mostly paid through P2P/payment apps (about
//     three quarters of demands …) and gift cards"; "Offenders operate mainly
//     from Nigeria and Côte d'Ivoire"; "38 % paid, 27 % of payers extorted
//     again"; "repeated payments to the same or a new payee after the first".
//   NCRI 2024: "P2P apps, crypto transfers, gift cards"; victims found on
//     "Instagram, Snapchat, Wizz".
//   DSA 2024: "gift cards (no contract needed), sponsor-linked teen accounts, or
//     a parent's account (sometimes without permission)".
//   AUSTRAC (Operation Huntsman): "> 3,000 bank accounts linked to sextortion
//     payments closed", Australian accounts, so the first hop can be a
//     domestic mule. AMLC 2026: sextortion is "a separate, growing
//     inbound-remittance theme in the Philippines".
//   Victims' countries: FBI (US), Operation Huntsman (AU), NCA (GB), FINTRAC
//     2025 (CA). No source gives memos or hours: mostly empty memos, any hour.
//   Our shares: 70 % P2P, 20 % gift cards, 10 % crypto; extorters 45 % NG,
//     15 % CI, 30 % a domestic mule, 10 % PH; a gift card is bought at a shop
//     at home (no foreign payee), half of them from a shop not paid before.
//
// id-csam-commerce (Indonesian paid-content sales)
//   Police cases (§2.1, §3.11): "Rp 15,000 per item, Rp 165,000 per month
//     subscription (Telegram, 2024)"; "Rp 50,000 per content package (Facebook
//     → 144 Telegram groups, 2025)"; "Rp 25,000–50,000 group membership
//     (Telegram, Balikpapan 2025)"; "seller blocks the buyer right after
//     payment" ("many first-time, one-off payers").
//   Rails: PPATK 2022 "payments … collected via e-wallets (GoPay, OVO, DANA
//     named) and banking channels; buyers mostly outside Indonesia"; PPATK 2024
//     "Mixed rails: remittance, payment gateway, e-wallet, bank transfer,
//     crypto" and "Each incoming amount, domestic or from abroad, is relatively
//     small"; 2018/2019 cases "took ATM transfers or phone credit", "members sent
//     pulsa to the performer"; UI study "online game top-up gifts".
//   Memos (§5.2): documented contexts, not a lexicon: "paid membership groups
//     ("grup berbayar", "member", "VIP"), monthly subscriptions ("langganan"),
//     content "packages" ("paket")"; PPATK: the remark lens "is weak because
//     payers rarely state the true purpose" — so 45 % empty, 35 % membership
//     context, 20 % ordinary transfer words (our shares). Payees: 85 % new
//     (one-off payers), 50 % for the monthly subscription (renewals).
//
// micro-payment-text (payments used as a messaging channel)
//   AUSTRAC payment-text-fields guide 2021: "AUD 0.01 – under AUD 10, high
//     volume", "Many payments of trivial value (from AUD 0.01, typically under
//     AUD 10) whose real purpose is the text in the reference field", text
//     "carrying threats, extortion … or criminal communication", "squeezed into
//     abbreviations, slang and emojis because of field length limits".
//   FATF 2025: "a social-media handle" in the description; §6: "Regex for
//     `@handle`, platform names, phone numbers".
//   The band is AUSTRAC's; for rupiah and peso senders it is the same band in
//   local money (AUD 10 ≈ Rp 100,000 ≈ PHP 370), sampled log-uniformly so the
//   trivial end ("from AUD 0.01") is as common as the top.
//
// family-remittance-cover (hard negative: should stay below review)
//   §0.4: "Low-value transfers to the Philippines, Thailand, Indonesia, etc.
//   are overwhelmingly legitimate family remittances"; §5.1: the cover terms
//   "are extremely common in legitimate remittances". Steady remittances to a
//   known payee, daytime, with a cover word; the amounts are ordinary
//   remittance sizes of our choosing, not a publisher's.
//
// Everything is synthetic: names, handles and numbers are made up, and the only
// words are published cover-story terms, documented contexts and ordinary
// language.
import { rng } from './corpus.mjs';

const pad = (n) => String(n).padStart(2, '0');
/** A November 2026 timestamp at a local hour, with the sender's offset. */
const at = (r, hour, offset) => `2026-11-${pad(r.int(1, 28))}T${pad(hour)}:${pad(r.int(0, 59))}:${pad(r.int(0, 59))}${offset}`;
/** Sender UTC offsets in November 2026 (southern summer time, northern standard time). */
const OFFSETS = {
  AU: ['+10:00', '+11:00', '+11:00', '+08:00'], US: ['-05:00', '-06:00', '-08:00'], GB: ['+00:00'], CA: ['-05:00', '-08:00'],
  NZ: ['+13:00'], DE: ['+01:00'], FR: ['+01:00'], NL: ['+01:00'], SA: ['+03:00'], JP: ['+09:00'], SG: ['+08:00'],
  HK: ['+08:00'], MY: ['+08:00'], PH: ['+08:00'], ID: ['+07:00', '+07:00', '+08:00', '+09:00'],
};
const CURRENCY = { AU: 'AUD', US: 'USD', GB: 'GBP', CA: 'CAD', NZ: 'NZD', DE: 'EUR', FR: 'EUR', NL: 'EUR', SA: 'SAR', JP: 'JPY', SG: 'SGD', HK: 'HKD', MY: 'MYR', PH: 'PHP', ID: 'IDR' };
const NO_MINOR_UNITS = new Set(['IDR', 'JPY']);
// Rough rates, only to express the sources' euro bands in the sender's money.
const PER_EUR = { EUR: 1, AUD: 1.65, USD: 1.08, GBP: 0.85, CAD: 1.5, NZD: 1.83, SAR: 4.05, JPY: 164, SGD: 1.46 };
const LATE = [22, 23, 0, 1, 2, 3, 4, 5];
const isLate = (h) => h >= 22 || h < 6;

/** Picks an entry by its `weight` (or by `[value, weight]` pairs). */
function weighted(r, entries) {
  const w = (e) => (Array.isArray(e) ? e[1] : e.weight);
  let x = r.next() * entries.reduce((s, e) => s + w(e), 0);
  const e = entries.find((e) => (x -= w(e)) < 0) ?? entries[entries.length - 1];
  return Array.isArray(e) ? e[0] : e;
}
/** An amount in [lo, hi]: a round one (multiple of a step that suits the size) with probability `roundShare`. */
function amount(r, lo, hi, currency, roundShare) {
  if (r.chance(roundShare)) {
    const step = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 5].find((s) => s * 4 <= hi - lo) ?? 1;
    const n = r.int(Math.ceil(lo / step), Math.floor(hi / step));
    return { amount: String(n * step), round: true };
  }
  const x = lo + r.next() * (hi - lo);
  return { amount: NO_MINOR_UNITS.has(currency) ? String(Math.max(1, Math.round(x))) : x.toFixed(2), round: false };
}
/** A euro band from the sources, in the sender's currency. */
const euros = (r, lo, hi, currency, roundShare) => amount(r, lo * PER_EUR[currency], hi * PER_EUR[currency], currency, roundShare);
/** Log-uniform in [lo, hi): the trivial end as common as the top. */
function logUniform(r, lo, hi, currency) {
  const x = Math.exp(Math.log(lo) + r.next() * (Math.log(hi) - Math.log(lo)));
  return { amount: NO_MINOR_UNITS.has(currency) ? String(Math.max(1, Math.floor(x))) : (Math.floor(x * 100) / 100 || 0.01).toFixed(2), round: false };
}

const NAMES = ['ana', 'joy', 'mika', 'rica', 'jun', 'lea', 'dewi', 'sari', 'putri', 'rizky', 'noah', 'liam', 'mia', 'zoe'];
const MONTHS = ['Nov', 'November', 'this month', 'Dec'];
/** A made-up social-media handle. */
const handle = (r) => `@${r.pick(NAMES)}${r.pick(['', '_', '.'])}${r.int(1, 9999)}`;
/** A made-up mobile number in the sender's country format. */
const phone = (r, country) =>
  ({
    AU: () => `04${r.int(10, 99)} ${r.int(100, 999)} ${r.int(100, 999)}`,
    ID: () => `08${r.int(11, 59)}${r.int(1000, 9999)}${r.int(1000, 9999)}`,
    PH: () => `09${r.int(10, 99)} ${r.int(100, 999)} ${r.int(1000, 9999)}`,
  })[country]();

// ---- lsac-pay-per-view ----

// §5.1 English cover terms, by publisher.
const COVER_TERMS = ['school fees', 'education', 'uniform', 'school uniform', 'medical bills', 'accommodation', 'gift', 'family support'];
/** The term alone or in a short phrase of ordinary words. */
function coverMemo(r, term) {
  return r.pick([term, term, `for ${term}`, `${term} ${r.pick(MONTHS)}`, `${term} for ${r.pick(NAMES)}`]);
}
// §4 origins with AMLC's weights (US 50, AU 7.4, UK 6.8; the rest by rank, ours).
const CONSUMERS = [['US', 50], ['AU', 7.4], ['GB', 6.8], ['CA', 5], ['SA', 4], ['DE', 3], ['JP', 3], ['SG', 2], ['FR', 2], ['NL', 2], ['NZ', 1]];
// AUSTRAC's "Philippines and other SE Asian countries".
const SE_ASIA = [['PH', 70], ['TH', 8], ['ID', 8], ['VN', 6], ['KH', 4], ['MY', 2], ['MM', 2]];
// §4 destinations (FINTRAC 2020/2025, AUSTRAC, PPATK), the Philippines in "every source".
const DESTINATIONS = [['PH', 40], ['TH', 8], ['ID', 5], ['CO', 6], ['DO', 6], ['MX', 6], ['GH', 3], ['UA', 3], ['RO', 3], ['JM', 3], ['RU', 3], ['US', 3], ['IN', 3], ['ZA', 3], ['CU', 2]];
const FINTRAC_DESTINATIONS = [['PH', 30], ['TH', 12], ['CO', 10], ['DO', 10], ['MX', 10], ['US', 5], ['GH', 4], ['UA', 4], ['RO', 4], ['JM', 4], ['RU', 3], ['IN', 2], ['ZA', 2]];
const REMITTANCE_ONLINE = [['remittance', 80], ['p2p', 10], ['bank_transfer', 10]];
const AMLC_2020_CHANNELS = [['remittance', 60], ['bank_transfer', 35], ['p2p', 5]];
const AMLC_2023_CHANNELS = [['remittance', 87.5], ['bank_transfer', 10], ['p2p', 2.5]];

/** Each case: where the figures come from, and how one payment is drawn. */
const LSAC = [
  {
    variant: 'austrac-case-aud-10-100', weight: 3, source: 'AUSTRAC case study "Online transactions lead to convictions…"',
    quote: 'AUD 10–100 per remittance; frequent online remittances to SE Asia', from: [['AU', 1]], to: SE_ASIA, channels: REMITTANCE_ONLINE,
    amount: (r, c) => amount(r, 10, 100, c, 0.6),
  },
  {
    variant: 'austrac-2023-live-distance-aud-20-80', weight: 3, source: 'AUSTRAC 2023 live-distance case (Queensland offender)',
    quote: 'AUD 20–80 per session; 826 payments ≈ AUD 50,000 over 3 years', from: [['AU', 1]], offset: '+10:00', to: [['PH', 1]],
    channels: REMITTANCE_ONLINE, amount: (r, c) => amount(r, 20, 80, c, 0.6),
  },
  {
    variant: 'austrac-2024-under-aud-500', weight: 2, source: 'AUSTRAC 2024, "How AUSTRAC helps protect children…"',
    quote: 'Most transfers below AUD 500 … chiefly the Philippines and other SE Asian countries', from: [['AU', 1]], to: SE_ASIA,
    channels: [['remittance', 60], ['bank_transfer', 25], ['p2p', 15]], amount: (r, c) => amount(r, 100, 499, c, 0.6),
  },
  {
    variant: 'aic-589-aud-49-390', weight: 2, source: 'AIC Trends & Issues 589 (2020)',
    quote: 'reported payment range AUD 49–390; payments to known Philippine facilitators via remittance services', from: [['AU', 1]],
    to: [['PH', 1]], channels: [['remittance', 1]], amount: (r, c) => amount(r, 49, 390, c, 0.6),
  },
  {
    variant: 'aic-639-median-aud-51', weight: 2, source: 'AIC Trends & Issues 639 (2021)', quote: 'Median AUD 51 per live-streaming session',
    from: [['AU', 1]], to: [['PH', 1]], channels: REMITTANCE_ONLINE,
    // Half below 51 and half above, spread over a factor of two either way.
    amount: (r, c) => (r.chance(0.5) ? amount(r, 25, 51, c, 0.6) : amount(r, 51, 102, c, 0.6)),
  },
  {
    variant: 'fatf-2025-eur-10-200', weight: 4, source: 'FATF 2025, Online child sexual exploitation',
    quote: '€10–200 per payment, often round amounts; P2P systems, bank transfers, VASPs, gift cards and regional super-apps/wallets',
    from: CONSUMERS, to: DESTINATIONS,
    channels: [['p2p', 30], ['bank_transfer', 25], ['remittance', 20], ['crypto', 10], ['gift_card', 5], ['ewallet_topup', 10]],
    amount: (r, c) => euros(r, 10, 200, c, 0.7),
  },
  {
    variant: 'fintrac-2025-under-cad-200', weight: 2, source: 'FINTRAC operational alerts 2020 and 2025',
    quote: 'Typically under CAD 200; most transfers go through money service businesses / digital platforms', from: [['CA', 1]],
    to: FINTRAC_DESTINATIONS, channels: [['remittance', 60], ['p2p', 30], ['bank_transfer', 10]], amount: (r, c) => amount(r, 10, 199, c, 0.6),
  },
  {
    variant: 'amlc-2020-php-1000-3000', weight: 2, source: 'AMLC 2020 OSEC study', quote: '~45 % PHP 1,000–3,000 (2020 lockdown); 60 % via money service businesses, 35 % via banks',
    from: CONSUMERS, to: [['PH', 1]], currency: 'PHP', channels: AMLC_2020_CHANNELS, amount: (r) => amount(r, 1_000, 3_000, 'PHP', 0.6),
  },
  {
    variant: 'amlc-2020-php-3000-10000', weight: 2, source: 'AMLC 2020 OSEC study', quote: '44 % PHP 3,000–10,000; 87.52 % involved remittances (AMLC 2023)',
    from: CONSUMERS, to: [['PH', 1]], currency: 'PHP', channels: AMLC_2023_CHANNELS, amount: (r) => amount(r, 3_000, 10_000, 'PHP', 0.6),
  },
  {
    variant: 'amlc-2020-up-to-usd-200', weight: 2, source: 'AMLC 2020 OSEC study', quote: 'Up to about USD 200 per remittance from abroad to several non-family PH counterparties',
    from: [['US', 1]], to: [['PH', 1]], channels: AMLC_2023_CHANNELS, amount: (r, c) => amount(r, 10, 200, c, 0.6),
  },
  {
    variant: 'nca-2026-uk-gbp', weight: 2, source: 'NCA 2026 bank guidance; AMLC data via The Telegraph',
    quote: 'Small, frequent payments from UK customers to facilitators abroad (Philippines named); > 180,000 transactions, £22.1 m',
    from: [['GB', 1]], to: [['PH', 1]], channels: [['bank_transfer', 45], ['remittance', 45], ['p2p', 10]], amount: (r, c) => amount(r, 20, 250, c, 0.6),
  },
];

function lsac(r, c) {
  const from = weighted(r, c.from);
  const currency = c.currency ?? CURRENCY[from];
  const hour = r.chance(0.6) ? r.pick(LATE) : r.int(0, 23);
  const { amount: value, round } = c.amount(r, currency);
  const style = weighted(r, [['cover', 45], ['handle', 15], ['empty', 40]]);
  const term = style === 'cover' ? r.pick(COVER_TERMS) : undefined;
  const memo = { cover: () => coverMemo(r, term), handle: () => r.pick([handle(r), `for ${handle(r)}`]), empty: () => '' }[style]();
  const channel = weighted(r, c.channels);
  const isNew = r.chance(0.5);
  return {
    term,
    facets: { hour: isLate(hour) ? 'late' : 'other', memo: style, channel, payee: isNew ? 'new' : 'known', amount: round ? 'round' : 'exact' },
    tx: {
      timestamp: at(r, hour, c.offset ?? r.pick(OFFSETS[from])), amount: value, currency, channel, ...(memo ? { memo } : {}),
      sender: { country: from, accountAgeDays: r.int(30, 3650) }, receiver: { country: weighted(r, c.to), isNew },
    },
  };
}

// ---- fsec-sextortion ----

const VICTIM_COUNTRIES = [['US', 50], ['AU', 20], ['GB', 15], ['CA', 15]];
// Thorn: "about three quarters" P2P, then gift cards; NCRI adds crypto.
const SEXTORTION_CHANNELS = [['p2p', 70], ['gift_card', 20], ['crypto', 10]];
// Thorn/FBI/NCA: Nigeria and Côte d'Ivoire; AUSTRAC: domestic mule accounts; AMLC: inbound to the Philippines.
const EXTORTER_PLACES = [['NG', 45], ['CI', 15], ['domestic', 30], ['PH', 10]];

const FSEC = [
  {
    variant: 'fatf-2025-first-payment-under-eur-250', weight: 4, source: 'FATF 2025, Online child sexual exploitation',
    quote: 'Sextortion payments generally ≤ €1,500, often starting below €250', amount: (r, c) => euros(r, 10, 249, c, 0.7),
  },
  {
    variant: 'fatf-2025-eur-250-1500', weight: 2, source: 'FATF 2025, Online child sexual exploitation',
    quote: 'Sextortion payments generally ≤ €1,500', amount: (r, c) => euros(r, 250, 1_500, c, 0.7),
  },
  { variant: 'nsw-2023-aud-500', weight: 1, source: 'NSW teenager, 2023 (BBC)', quote: 'AUD 500', from: 'AU', amount: () => ({ amount: '500', round: true }) },
  {
    variant: 'us-2022-usd-300', weight: 1, source: 'US 17-year-old, 2022 (Commercial Appeal)', quote: 'USD 1,000 demanded, settled for USD 300',
    from: 'US', amount: () => ({ amount: '300', round: true }),
  },
  {
    variant: 'uk-nca-around-gbp-100', weight: 1, source: 'UK, blog citing NCA', quote: 'around £100', from: 'GB',
    amount: (r) => ({ amount: String(r.pick([80, 90, 100, 100, 100, 110, 120])), round: true }),
  },
  {
    variant: 'thorn-2024-extorted-again', weight: 2, source: 'Thorn/NCMEC 2024',
    quote: '27 % of payers extorted again — repeated payments to the same or a new payee after the first', knownShare: 0.5,
    amount: (r, c) => euros(r, 10, 1_500, c, 0.7),
  },
  {
    variant: 'dsa-2024-parent-account', weight: 1, source: 'Dynamic Securities Analytics 2024',
    quote: "a parent's account (sometimes without permission)", parentAccount: true, amount: (r, c) => euros(r, 10, 1_500, c, 0.7),
  },
];

function fsec(r, c) {
  const from = c.from ?? weighted(r, VICTIM_COUNTRIES);
  const currency = CURRENCY[from];
  const { amount: value, round } = c.amount(r, currency);
  const place = weighted(r, EXTORTER_PLACES);
  const to = place === 'domestic' ? from : place;
  // Inbound to the Philippines arrives as a remittance (AMLC).
  const channel = to === 'PH' ? 'remittance' : weighted(r, SEXTORTION_CHANNELS);
  const isNew = !r.chance(c.knownShare ?? (channel === 'gift_card' ? 0.5 : 0));
  const style = weighted(r, [['empty', 70], ['words', 15], ['handle', 15]]);
  const memo = { empty: () => '', words: () => r.pick(['sent', 'here', 'pls', 'done', 'ok']), handle: () => handle(r) }[style]();
  const sender = c.parentAccount
    ? { country: from, accountAgeDays: r.int(365, 7000) }
    : { country: from, isMinor: true, accountAgeDays: r.int(1, 1500) };
  // A gift card is bought from a shop at home; the code, not the money, goes to
  // the extorter. FinCEN's "sudden" purchases need not be from a new shop.
  const giftCard = channel === 'gift_card';
  const parties = giftCard
    ? { merchant: { name: r.pick(['Gift card', 'Digital gift card', 'Prepaid card']), country: from }, receiver: { country: from, isNew } }
    : { receiver: { country: to, isNew } };
  return {
    facets: {
      minor: c.parentAccount ? 'parent-account' : 'minor', memo: style, channel, payee: isNew ? 'new' : 'known', receiver: giftCard ? 'shop' : place,
    },
    tx: { timestamp: at(r, r.int(0, 23), r.pick(OFFSETS[from])), amount: value, currency, channel, ...(memo ? { memo } : {}), sender, ...parties },
  };
}

// ---- id-csam-commerce ----

// §5.2 documented contexts, in memo-like phrases.
const MEMBERSHIP_TERMS = ['member', 'vip', 'member vip', 'grup vip', 'grup berbayar', 'langganan', 'langganan bulanan', 'paket'];
const membershipMemo = (r, term) => r.pick([term, term, `bayar ${term}`, `join ${term}`, `${term} ${r.int(1, 3)}`]);
const ID_CHANNELS = [['p2p', 30], ['ewallet_topup', 15], ['bank_transfer', 25], ['airtime', 12], ['game_topup', 10], ['crypto', 8]];

const ID_CASES = [
  {
    variant: 'telegram-2024-rp-15000-item', weight: 3, source: 'Police case, Telegram 2024 (Paragram / IDN Times)',
    quote: 'Rp 15,000 per item', amount: () => '15000',
  },
  {
    variant: 'telegram-2024-rp-165000-monthly', weight: 2, source: 'Police case, Telegram 2024 (Paragram / IDN Times)',
    quote: 'Rp 165,000 per month subscription', amount: () => '165000', knownShare: 0.5,
  },
  {
    variant: 'facebook-telegram-2025-rp-50000-package', weight: 3, source: 'Police case, Facebook → 144 Telegram groups, 2025 (Koran Indonesia)',
    quote: 'Rp 50,000 per content package', amount: () => '50000',
  },
  {
    variant: 'balikpapan-2025-rp-25000-50000-membership', weight: 3, source: 'Police case, Telegram, Balikpapan 2025 (iNews Balikpapan)',
    quote: 'Rp 25,000–50,000 group membership', offset: '+08:00', amount: (r) => String(5_000 * r.int(5, 10)),
  },
  {
    variant: 'ppatk-2022-foreign-buyer', weight: 2, source: 'PPATK year-end press conference, Dec 2022; PPATK at Denpasar, Aug 2024',
    quote: 'buyers mostly outside Indonesia; each incoming amount, domestic or from abroad, is relatively small; remittance, payment gateway, e-wallet, bank transfer, crypto',
    from: CONSUMERS, channels: [['remittance', 40], ['p2p', 25], ['crypto', 20], ['bank_transfer', 15]],
    amount: (r) => r.pick(['15000', '50000', '165000', String(5_000 * r.int(5, 10))]),
  },
];

function idCommerce(r, c) {
  const from = c.from ? weighted(r, c.from) : 'ID';
  const channel = weighted(r, c.channels ?? ID_CHANNELS);
  const style = weighted(r, [['empty', 45], ['membership', 35], ['words', 20]]);
  const term = style === 'membership' ? r.pick(MEMBERSHIP_TERMS) : undefined;
  const memo = { empty: () => '', membership: () => membershipMemo(r, term), words: () => r.pick(['tf', 'transfer', 'bayar', 'done ya', 'udah ya kak']) }[style]();
  const isNew = !r.chance(c.knownShare ?? 0.15);
  // Game top-up "gifts" go through a top-up seller to the recipient's game account.
  const merchant = channel === 'game_topup' ? { merchant: { name: r.pick(['Codashop', 'UniPin']), mcc: '5816', country: 'ID' } } : {};
  return {
    term,
    facets: { memo: style, channel, payee: isNew ? 'new' : 'known', sender: from === 'ID' ? 'domestic' : 'foreign' },
    tx: {
      timestamp: at(r, r.int(0, 23), c.offset ?? r.pick(OFFSETS[from])), amount: c.amount(r), currency: 'IDR', channel,
      ...(memo ? { memo } : {}), sender: { country: from, accountAgeDays: r.int(1, 2000) }, receiver: { country: 'ID', isNew }, ...merchant,
    },
  };
}

// ---- micro-payment-text ----

// AUSTRAC: "threats, extortion … criminal communication", "abbreviations, slang and emojis"; ordinary words only.
const MESSAGES = {
  AU: ['answer your phone', 'why did you block me', 'call me back now', 'unblock me', 'we need to talk', 'you cant ignore me'],
  ID: ['angkat telepon', 'kenapa blokir aku', 'bales chat aku', 'telpon aku sekarang', 'jangan pura pura'],
  PH: ['sagutin mo ako', 'tawagan mo ako', 'bakit mo ako blinock', 'reply ka na'],
};
const SHORT = ['pls reply 🙏🙏', 'cb asap', 'r u there??', 'unblk me 😡', '??? 📞', 'ans me pls'];
const PLATFORMS = ['ig', 'snap', 'tele', 'wa', 'line', 'fb'];

const MICRO = [
  {
    variant: 'austrac-ptf-aud-0.01-10', weight: 4, source: 'AUSTRAC / Fintel Alliance payment-text-fields guide 2021',
    quote: 'Many payments of trivial value (from AUD 0.01, typically under AUD 10) whose real purpose is the text in the reference field',
    from: 'AU', amount: (r) => logUniform(r, 0.01, 10, 'AUD'),
  },
  {
    variant: 'austrac-ptf-aud-0.01', weight: 1, source: 'AUSTRAC / Fintel Alliance payment-text-fields guide 2021',
    quote: 'from AUD 0.01', from: 'AU', amount: () => ({ amount: '0.01', round: false }),
  },
  {
    variant: 'austrac-ptf-band-in-rupiah', weight: 4, source: 'AUSTRAC payment-text-fields guide 2021, band in rupiah',
    quote: 'AUD 0.01 – under AUD 10 (≈ Rp 100,000), high volume', from: 'ID', amount: (r) => logUniform(r, 1, 100_000, 'IDR'),
  },
  {
    variant: 'austrac-ptf-band-in-pesos', weight: 2, source: 'AUSTRAC payment-text-fields guide 2021, band in pesos',
    quote: 'AUD 0.01 – under AUD 10 (≈ PHP 370), high volume', from: 'PH', amount: (r) => logUniform(r, 0.01, 370, 'PHP'),
  },
];

function micro(r, c) {
  const from = c.from;
  const currency = CURRENCY[from];
  const style = weighted(r, [['handle', 25], ['phone', 20], ['link', 10], ['platform', 10], ['message', 25], ['short', 10]]);
  const memo = {
    handle: () => r.pick([handle(r), `add me ${handle(r)}`, `dm ${handle(r)}`]),
    phone: () => r.pick([phone(r, from), `call ${phone(r, from)}`, `wa ${phone(r, from)}`]),
    link: () => `${r.pick(['t.me/', 'https://t.me/', 'instagram.com/'])}${r.pick(NAMES)}${r.int(10, 999)}`,
    platform: () => `${r.pick(PLATFORMS)}: ${r.pick(NAMES)}${r.int(10, 999)}`,
    message: () => r.pick(MESSAGES[from]),
    short: () => r.pick(SHORT),
  }[style]();
  const channel = weighted(r, [['bank_transfer', 55], ['p2p', 45]]);
  const isNew = r.chance(0.5);
  return {
    facets: { memo: style, channel, payee: isNew ? 'new' : 'known' },
    tx: {
      timestamp: at(r, r.int(0, 23), r.pick(OFFSETS[from])), amount: c.amount(r).amount, currency, channel, memo,
      sender: { country: from, accountAgeDays: r.int(1, 3650) }, receiver: { country: from, isNew },
    },
  };
}

// ---- family-remittance-cover (hard negative) ----

const FAMILY_MEMOS = {
  PH: [['school fees', (n) => `school fees for ${n}`], ['tuition', (n) => `tuition ${n}`], ['medical bills', () => 'medical bills for lola'],
    ['family support', () => 'family support'], ['allowance', (n) => `allowance ni ${n}`], ['uniform', () => 'uniform for the kids'],
    ['gift', () => 'birthday gift for nanay'], ['padala', () => 'padala para kay nanay']],
  ID: [['uang sekolah', () => 'uang sekolah adik'], ['biaya sekolah', (n) => `biaya sekolah ${n}`], ['bantuan keluarga', () => 'bantuan keluarga'],
    ['uang jajan', () => 'uang jajan adik'], ['hadiah', () => 'hadiah ulang tahun ibu'], ['school fees', (n) => `school fees ${n}`]],
};
const FAMILY = [
  { variant: 'au-ph', weight: 4, from: 'AU', to: 'PH', lo: 150, hi: 1_000 },
  { variant: 'us-ph', weight: 5, from: 'US', to: 'PH', lo: 100, hi: 800 },
  { variant: 'gb-ph', weight: 2, from: 'GB', to: 'PH', lo: 100, hi: 600 },
  { variant: 'ca-ph', weight: 2, from: 'CA', to: 'PH', lo: 150, hi: 900 },
  { variant: 'sa-ph', weight: 2, from: 'SA', to: 'PH', lo: 500, hi: 3_000 },
  { variant: 'au-id', weight: 3, from: 'AU', to: 'ID', lo: 150, hi: 1_000 },
  { variant: 'my-id', weight: 2, from: 'MY', to: 'ID', lo: 300, hi: 2_000 },
  { variant: 'hk-id', weight: 2, from: 'HK', to: 'ID', lo: 1_000, hi: 5_000 },
];

function family(r, c) {
  const currency = CURRENCY[c.from];
  const [term, phrase] = r.pick(FAMILY_MEMOS[c.to]);
  return {
    term,
    facets: { memo: 'cover' },
    tx: {
      timestamp: at(r, r.int(8, 20), r.pick(OFFSETS[c.from])), amount: amount(r, c.lo, c.hi, currency, 0.85).amount, currency,
      channel: weighted(r, [['remittance', 80], ['bank_transfer', 20]]), memo: phrase(r.pick(NAMES)),
      sender: { country: c.from, accountAgeDays: r.int(365, 5000) }, receiver: { country: c.to, isNew: false },
    },
  };
}

/** The four risky typologies: their cases (with sources and quotes) and generators. */
export const TYPOLOGIES = {
  'lsac-pay-per-view': { cases: LSAC, make: lsac },
  'fsec-sextortion': { cases: FSEC, make: fsec },
  'id-csam-commerce': { cases: ID_CASES, make: idCommerce },
  'micro-payment-text': { cases: MICRO, make: micro },
};
export const HARD_NEGATIVE = 'family-remittance-cover';
export const HARD_NEGATIVE_CASES = FAMILY;

/**
 * One row per transaction: { typology, variant, facets, term?, tx }. `term` is
 * the published cover term or documented context word in the memo, when there
 * is one (the evasion treatments apply to it).
 */
function rows(r, typology, cases, make, n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = weighted(r, cases);
    const { tx, facets, term } = make(r, c);
    out.push({ typology, variant: c.variant, facets, ...(term ? { term } : {}), tx: { id: `${typology}-${i}`, ...tx } });
  }
  return out;
}

/** `perTypology` scenarios of each risky typology. */
export function scenarios(seed, perTypology) {
  const r = rng(seed);
  return Object.entries(TYPOLOGIES).flatMap(([typology, { cases, make }]) => rows(r, typology, cases, make, perTypology));
}

/** `n` steady family remittances with a cover word: they should stay below review. */
export function hardNegatives(seed, n) {
  return rows(rng(seed), HARD_NEGATIVE, FAMILY, family, n);
}
