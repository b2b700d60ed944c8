// The evaluation corpus, generated from a seed: the same seed gives the same
// transactions, byte for byte. Two parts (the risky scenarios live in
// scenarios.mjs, generated from the sources rather than from the pack):
//
// * benign(): ordinary e-wallet use in Indonesia, the Philippines and
//   Australia (bills, pulsa, arisan, kos, school fees paid to schools, family
//   remittances on the AU→PH and AU→ID corridors, marketplace purchases),
//   with memos in Bahasa Indonesia, English and Tagalog;
// * evasions(terms): every pack term under each obfuscation treatment
//   (TREATMENTS, also applied to the scenarios' cover terms).
//
// Everything here is synthetic. The vocabulary is the default pack's
// published cover-story terms and ordinary payment language; no real person
// and no restricted vocabulary appears.

import { seeded } from '../../www/samples/seeded.mjs';

/**
 * The seeded draws the demo's scenarios use too (www/samples/seeded.mjs,
 * mulberry32), under the names the generators here call them by, with
 * `chance(p)`: true with probability `p`.
 */
export function rng(seed) {
  const { random, int, pick } = seeded(seed);
  return { next: random, int, pick, chance: (p) => random() < p };
}

const pad = (n) => String(n).padStart(2, '0');
/** A timestamp in November 2026 at a local hour, with the zone's offset. */
function at(r, hour, offset) {
  return `2026-11-${pad(r.int(1, 28))}T${pad(hour)}:${pad(r.int(0, 59))}:00${offset}`;
}
const ZONES = { ID: '+07:00', PH: '+08:00', AU: '+10:00', US: '-05:00', GB: '+00:00', CA: '-05:00', DE: '+01:00', NZ: '+13:00' };
/** Mostly daytime, as ordinary payments are. */
const dayHour = (r) => (r.chance(0.9) ? r.int(7, 21) : r.pick([22, 23, 0, 5, 6]));
const round = (n, step) => Math.max(step, Math.round(n / step) * step);
const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const names = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Joko', 'Ayu', 'Maria', 'Jose', 'Ana', 'Rica', 'Mark', 'Liam', 'Olivia', 'Noah', 'Chloe'];

// ---- benign ----

const ID_BILLS = [
  { name: 'PLN Prabayar', mcc: '4900', memos: ['token listrik', 'beli token PLN', 'listrik rumah', ''] },
  { name: 'BPJS Kesehatan', mcc: '9399', memos: ['iuran BPJS', 'bayar BPJS bulan ini', 'BPJS keluarga'] },
  { name: 'PDAM Tirta', mcc: '4900', memos: ['tagihan PDAM', 'air bulan ini', ''] },
  { name: 'IndiHome', mcc: '4814', memos: ['tagihan internet', 'wifi rumah', ''] },
];
const ID_SCHOOLS = ['SD Negeri 3 Bandung', 'SMP Negeri 12 Surabaya', 'SMA Kristen Petra', 'Yayasan Pendidikan Al-Azhar', 'TK Pelita Harapan'];
const MARKETS = [
  { name: 'Tokopedia', descriptor: 'TOKOPEDIA*ORDER', mcc: '5399', country: 'ID', currency: 'IDR' },
  { name: 'Shopee', descriptor: 'SHOPEE ID', mcc: '5311', country: 'ID', currency: 'IDR' },
  { name: 'Lazada', descriptor: 'LAZADA PH', mcc: '5311', country: 'PH', currency: 'PHP' },
  { name: 'Shopee', descriptor: 'SHOPEE PH', mcc: '5311', country: 'PH', currency: 'PHP' },
  { name: 'Woolworths', descriptor: 'WOOLWORTHS 3021', mcc: '5411', country: 'AU', currency: 'AUD' },
  { name: 'JB Hi-Fi', descriptor: 'JB HI FI MELBOURNE', mcc: '5732', country: 'AU', currency: 'AUD' },
];
const PH_BILLS = [
  { name: 'Meralco', mcc: '4900', memos: ['kuryente', 'bayad Meralco', ''] },
  { name: 'PLDT Home', mcc: '4814', memos: ['internet bill', 'bayad PLDT', ''] },
  { name: 'Manila Water', mcc: '4900', memos: ['tubig', ''] },
];

function idTx(r, fields) {
  return { timestamp: at(r, dayHour(r), ZONES.ID), currency: 'IDR', sender: { country: 'ID', accountAgeDays: r.int(30, 3000) }, ...fields };
}

