// `make eval`: the quality report, with two releases side by side — "before",
// the previous release (its engine and its default pack, built in this run by
// previous.mjs from the commit in previous-release.json) and "after", this
// one (the packed module in pkg/ with its default pack) — and with the
// `obscenity` package configured with each pack's terms. Writes
// target/eval/report.json and report.md, and exits 1 when a target of the
// issue that set them is missed (listed under "Targets" in the report).
//
// The risky scenarios and hard negatives come from scenarios.mjs, which is
// generated from the publishers' written case descriptions and never reads a
// pack; the ordinary payments and term treatments come from corpus.mjs.
//
// History: per-account sequences over up to 60 days (sequences.mjs, also
// written from the case descriptions and blind to the pack) are replayed
// through `screenWithHistory` with each release, keeping one state per
// account id. The benign background is three months of ordinary Indonesian
// e-wallet traffic generated from the published PaySim aggregates
// (background.mjs, ../shared/data/paysim), replayed the same way.
//
// Cases (issue 21): money networks written from the case descriptions
// (networks.mjs, blind to the pack like sequences.mjs: a collector e-wallet
// and its payers, an intermediary passing the sweeps on, a cash-out) are
// planted in that background; `buildCases` (jejak/cases) runs once over the
// merged log, and the report gives case recall (the collector, at least 90%
// of its payers and its cash-out in one case) and the share of background
// accounts drawn into any case. This release only.
//
//   node tests/eval/run.mjs [--benign N] [--risky N per typology] [--hard N] [--sequences N per typology]
//                           [--customers N] [--networks N] [--paysim DIR|EXCERPT.json] [--previous build|self]
//                           [--targets enforce|report] [--out DIR]
//
// The package tests run it small with `--previous self` (the current release
// on both sides, no build), `--paysim tests/data/paysim-excerpt.json` (the
// numbers the background needs, copied with attribution) and `--targets
// report` (small samples cannot meet the targets); `make eval` runs it in
// full, builds the previous release and fails on a missed target.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataSet, RegExpMatcher, englishRecommendedTransformers, parseRawPattern } from 'obscenity';
import { benign, evasions, rng, TREATMENTS } from './corpus.mjs';
import { HARD_NEGATIVE, HARD_NEGATIVE_CASES, hardNegatives, scenarios, TYPOLOGIES } from './scenarios.mjs';
import { DAY_MS, SEQUENCE_TYPOLOGIES, sequences } from './sequences.mjs';
import { background, loadPaysim, loadPaysimExcerpt, MAPPING, SCALING } from './background.mjs';
import { forPrevious, loadPrevious } from './previous.mjs';
import { NETWORK_CASES, networks } from './networks.mjs';
import { Replay, historyFlagIds, inTimeOrder } from '../../pkg/lib/replay.mjs';
import { buildCases } from '../../pkg/entries/cases-node.mjs';

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
    // Customer accounts of the PaySim background.
    customers: { type: 'string', default: '1200' },
    // Planted networks. Default: one per 60 customers of the background, at least 2 (20 in full).
    networks: { type: 'string' },
    paysim: { type: 'string' },
    previous: { type: 'string', default: 'build' },
    targets: { type: 'string', default: 'enforce' },
    out: { type: 'string', default: join(root, 'target', 'eval') },
  },
});
// The background's data first: without it there is no report to make.
let paysim;
try {
  paysim = opts.paysim?.endsWith('.json') ? loadPaysimExcerpt(resolve(opts.paysim)) : loadPaysim(opts.paysim ? resolve(opts.paysim) : undefined);
} catch (e) {
  process.stderr.write(`make eval: ${e.message}\n`);
  process.exit(2);
}
const jejak = createRequire(join(root, 'pkg', 'package.json'))(join(root, 'pkg'));
if (!['build', 'self'].includes(opts.previous) || !['enforce', 'report'].includes(opts.targets)) {
  process.stderr.write('make eval: --previous takes build or self, --targets enforce or report\n');
  process.exit(2);
}
const { jejak: previous, release: PREVIOUS } =
  opts.previous === 'self' ? { jejak, release: { commit: 'self (--previous self)', engine: jejak.engineVersion, pack: jejak.defaultPack().version } } : loadPrevious(root);
const SEED = 20261128;
const started = performance.now();
const isReview = (v) => v.level === 'review' || v.level === 'high';
const same = (tx) => tx;

