// Indicator conditions (docs/PACKS.md, "Conditions") in words, in English or
// Bahasa Indonesia. The kinds, their argument shapes and their wording come
// from grammar.js, which is generated from the engine's own grammar table
// (src/pack/grammar.rs), so a new kind needs no change here unless it has a
// new shape. Keys starting with `_` are comments (a `_note` is kept as a note).
//
//   conditionToWords(cond, pack, locale) -> one string, composites in brackets
//   conditionTree(cond, pack, locale)    -> { text, children?, note?, indicator? } for nested lists
import { word, list, country, mcc, historyWindow } from './words.js';
import { KINDS } from './grammar.js';

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
    if (Array.isArray(named.hashed)) {
      // A restricted vocabulary: the pack holds hashes, never the words.
      const n = named.hashed.length;
      return id
        ? `sebuah istilah dari daftar ter-hash ${q(spec.list)} (${n} istilah, hanya hash)`
        : `a term of the hashed list ${q(spec.list)} (${n} term${n === 1 ? '' : 's'}, hashes only)`;
    }
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

/** A template of the grammar table, filled: `{name}` from `values`. */
function say(kind, variant, locale, values = {}) {
  const w = KINDS[kind]?.words?.[variant];
  if (!w) return null;
  return (w[locale] ?? w.en).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? '?'));
}

/** The words of one leaf condition: the table's template for its kind, filled per argument shape. */
function leaf(kind, v, pack, locale) {
  const spec = KINDS[kind];
  const unknown = () => (locale === 'id' ? `kondisi tidak dikenal ${q(kind)}` : `unknown condition ${q(kind)}`);
  switch (spec?.arg) {
    case 'bool':
      return say(kind, v ? 'true' : 'false', locale);
    case 'terms':
      return say(kind, '', locale, { terms: termSpec(v, pack, locale) });
    case 'near':
      return say(kind, '', locale, {
        field: word('field', v?.field ?? 'memo', locale),
        a: termSpec(v?.a, pack, locale),
        b: termSpec(v?.b, pack, locale),
        within: v?.within,
      });
    case 'patternKinds':
      return say(kind, '', locale, { kinds: list((Array.isArray(v) ? v : [v]).map((k) => word('pattern', k, locale)), locale, 'or') });
    case 'mccs':
      return say(kind, '', locale, { codes: list((v ?? []).map((c) => mcc(c, locale)), locale, 'or') });
    case 'amountBand': {
      // Bounds are converted into the transaction's currency through the pack's FX table.
      const min = v?.min !== undefined ? decimal(v.min, locale) : null;
      const max = v?.max !== undefined ? decimal(v.max, locale) : null;
      const variant = min && max ? 'between' : max ? 'atMost' : 'atLeast';
      return say(kind, variant, locale, { min, max, currency: v?.currency ?? '?' });
    }
    case 'roundAmount': {
      const multiples = Object.entries(v?.multiples ?? {})
        .filter(([k]) => !k.startsWith('_'))
        .map(([c, m]) => `${c} ${decimal(m, locale)}`);
      const dflt = v?.default !== undefined ? decimal(v.default, locale) : null;
      const variant = multiples.length === 0 ? 'default' : dflt ? 'multiplesOrDefault' : 'multiples';
      return say(kind, variant, locale, { multiples: list(multiples, locale, 'or'), default: dflt });
    }
    case 'corridor': {
      const parts = ['from', 'to'].filter((side) => v?.[side]).map((side) => say(kind, side, locale, { countries: countries(v[side], locale) }));
      return parts.length === 0 ? say(kind, 'any', locale) : parts.join(say(kind, 'and', locale));
    }
    case 'channels':
      return say(kind, '', locale, { channels: list((v ?? []).map((c) => word('channel', c, locale)), locale, 'or') });
    case 'currencies':
      return say(kind, '', locale, { currencies: list(v ?? [], locale, 'or') });
    case 'hourRange':
      return say(kind, '', locale, { from: hh(v?.from, locale), to: hh(v?.to, locale) });
    case 'days':
      return say(kind, '', locale, { days: v });
    case 'accountAge': {
      // A number of days (the sender's account), or `{ days, party }`.
      const days = typeof v === 'object' && v !== null ? v.days : v;
      const party = typeof v === 'object' && v !== null ? v.party ?? 'sender' : 'sender';
      return say(kind, '', locale, { days, party: word('party', party, locale) });
    }
    case 'history': {
      // One template per kind, with every argument a history condition may have; those it lacks stay empty.
      // `personal` (paying a personal account, not a registered merchant) qualifies the account paid, not the senders.
      const all = Array.isArray(v?.only) ? v.only : [];
      const only = all.filter((o) => o !== 'personal');
      const personal = all.includes('personal') ? (locale === 'id' ? ' (rekening pribadi, bukan merchant terdaftar)' : ' (a personal account, not a registered merchant)') : '';
      const lists = (v?.lists ?? []).map(q);
      return say(kind, '', locale, {
        atLeast: v?.atLeast,
        window: historyWindow(v?.window, locale),
        quiet: historyWindow(v?.quiet, locale),
        factor: v?.factor,
        share: v?.share,
        perWeek: v?.perWeek ?? 1,
        weeks: v?.weeks,
        days: v?.days,
        variation: v?.variation,
        account: word('account', v?.account ?? 'receiver', locale) + personal,
        only: only.length ? ` ${list(only.map((o) => word('only', o, locale)), locale)}` : '',
        to: v?.to ? (locale === 'id' ? ` di ${countries(v.to, locale)}` : ` in ${countries(v.to, locale)}`) : '',
        lists: locale === 'id' ? `dari daftar ${list(lists, locale, 'or')}` : `the list${lists.length === 1 ? "" : "s"} ${list(lists, locale, "or")}`,
      });
    }
    case 'watchlist':
      return say(kind, '', locale, { list: q(v?.list ?? '?'), party: word('party', v?.party ?? 'receiver', locale) });
    case 'indicatorId': {
      const target = pack?.indicators?.find((i) => i.id === v);
      const title = target?.title?.[locale] ?? target?.title?.en;
      return say(kind, '', locale, { id: v, title: title ? ` (${title})` : '' });
    }
    default:
      return unknown();
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
      return { text: say(kind, '', locale), children, note };
    }
    case 'not':
      return { text: say(kind, '', locale), children: [conditionTree(v, pack, locale)], note };
    case 'atLeast': {
      const children = (Array.isArray(cond.of) ? cond.of : []).map((c) => conditionTree(c, pack, locale));
      return { text: say(kind, '', locale, { n: v, count: children.length }), children, note };
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
