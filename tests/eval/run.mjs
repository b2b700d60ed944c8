// `make eval`: screens the generated evaluation corpus with two packs side by
// side — "before" (tests/eval/before-pack.json, a frozen copy of the previous
// default pack) and "after" (the packed module's current default pack) — and
// with the `obscenity` package configured with each pack's terms, and writes
// target/eval/report.json and report.md.
//
// The risky scenarios and hard negatives come from scenarios.mjs, which is
// generated from the publishers' written case descriptions and never reads a
// pack; the ordinary payments and term treatments come from corpus.mjs.
//
// History: per-account payment sequences over up to 60 days (sequences.mjs,
// also written from the case descriptions and blind to the pack) are replayed
// through `screenWithHistory` with the current default pack, keeping one state
// per account id, and reported in their own section.
//
//   node tests/eval/run.mjs [--benign N] [--risky N per typology] [--hard N] [--sequences N per typology] [--out DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataSet, RegExpMatcher, englishRecommendedTransformers, parseRawPattern } from 'obscenity';
import { benign, evasions, rng, TREATMENTS } from './corpus.mjs';
import { HARD_NEGATIVE, HARD_NEGATIVE_CASES, hardNegatives, scenarios, TYPOLOGIES } from './scenarios.mjs';
import { DAY_MS, SEQUENCE_TYPOLOGIES, sequences } from './sequences.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const { values: opts } = parseArgs({
  options: {
    benign: { type: 'string', default: '20000' },
    risky: { type: 'string', default: '500' },
    // Default: as many hard negatives as risky scenarios.
    hard: { type: 'string' },
    // Account sequences per history typology and per look-alike.
    sequences: { type: 'string', default: '60' },
    out: { type: 'string', default: join(root, 'target', 'eval') },
  },
});
const jejak = createRequire(join(root, 'pkg', 'package.json'))(join(root, 'pkg'));
const SEED = 20261128;
const started = performance.now();
const isReview = (v) => v.level === 'review' || v.level === 'high';

// ---- the two packs ----
const beforePack = JSON.parse(readFileSync(join(here, 'before-pack.json'), 'utf8'));
const SIDES = {
  before: { screener: new jejak.Screener(beforePack), pack: beforePack },
  after: { screener: new jejak.Screener(), pack: jejak.defaultPack() },
};
const sides = Object.keys(SIDES);
const both = (f) => Object.fromEntries(sides.map((s) => [s, f(SIDES[s], s)]));

// ---- obscenity, with each pack's terms ----
// Its recommended transformers resolve look-alikes and leetspeak, lower-case
// and collapse repeated letters (to one, or two for b e o l s g) in the text
// before matching, so each pattern is the term put through the same steps.
const LEET = { 4: 'a', '@': 'a', '(': 'c', 3: 'e', 6: 'g', 1: 'i', '|': 'i', '!': 'i', '/': 'l', 0: 'o', $: 's', 5: 's', 7: 't', 2: 'z' };
const TWICE = new Set(['b', 'e', 'o', 'l', 's', 'g']);
function obscenityForm(term) {
  let out = '';
  let run = 0;
  for (const c of [...term.toLowerCase()].map((c) => LEET[c] ?? c)) {
    run = out.endsWith(c) ? run + 1 : 1;
    if (run <= (TWICE.has(c) ? 2 : 1)) out += c;
  }
  // Pattern syntax: [ ] ? | and \ are special.
  return out.replace(/[[\]?|\\]/g, '\\$&');
}
for (const side of Object.values(SIDES)) {
  side.terms = Object.entries(side.pack.termLists).flatMap(([list, l]) => l.terms.map((t) => ({ list, term: typeof t === 'string' ? t : t.term })));
  const dataset = new DataSet();
  for (const [i, { term }] of side.terms.entries()) {
    dataset.addPhrase((phrase) => phrase.setMetadata({ i }).addPattern(parseRawPattern(obscenityForm(term))));
  }
  const matcher = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
  /** Term indices obscenity finds in a text. */
  side.obscenity = (text) =>
    text ? new Set(matcher.getAllMatches(text).map((m) => dataset.getPayloadWithPhraseMetadata(m).phraseMetadata.i)) : new Set();
}
const textOf = (tx) => [tx.memo, tx.merchant?.name, tx.merchant?.descriptor].filter(Boolean).join(' \n ');

// Per side: how often each indicator fired on each set, and verdict sizes.
for (const side of Object.values(SIDES)) {
  side.fired = { benign: new Map(), hard: new Map(), risky: new Map() };
  side.size = { benign: { n: 0, flags: 0, bytes: 0 }, risky: { n: 0, flags: 0, bytes: 0 } };
}
/** Screens `tx` with one side, counting fired indicators (and sizes) for `set`. */
function screen(side, tx, set) {
  const v = side.screener.screen(tx);
  for (const f of v.flags) side.fired[set].set(f.indicator, (side.fired[set].get(f.indicator) ?? 0) + 1);
  const size = side.size[set];
  if (size) {
    size.n += 1;
    size.flags += v.flags.length;
    size.bytes += Buffer.byteLength(JSON.stringify(v));
  }
  return v;
}
const tally = () => ({ n: 0, review: 0, high: 0 });
const count = (t, v) => {
  t.n += 1;
  if (isReview(v)) t.review += 1;
  if (v.level === 'high') t.high += 1;
};
const rates = (t) => ({ ...t, reviewRate: t.n ? t.review / t.n : null, highRate: t.n ? t.high / t.n : null });

