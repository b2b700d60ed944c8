// Vocabulary shared by the verdict, the batch view and the pack browser, in
// English and Bahasa Indonesia (the two locales of the engine).

export const LOCALES = ['en', 'id'];

const T = {
  category: {
    lsac: { en: 'Live-streamed child sexual abuse', id: 'Siaran langsung kekerasan seksual anak' },
    fsec: { en: 'Financial sexual extortion', id: 'Pemerasan seksual bermotif uang' },
    csam_commerce: { en: 'Commerce in child sexual abuse material', id: 'Perdagangan materi kekerasan seksual anak' },
    trafficking: { en: 'Trafficking', id: 'Perdagangan orang' },
    payment_text_abuse: { en: 'Messages carried in payment text', id: 'Pesan di keterangan pembayaran' },
    general: { en: 'General', id: 'Umum' },
  },
  channel: {
    p2p: { en: 'peer-to-peer (p2p)', id: 'antarpengguna (p2p)' },
    bank_transfer: { en: 'bank transfer', id: 'transfer bank' },
    bi_fast: { en: 'BI-FAST transfer', id: 'transfer BI-FAST' },
    remittance: { en: 'remittance', id: 'pengiriman uang (remitansi)' },
    ewallet_topup: { en: 'e-wallet top-up', id: 'isi ulang dompet digital' },
    qris: { en: 'QRIS', id: 'QRIS' },
    card: { en: 'card', id: 'kartu' },
    crypto: { en: 'crypto-asset', id: 'aset kripto' },
    gift_card: { en: 'gift card', id: 'kartu hadiah' },
    airtime: { en: 'airtime', id: 'pulsa' },
    game_topup: { en: 'game top-up', id: 'top-up gim' },
    cash_withdrawal: { en: 'cash withdrawal', id: 'tarik tunai' },
    other: { en: 'other', id: 'lainnya' },
  },
  pattern: {
    socialHandle: { en: 'a social-media handle (@name)', id: 'nama akun media sosial (@nama)' },
    phoneNumber: { en: 'a phone number', id: 'nomor telepon' },
    url: { en: 'a web address', id: 'alamat web' },
  },
  transform: {
    case: { en: 'letter case', id: 'huruf besar/kecil' },
    compat: { en: 'compatibility forms', id: 'bentuk kompatibilitas' },
    diacritics: { en: 'diacritics', id: 'diakritik' },
    lookalike: { en: 'look-alike letters', id: 'huruf mirip' },
    leet: { en: 'leetspeak digits', id: 'angka pengganti huruf (leet)' },
    invisible: { en: 'invisible characters', id: 'karakter tak terlihat' },
    spacing: { en: 'spacing', id: 'spasi' },
    repeat: { en: 'repeated letters', id: 'huruf berulang' },
    punctuation: { en: 'punctuation', id: 'tanda baca' },
    emoji: { en: 'emoji', id: 'emoji' },
  },
  field: {
    memo: { en: 'memo', id: 'keterangan' },
    'merchant.name': { en: 'merchant name', id: 'nama merchant' },
    'merchant.descriptor': { en: 'merchant descriptor', id: 'deskriptor merchant' },
    'merchant.country': { en: 'merchant country', id: 'negara merchant' },
    'receiver.country': { en: 'receiver country', id: 'negara penerima' },
  },
  historySide: {
    sender: { en: 'the sender’s history', id: 'riwayat pengirim' },
    receiver: { en: 'the receiver’s history', id: 'riwayat penerima' },
  },
  account: {
    sender: { en: 'sender', id: 'pengirim' },
    receiver: { en: 'receiver', id: 'penerima' },
  },
  // Whose id a watchlist condition checks.
  party: {
    sender: { en: 'sender', id: 'pengirim' },
    receiver: { en: 'receiver', id: 'penerima' },
    merchant: { en: 'merchant', id: 'merchant' },
  },
  // The `only` filters of a history condition, as adjectives of the payments or senders counted.
  only: {
    new: { en: 'first-time', id: 'baru' },
    foreign: { en: 'cross-border', id: 'lintas negara' },
    minor: { en: 'underage', id: 'di bawah umur' },
    oneOff: { en: 'one-off', id: 'sekali-bayar' },
    night: { en: 'night-time', id: 'malam hari' },
  },
  grade: {
    A: { en: 'Grade A: read on the publisher’s own page', id: 'Nilai A: dibaca di halaman penerbit sendiri' },
    B: { en: 'Grade B: read in a secondary source quoting the publisher', id: 'Nilai B: dibaca di sumber sekunder yang mengutip penerbit' },
    C: { en: 'Grade C: background knowledge, not verified', id: 'Nilai C: pengetahuan latar, belum diverifikasi' },
  },
};

