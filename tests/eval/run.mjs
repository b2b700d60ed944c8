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
//   node tests/eval/run.mjs [--benign N] [--risky N per typology] [--hard N] [--out DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataSet, RegExpMatcher, englishRecommendedTransformers, parseRawPattern } from 'obscenity';
import { benign, evasions, rng, TREATMENTS } from './corpus.mjs';
import { HARD_NEGATIVE, HARD_NEGATIVE_CASES, hardNegatives, scenarios, TYPOLOGIES } from './scenarios.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const { values: opts } = parseArgs({
  options: {
    benign: { type: 'string', default: '20000' },
    risky: { type: 'string', default: '500' },
    // Default: as many hard negatives as risky scenarios.
    hard: { type: 'string' },
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
writeFileSync(join(opts.out, 'report.md'), `${md.join('\n')}\n`);

console.log(`eval: ${n} benign, ${riskyRows.length} risky, ${nHard} hard negatives, ${treated.length} treated scenarios in ${seconds} s`);
console.log(`  packs: before ${B.version} ${B.digest.slice(0, 12)}, after ${A.version} ${A.digest.slice(0, 12)}`);
console.log(`  false positives at review: before ${pct(fp('before').reviewOrHigh)}, after ${pct(fp('after').reviewOrHigh)}`);
console.log(`  hard negatives at review:  before ${pct(report.hardNegative.before.reviewRate)}, after ${pct(report.hardNegative.after.reviewRate)}`);
for (const k of Object.keys(TYPOLOGIES)) {
  console.log(`  ${k.padEnd(20)} recall at review: before ${pct(report.risky.before.typologies[k].reviewRate).padStart(6)}, after ${pct(report.risky.after.typologies[k].reviewRate).padStart(6)}`);
}
console.log(`  report: ${join(opts.out, 'report.md')}`);