/** One benign transaction of a kind picked by weight. */
const BENIGN = [
  // Indonesian bills by QRIS or transfer.
  [14, (r) => {
    const b = r.pick(ID_BILLS);
    return idTx(r, {
      amount: String(round(r.int(50_000, 1_500_000), 500)), channel: r.pick(['qris', 'bank_transfer', 'ewallet_topup']),
      memo: r.pick(b.memos), merchant: { name: b.name, mcc: b.mcc, country: 'ID' },
    });
  }],
  // Pulsa and data, sometimes for a number the sender has not paid before.
  [10, (r) => idTx(r, {
    amount: String(r.pick([10_000, 15_000, 20_000, 25_000, 50_000, 100_000]) + r.pick([0, 1_500, 2_000])),
    channel: 'airtime', memo: r.pick(['isi pulsa', `pulsa ${r.pick(['20rb', '50rb', '100rb'])}`, 'paket data', 'kuota internet', '']),
    merchant: { name: r.pick(['Telkomsel', 'XL Axiata', 'Indosat']), mcc: '4814', country: 'ID' },
    receiver: { country: 'ID', isNew: r.chance(0.15) },
  })],
  // Arisan among friends and family.
  [8, (r) => idTx(r, {
    amount: String(round(r.int(100_000, 1_000_000), 50_000)), channel: r.pick(['p2p', 'bank_transfer']),
    memo: r.pick([`arisan bulan ${r.pick(months)}`, 'setoran arisan', 'arisan RT', `arisan ibu-ibu ${r.pick(names)}`]),
    receiver: { country: 'ID', isNew: r.chance(0.05) },
  })],
  // Rent for a room (kos).
  [7, (r) => idTx(r, {
    amount: String(round(r.int(600_000, 2_500_000), 50_000)), channel: 'bank_transfer',
    memo: r.pick([`uang kos ${r.pick(months)}`, 'bayar kos', `kos kamar ${r.int(1, 20)}`, 'sewa kamar']),
    receiver: { country: 'ID', isNew: r.chance(0.08) },
  })],
  // School fees paid to schools.
  [8, (r) => idTx(r, {
    amount: String(round(r.int(150_000, 2_000_000), 25_000)), channel: r.pick(['qris', 'bank_transfer', 'ewallet_topup']),
    memo: r.pick([`SPP bulan ${r.pick(months)}`, 'uang sekolah', 'biaya sekolah', 'seragam sekolah', `SPP ${r.pick(names)} kelas ${r.int(1, 6)}`]),
    merchant: { name: r.pick(ID_SCHOOLS), mcc: '8211', country: 'ID' },
  })],
  // Philippine bills and domestic transfers.
  [10, (r) => {
    const domestic = r.chance(0.5);
    const b = r.pick(PH_BILLS);
    return {
      timestamp: at(r, dayHour(r), ZONES.PH), currency: 'PHP', sender: { country: 'PH', accountAgeDays: r.int(30, 3000) },
      ...(domestic
        ? { amount: String(r.int(100, 3000)), channel: 'p2p', memo: r.pick(['bayad utang', 'pang-load', 'hati sa kuryente', `baon ni ${r.pick(names)}`, 'pambili ng gamot', 'salamat!', '']), receiver: { country: 'PH', isNew: r.chance(0.1) } }
        : { amount: `${r.int(500, 6000)}.${pad(r.int(0, 99))}`, channel: 'qris', memo: r.pick(b.memos), merchant: { name: b.name, mcc: b.mcc, country: 'PH' } }),
    };
  }],
  // Australian everyday payments.
  [10, (r) => ({
    timestamp: at(r, dayHour(r), ZONES.AU), currency: 'AUD', amount: `${r.int(5, 400)}.${pad(r.int(0, 99))}`,
    channel: r.pick(['p2p', 'bank_transfer', 'card']), sender: { country: 'AU', accountAgeDays: r.int(30, 5000) },
    memo: r.pick(['rent', 'groceries', 'footy fees', 'dinner split', 'uber home', 'electricity', 'gift for mum', 'coffee', 'netball rego', '']),
    receiver: { country: 'AU', isNew: r.chance(0.1) },
  })],
  // Family remittances AU→PH.
  [12, (r) => ({
    timestamp: at(r, dayHour(r), ZONES.AU), currency: 'AUD', amount: String(round(r.int(100, 1200), 10)),
    channel: 'remittance', sender: { country: 'AU', accountAgeDays: r.int(60, 5000) },
    memo: r.pick(['padala para kay nanay', 'for the family', 'allowance ni bunso', `tuition for ${r.pick(names)}`, 'pang gamot ni lola', 'pambayad kuryente', 'Merry Christmas!', 'for groceries', '']),
    receiver: { country: 'PH', isNew: r.chance(0.03) },
  })],
  // Family remittances AU→ID.
  [8, (r) => ({
    timestamp: at(r, dayHour(r), ZONES.AU), currency: 'AUD', amount: String(round(r.int(100, 1000), 10)),
    channel: 'remittance', sender: { country: 'AU', accountAgeDays: r.int(60, 5000) },
    memo: r.pick(['kiriman untuk ibu', 'untuk keluarga', `biaya sekolah ${r.pick(names)}`, 'uang jajan adik', 'buat bapak', 'THR', '']),
    receiver: { country: 'ID', isNew: r.chance(0.03) },
  })],
  // Marketplace purchases.
  [10, (r) => {
    const m = r.pick(MARKETS);
    const zone = ZONES[m.country];
    const amount = m.currency === 'IDR' ? String(round(r.int(25_000, 2_000_000), 100)) : `${r.int(5, 3000)}.${pad(r.int(0, 99))}`;
    return {
      timestamp: at(r, dayHour(r), zone), currency: m.currency, amount, channel: r.pick(['card', 'qris', 'ewallet_topup']),
      sender: { country: m.country, accountAgeDays: r.int(30, 3000) },
      memo: r.chance(0.5) ? '' : r.pick([`order ${r.int(1000, 99999)}`, 'pesanan', 'COD', 'checkout']),
      merchant: { name: m.name, descriptor: m.descriptor, mcc: m.mcc, country: m.country },
    };
  }],
  // Mobile game top-ups by adults.
  [3, (r) => idTx(r, {
    amount: String(r.pick([15_000, 28_000, 50_000, 100_000, 150_000])), channel: 'game_topup',
    memo: r.pick(['top up diamond ML', 'beli UC', 'voucher game', '']),
    merchant: { name: r.pick(['Codashop', 'UniPin']), mcc: '5816', country: 'ID' },
  })],
];

