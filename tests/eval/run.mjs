// `make eval`: screens the generated evaluation corpus (corpus.mjs) with the
// packed jejak module and with the `obscenity` package configured with the
// same terms, and writes target/eval/report.json and report.md.
//
//   node tests/eval/run.mjs [--benign N] [--risky N] [--out DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DataSet, RegExpMatcher, englishRecommendedTransformers, parseRawPattern } from 'obscenity';
import { benign, evasions, risky, TREATMENTS } from './corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: opts } = parseArgs({
  options: {
    benign: { type: 'string', default: '20000' },
    risky: { type: 'string', default: '500' },
    out: { type: 'string', default: join(root, 'target', 'eval') },
  },
});
const jejak = createRequire(join(root, 'pkg', 'package.json'))(join(root, 'pkg'));
const SEED = 20261128;
const started = performance.now();

const screener = new jejak.Screener();
const pack = jejak.defaultPack();
const terms = Object.entries(pack.termLists).flatMap(([list, l]) =>
  l.terms.map((t) => ({ list, term: typeof t === 'string' ? t : t.term, validated: typeof t === 'string' || t.validated !== false })),
);
const merchantList = (list) => list.startsWith('merchant-');

// ---- obscenity, with the same terms ----
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
const dataset = new DataSet();
for (const [i, { term }] of terms.entries()) {
  dataset.addPhrase((phrase) => phrase.setMetadata({ i }).addPattern(parseRawPattern(obscenityForm(term))));
}
const obscenity = new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
/** Term indices obscenity finds in a text. */
function obscenityTerms(text) {
  if (!text) return new Set();
  return new Set(obscenity.getAllMatches(text).map((m) => dataset.getPayloadWithPhraseMetadata(m).phraseMetadata.i));
}
const textOf = (tx) => [tx.memo, tx.merchant?.name, tx.merchant?.descriptor].filter(Boolean).join(' \n ');

// ---- benign ----
const benignRows = benign(SEED, Number(opts.benign));
const levels = { none: 0, low: 0, review: 0, high: 0 };
const firedBenign = new Map();
const reviewExamples = [];
let obscenityBenign = 0;
for (const tx of benignRows) {
  const v = screener.screen(tx);
  levels[v.level] += 1;
  for (const f of v.flags) firedBenign.set(f.indicator, (firedBenign.get(f.indicator) ?? 0) + 1);
  if ((v.level === 'review' || v.level === 'high') && reviewExamples.length < 10) {
    reviewExamples.push({ id: tx.id, level: v.level, score: v.score, memo: tx.memo, flags: v.flags.map((f) => f.indicator) });
  }
  if (obscenityTerms(textOf(tx)).size) obscenityBenign += 1;
}
const n = benignRows.length;
const fpReview = (levels.review + levels.high) / n;
const fpHigh = levels.high / n;

// ---- risky scenarios ----
const riskyRows = risky(SEED + 1, Number(opts.risky));
const byKind = {};
const labelled = new Map(); // indicator -> { expected, fired }
const firedRisky = new Map();
for (const { kind, expect, tx } of riskyRows) {
  const v = screener.screen(tx);
  const k = (byKind[kind] ??= { n: 0, reviewOrHigh: 0, high: 0 });
  k.n += 1;
  if (v.level === 'review' || v.level === 'high') k.reviewOrHigh += 1;
  if (v.level === 'high') k.high += 1;
  const fired = new Set(v.flags.map((f) => f.indicator));
  for (const id of fired) firedRisky.set(id, (firedRisky.get(id) ?? 0) + 1);
  for (const id of expect) {
    const l = labelled.get(id) ?? { expected: 0, fired: 0 };
    l.expected += 1;
    if (fired.has(id)) l.fired += 1;
    labelled.set(id, l);
  }
}
const indicators = pack.indicators.map(({ id }) => {
  const onBenign = firedBenign.get(id) ?? 0;
  const onRisky = firedRisky.get(id) ?? 0;
  const l = labelled.get(id);
  return {
    id,
    firedOnBenign: onBenign,
    firedOnRisky: onRisky,
    // Of the transactions it fired on, the share that were risky scenarios.
    precision: onBenign + onRisky ? onRisky / (onBenign + onRisky) : null,
    recall: l ? l.fired / l.expected : null,
    labelled: l?.expected ?? 0,
  };
});

// ---- evasions ----
const evasionRows = evasions(SEED + 2, terms);
const termIndex = new Map(terms.map((t, i) => [`${t.list}\n${t.term}`, i]));
const treatments = Object.fromEntries(Object.keys(TREATMENTS).map((t) => [t, { n: 0, jejak: 0, obscenity: 0, missed: [] }]));
// A new payee, so that lists read only inside combinations (airtime, gift
// cards) can fire too; the check is whether a flag cites the term.
const neutral = { timestamp: '2026-11-20T14:00:00+07:00', amount: '50000', currency: 'IDR', receiver: { country: 'ID', isNew: true } };
for (const e of evasionRows) {
  const onMerchant = merchantList(e.list);
  const tx = onMerchant ? { ...neutral, merchant: { descriptor: e.memo } } : { ...neutral, memo: e.memo };
  const v = screener.screen(tx);
  const found = v.flags.some((f) => f.evidence.some((ev) => ev.term !== undefined && ev.term.toLowerCase() === e.term.toLowerCase()));
  const i = termIndex.get(`${e.list}\n${e.term}`);
  const t = treatments[e.treatment];
  t.n += 1;
  if (found) t.jejak += 1;
  else if (t.missed.length < 5) t.missed.push(e.memo);
  if (obscenityTerms(e.memo).has(i)) t.obscenity += 1;
}