// ---- benign ----
const benignRows = benign(SEED, Number(opts.benign));
const n = benignRows.length;
for (const side of Object.values(SIDES)) {
  side.levels = { none: 0, low: 0, review: 0, high: 0 };
  side.reviewExamples = [];
  side.obscenityBenign = 0;
}
for (const tx of benignRows) {
  for (const side of Object.values(SIDES)) {
    const v = screen(side, tx, 'benign');
    side.levels[v.level] += 1;
    if (isReview(v) && side.reviewExamples.length < 10) {
      side.reviewExamples.push({ id: tx.id, level: v.level, score: v.score, memo: tx.memo, flags: v.flags.map((f) => f.indicator) });
    }
    if (side.obscenity(textOf(tx)).size) side.obscenityBenign += 1;
  }
}

// ---- hard negatives ----
const hardRows = hardNegatives(SEED + 3, Number(opts.hard ?? Number(opts.risky) * Object.keys(TYPOLOGIES).length));
for (const side of Object.values(SIDES)) {
  side.hard = { all: tally(), variants: Object.fromEntries(HARD_NEGATIVE_CASES.map((c) => [c.variant, tally()])), examples: [] };
}
for (const { variant, tx } of hardRows) {
  for (const side of Object.values(SIDES)) {
    const v = screen(side, tx, 'hard');
    count(side.hard.all, v);
    count(side.hard.variants[variant], v);
    if (isReview(v) && side.hard.examples.length < 5) {
      side.hard.examples.push({ id: tx.id, level: v.level, score: v.score, memo: tx.memo, flags: v.flags.map((f) => f.indicator) });
    }
  }
}

// ---- risky scenarios ----
const riskyRows = scenarios(SEED + 1, Number(opts.risky));
for (const side of Object.values(SIDES)) {
  side.risky = {
    typologies: Object.fromEntries(Object.keys(TYPOLOGIES).map((t) => [t, tally()])),
    variants: Object.fromEntries(Object.entries(TYPOLOGIES).map(([t, { cases }]) => [t, Object.fromEntries(cases.map((c) => [c.variant, tally()]))])),
    facets: {},
  };
}
for (const { typology, variant, facets, tx } of riskyRows) {
  for (const side of Object.values(SIDES)) {
    const v = screen(side, tx, 'risky');
    const r = side.risky;
    count(r.typologies[typology], v);
    count(r.variants[typology][variant], v);
    for (const [facet, value] of Object.entries(facets)) {
      count(((r.facets[typology] ??= {})[facet] ??= {})[value] ??= tally(), v);
    }
  }
}

// ---- evasion: risky scenarios with their cover term treated ----
// The scenario generator records the published cover term (or documented
// Indonesian context word) it put in the memo; each treatment rewrites that
// term in place. "none" is the same subset untreated, as the baseline.
const withTerm = riskyRows.filter((row) => row.term);
const treated = [];
{
  const r = rng(SEED + 4);
  for (const row of withTerm) {
    treated.push({ treatment: 'none', typology: row.typology, tx: row.tx });
    for (const [treatment, f] of Object.entries(TREATMENTS)) {
      const text = f(r, row.term);
      if (text === null || text === row.term) continue;
      treated.push({ treatment, typology: row.typology, tx: { ...row.tx, memo: row.tx.memo.replace(row.term, text) } });
    }
  }
}
const treatmentNames = ['none', ...Object.keys(TREATMENTS)];
for (const side of Object.values(SIDES)) {
  side.treated = Object.fromEntries(treatmentNames.map((t) => [t, { ...tally(), typologies: {} }]));
}
for (const { treatment, typology, tx } of treated) {
  for (const side of Object.values(SIDES)) {
    const v = side.screener.screen(tx);
    const t = side.treated[treatment];
    count(t, v);
    count((t.typologies[typology] ??= tally()), v);
  }
}

// ---- evasion: every pack term under each treatment (jejak vs obscenity) ----
// A new payee and a minor sender, so that lists read only inside combinations
// (airtime, gift cards) can fire too; the check is whether a flag cites the term.
const neutral = { timestamp: '2026-11-20T14:00:00+07:00', amount: '50000', currency: 'IDR', sender: { isMinor: true }, receiver: { country: 'ID', isNew: true } };
const withText = (list, text) => (list.startsWith('merchant-') ? { ...neutral, merchant: { descriptor: text } } : { ...neutral, memo: text });
const cites = (v, term) => v.flags.some((f) => f.evidence.some((ev) => ev.term !== undefined && ev.term.toLowerCase() === term.toLowerCase()));
for (const side of Object.values(SIDES)) {
  const termIndex = new Map(side.terms.map((t, i) => [`${t.list}\n${t.term}`, i]));
  // Terms no flag cites even untreated: their misses below are not evasions.
  side.uncited = side.terms.filter(({ list, term }) => !cites(side.screener.screen(withText(list, `pls ${term} ty`)), term)).map(({ list, term }) => `${list}: ${term}`);
  side.termEvasion = Object.fromEntries(Object.keys(TREATMENTS).map((t) => [t, { n: 0, jejak: 0, obscenity: 0, missed: [] }]));
  for (const e of evasions(SEED + 2, side.terms)) {
    const v = side.screener.screen(withText(e.list, e.memo));
    const found = cites(v, e.term);
    const t = side.termEvasion[e.treatment];
    t.n += 1;
    if (found) t.jejak += 1;
    else if (t.missed.length < 5) t.missed.push(e.memo);
    if (side.obscenity(e.memo).has(termIndex.get(`${e.list}\n${e.term}`))) t.obscenity += 1;
  }
}

