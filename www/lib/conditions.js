// Indicator conditions (docs/PACKS.md, "Conditions") in words, in English or
// Bahasa Indonesia. Every condition kind of the pack format is covered; keys
// starting with `_` are comments (a `_note` is kept as a note).
//
//   conditionToWords(cond, pack, locale) -> one string, composites in brackets
//   conditionTree(cond, pack, locale)    -> { text, children?, note?, indicator? } for nested lists
import { word, list, country, mcc } from './words.js';

const MAX_TERMS_SHOWN = 4;
const MAX_COUNTRIES_NAMED = 3;

/** The kind key of a condition: its one key that is not a comment (and not `of`). */
export function conditionKind(cond) {
  if (!cond || typeof cond !== 'object' || Array.isArray(cond)) return null;
  return Object.keys(cond).find((k) => !k.startsWith('_') && k !== 'of') ?? null;
}

/** `"12,500.5"` from the decimal string or number `12500.5`, grouped for the locale. */
export function decimal(value, locale = 'en') {
  const text = String(value);
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const [group, point] = locale === 'id' ? ['.', ','] : [',', '.'];
  const int = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${m[1]}${int}${m[3] ? point + m[3] : ''}`;
}

const q = (text) => `“${text}”`;
const termText = (t) => (typeof t === 'string' ? t : t?.term ?? '?');

function termSpec(spec, pack, locale) {
  const id = locale === 'id';
  let terms;
  let allow;
  let head;
  if (spec && typeof spec.list === 'string') {
    const named = pack?.termLists?.[spec.list];
    terms = named?.terms ?? [];
    allow = named?.allow ?? [];
    if (!named) return id ? `sebuah istilah dari daftar ${q(spec.list)} (tidak ada di paket)` : `a term of the list ${q(spec.list)} (missing from the pack)`;
    const n = terms.length;
    head = id ? `sebuah istilah dari daftar ${q(spec.list)} (${n} istilah` : `a term of the list ${q(spec.list)} (${n} term${n === 1 ? '' : 's'}`;
    const shown = terms.slice(0, MAX_TERMS_SHOWN).map((t) => q(termText(t)));
    head += (id ? ', mis. ' : ', e.g. ') + shown.join(', ') + (n > shown.length ? ', …' : '') + ')';
  } else {
    terms = spec?.terms ?? [];
    allow = spec?.allow ?? [];
    const shown = terms.map((t) => q(termText(t)));
    head = terms.length === 1 ? (id ? `istilah ${shown[0]}` : `the term ${shown[0]}`) : id ? `salah satu istilah ${list(shown, locale, 'or')}` : `one of the terms ${list(shown, locale, 'or')}`;
  }
  if (allow.length) {
    const a = list(allow.map(q), locale, 'or');
    head += id ? `, kecuali bila berada di dalam ${a}` : `, unless inside ${a}`;
  }
  return head;
}

function countries(codes, locale) {
  const id = locale === 'id';
  if (codes.length <= MAX_COUNTRIES_NAMED) {
    return list(codes.map((c) => `${country(c, locale)} (${c})`), locale, 'or');
  }
  return id ? `salah satu dari ${codes.length} negara: ${codes.join(', ')}` : `one of ${codes.length} countries: ${codes.join(', ')}`;
}

const hh = (h, locale) => `${String(h).padStart(2, '0')}${locale === 'id' ? '.' : ':'}00`;

/** The words of one leaf condition. */
function leaf(kind, v, pack, locale) {
  const id = locale === 'id';
  switch (kind) {
    case 'memoTerms':
      return id ? `keterangan memuat ${termSpec(v, pack, locale)}` : `the memo contains ${termSpec(v, pack, locale)}`;
    case 'merchantTerms':
      return id
        ? `nama atau deskriptor merchant memuat ${termSpec(v, pack, locale)}`
        : `the merchant name or descriptor contains ${termSpec(v, pack, locale)}`;
    case 'near': {
      const field = word('field', v?.field ?? 'memo', locale);
      const a = termSpec(v?.a, pack, locale);
      const b = termSpec(v?.b, pack, locale);
      return id
        ? `di ${field}, ${a} dan ${b} berjarak paling banyak ${v?.within} kata`
        : `in the ${field}, ${a} and ${b} are at most ${v?.within} words apart`;
    }
    case 'memoPattern': {
      const kinds = (Array.isArray(v) ? v : [v]).map((k) => word('pattern', k, locale));
      return id ? `keterangan memuat ${list(kinds, locale, 'or')}` : `the memo contains ${list(kinds, locale, 'or')}`;
    }
    case 'memoPresent':
      if (v) return id ? 'keterangan berisi teks (huruf, angka, atau emoji)' : 'the memo has text (a letter, digit or emoji)';
      return id ? 'keterangan kosong (tanpa huruf, angka, atau emoji)' : 'the memo is empty (no letter, digit or emoji)';
    case 'mccIn': {
      const codes = list((v ?? []).map((c) => mcc(c, locale)), locale, 'or');
      return id ? `kode kategori merchant (MCC) adalah ${codes}` : `the merchant category code (MCC) is ${codes}`;
    }
    case 'amountBetween': {
      // Bounds are converted into the transaction's currency through the pack's FX table.
      const cur = v?.currency ?? '?';
      const eq = id ? ` ${cur} atau setaranya` : ` ${cur} or the equivalent`;
      const min = v?.min !== undefined ? decimal(v.min, locale) : null;
      const max = v?.max !== undefined ? decimal(v.max, locale) : null;
      if (min && max) return (id ? `nominal antara ${min} dan ${max}` : `the amount is between ${min} and ${max}`) + eq;
      if (max) return (id ? `nominal paling banyak ${max}` : `the amount is at most ${max}`) + eq;
      return (id ? `nominal paling sedikit ${min}` : `the amount is at least ${min}`) + eq;
    }
    case 'roundAmount': {
      const multiples = Object.entries(v?.multiples ?? {})
        .filter(([k]) => !k.startsWith('_'))
        .map(([c, m]) => `${c} ${decimal(m, locale)}`);
      const dflt = v?.default !== undefined ? decimal(v.default, locale) : null;
      if (multiples.length === 0) {
        return id ? `nominal merupakan kelipatan bulat ${dflt} (mata uang apa pun)` : `the amount is a whole multiple of ${dflt} (any currency)`;
      }
      let text = id ? `nominal merupakan kelipatan bulat ${list(multiples, locale, 'or')}` : `the amount is a whole multiple of ${list(multiples, locale, 'or')}`;
      if (dflt) text += id ? `, atau kelipatan ${dflt} untuk mata uang lain` : `, or of ${dflt} in any other currency`;
      return text;
    }
    case 'corridor': {
      const parts = [];
      if (v?.from) parts.push(id ? `negara pengirim adalah ${countries(v.from, locale)}` : `the sender’s country is ${countries(v.from, locale)}`);
      if (v?.to) {
        parts.push(
          id
            ? `negara tujuan (negara penerima, atau negara merchant bila tidak ada) adalah ${countries(v.to, locale)}`
            : `the destination (the receiver’s country, else the merchant’s) is ${countries(v.to, locale)}`,
        );
      }
      if (parts.length === 0) return id ? 'rute apa pun' : 'any corridor';
      return parts.join(id ? ', dan ' : ', and ');
    }
    case 'crossBorder':
      if (v) return id ? 'negara pengirim dan negara tujuan diketahui dan berbeda (lintas negara)' : 'the sender’s and the destination country are both known and differ (cross-border)';
      return id ? 'negara pengirim dan negara tujuan diketahui dan sama (domestik)' : 'the sender’s and the destination country are both known and the same (domestic)';
    case 'channelIn': {
      const channels = list((v ?? []).map((c) => word('channel', c, locale)), locale, 'or');
      return id ? `jalur pembayaran adalah ${channels}` : `the channel is ${channels}`;
    }
    case 'currencyIn': {
      const currencies = list(v ?? [], locale, 'or');
      return id ? `mata uangnya ${currencies}` : `the currency is ${currencies}`;
    }
    case 'localHourBetween': {
      const from = hh(v?.from, locale);
      const to = hh(v?.to, locale);
      return id
        ? `jam setempat pengirim (zona waktu pada stempel waktu) mulai ${from} hingga sebelum ${to}`
        : `the sender’s local time (the timestamp’s own UTC offset) is from ${from} to before ${to}`;
    }
    case 'senderIsMinor':
      if (v) return id ? 'rekening pengirim milik anak di bawah umur' : 'the sender’s account belongs to a minor';
      return id ? 'rekening pengirim tercatat bukan milik anak di bawah umur' : 'the sender’s account is recorded as not a minor’s';
    case 'receiverIsNew':
      if (v) return id ? 'penerima baru bagi pengirim ini (pembayaran pertama)' : 'the payee is new to this sender (first payment)';
      return id ? 'penerima sudah pernah dibayar oleh pengirim ini' : 'the payee has been paid by this sender before';
    case 'accountAgeBelow':
      return id ? `umur rekening pengirim diketahui kurang dari ${v} hari` : `the sender’s account is known to be less than ${v} days old`;
    case 'indicator': {
      const target = pack?.indicators?.find((i) => i.id === v);
      const title = target?.title?.[locale] ?? target?.title?.en;
      return id ? `indikator ${v}${title ? ` (${title})` : ''} terpicu` : `indicator ${v}${title ? ` (${title})` : ''} fires`;
    }
    default:
      return id ? `kondisi tidak dikenal ${q(kind)}` : `unknown condition ${q(kind)}`;
  }
}

/** A condition as a tree of phrases: `{ text, children?, note?, indicator? }`. */
export function conditionTree(cond, pack, locale = 'en') {
  const id = locale === 'id';
  const kind = conditionKind(cond);
  const note = typeof cond?._note === 'string' ? cond._note : undefined;
  if (kind === null) return { text: id ? 'kondisi kosong' : 'an empty condition', note };
  const v = cond[kind];
  switch (kind) {
    case 'all':
    case 'any': {
      const children = (Array.isArray(v) ? v : []).map((c) => conditionTree(c, pack, locale));
      if (children.length === 1 && !note) return children[0];
      const text =
        kind === 'all'
          ? id ? 'semua syarat ini terpenuhi:' : 'all of these hold:'
          : id ? 'salah satu syarat ini terpenuhi:' : 'any of these holds:';
      return { text, children, note };
    }
    case 'not':
      return { text: id ? 'syarat ini tidak terpenuhi:' : 'this does not hold:', children: [conditionTree(v, pack, locale)], note };
    case 'atLeast': {
      const children = (Array.isArray(cond.of) ? cond.of : []).map((c) => conditionTree(c, pack, locale));
      return {
        text: id ? `sedikitnya ${v} dari ${children.length} syarat ini terpenuhi:` : `at least ${v} of these ${children.length} hold:`,
        children,
        note,
      };
    }
    default:
      return { text: leaf(kind, v, pack, locale), note, indicator: kind === 'indicator' ? v : undefined };
  }
}

function treeToWords(node) {
  if (!node.children) return node.text;
  return `${node.text.replace(/:$/, '')} [${node.children.map(treeToWords).join('; ')}]`;
}

/**
 * A condition in words, as one string: `all of these hold [the amount is at
 * most 500 AUD; …]`. `pack` supplies term lists and indicator titles.
 */
export function conditionToWords(cond, pack, locale = 'en') {
  return treeToWords(conditionTree(cond, pack, locale));
}