// ---- report ----
const pct = (x) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const report = {
  seed: SEED,
  engine: jejak.engineVersion,
  pack: screener.pack,
  seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  benign: {
    n,
    levels,
    falsePositiveRate: { reviewOrHigh: fpReview, high: fpHigh },
    obscenityAnyMatchRate: obscenityBenign / n,
    reviewExamples,
  },
  risky: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, { ...v, reviewOrHighRate: v.reviewOrHigh / v.n }])),
  evasion: Object.fromEntries(Object.entries(treatments).map(([k, v]) => [k, { n: v.n, jejakRecall: v.jejak / v.n, obscenityRecall: v.obscenity / v.n, jejakMissedExamples: v.missed }])),
  indicators,
};
mkdirSync(opts.out, { recursive: true });
writeFileSync(join(opts.out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);

const md = [];
md.push('# jejak evaluation report', '');
md.push(`Engine ${report.engine}, pack \`${report.pack.id}\` ${report.pack.version} (digest \`${report.pack.digest.slice(0, 16)}…\`), seed ${SEED}. Generated by \`make eval\` in ${report.seconds} s. All transactions are synthetic (tests/eval/corpus.mjs).`, '');
md.push('## False positives on ordinary payments', '');
md.push(`${n.toLocaleString('en')} benign transactions (bills, pulsa, arisan, kos, school fees to schools, AU→PH and AU→ID family remittances, marketplace purchases, game top-ups; memos in Bahasa Indonesia, English and Tagalog).`, '');
md.push('| level | transactions | share |', '| --- | ---: | ---: |');
for (const [k, v] of Object.entries(levels)) md.push(`| ${k} | ${v} | ${pct(v / n)} |`);
md.push('', `False-positive rate at \`review\` or above: **${pct(fpReview)}** (target ≤ 0.5%); at \`high\`: **${pct(fpHigh)}**.`);
md.push(`obscenity, with the same terms, matches something in ${pct(obscenityBenign / n)} of these transactions' texts (it has no amount, corridor or channel rules to combine with).`, '');
if (reviewExamples.length) {
  md.push('Benign transactions that reached review (first 10):', '');
  for (const e of reviewExamples) md.push(`* \`${e.id}\` ${e.level} ${e.score}: memo "${e.memo ?? ''}"; ${e.flags.join(', ')}`);
  md.push('');
}
md.push('## Risky scenarios', '');
md.push('| scenario | transactions | review or high | high |', '| --- | ---: | ---: | ---: |');
for (const [k, v] of Object.entries(report.risky)) md.push(`| ${k} | ${v.n} | ${pct(v.reviewOrHighRate)} | ${pct(v.high / v.n)} |`);
md.push('', '## Evasion recall per treatment', '');
md.push('Every default-pack term under each treatment, in a memo (or, for merchant lists, a card descriptor). jejak counts a hit when a flag cites the term; obscenity when it reports the term.', '');
md.push('| treatment | cases | jejak | obscenity | jejak misses (examples) |', '| --- | ---: | ---: | ---: | --- |');
for (const [k, v] of Object.entries(report.evasion)) {
  md.push(`| ${k} | ${v.n} | ${pct(v.jejakRecall)} | ${pct(v.obscenityRecall)} | ${v.jejakMissedExamples.map((m) => `\`${m}\``).join(' ')} |`);
}
md.push('', '## Indicators', '');
md.push('Recall: share of the scenarios labelled with the indicator where it fired. Precision: of the transactions it fired on, the share that were risky scenarios (benign ones are false positives).', '');
md.push('| indicator | fired on benign | fired on risky | precision | labelled | recall |', '| --- | ---: | ---: | ---: | ---: | ---: |');
for (const i of indicators) md.push(`| ${i.id} | ${i.firedOnBenign} | ${i.firedOnRisky} | ${pct(i.precision)} | ${i.labelled} | ${pct(i.recall)} |`);
writeFileSync(join(opts.out, 'report.md'), `${md.join('\n')}\n`);

console.log(`eval: ${n} benign, ${riskyRows.length} risky, ${evasionRows.length} evasion cases in ${report.seconds} s`);
console.log(`  false positives: ${pct(fpReview)} at review or above, ${pct(fpHigh)} at high`);
for (const [k, v] of Object.entries(report.evasion)) console.log(`  ${k.padEnd(15)} jejak ${pct(v.jejakRecall).padStart(6)}  obscenity ${pct(v.obscenityRecall).padStart(6)}`);
console.log(`  report: ${join(opts.out, 'report.md')}`);