// ---- history: per-account sequences ----
// Each sequence is one focal account and every payment it makes or receives,
// replayed in time order through screenWithHistory with the current default
// pack. States live in a Map keyed by account id, one state per account (used
// as `sender` when it pays and `receiver` when it is paid), as a host would
// keep them. Account ids are unique to a sequence, so replaying sequences one
// by one is the same as replaying them interleaved. The same transactions also
// go through screen() (no history), with this pack and the before pack, to
// show what history adds. Compact verdicts: only the level and flag ids are read.
const historyStarted = performance.now();
const HISTORY_KEY = 'jejak make eval history key';
const historyScreener = new jejak.Screener(undefined, { verdict: 'compact', historyKey: HISTORY_KEY });
if (typeof historyScreener.screenWithHistory !== 'function') throw new Error('pkg/ has no screenWithHistory: run `make pkg`');
const statelessScreeners = { after: new jejak.Screener(undefined, { verdict: 'compact' }), before: new jejak.Screener(beforePack, { verdict: 'compact' }) };
const HISTORY_ID = /-HIST-/;
const seqRows = sequences(SEED + 5, Number(opts.sequences));
const instant = (tx) => Date.parse(tx.timestamp);
/** Ids of the history conditions in a verdict: history flags and the history signals they cite. */
function historyIds(v) {
  const ids = new Set();
  for (const f of v.flags) {
    if (HISTORY_ID.test(f.indicator)) ids.add(f.indicator);
    for (const e of f.evidence) if (e.kind === 'indicator' && HISTORY_ID.test(e.value)) ids.add(e.value);
  }
  return ids;
}
/** Replays one sequence; returns where it first reached review (with and without history) and what fired. */
function replay(seq) {
  const states = new Map();
  const t0 = instant(seq.steps[0].tx);
  const out = { n: seq.steps.length, reviewed: 0, reviewedStateless: 0, first: null, firstDescribed: null, firstStateless: null, firstBefore: null, maxState: 0, ids: new Set(), sides: {} };
  seq.steps.forEach(({ kind, tx }, i) => {
    const res = historyScreener.screenWithHistory(tx, { sender: states.get(tx.sender.id), receiver: states.get(tx.receiver.id) });
    for (const side of ['sender', 'receiver']) {
      if (res[side]) {
        states.set(tx[side].id, res[side]);
        out.maxState = Math.max(out.maxState, res[side].byteLength);
      }
      const h = res.verdict.history?.[side] ?? 'missing';
      out.sides[h] = (out.sides[h] ?? 0) + 1;
    }
    for (const id of historyIds(res.verdict)) out.ids.add(id);
    const at = { position: i + 1, day: Math.floor((instant(tx) - t0) / DAY_MS), kind, tx, flags: res.verdict.flags.map((f) => f.indicator), score: res.verdict.score, level: res.verdict.level };
    if (isReview(res.verdict)) {
      out.reviewed += 1;
      out.first ??= at;
      // The account's ordinary background spending is not the described habit.
      if (kind !== 'background') out.firstDescribed ??= at;
    }
    if (isReview(statelessScreeners.after.screen(tx))) {
      out.reviewedStateless += 1;
      out.firstStateless ??= at;
    }
    if (out.firstBefore === null && isReview(statelessScreeners.before.screen(tx))) out.firstBefore = at;
  });
  return out;
}
const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** The figures of a set of replayed sequences. */
function summarize(results) {
  const caught = results.filter((x) => x.first);
  const n = results.length;
  const txs = results.reduce((s, x) => s + x.n, 0);
  const ids = {};
  for (const x of results) for (const id of x.ids) ids[id] = (ids[id] ?? 0) + 1;
  const firstKinds = {};
  for (const x of caught) firstKinds[x.first.kind] = (firstKinds[x.first.kind] ?? 0) + 1;
  return {
    sequences: n,
    transactions: txs,
    atReview: caught.length,
    // Share of accounts with any transaction at review.
    rate: n ? caught.length / n : null,
    // Share of accounts with a transaction of the described habit (not background spending) at review.
    describedRate: n ? results.filter((x) => x.firstDescribed).length / n : null,
    // What the first transaction at review was, per account caught.
    firstKinds,
    statelessRate: n ? results.filter((x) => x.firstStateless).length / n : null,
    beforeStatelessRate: n ? results.filter((x) => x.firstBefore).length / n : null,
    transactionsAtReview: results.reduce((s, x) => s + x.reviewed, 0),
    transactionRate: txs ? results.reduce((s, x) => s + x.reviewed, 0) / txs : null,
    statelessTransactionRate: txs ? results.reduce((s, x) => s + x.reviewedStateless, 0) / txs : null,
    medianFirstPosition: median(caught.map((x) => x.first.position)),
    medianFirstDay: median(caught.map((x) => x.first.day)),
    statelessMedianFirstPosition: median(results.filter((x) => x.firstStateless).map((x) => x.firstStateless.position)),
    statelessMedianFirstDay: median(results.filter((x) => x.firstStateless).map((x) => x.firstStateless.day)),
    medianTransactions: median(results.map((x) => x.n)),
    maxStateBytes: results.reduce((m, x) => Math.max(m, x.maxState), 0),
    // Share of accounts on which each history condition fired (as a flag or a cited signal) at least once.
    historyIds: Object.fromEntries(Object.entries(ids).sort(([a], [b]) => a.localeCompare(b)).map(([id, k]) => [id, k / n])),
  };
}
const replayed = seqRows.map((seq) => ({ seq, res: replay(seq) }));
const historyGroups = { risky: {}, benign: {} };
for (const [typology, { risky, cases }] of Object.entries(SEQUENCE_TYPOLOGIES)) {
  const mine = replayed.filter((x) => x.seq.typology === typology);
  historyGroups[risky ? 'risky' : 'benign'][typology] = {
    ...summarize(mine.map((x) => x.res)),
    variants: Object.fromEntries(cases.map((c) => [c.variant, summarize(mine.filter((x) => x.seq.variant === c.variant).map((x) => x.res))])),
  };
}
const benignReplayed = replayed.filter((x) => !x.seq.risky);
const sideStatus = {};
for (const { res } of replayed) for (const [k, v] of Object.entries(res.sides)) sideStatus[k] = (sideStatus[k] ?? 0) + v;
/** A replayed account's first transaction at review, for the examples. */
const example = ({ seq, res }) => ({
  sequence: seq.id, typology: seq.typology, variant: seq.variant, position: res.first.position, day: res.first.day, of: res.n,
  level: res.first.level, score: res.first.score, memo: res.first.tx.memo ?? '', amount: `${res.first.tx.currency} ${res.first.tx.amount}`,
  corridor: `${res.first.tx.sender.country}→${res.first.tx.receiver.country}`, flags: res.first.flags,
});
const history = {
  generator: {
    sequences: 'tests/eval/sequences.mjs',
    readsPack: false,
    note: "Account sequences are sampled from the publishers' written case descriptions; the generator imports no pack, no pack file and no indicator ids.",
  },
  pack: historyScreener.pack,
  perTypology: Number(opts.sequences),
  accounts: seqRows.length,
  transactions: replayed.reduce((s, x) => s + x.res.n, 0),
  variants: Object.fromEntries(Object.entries(SEQUENCE_TYPOLOGIES).filter(([, t]) => t.risky).map(([t, { cases }]) => [t, Object.fromEntries(cases.map((c) => [c.variant, { source: c.source, quote: c.quote }]))])),
  // Recall at review per history typology: an account is caught when any of its transactions reaches review.
  risky: historyGroups.risky,
  benign: {
    ...summarize(benignReplayed.map((x) => x.res)),
    lookalikes: historyGroups.benign,
    // Up to three per look-alike, so one look-alike does not hide the others.
    reviewExamples: Object.keys(historyGroups.benign).flatMap((t) => benignReplayed.filter((x) => x.seq.typology === t && x.res.first).slice(0, 3).map(example)),
  },
  largestStateBytes: replayed.reduce((m, x) => Math.max(m, x.res.maxState), 0),
  // verdict.history per side over all replayed transactions (`late` should not occur: the replay is in time order).
  historySides: sideStatus,
  seconds: Number(((performance.now() - historyStarted) / 1000).toFixed(1)),
};