// ---- the two releases ----
const SIDES = {
  before: { lib: previous, screener: new previous.Screener(), pack: previous.defaultPack(), prep: forPrevious, label: `${PREVIOUS.engine} (pack ${PREVIOUS.pack})` },
  after: { lib: jejak, screener: new jejak.Screener(), pack: jejak.defaultPack(), prep: same, label: `${jejak.engineVersion} (pack ${jejak.defaultPack().version})` },
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
  const v = side.screener.screen(side.prep(tx));
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
    const v = side.screener.screen(side.prep(tx));
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

// ---- history: per-account sequences, with each release ----
// Each sequence is one focal account and every payment it makes or receives,
// replayed in time order through screenWithHistory. States live in a Map
// keyed by account id, one state per account (used as `sender` when it pays
// and `receiver` when it is paid), as a host would keep them. Account ids are
// unique to a sequence, so replaying sequences one by one is the same as
// replaying them interleaved. The same transactions also go through screen()
// (no history), to show what history adds. Compact verdicts: only the level
// and flag ids are read.
const historyStarted = performance.now();
const HISTORY_KEY = 'jejak make eval history key';
for (const side of Object.values(SIDES)) {
  side.history = new side.lib.Screener(undefined, { verdict: 'compact', historyKey: HISTORY_KEY });
  side.stateless = new side.lib.Screener(undefined, { verdict: 'compact' });
}
const seqRows = sequences(SEED + 5, Number(opts.sequences));
const instant = (tx) => Date.parse(tx.timestamp);
/** The payments of a transaction list replayed with history by one release (jejak/replay): the verdicts, and the largest state. */
function replayAll(side, txs) {
  const replay = new Replay(side.history);
  const sideStatus = {};
  const verdicts = txs.map((raw) => {
    const { verdict } = replay.screen(side.prep(raw));
    for (const who of ['sender', 'receiver']) {
      const h = verdict.history?.[who] ?? 'missing';
      sideStatus[h] = (sideStatus[h] ?? 0) + 1;
    }
    return verdict;
  });
  return { verdicts, maxState: replay.largestStateBytes, sideStatus };
}
/** Replays one sequence with one release; returns where it first reached review (with and without history) and what fired. */
function replay(side, seq) {
  const t0 = instant(seq.steps[0].tx);
  const { verdicts, maxState, sideStatus } = replayAll(side, seq.steps.map((s) => s.tx));
  const out = { n: seq.steps.length, reviewed: 0, reviewedDescribed: 0, described: 0, reviewedStateless: 0, first: null, firstDescribed: null, firstStateless: null, maxState, ids: new Set(), sides: sideStatus, reviewedAt: [] };
  seq.steps.forEach(({ kind, tx }, i) => {
    const v = verdicts[i];
    for (const id of historyFlagIds(v)) out.ids.add(id);
    const at = { position: i + 1, day: Math.floor((instant(tx) - t0) / DAY_MS), kind, tx, flags: v.flags.map((f) => f.indicator), score: v.score, level: v.level };
    const background = kind === 'background';
    if (!background) out.described += 1;
    out.reviewedAt.push(isReview(v));
    if (isReview(v)) {
      out.reviewed += 1;
      out.first ??= at;
      // The account's ordinary background spending is not the described habit.
      if (!background) {
        out.firstDescribed ??= at;
        out.reviewedDescribed += 1;
      }
    }
    if (isReview(side.stateless.screen(side.prep(tx)))) {
      out.reviewedStateless += 1;
      out.firstStateless ??= at;
    }
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
  const described = results.reduce((s, x) => s + x.described, 0);
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
    transactionsAtReview: results.reduce((s, x) => s + x.reviewed, 0),
    transactionRate: txs ? results.reduce((s, x) => s + x.reviewed, 0) / txs : null,
    // Share of the described habit's payments (not background spending) at review: how much of a risky account's activity is caught.
    describedTransactionRate: described ? results.reduce((s, x) => s + x.reviewedDescribed, 0) / described : null,
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
/**
 * Sextortion of a minor: of the payments to an extorter in a sextortion
 * corridor (NG, CI), those from the first one the account's history can call
 * new (its first payment at least 7 days after the account's first) on; the
 * share at review. The protective target is all of them.
 */
const SEXTORTION_CORRIDOR = new Set(['NG', 'CI']);
function extortionCoverage(seq, res) {
  const t0 = instant(seq.steps[0].tx);
  let counting = false;
  let n = 0;
  let reviewed = 0;
  const missed = [];
  seq.steps.forEach(({ kind, tx }, i) => {
    if (kind !== 'extortion' || !SEXTORTION_CORRIDOR.has(tx.receiver?.country)) return;
    counting ||= instant(tx) - t0 >= 7 * DAY_MS;
    if (!counting) return;
    n += 1;
    if (res.reviewedAt[i]) reviewed += 1;
    else if (missed.length < 3) missed.push({ sequence: seq.id, variant: seq.variant, position: i + 1, amount: `${tx.currency} ${tx.amount}`, isNew: tx.receiver?.isNew ?? null });
  });
  return { n, reviewed, missed };
}
const replayed = seqRows.map((seq) => ({ seq, res: both((side) => replay(side, seq)) }));
const historyGroups = both(() => ({ risky: {}, benign: {} }));
for (const s of sides) {
  for (const [typology, { risky, cases }] of Object.entries(SEQUENCE_TYPOLOGIES)) {
    const mine = replayed.filter((x) => x.seq.typology === typology);
    historyGroups[s][risky ? 'risky' : 'benign'][typology] = {
      ...summarize(mine.map((x) => x.res[s])),
      variants: Object.fromEntries(cases.map((c) => [c.variant, summarize(mine.filter((x) => x.seq.variant === c.variant).map((x) => x.res[s]))])),
    };
  }
}
const extortion = both((_, s) => {
  const t = { n: 0, reviewed: 0, missed: [] };
  for (const { seq, res } of replayed.filter((x) => x.seq.typology === 'fsec-sextortion-repeated')) {
    const c = extortionCoverage(seq, res[s]);
    t.n += c.n;
    t.reviewed += c.reviewed;
    t.missed.push(...c.missed);
  }
  return { ...t, rate: t.n ? t.reviewed / t.n : null, missed: t.missed.slice(0, 8) };
});
const benignReplayed = replayed.filter((x) => !x.seq.risky);
const sideStatus = {};
for (const { res } of replayed) for (const [k, v] of Object.entries(res.after.sides)) sideStatus[k] = (sideStatus[k] ?? 0) + v;
/** A replayed account's first transaction at review, for the examples. */
const example = (seq, res) => ({
  sequence: seq.id, typology: seq.typology, variant: seq.variant, position: res.first.position, day: res.first.day, of: res.n,
  level: res.first.level, score: res.first.score, memo: res.first.tx.memo ?? '', amount: `${res.first.tx.currency} ${res.first.tx.amount}`,
  corridor: `${res.first.tx.sender?.country}→${res.first.tx.receiver?.country}`, flags: res.first.flags,
});
const history = {
  generator: {
    sequences: 'tests/eval/sequences.mjs',
    readsPack: false,
    note: "Account sequences are sampled from the publishers' written case descriptions; the generator imports no pack, no pack file and no indicator ids.",
  },
  releases: both((side) => ({ engine: side.lib.engineVersion, pack: side.history.pack })),
  perTypology: Number(opts.sequences),
  accounts: seqRows.length,
  transactions: replayed.reduce((s, x) => s + x.res.after.n, 0),
  variants: Object.fromEntries(Object.entries(SEQUENCE_TYPOLOGIES).filter(([, t]) => t.risky).map(([t, { cases }]) => [t, Object.fromEntries(cases.map((c) => [c.variant, { source: c.source, quote: c.quote }]))])),
  // Recall at review per history typology: an account is caught when any of its transactions reaches review.
  risky: both((_, s) => historyGroups[s].risky),
  extortion,
  benign: both((_, s) => ({
    ...summarize(benignReplayed.map((x) => x.res[s])),
    lookalikes: historyGroups[s].benign,
    // Up to three per look-alike, so one look-alike does not hide the others.
    reviewExamples: Object.keys(historyGroups[s].benign).flatMap((t) =>
      benignReplayed.filter((x) => x.seq.typology === t && x.res[s].first).slice(0, 3).map((x) => example(x.seq, x.res[s])),
    ),
  })),
  largestStateBytes: replayed.reduce((m, x) => Math.max(m, x.res.after.maxState), 0),
  // verdict.history per side over all replayed transactions, this release (`late` should not occur: the replay is in time order).
  historySides: sideStatus,
  seconds: Number(((performance.now() - historyStarted) / 1000).toFixed(1)),
};

// ---- the benign background: three months of ordinary e-wallet traffic from PaySim ----
// Generated by background.mjs from the published PaySim aggregates (Lopez-Rojas,
// Elmir and Axelsson, EMSS 2016), replayed with history by each release. The
// host of this background sends receiver.isNew as it computes it; the same
// traffic is replayed again with this release without isNew, so that every
// "new payee" is the history's call. An account is at review when a payment it
// made or received reached review (both parties are counted: the
// conservative reading). The targets count people's wallets only (customers,
// and the personal wallets of sellers, arisan collectors and landlords): the
// banks, merchants, billers and agents the traffic also touches would make the
// share smaller without saying anything about false alarms on people.
const backgroundStarted = performance.now();
const bg = background(SEED + 7, { customers: Number(opts.customers), paysim });
const bgTxs = bg.transactions.map((t) => t.tx);
const PEOPLE = new Set(['customer', 'seller', 'collector', 'landlord']);
const people = new Set(bg.accounts.filter((a) => PEOPLE.has(a.role)).map((a) => a.id));
const withoutIsNew = (tx) => (tx.receiver?.isNew === undefined ? tx : { ...tx, receiver: Object.fromEntries(Object.entries(tx.receiver).filter(([k]) => k !== 'isNew')) });
function backgroundRun(side, txs) {
  const { verdicts, maxState } = replayAll(side, txs);
  const accounts = new Set();
  const reviewedAccounts = new Set();
  const byIndicator = {};
  const byFlow = {};
  const examples = [];
  let payments = 0;
  verdicts.forEach((v, i) => {
    const tx = txs[i];
    for (const id of [tx.sender?.id, tx.receiver?.id]) if (id) accounts.add(id);
    if (!isReview(v)) return;
    payments += 1;
    for (const id of [tx.sender?.id, tx.receiver?.id]) if (id) reviewedAccounts.add(id);
    for (const f of v.flags) byIndicator[f.indicator] = (byIndicator[f.indicator] ?? 0) + 1;
    const flow = bg.transactions[i].flow;
    byFlow[flow] = (byFlow[flow] ?? 0) + 1;
    if (examples.length < 10) examples.push({ id: tx.id, flow, level: v.level, score: v.score, amount: `${tx.currency} ${tx.amount}`, channel: tx.channel ?? '', memo: tx.memo ?? '', flags: v.flags.map((f) => f.indicator) });
  });
  const peopleAtReview = [...reviewedAccounts].filter((id) => people.has(id)).length;
  return {
    accounts: accounts.size,
    accountsAtReview: reviewedAccounts.size,
    accountRate: reviewedAccounts.size / accounts.size,
    people: people.size,
    peopleAtReview,
    peopleRate: peopleAtReview / people.size,
    payments: txs.length,
    paymentsAtReview: payments,
    paymentRate: payments / txs.length,
    byIndicator: Object.fromEntries(Object.entries(byIndicator).sort(([, a], [, b]) => b - a)),
    byFlow,
    largestStateBytes: maxState,
    examples,
  };
}
const backgroundReport = {
  source: 'PaySim aggregates (E. A. Lopez-Rojas, A. Elmir, S. Axelsson, "PaySim: A financial mobile money simulator for fraud detection", EMSS 2016), ../shared/data/paysim',
  generator: 'tests/eval/background.mjs',
  readsPack: false,
  mapping: MAPPING,
  scaling: SCALING,
  stats: bg.stats,
  runs: {
    before: backgroundRun(SIDES.before, bgTxs),
    after: backgroundRun(SIDES.after, bgTxs),
    afterWithoutIsNew: backgroundRun(SIDES.after, bgTxs.map(withoutIsNew)),
  },
  seconds: 0,
};
backgroundReport.seconds = Number(((performance.now() - backgroundStarted) / 1000).toFixed(1));

// ---- cases: money networks planted in the background (issue 21) ----
// networks.mjs writes each network from the publishers' case descriptions
// (blind to the pack, like sequences.mjs): a collector e-wallet paid by many
// payers who never paid it before (some abroad; some at home are customers of
// the background, with their ordinary lives), its balance swept to an
// intermediary that passes it on within hours, and a cash-out account that
// withdraws cash at an ATM or an agent of the background. The networks fall in
// the background's three months; the merged log is put in time order
// (timestampKey) and `buildCases` runs once over it with its defaults (each
// row screened with its accounts' history, hops 2, cases from review). A
// network is recovered when its collector, at least 90% of its payers and its
// cash-out account are in one case. The same log is replayed once more with
// jejak/replay, only to say which of a network's payments reached review when
// it was missed; that replay is not part of the timing.
const casesStarted = performance.now();
const percent = (x) => `${(100 * x).toFixed(1)}%`;
const nNetworks = Number(opts.networks ?? Math.max(2, Math.round(Number(opts.customers) / 60)));
const bgInstants = bgTxs.map(instant);
const span = { from: bgInstants.reduce((a, b) => Math.min(a, b)), to: bgInstants.reduce((a, b) => Math.max(a, b)) + 1 };
const plantedNets = networks(SEED + 8, nNetworks, {
  ...span,
  // Domestic payers may be the background's registered adults who had their account before the window.
  customers: bg.accounts.filter((a) => a.role === 'customer' && !a.isMinor && a.kyc === 'registered' && (a.ageDaysAtStart ?? 0) >= 0),
  // Where the background takes cash out: its agents and its banks' ATM networks.
  cashPoints: bg.accounts
    .filter((a) => a.role === 'agent' || a.type === 'atm-pool')
    .map((a) => ({ id: a.id, kind: a.role === 'agent' ? 'agent' : 'atm', country: a.country, offset: a.offset, ageDaysAtStart: a.ageDaysAtStart, kyc: a.kyc, merchant: a.merchant })),
});
const plantedTxs = plantedNets.flatMap((net) => net.rows.map((row) => row.tx));
/** A payment's parties as the case builder names them: the payer, and the payee or else the merchant (a namespace of its own). */
const partiesOf = (tx) => [tx.sender?.id, tx.receiver?.id ?? (tx.merchant?.id === undefined ? undefined : `merchant:${tx.merchant.id}`)].filter((id) => id !== undefined);
const caseKey = (a) => (a.merchant ? `merchant:${a.id}` : a.id);
const plantedParties = new Set(plantedTxs.flatMap(partiesOf));
// Background accounts: those in background rows only (a payer who is also a customer of the background, or the ATM
// network or agent a cash-out uses, is in planted rows too and is not counted).
const backgroundOnly = new Set(bgTxs.flatMap(partiesOf).filter((id) => !plantedParties.has(id)));
const { ordered: caseLog, unplaced } = inTimeOrder([...bgTxs, ...plantedTxs], jejak.timestampKey);
const caseOptions = { historyKey: HISTORY_KEY };
const buildStarted = performance.now();
const built = buildCases(caseLog, caseOptions);
const buildSeconds = (performance.now() - buildStarted) / 1000;
const caseOf = new Map();
for (const c of built.cases) for (const a of c.accounts) caseOf.set(caseKey(a), c);
const networkOfAccount = new Map();
for (const net of plantedNets) for (const id of [net.collector, net.intermediary, net.cashOut, ...net.payers]) networkOfAccount.set(id, net.id);
const networksIn = (c) => [...new Set(c.accounts.map((a) => networkOfAccount.get(caseKey(a))).filter(Boolean))];
// Why a network was missed: its payments' verdicts (this release, with history, in the same order).
const plantedIds = new Set(plantedTxs.map((tx) => tx.id));
const plantedVerdicts = new Map();
{
  const replay = new Replay(new jejak.Screener(undefined, { verdict: 'compact', historyKey: HISTORY_KEY }));
  for (const tx of caseLog) {
    const { verdict } = replay.screen(tx);
    if (plantedIds.has(tx.id)) plantedVerdicts.set(tx.id, verdict);
  }
}
// The case builder's own verdicts, where a case shows them, should be the replay's.
let verdictMismatches = 0;
for (const c of built.cases) for (const t of c.transactions) if (plantedVerdicts.has(t.id) && plantedVerdicts.get(t.id).level !== t.level) verdictMismatches += 1;
const KINDS = ['payment', 'sweep', 'pass-through', 'cash'];
const perNetwork = plantedNets.map((net) => {
  const c = caseOf.get(net.collector) ?? null;
  const roleOf = (id) => c?.accounts.find((a) => !a.merchant && a.id === id)?.role ?? null;
  const payersIn = net.payers.filter((id) => roleOf(id) !== null).length;
  const payerCoverage = payersIn / net.payers.length;
  const rows = Object.fromEntries(KINDS.map((k) => [k, { n: 0, atReview: 0, value: 0, valueAtReview: 0, indicators: {} }]));
  for (const { kind, tx } of net.rows) {
    const v = plantedVerdicts.get(tx.id);
    const x = rows[kind];
    x.n += 1;
    x.value += Number(tx.amount);
    if (!isReview(v)) continue;
    x.atReview += 1;
    x.valueAtReview += Number(tx.amount);
    for (const f of v.flags) x.indicators[f.indicator] = (x.indicators[f.indicator] ?? 0) + 1;
  }
  const roles = { collector: roleOf(net.collector), intermediary: roleOf(net.intermediary), cashOut: roleOf(net.cashOut) };
  const recovered = c !== null && payerCoverage >= 0.9 && roles.cashOut !== null;
  const why = [];
  if (!recovered) {
    const p = rows.payment;
    const s = rows.sweep;
    if (KINDS.every((k) => rows[k].atReview === 0)) why.push('no payment of the network reached review, so no case starts from it');
    else if (c === null) why.push('its collector is in no case');
    if (c !== null && payerCoverage < 0.9 && p.atReview === 0) {
      why.push(`${payersIn} of ${net.payers.length} payers in the case: none of the ${p.n} payments to the collector reached review; the case starts from its flagged sweeps (${s.atReview} of ${s.n}), where the collector is their payer, so its own payers are not followed`);
    } else if (c !== null && payerCoverage < 0.9) {
      why.push(
        `${payersIn} of ${net.payers.length} payers in the case: ${p.atReview} of ${p.n} payments to the collector at review, ${percent(p.valueAtReview / p.value)} of its receipts (a collector needs a fifth), so only the payers of its flagged payments join`,
      );
    }
    if (c !== null && roles.cashOut === null) {
      if (roles.intermediary === 'payee' && s.atReview > 0) {
        why.push(
          `the intermediary joined as a payee, not followed on: it is the payee of flagged sweeps (${s.atReview} of ${s.n}, ${percent(s.valueAtReview / s.value)} of its receipts, under a fifth), so it is a seed that does not collect; being fed by the case does not make it followed on, and the cash-out is not reached`,
        );
      } else if (roles.intermediary === null) why.push('the intermediary is not in the case');
      else why.push(`the cash-out is not in the case (the intermediary is a ${roles.intermediary} there)`);
    }
  }
  return {
    id: net.id, variant: net.variant, payers: net.payers.length, sharedPayers: net.shared.length, rows: net.rows.length,
    cashOutType: net.cashOutType, cut: Number(net.cut.toFixed(3)),
    atReview: Object.fromEntries(KINDS.map((k) => [k, { n: rows[k].n, atReview: rows[k].atReview, valueShare: rows[k].value ? rows[k].valueAtReview / rows[k].value : null, indicators: rows[k].indicators }])),
    case: c?.id ?? null, caseAccounts: c?.accounts.length ?? 0, caseLevel: c?.level ?? null,
    otherNetworksInCase: c ? networksIn(c).filter((id) => id !== net.id) : [],
    backgroundAccountsInCase: c ? c.accounts.filter((a) => backgroundOnly.has(caseKey(a))).map((a) => ({ id: a.id, role: a.role })) : [],
    roles, payersIn, payerCoverage, intermediaryIn: roles.intermediary !== null, cashOutIn: roles.cashOut !== null, recovered, why,
  };
});
const shareOf = (xs, f) => (xs.length ? xs.filter(f).length / xs.length : null);
const tallyOf = (xs) => xs.reduce((o, k) => ((o[k ?? 'not in the case'] = (o[k ?? 'not in the case'] ?? 0) + 1), o), {});
const withStart = perNetwork.filter((x) => KINDS.some((k) => x.atReview[k].atReview > 0));
const drawn = [...backgroundOnly].filter((id) => caseOf.has(id));
const flowOfTx = new Map(bg.transactions.map((t) => [t.tx.id, t.flow]));
const backgroundCases = built.cases.filter((c) => networksIn(c).length === 0);
const caseReport = {
  generator: {
    networks: 'tests/eval/networks.mjs',
    readsPack: false,
    note: "Networks are sampled from the publishers' written case descriptions; the generator imports no pack, no pack file and no indicator ids.",
  },
  options: { ...caseOptions, historyKey: '(the history key of the replays above)', hops: 2, minLevel: 'review', verdicts: 'screen' },
  variants: Object.fromEntries(NETWORK_CASES.map((c) => [c.variant, { source: c.source, quote: c.quote, networks: perNetwork.filter((x) => x.variant === c.variant).length, recovered: perNetwork.filter((x) => x.variant === c.variant && x.recovered).length }])),
  networks: perNetwork.length,
  rows: { background: bgTxs.length, planted: plantedTxs.length, total: caseLog.length, unplaced: unplaced.length, errors: built.errors.length },
  buildSeconds: Number(buildSeconds.toFixed(1)),
  rowsPerSecond: Math.round(caseLog.length / buildSeconds),
  cases: built.cases.length,
  recall: shareOf(perNetwork, (x) => x.recovered),
  // Of the networks with at least one payment at review (a case can only start from one).
  recallWhenStarted: shareOf(withStart, (x) => x.recovered),
  started: withStart.length,
  meanPayerCoverage: perNetwork.length ? perNetwork.reduce((s, x) => s + x.payerCoverage, 0) / perNetwork.length : null,
  collectorCoverage: shareOf(perNetwork, (x) => x.case !== null),
  intermediaryCoverage: shareOf(perNetwork, (x) => x.intermediaryIn),
  cashOutCoverage: shareOf(perNetwork, (x) => x.cashOutIn),
  roles: { collector: tallyOf(perNetwork.map((x) => x.roles.collector)), intermediary: tallyOf(perNetwork.map((x) => x.roles.intermediary)), cashOut: tallyOf(perNetwork.map((x) => x.roles.cashOut)) },
  networksSharingACase: perNetwork.filter((x) => x.otherNetworksInCase.length).length,
  verdictMismatches,
  perNetwork,
  background: {
    accounts: backgroundOnly.size,
    inAnyCase: drawn.length,
    share: backgroundOnly.size ? drawn.length / backgroundOnly.size : null,
    peopleInAnyCase: drawn.filter((id) => people.has(id)).length,
    casesWithoutPlantedAccounts: backgroundCases.length,
    // The largest cases with no planted account, and the background accounts that joined the networks' cases.
    largest: backgroundCases.slice(0, 5).map((c) => ({
      id: c.id, level: c.level, score: c.score, currency: c.currency,
      accounts: c.accounts.map((a) => ({ id: a.id, merchant: a.merchant, role: a.role, in: a.in, out: a.out, flags: a.flags })),
      flagged: c.transactions.filter((t) => isReview(t)).slice(0, 5).map((t) => ({ ...t, flow: flowOfTx.get(t.id) ?? null })),
    })),
    inNetworkCases: built.cases.filter((c) => networksIn(c).length).flatMap((c) =>
      c.accounts.filter((a) => backgroundOnly.has(caseKey(a))).map((a) => ({ id: a.id, role: a.role, case: c.id, networks: networksIn(c) })),
    ).slice(0, 20),
    // Accounts of both kinds of rows in the networks' cases that are no network's own: the ATM networks and agents where
    // the cash-outs take cash out (two networks using the same one are one case).
    cashPoints: built.cases.filter((c) => networksIn(c).length).flatMap((c) =>
      c.accounts.filter((a) => !backgroundOnly.has(caseKey(a)) && !networkOfAccount.has(caseKey(a))).map((a) => ({ id: a.id, role: a.role, case: c.id, networks: networksIn(c) })),
    ),
  },
  seconds: 0,
};
caseReport.seconds = Number(((performance.now() - casesStarted) / 1000).toFixed(1));

// ---- the targets (issue 19; the cases' from issue 21) ----
// Case recall's target, and why it is not "every network" (written into the report).
const CASE_RECALL_WHY =
  "the issue sets no share of networks, only what recovering one means; the target is on the case builder's own part, the networks with a payment the screening put at review (a case starts only from one), and the recall over every planted network is reported beside it: the generator samples networks the sources describe (a few senders paying often, a small collector) whose payments the screening may leave below review, which the history targets measure";
const riskyAfter = history.risky.after;
const targets = [
  ...Object.entries(riskyAfter).map(([k, t]) => ({ name: `${k}: account recall at review`, value: t.rate, target: '≥ 95%', ok: t.rate >= 0.95 })),
  { name: 'sextortion of a minor: payments to the payee (NG, CI) at review from the first one the history can call new', value: extortion.after.rate, target: '100%', ok: extortion.after.n > 0 && extortion.after.rate === 1 },
  ...['after', 'afterWithoutIsNew'].flatMap((run) => {
    const r = backgroundReport.runs[run];
    const which = run === 'after' ? 'benign background' : 'benign background, no isNew from the host';
    return [
      { name: `${which}: people's accounts at review`, value: r.peopleRate, target: '≤ 0.5%', ok: r.peopleRate <= 0.005 },
      { name: `${which}: payments at review`, value: r.paymentRate, target: '≤ 0.1%', ok: r.paymentRate <= 0.001 },
    ];
  }),
  // Issue 21: "the collector, ≥ 90% of its payers and its cash-out end are in one case", for at least 90% of the planted
  // networks that the screening started a case from (see CASE_RECALL_WHY; the recall over all of them is reported).
  {
    name: 'planted networks with a payment at review: case recall (the collector, ≥ 90% of its payers and its cash-out in one case)',
    value: caseReport.recallWhenStarted,
    target: '≥ 90% of networks',
    ok: caseReport.started > 0 && caseReport.recallWhenStarted >= 0.9,
  },
  { name: 'planted networks: background accounts drawn into any case', value: caseReport.background.share, target: '≤ 1%', ok: caseReport.background.share <= 0.01 },
];

// ---- report ----
const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
const variantInfo = Object.fromEntries(
  Object.entries(TYPOLOGIES).map(([t, { cases }]) => [t, Object.fromEntries(cases.map((c) => [c.variant, { source: c.source, quote: c.quote }]))]),
);
const nHard = hardRows.length;
targets.push({ name: 'hard negatives (family remittances with a cover word) at review', value: null, target: '0%', ok: true });
const report = {
  seed: SEED,
  engine: jejak.engineVersion,
  seconds,
  releases: both((side, s) => ({
    engine: side.lib.engineVersion,
    pack: side.screener.pack,
    built: s === 'before' ? `commit ${PREVIOUS.commit} (tests/eval/previous-release.json), built in this run` : 'pkg/ (make pkg)',
  })),
  packs: both(({ screener }, s) => ({ ...screener.pack, file: s === 'before' ? `default pack of ${PREVIOUS.engine} (commit ${PREVIOUS.commit.slice(0, 12)})` : 'default pack (pkg)' })),
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
  background: backgroundReport,
  cases: { ...caseReport, targetWhy: CASE_RECALL_WHY },
  targets,
};
// The hard negatives' target, now that their rate is known.
const hardTarget = targets[targets.length - 1];
hardTarget.value = report.hardNegative.after.reviewRate;
hardTarget.ok = report.hardNegative.after.reviewRate === 0;
mkdirSync(opts.out, { recursive: true });
writeFileSync(join(opts.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

const pct = (x) => (x === null || x === undefined || Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
const B = report.packs.before;
const A = report.packs.after;
const md = [];
md.push('# jejak evaluation report', '');
md.push(`Seed ${SEED}, generated by \`make eval\` in ${seconds} s. Two releases side by side, each its engine with its default pack:`, '');
md.push(`* **before**: the previous release, engine ${PREVIOUS.engine} with \`${B.id}\` ${B.version} (digest \`${B.digest.slice(0, 16)}…\`, ${B.indicators} indicators), built in this run from commit ${PREVIOUS.commit.slice(0, 12)} (tests/eval/previous-release.json);`);
md.push(`* **after**: this release, engine ${jejak.engineVersion} with \`${A.id}\` ${A.version} (digest \`${A.digest.slice(0, 16)}…\`, ${A.indicators} indicators).`, '');
md.push('A host on the previous release sends the same transactions; a channel it does not know (`bi_fast`) goes as `bank_transfer`, and the fields it does not know are ignored by it.', '');
md.push('## Targets', '');
md.push('| target | this release | goal | |', '| --- | ---: | --- | --- |');
for (const t of targets) md.push(`| ${t.name} | ${pct(t.value)} | ${t.target} | ${t.ok ? 'met' : '**missed**'} |`);
md.push('');
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
const pair = (b, a, f = pct) => `${f(b)} → **${f(a)}**`;
md.push('', '## History: per-account sequences', '');
md.push(
  `${H.accounts.toLocaleString('en')} accounts (${H.perTypology} per typology), ${H.transactions.toLocaleString('en')} transactions over up to 60 days, replayed in time order through \`screenWithHistory\` by each release, one state per account id kept in a Map (used as \`sender\` when the account pays and \`receiver\` when it is paid), in ${H.seconds} s.`,
  '',
  "**The sequence generator does not read the pack either.** tests/eval/sequences.mjs samples each account's habit (how often, how much, to whom, from whom, at what hour, when money is moved out) from the publishers' written case descriptions quoted next to each generator; where the sources are silent the numbers are its own and it says so. It imports no pack, no pack file and no indicator ids. All ids and payments are synthetic.",
  '',
  'An account counts as caught (risky) or as a false positive (benign) when any of its transactions reaches `review` or `high`. "Payments at review": the share of the described habit\'s payments (not the account\'s ordinary background spending) at review. First caught: the median position (1 = its first transaction) and day (0 = the day of its first transaction) of its first transaction at review, over the accounts caught. "screen()": the same transactions without history, with this release.',
  '',
);
md.push('### Risky accounts: before → after', '');
md.push(
  '| history typology | accounts | account recall at review | payments at review | screen(), after | first caught (after): position | day |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
);
for (const [k, t] of Object.entries(H.risky.after)) {
  const b = H.risky.before[k];
  md.push(`| ${k} | ${t.sequences} | ${pair(b.rate, t.rate)} | ${pair(b.describedTransactionRate, t.describedTransactionRate)} | ${pct(t.statelessRate)} | ${num(t.medianFirstPosition)} | ${num(t.medianFirstDay)} |`);
}
md.push('', 'What each caught account was first caught on (this release), and the recall counting only the described habit (not the account\'s ordinary background spending, which the sextortion sequences have):', '');
md.push('| history typology | first caught on | recall on the described habit |', '| --- | --- | ---: |');
for (const [k, t] of Object.entries(H.risky.after)) {
  md.push(`| ${k} | ${Object.entries(t.firstKinds).map(([kind, c]) => `${kind} ${c}`).join(', ')} | ${pct(t.describedRate)} |`);
}
const X = H.extortion;
md.push(
  '',
  `**Sextortion of a minor, payment by payment.** Of the payments to an extorter in Nigeria or Côte d'Ivoire, from the first one the account's history can call new (at least 7 days after the account's first payment) on: ${X.after.reviewed} of ${X.after.n} at review with this release (${pct(X.after.rate)}), ${X.before.reviewed} of ${X.before.n} with the previous (${pct(X.before.rate)}).`,
  '',
);
if (X.after.missed.length) {
  md.push('Missed with this release:', '');
  for (const m of X.after.missed) md.push(`* \`${m.sequence}\` (${m.variant}) payment ${m.position}, ${m.amount}, isNew ${m.isNew}`);
  md.push('');
}
md.push('#### Per described case', '');
md.push('| typology | variant | source: quote | accounts | before | after | payments at review, after |', '| --- | --- | --- | ---: | ---: | ---: | ---: |');
for (const [t, x] of Object.entries(H.risky.after)) {
  for (const [k, v] of Object.entries(x.variants)) {
    const { source, quote } = H.variants[t][k];
    md.push(`| ${t} | ${k} | ${source}: "${quote}" | ${v.sequences} | ${pct(H.risky.before[t].variants[k].rate)} | **${pct(v.rate)}** | ${pct(v.describedTransactionRate)} |`);
  }
}
md.push('', '### Benign look-alikes', '');
md.push(
  `Benign accounts at review: before ${pct(H.benign.before.rate)}, after **${pct(H.benign.after.rate)}** (${pct(H.benign.after.statelessRate)} with screen()); per transaction: before ${pct(H.benign.before.transactionRate)}, after **${pct(H.benign.after.transactionRate)}**.`,
  '',
);
md.push('| look-alike | accounts | transactions | accounts at review | transactions at review |', '| --- | ---: | ---: | ---: | ---: |');
for (const [k, t] of Object.entries(H.benign.after.lookalikes)) {
  const b = H.benign.before.lookalikes[k];
  md.push(`| ${k} | ${t.sequences} | ${t.transactions} | ${pair(b.rate, t.rate)} | ${pair(b.transactionRate, t.transactionRate)} |`);
}
md.push('', '| look-alike | variant | accounts | before | after |', '| --- | --- | ---: | ---: | ---: |');
for (const [t, x] of Object.entries(H.benign.after.lookalikes)) {
  for (const [k, v] of Object.entries(x.variants)) md.push(`| ${t} | ${k} | ${v.sequences} | ${pct(H.benign.before.lookalikes[t].variants[k].rate)} | ${pct(v.rate)} |`);
}
if (H.benign.after.reviewExamples.length) {
  md.push('', 'Benign accounts that reached review with this release (up to three per look-alike), at their first transaction at review:', '');
  for (const e of H.benign.after.reviewExamples) {
    md.push(`* \`${e.sequence}\` (${e.variant}) transaction ${e.position} of ${e.of}, day ${e.day}: ${e.level} ${e.score}, ${e.amount} ${e.corridor}, memo "${e.memo}"; ${e.flags.join(', ')}`);
  }
}
md.push('', '### History conditions fired (this release)', '');
md.push('Share of accounts on which each history flag (jejak/replay: a flag with history evidence, or one that combines such a flag) fired at least once.', '');
const histIds = [...new Set([...Object.values(H.risky.after), ...Object.values(H.benign.after.lookalikes)].flatMap((t) => Object.keys(t.historyIds)))].sort();
if (histIds.length) {
  md.push(`| typology | ${histIds.join(' | ')} |`, `| --- |${histIds.map(() => ' ---: |').join('')}`);
  for (const [k, t] of [...Object.entries(H.risky.after), ...Object.entries(H.benign.after.lookalikes)]) md.push(`| ${k} | ${histIds.map((id) => pct(t.historyIds[id] ?? 0)).join(' | ')} |`);
} else {
  md.push('No history condition fired on any account.');
}
md.push('', '### State size', '');
md.push(`Largest state seen (this release): **${H.largestStateBytes} bytes** (contract: at most 4 KiB per account). verdict.history per side over all transactions: ${Object.entries(H.historySides).map(([k, v]) => `${k} ${v}`).join(', ')}.`, '');

// ---- the background ----
const G = backgroundReport;
const runs = [['before', 'previous release'], ['after', 'this release'], ['afterWithoutIsNew', 'this release, no isNew from the host']];
md.push('', '## Benign background: three months of ordinary e-wallet traffic (PaySim)', '');
md.push(
  `${G.stats.transactions?.toLocaleString?.('en') ?? G.runs.after.payments.toLocaleString('en')} transactions of ${G.runs.after.accounts.toLocaleString('en')} accounts over 91 days, generated by tests/eval/background.mjs from the published aggregates of PaySim, a mobile-money simulator calibrated on the logs of a real service (${G.source}): how many transactions of each kind a client makes in a month, their amounts and their hours. The generator reads no pack. It is replayed with history by each release; an account is at review when a payment it made or received reached review. The targets count people's accounts (${G.runs.after.people.toLocaleString('en')}: the customers and the personal wallets of sellers, arisan collectors and landlords), not the banks, merchants, billers and agents the traffic also touches.`,
  '',
);
md.push('| | people\'s accounts at review | share | all accounts at review | share | payments at review | share | largest state |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [k, label] of runs) {
  const r = G.runs[k];
  md.push(`| ${label} | ${r.peopleAtReview} of ${r.people} | **${pct(r.peopleRate)}** | ${r.accountsAtReview} of ${r.accounts} | ${pct(r.accountRate)} | ${r.paymentsAtReview} of ${r.payments} | **${pct(r.paymentRate)}** | ${r.largestStateBytes} |`);
}
md.push('', 'Payments at review by indicator (a payment counts once per indicator that fired on it) and by flow:', '');
for (const [k, label] of runs) {
  const r = G.runs[k];
  const ind = Object.entries(r.byIndicator).map(([id, c]) => `${id} ${c}`).join(', ') || 'none';
  const flows = Object.entries(r.byFlow).map(([f, c]) => `${f} ${c}`).join(', ') || 'none';
  md.push(`* ${label}: ${ind}; flows: ${flows}`);
}
for (const [k, label] of runs) {
  if (!G.runs[k].examples.length) continue;
  md.push('', `Background payments at review, ${label} (first ${G.runs[k].examples.length}):`, '');
  for (const e of G.runs[k].examples) md.push(`* \`${e.id}\` (${e.flow}) ${e.level} ${e.score}: ${e.amount} ${e.channel}, memo "${e.memo}"; ${e.flags.join(', ')}`);
}
md.push('', '### From PaySim to an Indonesian e-wallet', '');
md.push('**Amounts.** ' + (G.scaling.why ?? ''), '');
if (G.scaling.unitToIdr) {
  const f = G.scaling.unitToIdr;
  md.push(`Factors (IDR per PaySim unit): ${typeof f === 'number' ? f : Object.entries(f).map(([a, x]) => `${a} ×${x}`).join(', ')}.`, '');
}
md.push('| PaySim action | e-wallet flow | jejak fields | note |', '| --- | --- | --- | --- |');
for (const m of G.mapping) md.push(`| ${m.paysim} | ${m.flow} | ${m.jejak ?? ''} | ${(m.note ?? '').replaceAll('|', '/')} |`);
md.push('', `Generated in ${G.seconds} s with both replays. The generator's own statistics (monthly counts against PaySim's buckets, hours, amounts) are in report.json under \`background.stats\`.`);

// ---- the planted networks ----
const K = report.cases;
md.push('', '## Cases: money networks planted in the background', '');
md.push(
  `${K.networks} money networks from tests/eval/networks.mjs, planted in the three months of background traffic above: each a collector e-wallet paid by many payers who never paid it before (some abroad; at home, some are customers of the background with their ordinary payments), its balance swept to an intermediary that passes it on within hours, and a cash-out account that withdraws cash at an ATM or an agent of the background. The merged log (${K.rows.background.toLocaleString('en')} background and ${K.rows.planted.toLocaleString('en')} planted payments) is put in time order and \`buildCases\` (jejak/cases) runs once over it with its defaults: each row screened with its accounts' history, hops 2, cases from \`review\`. It took **${K.buildSeconds} s** (${K.rowsPerSecond.toLocaleString('en')} rows/s, screening included) and found ${K.cases} cases${K.rows.errors ? `; ${K.rows.errors} rows were refused` : ''}.`,
  '',
  "**The network generator does not read the pack either.** Each network follows one written case description (below) of the catalogue's sources: PPATK's findings on e-wallet collection and sweeps, the Indonesian police cases' price points and one-off buyers, AUSTRAC's common beneficiary of frequent low-value remittances, FinCEN's P2P payments from many unrelated people pushed out quickly. Where the sources give no number (how many payers, how often the balance is swept, the intermediary's cut and delay, how cash is taken out) the number is the generator's own and it says so. Memos are harmless words only: the networks are found by their flows. It imports no pack, no pack file and no indicator ids.",
  '',
  `A network is **recovered** when its collector, at least 90% of its payers and its cash-out account are in one case. Target: ${K.targetWhy}.`,
  '',
);
md.push('| | this release |', '| --- | ---: |');
md.push(`| case recall | **${pct(K.recall)}** (${K.perNetwork.filter((x) => x.recovered).length} of ${K.networks}) |`);
md.push(`| case recall among networks with a payment at review | ${pct(K.recallWhenStarted)} (${K.perNetwork.filter((x) => x.recovered).length} of ${K.started}) |`);
md.push(`| mean payer coverage (share of a network's payers in its collector's case) | ${pct(K.meanPayerCoverage)} |`);
md.push(`| collector in a case / intermediary / cash-out in the collector's case | ${pct(K.collectorCoverage)} / ${pct(K.intermediaryCoverage)} / ${pct(K.cashOutCoverage)} |`);
md.push(`| networks sharing their case with another network | ${K.networksSharingACase} |`);
md.push(`| background accounts in any case | **${pct(K.background.share)}** (${K.background.inAnyCase} of ${K.background.accounts.toLocaleString('en')}; people's accounts ${K.background.peopleInAnyCase}) |`);
md.push(`| cases / cases without a planted account | ${K.cases} / ${K.background.casesWithoutPlantedAccounts} |`);
md.push('');
const roleList = (t) => Object.entries(t).map(([k, c]) => `${k} ${c}`).join(', ');
md.push(`Roles the case gave: collectors ${roleList(K.roles.collector)}; intermediaries ${roleList(K.roles.intermediary)}; cash-outs ${roleList(K.roles.cashOut)}.`, '');
md.push('| described case | source: quote | networks | recovered |', '| --- | --- | ---: | ---: |');
for (const [k, v] of Object.entries(K.variants)) md.push(`| ${k} | ${v.source}: "${v.quote}" | ${v.networks} | ${v.recovered} |`);
md.push('', 'Per network: payers (of them, customers of the background), payments to the collector at review, sweeps at review, the case and the roles in it.', '');
md.push('| network | described case | payers | to the collector at review | sweeps at review | case (accounts) | payers in it | collector | intermediary | cash-out | recovered |', '| --- | --- | ---: | ---: | ---: | --- | ---: | --- | --- | --- | --- |');
for (const x of K.perNetwork) {
  const a = x.atReview;
  const caseCell = x.case ? `${x.case} (${x.caseAccounts}${x.otherNetworksInCase.length ? `, with ${x.otherNetworksInCase.join(', ')}` : ''})` : '–';
  md.push(
    `| ${x.id} | ${x.variant} | ${x.payers} (${x.sharedPayers}) | ${a.payment.atReview} of ${a.payment.n} | ${a.sweep.atReview} of ${a.sweep.n} | ${caseCell} | ${pct(x.payerCoverage)} | ${x.roles.collector ?? '–'} | ${x.roles.intermediary ?? '–'} | ${x.roles.cashOut ?? '–'} | ${x.recovered ? 'yes' : '**no**'} |`,
  );
}
const missedNets = K.perNetwork.filter((x) => !x.recovered);
if (missedNets.length) {
  md.push('', 'Why each missed network was missed:', '');
  for (const x of missedNets) md.push(`* \`${x.id}\` (${x.variant}): ${x.why.join('; ')}.`);
}
md.push('', '### Background accounts drawn into cases', '');
md.push(
  `Background accounts are the ${K.background.accounts.toLocaleString('en')} accounts that appear only in background rows (a payer who is also a customer of the background, and the ATM networks and agents the cash-outs use, are in planted rows too). ${K.background.inAnyCase} of them are in a case.`,
  '',
);
if (K.background.inNetworkCases.length) {
  md.push("In the networks' cases:", '');
  for (const a of K.background.inNetworkCases) md.push(`* \`${a.id}\` as ${a.role} in ${a.case} (${a.networks.join(', ')})`);
  md.push('');
}
if (K.background.cashPoints.length) {
  md.push("The ATM networks and agents where the cash-outs took cash, in the networks' cases (not background accounts here: they are in planted rows too; one used by two networks makes them one case):", '');
  md.push(K.background.cashPoints.map((a) => `\`${a.id}\` as ${a.role} in ${a.case} (${a.networks.join(', ')})`).join('; ') + '.', '');
}
if (K.background.largest.length) {
  md.push(`The largest cases without a planted account (${K.background.casesWithoutPlantedAccounts} in all):`, '');
  for (const c of K.background.largest) {
    md.push(`* ${c.id}, ${c.level} ${c.score}: ${c.accounts.map((a) => `\`${a.id}\` ${a.role}`).join(', ')}; flagged: ${c.flagged.map((t) => `\`${t.id}\` (${t.flow ?? '?'}) ${t.currency} ${t.amount} ${t.channel ?? ''} ${t.level}: ${t.indicators.join(', ')}`).join('; ') || 'none'}`);
  }
} else {
  md.push('No case holds background accounts only.');
}
md.push('', `Verdicts of planted payments that differ between the case builder and a jejak/replay of the same log: ${K.verdictMismatches}. Section generated in ${K.seconds} s (the case build, and one replay for the per-network figures).`);

writeFileSync(join(opts.out, 'report.md'), `${md.join('\n')}\n`);

console.log(`eval: ${n} benign, ${riskyRows.length} risky, ${nHard} hard negatives, ${treated.length} treated scenarios in ${seconds} s`);
console.log(`  packs: before ${B.version} ${B.digest.slice(0, 12)}, after ${A.version} ${A.digest.slice(0, 12)}`);
console.log(`  false positives at review: before ${pct(fp('before').reviewOrHigh)}, after ${pct(fp('after').reviewOrHigh)}`);
console.log(`  hard negatives at review:  before ${pct(report.hardNegative.before.reviewRate)}, after ${pct(report.hardNegative.after.reviewRate)}`);
for (const k of Object.keys(TYPOLOGIES)) {
  console.log(`  ${k.padEnd(20)} recall at review: before ${pct(report.risky.before.typologies[k].reviewRate).padStart(6)}, after ${pct(report.risky.after.typologies[k].reviewRate).padStart(6)}`);
}
console.log(`  history: ${H.accounts} accounts, ${H.transactions} transactions replayed with screenWithHistory by each release in ${H.seconds} s`);
for (const [k, t] of Object.entries(H.risky.after)) {
  const b = H.risky.before[k];
  console.log(`  ${k.padEnd(26)} recall at review ${pct(b.rate).padStart(6)} → ${pct(t.rate).padStart(6)}; payments at review ${pct(b.describedTransactionRate)} → ${pct(t.describedTransactionRate)}`);
}
console.log(`  sextortion payments at review from the first the history can call new: ${pct(H.extortion.before.rate)} → ${pct(H.extortion.after.rate)} (${H.extortion.after.reviewed} of ${H.extortion.after.n})`);
console.log(`  benign look-alikes at review: ${pct(H.benign.before.rate)} → ${pct(H.benign.after.rate)} of accounts, ${pct(H.benign.before.transactionRate)} → ${pct(H.benign.after.transactionRate)} of transactions`);
for (const [k, label] of runs) {
  const r = backgroundReport.runs[k];
  console.log(`  background, ${label}: ${r.peopleAtReview} of ${r.people} people's accounts (${pct(r.peopleRate)}; all accounts ${r.accountsAtReview} of ${r.accounts}), ${r.paymentsAtReview} of ${r.payments} payments (${pct(r.paymentRate)}) at review`);
}
console.log(`  largest state: ${H.largestStateBytes} bytes`);
console.log(
  `  cases: ${K.networks} planted networks, recall ${pct(K.recall)} (${pct(K.recallWhenStarted)} of those with a payment at review), payer coverage ${pct(K.meanPayerCoverage)}; background accounts in a case ${pct(K.background.share)} (${K.background.inAnyCase} of ${K.background.accounts}); ${K.cases} cases; buildCases ${K.rows.total} rows in ${K.buildSeconds} s (${K.rowsPerSecond} rows/s)`,
);
console.log(`  report: ${join(opts.out, 'report.md')}`);
const missed = targets.filter((t) => !t.ok);
for (const t of missed) console.error(`make eval: target missed: ${t.name}: ${pct(t.value)} (goal ${t.target})`);
process.exit(missed.length && opts.targets === 'enforce' ? 1 : 0);