const UNITS = { w: ['week', 'weeks', 'minggu'], d: ['day', 'days', 'hari'], h: ['hour', 'hours', 'jam'], m: ['minute', 'minutes', 'menit'] };

/** `7d` → `7 days` / `7 hari`, `48h` → `48 hours` / `48 jam`, `6w` → `6 weeks` (a history window); anything else as given. */
export function historyWindow(window, locale = 'en') {
  const m = /^(\d+)([wdhm])$/.exec(String(window ?? ''));
  if (!m) return String(window ?? '?');
  const n = Number(m[1]);
  const [one, many, id] = UNITS[m[2]];
  return locale === 'id' ? `${n} ${id}` : `${n} ${n === 1 ? one : many}`;
}

/** The unit of a history window (`7d` → days), for `n` of them: `day` / `days` / `hari`. */
export function historyUnit(window, n, locale = 'en') {
  const m = /^\d+([wdhm])$/.exec(String(window ?? ''));
  const [one, many, id] = UNITS[m?.[1] ?? 'd'];
  return locale === 'id' ? id : Number(n) === 1 ? one : many;
}

/** A word of the vocabulary: `word('channel', 'p2p', 'id')`; falls back to the key. */
export function word(group, key, locale = 'en') {
  const entry = T[group]?.[key];
  return entry ? entry[locale] ?? entry.en : String(key);
}

/** `a, b and c` / `a, b dan c` (or `or` / `atau`). */
export function list(items, locale = 'en', conj = 'and') {
  const c = conj === 'or' ? (locale === 'id' ? 'atau' : 'or') : locale === 'id' ? 'dan' : 'and';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${c} ${items[items.length - 1]}`;
}

const regionNames = {};
/** The name of a country (ISO 3166-1 alpha-2) in the locale, from the browser's own data; the code when unknown. */
export function country(code, locale = 'en') {
  try {
    regionNames[locale] ??= new Intl.DisplayNames([locale === 'id' ? 'id' : 'en'], { type: 'region' });
    const name = regionNames[locale].of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

/** Names of the merchant category codes (ISO 18245) the default pack refers to, and a few common ones. */
const MCC = {
  4121: { en: 'taxicabs and rideshares', id: 'taksi dan transportasi daring' },
  4814: { en: 'telecommunication services', id: 'layanan telekomunikasi' },
  4816: { en: 'computer network and information services', id: 'layanan jaringan komputer dan informasi' },
  4829: { en: 'money transfer', id: 'transfer uang' },
  5816: { en: 'digital goods: games', id: 'barang digital: gim' },
  5967: { en: 'direct marketing: inbound teleservices', id: 'pemasaran langsung: layanan telepon masuk' },
  6051: { en: 'quasi-cash: foreign currency, money orders, crypto-assets', id: 'kuasi-tunai: valuta asing, wesel, aset kripto' },
  6540: { en: 'stored-value card purchase or load', id: 'pembelian atau isi ulang kartu prabayar' },
  7273: { en: 'dating and escort services', id: 'layanan kencan dan pendamping' },
  7995: { en: 'betting and gambling', id: 'taruhan dan perjudian' },
  8211: { en: 'elementary and secondary schools', id: 'sekolah dasar dan menengah' },
};

/** `4829 (money transfer)`, or the bare code when it has no name here. */
export function mcc(code, locale = 'en') {
  const name = MCC[code]?.[locale];
  return name ? `${code} (${name})` : String(code);
}

/** The levels, lowest first, with their display names. */
export const LEVELS = ['none', 'low', 'review', 'high'];
