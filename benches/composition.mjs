// What a front-end developer would assemble instead of jejak: the pack's
// amount, corridor, channel and time rules in json-rules-engine, and its term
// lists in modern-ahocorasick over the lower-cased text. Same pack, same
// semantics where plain JavaScript can express them (no look-alike, leet or
// spacing normalization, floating-point FX), same levels; `make bench`
// measures how often the levels agree with jejak's.
import { createRequire } from 'node:module';

// The npm packages live with the other test tooling in tests/node_modules.
const require = createRequire(new URL('../tests/package.json', import.meta.url));
const { Engine } = require('json-rules-engine');
const AhoCorasick = require('modern-ahocorasick').default ?? require('modern-ahocorasick');

const PATTERNS = {
  socialHandle: /(?<![\p{L}\p{N}])@[\p{L}\p{N}._]{2,30}/u,
  phoneNumber: /(?<!\d)[+0][\d ().-]{8,20}\d/,
  url: /https?:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|io|me|ly|id|ph|info|biz|link|xyz|online|live|app)\b/i,
};
const isWordChar = (c) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Builds the composition for a pack (the JSON object). */
export function buildComposition(pack) {
  const rates = Object.fromEntries(Object.entries(pack.fx.rates).map(([k, v]) => [k, Number(v)]));
  // Term lists: named ones and every inline one get an id.
  const lists = [];
  const listId = new Map();
  const addList = (spec) => {
    if (spec.list !== undefined) return listId.get(spec.list);
    lists.push(spec);
    return lists.length - 1;
  };
  for (const [name, l] of Object.entries(pack.termLists ?? {})) {
    listId.set(name, lists.length);
    lists.push(l);
  }
  const byId = new Map(pack.indicators.map((i) => [i.id, i]));

  // Conditions into json-rules-engine conditions. `indicator` references are
  // inlined, `atLeast` becomes `any` over every combination.
  function translate(c) {
    const [kind] = Object.keys(c).filter((k) => !k.startsWith('_') && k !== 'of');
    const arg = c[kind];
    switch (kind) {
      case 'all':
        return { all: arg.map(translate) };
      case 'any':
        return { any: arg.map(translate) };
      case 'not':
        return { not: translate(arg) };
      case 'atLeast': {
        const combos = [];
        const pick = (start, chosen) => {
          if (chosen.length === arg) return combos.push({ all: chosen.map(translate) });
          for (let i = start; i < c.of.length; i++) pick(i + 1, [...chosen, c.of[i]]);
          return undefined;
        };
        pick(0, []);
        return { any: combos };
      }
      case 'indicator':
        return translate(byId.get(arg).condition);
      case 'memoTerms':
        return { fact: 'memoLists', operator: 'contains', value: addList(arg) };
      case 'merchantTerms':
        return { fact: 'merchantLists', operator: 'contains', value: addList(arg) };
      case 'near':
        return { fact: 'near', params: { a: addList(arg.a), b: addList(arg.b), within: arg.within, field: arg.field ?? 'memo' }, operator: 'equal', value: true };
      case 'memoPattern':
        return { fact: 'memoPatterns', operator: 'containsAny', value: [].concat(arg) };
      case 'memoPresent':
        return { fact: 'memoPresent', operator: 'equal', value: arg };
      case 'malformedText':
        return { fact: 'malformedText', operator: 'equal', value: arg };
      case 'mccIn':
        return { fact: 'mcc', operator: 'in', value: arg };
      case 'amountBetween':
        return { fact: 'amountIn', params: { currency: arg.currency }, operator: 'between', value: [arg.min, arg.max].map((x) => (x === undefined ? null : Number(x))) };
      case 'roundAmount':
        return { fact: 'amount', operator: 'roundMultiple', value: arg };
      case 'corridor':
        return { all: [
          ...(arg.from ? [{ fact: 'senderCountry', operator: 'in', value: arg.from }] : []),
          ...(arg.to ? [{ fact: 'destination', operator: 'in', value: arg.to }] : []),
        ] };
      case 'crossBorder':
        return { fact: 'crossBorder', operator: 'equal', value: arg };
      case 'channelIn':
        return { fact: 'channel', operator: 'in', value: arg };
      case 'currencyIn':
        return { fact: 'currency', operator: 'in', value: arg };
      case 'localHourBetween':
        return { fact: 'hour', operator: 'hourBetween', value: [arg.from, arg.to] };
      case 'senderIsMinor':
        return { fact: 'isMinor', operator: 'equal', value: arg };
      case 'receiverIsMinor':
        return { fact: 'receiverIsMinor', operator: 'equal', value: arg };
      case 'receiverIsNew':
        return { fact: 'isNew', operator: 'equal', value: arg };
      case 'accountAgeBelow':
        return { fact: 'accountAgeDays', operator: 'lessThan', value: arg };
      case 'merchantRegistered':
        return { fact: 'merchantRegistered', operator: 'equal', value: arg };
      case 'payerCount': case 'payeeCount': case 'payeeNew': case 'distinctPayees': case 'escalation':
      case 'burstThenStop': case 'recentMerchant': case 'inboundCount': case 'distinctSenders': case 'outflowAfterInflow':
      case 'payerSum': case 'inboundSum': case 'payeeWeeks': case 'payeeGrowth': case 'firstAbroad': case 'amountAbove': case 'samePrice':
        // A stateless screen: no history condition holds (as in jejak's screen()).
        return { fact: 'history', operator: 'equal', value: true };
      default:
        throw new Error(`unknown condition ${kind}`);
    }
  }

  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('between', (v, [lo, hi]) => typeof v === 'number' && (lo === null || v >= lo) && (hi === null || v <= hi));
  engine.addOperator('containsAny', (v, want) => Array.isArray(v) && want.some((w) => v.includes(w)));
  engine.addOperator('hourBetween', (h, [from, to]) => typeof h === 'number' && (from < to ? h >= from && h < to : h >= from || h < to));
  engine.addOperator('roundMultiple', (amount, { multiples, default: dflt }) => {
    if (!amount) return false;
    const m = multiples?.[amount.currency] ?? dflt;
    if (m === undefined) return false;
    const ratio = amount.value / Number(m);
    return Math.abs(ratio - Math.round(ratio)) < 1e-9;
  });
  for (const ind of pack.indicators) {
    const conditions = translate(ind.condition);
    // The engine's root must be all/any.
    engine.addRule({ name: ind.id, conditions: conditions.all || conditions.any ? conditions : { all: [conditions] }, event: { type: ind.id, params: { weight: ind.weight } } });
  }

  // Every term (and allow phrase) of every list in one automaton.
  const patterns = [];
  const refs = [];
  lists.forEach((l, id) => {
    for (const t of l.terms) {
      const term = typeof t === 'string' ? t : t.term;
      patterns.push(term.toLowerCase());
      refs.push({ id, allow: false, word: (typeof t === 'string' ? undefined : t.match) !== 'substring' });
    }
    for (const a of l.allow ?? []) {
      patterns.push(a.toLowerCase());
      refs.push({ id, allow: true, word: false });
    }
  });
  const ac = new AhoCorasick(patterns);

  /** List ids with a hit in `text`, and the hits for `near`. */
  function scan(text) {
    if (!text) return { lists: [], hits: [] };
    const lower = text.toLowerCase();
    const hits = [];
    const allows = [];
    for (const m of ac.search(lower)) {
      const r = refs[m.patternIndex];
      if (r.word && (isWordChar(lower[m.start - 1]) || isWordChar(lower[m.end]))) continue;
      (r.allow ? allows : hits).push({ id: r.id, start: m.start, end: m.end });
    }
    const kept = hits.filter((h) => !allows.some((a) => a.id === h.id && a.start < h.end && h.start < a.end));
    return { lists: [...new Set(kept.map((h) => h.id))], hits: kept, text: lower };
  }
  const words = (text, at) => (text.slice(0, at).match(/\s+/g) ?? []).length;

  const sumLevel = (events) => {
    const total = events.reduce((s, e) => s + e.params.weight, 0);
    const s = pack.scoring;
    const score = Math.min(total, s.cap);
    const level = score >= s.high ? 'high' : score >= s.review ? 'review' : score >= s.low ? 'low' : 'none';
    return { score, level, fired: events.map((e) => e.type).sort() };
  };

  return {
    rules: pack.indicators.length,
    async screen(tx) {
      const memo = scan(tx.memo);
      const merchant = scan([tx.merchant?.name, tx.merchant?.descriptor].filter(Boolean).join('\n'));
      const destination = tx.receiver?.country ?? tx.merchant?.country;
      const major = Number(tx.amount);
      const hour = Number(/T(\d\d):/.exec(tx.timestamp)?.[1]);
      const facts = {
        memoLists: memo.lists,
        merchantLists: merchant.lists,
        memoPatterns: Object.entries(PATTERNS).filter(([, re]) => tx.memo && re.test(tx.memo)).map(([k]) => k),
        memoPresent: Boolean(tx.memo && /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(tx.memo)),
        // A lone surrogate or U+FFFD in any payer text field.
        malformedText: [tx.memo, tx.merchant?.name, tx.merchant?.descriptor].some((t) => typeof t === 'string' && (!t.isWellFormed() || t.includes('\uFFFD'))),
        mcc: tx.merchant?.mcc,
        amount: { currency: tx.currency, value: major },
        amountIn: (params) => (rates[tx.currency] && rates[params.currency] ? (major * rates[tx.currency]) / rates[params.currency] : undefined),
        senderCountry: tx.sender?.country,
        destination,
        crossBorder: tx.sender?.country && destination ? tx.sender.country !== destination : undefined,
        channel: tx.channel,
        currency: tx.currency,
        hour,
        isMinor: tx.sender?.isMinor,
        receiverIsMinor: tx.receiver?.isMinor,
        isNew: tx.receiver?.isNew,
        accountAgeDays: tx.sender?.accountAgeDays,
        merchantRegistered: tx.merchant?.id !== undefined,
        history: false,
        near: ({ a, b, within, field }) => {
          const s = field === 'memo' ? memo : merchant;
          const as = s.hits.filter((h) => h.id === a);
          const bs = s.hits.filter((h) => h.id === b);
          return as.some((x) => bs.some((y) => {
            const gap = y.start >= x.end ? words(s.text, y.start) - words(s.text, x.end) - 1 : x.start >= y.end ? words(s.text, x.start) - words(s.text, y.end) - 1 : -1;
            return gap >= 0 && gap <= within;
          }));
        },
      };
      const { events } = await engine.run(facts);
      return sumLevel(events);
    },
  };
}