/** `n` benign transactions (ids `benign-N`). */
export function benign(seed, n) {
  const r = rng(seed);
  const total = BENIGN.reduce((s, [w]) => s + w, 0);
  const out = [];
  for (let i = 0; i < n; i++) {
    let x = r.next() * total;
    const [, make] = BENIGN.find(([w]) => (x -= w) < 0) ?? BENIGN[0];
    out.push({ id: `benign-${i}`, ...make(r) });
  }
  return out;
}

// ---- evasion treatments ----

const LEET = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['5', '$'], t: ['7'], l: ['1'], g: ['9'], b: ['8'] };
const LOOK = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', i: 'і', s: 'ѕ', j: 'ј', h: 'һ', k: 'κ', n: 'ո', u: 'υ', m: 'м', t: 'т', r: 'г', d: 'ԁ' };
const EMOJI = ['😀', '🙏', '💕', '🔥', '✨'];
const isLetter = (c) => /\p{L}/u.test(c);
const indices = (s, pred) => [...s].flatMap((c, i) => (pred(c) ? [i] : []));
/** Applies `f` to some of the chars at `idx` (at least one). */
function some(r, s, idx, f, share = 0.5) {
  const chars = [...s];
  const chosen = idx.filter(() => r.chance(share));
  if (!chosen.length && idx.length) chosen.push(r.pick(idx));
  for (const i of chosen) chars[i] = f(chars[i]);
  return chars.join('');
}
/** Applies `f` inside each word of three or more letters. */
const perWord = (s, f) => s.split(' ').map((w) => ([...w].length >= 3 ? f(w) : w)).join(' ');

/** Treatment name → function (rng, term) → obfuscated text (or null when it does not apply). */
export const TREATMENTS = {
  case: (r, t) => some(r, t, indices(t, isLetter), (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())),
  leet: (r, t) => {
    const idx = indices(t.toLowerCase(), (c) => LEET[c]);
    return idx.length ? some(r, t.toLowerCase(), idx, (c) => r.pick(LEET[c])) : null;
  },
  lookalike: (r, t) => {
    const idx = indices(t.toLowerCase(), (c) => LOOK[c]);
    return idx.length ? some(r, t.toLowerCase(), idx, (c) => LOOK[c]) : null;
  },
  spacing: (_, t) => t.split(' ').map((w) => [...w].join(' ')).join('   '),
  'zero-width': (r, t) => some(r, t, indices(t, isLetter).slice(1), (c) => `\u200B${c}`),
  repeats: (r, t) => some(r, t, indices(t, isLetter), (c) => c.repeat(r.int(2, 4)), 0.3),
  'emoji-around': (r, t) => `${r.pick(EMOJI)}${t}${r.pick(EMOJI)}`,
  'emoji-inside': (r, t) => perWord(t, (w) => {
    const k = 1 + r.int(0, [...w].length - 2);
    return [...w].slice(0, k).join('') + r.pick(EMOJI) + [...w].slice(k).join('');
  }),
  punctuation: (r, t) => perWord(t, (w) => [...w].join(r.pick(['.', '-', '_', '*']))),
  'adjacent-swap': (r, t) => perWord(t, (w) => {
    const c = [...w];
    const k = r.int(1, c.length - 2);
    [c[k], c[k + 1]] = [c[k + 1], c[k]];
    return c.join('');
  }),
  'dropped-vowels': (_, t) => perWord(t, (w) => w[0] + [...w.slice(1)].filter((c) => !/[aeiouAEIOU]/.test(c)).join('')),
};

/** Every term under every treatment: { term, list, treatment, memo }. */
export function evasions(seed, terms) {
  const r = rng(seed);
  const out = [];
  for (const { term, list } of terms) {
    for (const [treatment, f] of Object.entries(TREATMENTS)) {
      const text = f(r, term);
      if (text === null || text === term) continue;
      out.push({ term, list, treatment, memo: `pls ${text} ty` });
    }
  }
  return out;
}