// ---- report ----
const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
const variantInfo = Object.fromEntries(
  Object.entries(TYPOLOGIES).map(([t, { cases }]) => [t, Object.fromEntries(cases.map((c) => [c.variant, { source: c.source, quote: c.quote }]))]),
);
const nHard = hardRows.length;
const report = {
  seed: SEED,
  engine: jejak.engineVersion,
  seconds,
  packs: both(({ screener }, s) => ({ ...screener.pack, file: s === 'before' ? 'tests/eval/before-pack.json' : 'default pack (pkg)' })),
  corpus: {
    generator: {
      scenarios: 'tests/eval/scenarios.mjs',
      readsPack: false,
      note: "Risky scenarios and hard negatives are sampled from the publishers' written case descriptions; the generator imports no pack, no pack file and no indicator ids.",
    },
    benign: n,
    risky: { perTypology: Number(opts.risky), total: riskyRows.length },
    hardNegative: { family: HARD_NEGATIVE, n: nHard },
    variants: variantInfo,
    treatedScenarios: withTerm.length,
  },
  benign: both((side) => ({
    n,
    levels: side.levels,
    falsePositiveRate: { reviewOrHigh: (side.levels.review + side.levels.high) / n, high: side.levels.high / n },
    obscenityAnyMatchRate: side.obscenityBenign / n,
    reviewExamples: side.reviewExamples,
  })),
  hardNegative: both((side) => ({
    ...rates(side.hard.all),
    variants: Object.fromEntries(Object.entries(side.hard.variants).map(([k, t]) => [k, rates(t)])),
    reviewExamples: side.hard.examples,
  })),
  risky: both((side) => ({
    typologies: Object.fromEntries(Object.entries(side.risky.typologies).map(([k, t]) => [k, rates(t)])),
    variants: Object.fromEntries(Object.entries(side.risky.variants).map(([t, vs]) => [t, Object.fromEntries(Object.entries(vs).map(([k, x]) => [k, rates(x)]))])),
    facets: side.risky.facets,
  })),
  evasion: both((side) => ({
    // Share of treated risky scenarios still reaching review.
    scenarios: Object.fromEntries(Object.entries(side.treated).map(([k, t]) => [k, { ...rates(t), typologies: Object.fromEntries(Object.entries(t.typologies).map(([ty, x]) => [ty, rates(x)])) }])),
    // Whether a flag still cites each pack term under each treatment.
    terms: Object.fromEntries(Object.entries(side.termEvasion).map(([k, v]) => [k, { n: v.n, jejakRecall: v.jejak / v.n, obscenityRecall: v.obscenity / v.n, jejakMissedExamples: v.missed }])),
    termsNotCitedUntreated: side.uncited,
  })),
  indicators: both((side) =>
    side.pack.indicators.map(({ id }) => {
      const onBenign = side.fired.benign.get(id) ?? 0;
      const onHard = side.fired.hard.get(id) ?? 0;
      const onRisky = side.fired.risky.get(id) ?? 0;
      const all = onBenign + onHard + onRisky;
      // Of the transactions it fired on, the share that were risky scenarios.
      return { id, firedOnBenign: onBenign, firedOnHardNegatives: onHard, firedOnRisky: onRisky, precision: all ? onRisky / all : null };
    }),
  ),
  verdicts: both((side) =>
    Object.fromEntries(Object.entries(side.size).map(([set, s]) => [set, { n: s.n, flagsPerVerdict: s.flags / s.n, bytesPerVerdict: s.bytes / s.n }])),
  ),
  history,
};
mkdirSync(opts.out, { recursive: true });
writeFileSync(join(opts.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

const pct = (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
const B = report.packs.before;
const A = report.packs.after;
const md = [];
md.push('# jejak evaluation report', '');
md.push(`Engine ${report.engine}, seed ${SEED}, generated by \`make eval\` in ${seconds} s. Two packs side by side:`, '');
md.push(`* **before**: \`${B.id}\` ${B.version} (digest \`${B.digest.slice(0, 16)}…\`, ${B.indicators} indicators), the frozen copy in tests/eval/before-pack.json;`);
md.push(`* **after**: \`${A.id}\` ${A.version} (digest \`${A.digest.slice(0, 16)}…\`, ${A.indicators} indicators), the current default pack.`, '');
if (B.digest === A.digest) md.push('The two packs are identical (same digest), so every before/after pair below is equal.', '');
md.push(
  "**The scenario generator does not read the pack.** The risky scenarios and hard negatives come from tests/eval/scenarios.mjs, which samples amounts, currencies, corridors, local hours, memos, channels and payees from the publishers' written case descriptions (AUSTRAC, AIC, FATF, FINTRAC, AMLC, NCA, PPATK and Indonesian police cases, Thorn/NCMEC, NCRI, DSA); it imports no pack, no pack file and no indicator ids. Recall here is measured against what the sources describe, not against the pack's own rules. The ordinary payments and the term treatments come from tests/eval/corpus.mjs. All transactions are synthetic.",
  '',
);

md.push('## False positives on ordinary payments', '');
md.push(`${n.toLocaleString('en')} benign transactions (bills, pulsa, arisan, kos, school fees to schools, AU→PH and AU→ID family remittances, marketplace purchases, game top-ups; memos in Bahasa Indonesia, English and Tagalog).`, '');
md.push('| level | before | share | after | share |', '| --- | ---: | ---: | ---: | ---: |');
for (const k of Object.keys(report.benign.after.levels)) {
  md.push(`| ${k} | ${report.benign.before.levels[k]} | ${pct(report.benign.before.levels[k] / n)} | ${report.benign.after.levels[k]} | ${pct(report.benign.after.levels[k] / n)} |`);
}
const fp = (s) => report.benign[s].falsePositiveRate;
/** The first transactions of a set that reached review, per pack. */
function reviewExamples(what, set) {
  for (const s of sides) {
    const ex = set[s].reviewExamples;
    if (!ex.length) continue;
    md.push(`${what} that reached review with the ${s} pack (first ${ex.length}):`, '');
    for (const e of ex) md.push(`* \`${e.id}\` ${e.level} ${e.score}: memo "${e.memo ?? ''}"; ${e.flags.join(', ')}`);
    md.push('');
  }
}
md.push('', `False-positive rate at \`review\` or above: before **${pct(fp('before').reviewOrHigh)}**, after **${pct(fp('after').reviewOrHigh)}** (target ≤ 0.5%); at \`high\`: before ${pct(fp('before').high)}, after ${pct(fp('after').high)}.`);
md.push(`obscenity, with each pack's terms, matches something in ${pct(report.benign.before.obscenityAnyMatchRate)} (before) and ${pct(report.benign.after.obscenityAnyMatchRate)} (after) of these transactions' texts (it has no amount, corridor or channel rules to combine with).`, '');
reviewExamples('Benign transactions', report.benign);

md.push('## Hard negatives: family remittances with a cover word', '');
md.push(`${nHard.toLocaleString('en')} steady family remittances (AU, US, GB, CA, SA, MY, HK → PH or ID) to a known payee, in the daytime, at ordinary remittance amounts, each with a cover word such as "school fees" or "uang sekolah". They should stay below review.`, '');
md.push('| corridor | transactions | before: review or high | after: review or high |', '| --- | ---: | ---: | ---: |');
for (const k of Object.keys(report.hardNegative.after.variants)) {
  md.push(`| ${k} | ${report.hardNegative.after.variants[k].n} | ${pct(report.hardNegative.before.variants[k].reviewRate)} | ${pct(report.hardNegative.after.variants[k].reviewRate)} |`);
}
md.push(`| **all** | ${nHard} | **${pct(report.hardNegative.before.reviewRate)}** | **${pct(report.hardNegative.after.reviewRate)}** |`, '');
reviewExamples('Hard negatives', report.hardNegative);

md.push('## Risky scenarios', '');
md.push(`${Number(opts.risky)} scenarios per typology. Recall: the share reaching \`review\` or \`high\`.`, '');
md.push('| typology | transactions | before: review or high | after: review or high | before: high | after: high |', '| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [k, a] of Object.entries(report.risky.after.typologies)) {
  const b = report.risky.before.typologies[k];
  md.push(`| ${k} | ${a.n} | ${pct(b.reviewRate)} | ${pct(a.reviewRate)} | ${pct(b.highRate)} | ${pct(a.highRate)} |`);
}
md.push('', '### Per described case', '');
md.push('Each variant is one written case description; the quote is what the generator samples from.', '');
md.push('| typology | variant | source: quote | transactions | before | after |', '| --- | --- | --- | ---: | ---: | ---: |');
for (const [t, vs] of Object.entries(report.risky.after.variants)) {
  for (const [k, a] of Object.entries(vs)) {
    const { source, quote } = variantInfo[t][k];
    md.push(`| ${t} | ${k} | ${source}: "${quote}" | ${a.n} | ${pct(report.risky.before.variants[t][k].reviewRate)} | ${pct(a.reviewRate)} |`);
  }
}
md.push('', '### Per sampled attribute', '');
md.push('Recall at review by memo style, channel, payee, hour and so on, to show which parts of the descriptions the packs miss.', '');
md.push('| typology | attribute | value | transactions | before | after |', '| --- | --- | --- | ---: | ---: | ---: |');
for (const [t, fs] of Object.entries(report.risky.after.facets)) {
  for (const [f, vs] of Object.entries(fs)) {
    for (const [k, a] of Object.entries(vs).sort(([x], [y]) => x.localeCompare(y))) {
      const b = report.risky.before.facets[t][f][k];
      md.push(`| ${t} | ${f} | ${k} | ${a.n} | ${pct(b.review / b.n)} | ${pct(a.review / a.n)} |`);
    }
  }
}

md.push('', '## Evasion recall per treatment', '');
md.push(`### Risky scenarios with a treated cover term`, '');
md.push(`The ${withTerm.length} risky scenarios whose memo holds a published cover term or a documented Indonesian context word, with that word put through each treatment; the share still reaching review. "none" is the same scenarios untreated.`, '');
md.push('| treatment | cases | before: review or high | after: review or high |', '| --- | ---: | ---: | ---: |');
for (const [k, a] of Object.entries(report.evasion.after.scenarios)) {
  md.push(`| ${k} | ${a.n} | ${pct(report.evasion.before.scenarios[k].reviewRate)} | ${pct(a.reviewRate)} |`);
}
md.push('', '### Every pack term, jejak next to obscenity', '');
md.push("Each pack's own terms under each treatment, in a memo (or, for merchant lists, a card descriptor). jejak counts a hit when a flag cites the term; obscenity when it reports the term. Unlike the scenarios above, this table uses the packs' term lists.", '');
md.push('| treatment | before: cases | jejak | obscenity | after: cases | jejak | obscenity | after: jejak misses (examples) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const [k, a] of Object.entries(report.evasion.after.terms)) {
  const b = report.evasion.before.terms[k];
  md.push(`| ${k} | ${b.n} | ${pct(b.jejakRecall)} | ${pct(b.obscenityRecall)} | ${a.n} | ${pct(a.jejakRecall)} | ${pct(a.obscenityRecall)} | ${a.jejakMissedExamples.map((m) => `\`${m}\``).join(' ')} |`);
}

for (const s of sides) {
  const u = report.evasion[s].termsNotCitedUntreated;
  md.push('', `Terms no flag cites even untreated (${s}): ${u.length ? u.map((t) => `\`${t}\``).join(', ') : 'none'}.`);
}
md.push('', '## Verdict size', '');
md.push('Average flags per verdict and average verdict JSON size (bytes of `JSON.stringify(verdict)`).', '');
md.push('| set | before: flags | after: flags | before: bytes | after: bytes |', '| --- | ---: | ---: | ---: | ---: |');
for (const set of ['benign', 'risky']) {
  const b = report.verdicts.before[set];
  const a = report.verdicts.after[set];
  md.push(`| ${set} (${a.n}) | ${b.flagsPerVerdict.toFixed(2)} | ${a.flagsPerVerdict.toFixed(2)} | ${Math.round(b.bytesPerVerdict)} | ${Math.round(a.bytesPerVerdict)} |`);
}

md.push('', '## Indicators', '');
md.push(`Fired on: the number of transactions each indicator fired on among the ${n.toLocaleString('en')} ordinary payments plus ${nHard.toLocaleString('en')} hard negatives ("benign") and the ${riskyRows.length.toLocaleString('en')} risky scenarios. Precision: of the transactions it fired on, the share that were risky scenarios (it depends on the mix of the corpus). "–": the pack has no such indicator, or it never fired.`, '');
md.push('| indicator | before: benign | risky | precision | after: benign | risky | precision |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
const byId = both((_, s) => new Map(report.indicators[s].map((i) => [i.id, i])));
const ids = [...new Set([...report.indicators.before.map((i) => i.id), ...report.indicators.after.map((i) => i.id)])];
const cells = (i) => (i ? [i.firedOnBenign + i.firedOnHardNegatives, i.firedOnRisky, pct(i.precision)] : ['–', '–', '–']);
for (const id of ids) md.push(`| ${id} | ${cells(byId.before.get(id)).join(' | ')} | ${cells(byId.after.get(id)).join(' | ')} |`);

const H = history;
const num = (x) => (x === null || x === undefined ? '–' : String(x));
md.push('', '## History: per-account sequences', '');
md.push(
  `${H.accounts.toLocaleString('en')} accounts (${H.perTypology} per typology), ${H.transactions.toLocaleString('en')} transactions over up to 60 days, replayed in time order through \`screenWithHistory\` with the current default pack (\`${H.pack.id}\` ${H.pack.version}), one state per account id kept in a Map (used as \`sender\` when the account pays and \`receiver\` when it is paid), in ${H.seconds} s.`,
  '',
  "**The sequence generator does not read the pack either.** tests/eval/sequences.mjs samples each account's habit (how often, how much, to whom, from whom, at what hour, when money is moved out) from the publishers' written case descriptions quoted next to each generator; where the sources are silent the numbers are its own and it says so. It imports no pack, no pack file and no indicator ids. All ids and payments are synthetic.",
  '',
  'An account counts as caught (risky) or as a false positive (benign) when any of its transactions reaches `review` or `high`. First caught: the median position (1 = its first transaction) and day (0 = the day of its first transaction) of its first transaction at review, over the accounts caught. "screen()": the same transactions without history, with this pack and with the before pack (which has no history conditions).',
  '',
);
md.push('### Risky accounts: recall at review', '');
md.push(
  '| history typology | accounts | transactions (median per account) | recall with history | screen(), after | screen(), before | transactions at review: with history | screen(), after | first caught: position | day | screen(): position | day |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const [k, t] of Object.entries(H.risky)) {
  md.push(
    `| ${k} | ${t.sequences} | ${t.transactions} (${num(t.medianTransactions)}) | **${pct(t.rate)}** | ${pct(t.statelessRate)} | ${pct(t.beforeStatelessRate)} | ${pct(t.transactionRate)} | ${pct(t.statelessTransactionRate)} | ${num(t.medianFirstPosition)} | ${num(t.medianFirstDay)} | ${num(t.statelessMedianFirstPosition)} | ${num(t.statelessMedianFirstDay)} |`,
  );
}
md.push('', 'Most of these accounts make or receive dozens of payments, so one of them reaching review without history is likely too; the share of transactions at review and the position of the first catch show what history adds.', '');
md.push('What each caught account was first caught on (the step of the sequence), and the recall counting only the described habit (not the account\'s ordinary background spending, which the sextortion sequences have):', '');
md.push('| history typology | first caught on | recall on the described habit |', '| --- | --- | ---: |');
for (const [k, t] of Object.entries(H.risky)) {
  md.push(`| ${k} | ${Object.entries(t.firstKinds).map(([kind, c]) => `${kind} ${c}`).join(', ')} | ${pct(t.describedRate)} |`);
}
md.push('', '#### Per described case', '');
md.push('| typology | variant | source: quote | accounts | recall with history | screen(), after |', '| --- | --- | --- | ---: | ---: | ---: |');
for (const [t, x] of Object.entries(H.risky)) {
  for (const [k, v] of Object.entries(x.variants)) {
    const { source, quote } = H.variants[t][k];
    md.push(`| ${t} | ${k} | ${source}: "${quote}" | ${v.sequences} | ${pct(v.rate)} | ${pct(v.statelessRate)} |`);
  }
}
md.push('', '### Benign look-alikes', '');
md.push(
  `Benign review rate per account (share of accounts with any transaction at review): **${pct(H.benign.rate)}** with history (${pct(H.benign.statelessRate)} with screen()); per transaction: **${pct(H.benign.transactionRate)}** (${pct(H.benign.statelessTransactionRate)} with screen()).`,
  '',
);
md.push('| look-alike | accounts | transactions (median per account) | accounts at review | screen(), after | transactions at review | screen(), after | first at review: day |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [k, t] of Object.entries(H.benign.lookalikes)) {
  md.push(`| ${k} | ${t.sequences} | ${t.transactions} (${num(t.medianTransactions)}) | **${pct(t.rate)}** | ${pct(t.statelessRate)} | ${pct(t.transactionRate)} | ${pct(t.statelessTransactionRate)} | ${num(t.medianFirstDay)} |`);
}
md.push('', '| look-alike | variant | accounts | at review | screen(), after |', '| --- | --- | ---: | ---: | ---: |');
for (const [t, x] of Object.entries(H.benign.lookalikes)) {
  for (const [k, v] of Object.entries(x.variants)) md.push(`| ${t} | ${k} | ${v.sequences} | ${pct(v.rate)} | ${pct(v.statelessRate)} |`);
}
if (H.benign.reviewExamples.length) {
  md.push('', 'Benign accounts that reached review (up to three per look-alike), at their first transaction at review:', '');
  for (const e of H.benign.reviewExamples) {
    md.push(`* \`${e.sequence}\` (${e.variant}) transaction ${e.position} of ${e.of}, day ${e.day}: ${e.level} ${e.score}, ${e.amount} ${e.corridor}, memo "${e.memo}"; ${e.flags.join(', ')}`);
  }
}
md.push('', '### History conditions fired', '');
md.push('Share of accounts on which each history condition (a history flag, or a history signal a flag cites) fired at least once.', '');
const histIds = [...new Set([...Object.values(H.risky), ...Object.values(H.benign.lookalikes)].flatMap((t) => Object.keys(t.historyIds)))].sort();
if (histIds.length) {
  md.push(`| typology | ${histIds.join(' | ')} |`, `| --- |${histIds.map(() => ' ---: |').join('')}`);
  for (const [k, t] of [...Object.entries(H.risky), ...Object.entries(H.benign.lookalikes)]) md.push(`| ${k} | ${histIds.map((id) => pct(t.historyIds[id] ?? 0)).join(' | ')} |`);
} else {
  md.push('No history condition fired on any account.');
}
md.push('', '### State size', '');
md.push(`Largest state seen: **${H.largestStateBytes} bytes** (contract: at most 4 KiB per account). verdict.history per side over all transactions: ${Object.entries(H.historySides).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');
md.push('| typology | largest state (bytes) |', '| --- | ---: |');
for (const [k, t] of [...Object.entries(H.risky), ...Object.entries(H.benign.lookalikes)]) md.push(`| ${k} | ${t.maxStateBytes} |`);
writeFileSync(join(opts.out, 'report.md'), `${md.join('\n')}\n`);

console.log(`eval: ${n} benign, ${riskyRows.length} risky, ${nHard} hard negatives, ${treated.length} treated scenarios in ${seconds} s`);
console.log(`  packs: before ${B.version} ${B.digest.slice(0, 12)}, after ${A.version} ${A.digest.slice(0, 12)}`);
console.log(`  false positives at review: before ${pct(fp('before').reviewOrHigh)}, after ${pct(fp('after').reviewOrHigh)}`);
console.log(`  hard negatives at review:  before ${pct(report.hardNegative.before.reviewRate)}, after ${pct(report.hardNegative.after.reviewRate)}`);
for (const k of Object.keys(TYPOLOGIES)) {
  console.log(`  ${k.padEnd(20)} recall at review: before ${pct(report.risky.before.typologies[k].reviewRate).padStart(6)}, after ${pct(report.risky.after.typologies[k].reviewRate).padStart(6)}`);
}
console.log(`  history: ${H.accounts} accounts, ${H.transactions} transactions replayed with screenWithHistory in ${H.seconds} s`);
for (const [k, t] of Object.entries(H.risky)) {
  console.log(
    `  ${k.padEnd(26)} recall at review ${pct(t.rate).padStart(6)} (on the described habit ${pct(t.describedRate)}; screen(): ${pct(t.statelessRate).padStart(6)}), first caught at position ${num(t.medianFirstPosition)}, day ${num(t.medianFirstDay)} (screen(): ${num(t.statelessMedianFirstPosition)}, ${num(t.statelessMedianFirstDay)}); transactions at review ${pct(t.transactionRate)} (screen(): ${pct(t.statelessTransactionRate)})`,
  );
}
console.log(`  benign look-alikes at review: ${pct(H.benign.rate)} of accounts (screen(): ${pct(H.benign.statelessRate)}), ${pct(H.benign.transactionRate)} of transactions (screen(): ${pct(H.benign.statelessTransactionRate)})`);
for (const [k, t] of Object.entries(H.benign.lookalikes)) console.log(`    ${k.padEnd(24)} ${pct(t.rate).padStart(6)} of accounts, ${pct(t.transactionRate).padStart(6)} of transactions`);
console.log(`  largest state: ${H.largestStateBytes} bytes`);
console.log(`  report: ${join(opts.out, 'report.md')}`);
