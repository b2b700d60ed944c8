// The JavaScript half of `make bench` (the native half is criterion,
// benches/screen.rs): jejak's wasm module in Node against what a front-end
// developer would build instead, on the same corpus in the same run.
//
// * jejak: `Screener.screen` from the packed module, default pack;
// * jejak with history: `screenWithHistory` replaying the same corpus in
//   timestamp order among 50 synthetic accounts (`historyCorpus`), one state
//   per account kept in a Map, against stateless compact `screen`;
// * composition: json-rules-engine + modern-ahocorasick with the same pack
//   (benches/composition.mjs), and how often its level agrees with jejak's;
// * RegExp: one alternation of every pack term over the lower-cased text,
//   the floor of what text matching costs in JavaScript (no rules at all).
//
// Then scaling: packs of 100 to 100,000 terms, compile time, memory and
// throughput. Prints a table and writes target/bench/compare.json.
//
//   node benches/compare.mjs [--rows N] [--quick]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCorpus } from './corpus.mjs';
import { Replay, historyFlagIds, inTimeOrder } from '../pkg/lib/replay.mjs';
import { loadPrevious } from '../tests/eval/previous.mjs';
import { coldChromium, coldWorkerd } from './cold.mjs';
import * as web from '../tests/js/web.mjs';
import { workerModules } from '../tests/js/util.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({ options: { rows: { type: 'string', default: '5000' }, quick: { type: 'boolean', default: false } } });
const require = createRequire(join(root, 'tests', 'package.json'));
const pkgDir = join(root, 'pkg');

// The corpus: ordinary payments with the risky scenarios mixed in (one in ten).
const rows = Number(opts.rows);
const corpus = benchCorpus(rows);

/** Times `fn` on every transaction of `txs`, `passes` times after a warm-up pass. */
async function measure(fn, passes, isAsync = false, txs = corpus) {
  for (const tx of txs) (isAsync ? await fn(tx) : fn(tx));
  const lat = [];
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (const tx of txs) {
      const a = process.hrtime.bigint();
      if (isAsync) await fn(tx);
      else fn(tx);
      lat.push(Number(process.hrtime.bigint() - a));
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((x, y) => x - y);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] / 1000;
  return { perSecond: Math.round(lat.length / seconds), p50us: q(0.5), p99us: q(0.99) };
}

/**
 * Cold start as a host sees it, in a fresh process each time: importing the
 * package, `new Screener()` with the embedded default pack, the first
 * `screen`. The median of `runs`.
 */
function coldStart(runs) {
  const script = `
    const t0 = performance.now();
    const { Screener } = await import(${JSON.stringify(join(pkgDir, 'entries', 'node.mjs'))});
    const t1 = performance.now();
    const s = new Screener();
    const t2 = performance.now();
    s.screen({ amount: '50', currency: 'AUD', timestamp: '2026-11-20T02:10:00+10:00', memo: 'school fees', sender: { country: 'AU' }, receiver: { country: 'PH' } });
    const t3 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, newMs: t2 - t1, firstScreenMs: t3 - t2, totalMs: t3 - t0 }));`;
  const all = [];
  for (let i = 0; i < runs; i++) all.push(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
  const median = (key) => all.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(all.length / 2)];
  return { runs, importMs: median('importMs'), newMs: median('newMs'), firstScreenMs: median('firstScreenMs'), totalMs: median('totalMs') };
}

/** Cold start and memory in a fresh process: load the library and build it with the default pack. */
function cold(kind) {
  const script = `
    const t0 = performance.now(); const rss0 = process.memoryUsage().rss;
    ${kind === 'jejak'
      ? `const { Screener } = require(${JSON.stringify(pkgDir)}); const s = new Screener(); s.screen({ amount: '1', currency: 'AUD', timestamp: '2026-11-20T02:10:00+10:00' });`
      : // The composition ships the pack as JSON; loading jejak's module to
        // get it would charge its cold start and memory to the composition.
        `const { buildComposition } = await import(${JSON.stringify(join(root, 'benches', 'composition.mjs'))}); const pack = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(join(root, 'src', 'packs', 'default.json'))}, 'utf8')); const c = buildComposition(pack); await c.screen({ amount: '1', currency: 'AUD', timestamp: '2026-11-20T02:10:00+10:00' });`}
    const ms = performance.now() - t0;
    globalThis.gc(); console.log(JSON.stringify({ ms, rssMB: (process.memoryUsage().rss - rss0) / 2 ** 20 }));`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(join(root, 'tests', 'package.json'))}); ${script}`], { encoding: 'utf8' });
  return JSON.parse(out);
}

const { Screener, defaultPack } = require(pkgDir);
const { buildComposition } = await import('./composition.mjs');
const pack = defaultPack();
const jejak = new Screener();
const composition = buildComposition(pack);

// Level agreement on the corpus.
let agree = 0;
const disagreements = {};
for (const tx of corpus) {
  const a = jejak.screen(tx).level;
  const b = (await composition.screen(tx)).level;
  if (a === b) agree += 1;
  else disagreements[`${a}->${b}`] = (disagreements[`${a}->${b}`] ?? 0) + 1;
}

// RegExp baseline over the same terms.
const terms = Object.values(pack.termLists).flatMap((l) => l.terms.map((t) => (typeof t === 'string' ? t : t.term)));
const escape = (s) => s.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = new RegExp(terms.sort((x, y) => y.length - x.length).map(escape).join('|'), 'g');
const regexp = (tx) => {
  const text = [tx.memo, tx.merchant?.name, tx.merchant?.descriptor].filter(Boolean).join('\n').toLowerCase();
  return text.match(alternation);
};

const passes = opts.quick ? 1 : 3;
const compact = new Screener(undefined, { verdict: 'compact' });
// The same module built with feature bench-boundary (make bench builds it):
// screenCompactObject builds the compact verdict with serde-wasm-bindgen.
const benchPkg = join(root, 'target', 'bench-pkg', 'jejak.js');
// Its raw glue, without the package's entries: it is given the default pack
// (which the module checks by digest) as the entries do.
const boundaryGlue = existsSync(benchPkg) ? require(benchPkg) : null;
boundaryGlue?.setDefaultPack(readFileSync(join(pkgDir, 'dist', 'default-pack.jjk')));
const boundary = boundaryGlue ? new boundaryGlue.Screener(undefined, { verdict: 'compact' }) : null;
const flagged = corpus.map((tx) => compact.screen(tx)).filter((v) => v.flags.length > 0);

// History: the corpus rows have no account ids, so each gets synthetic ones
// by row index, as benches/screen.rs gives them: paid by `acct-${i % 50}`
// and, when the row has a receiver, paid to `acct-${(i * 7 + 3) % 50}`
// (never the sender). Replayed in the engine's timestamp order (a stable
// sort), as a host would screen them, through jejak/replay: one state per
// account, passed as `sender` when the account pays and `receiver` when it
// is paid; every pass (the warm-up included) starts with no state.
const ACCOUNTS = 50;
const { timestampKey } = require(pkgDir);
const historyCorpus = inTimeOrder(
  corpus.map((tx, i) => ({
    ...tx,
    sender: { ...tx.sender, id: `acct-${i % ACCOUNTS}` },
    ...(tx.receiver ? { receiver: { ...tx.receiver, id: `acct-${(i * 7 + 3) % ACCOUNTS}` } } : {}),
  })),
  timestampKey,
).ordered;
let replay = new Replay(compact);
let replayed = 0;
const withHistory = (tx) => {
  if (replayed++ % historyCorpus.length === 0) replay = new Replay(compact);
  return replay.screen(tx);
};
// One untimed replay: the history flags it raises and the largest state it stores.
let historyFlagCount = 0;
for (const tx of historyCorpus) {
  historyFlagCount += historyFlagIds(withHistory(tx).verdict).size;
}
const largestState = replay.largestStateBytes;
if (historyFlagCount === 0) throw new Error('no history flag on the replayed corpus');
// The previous release (tests/eval/previous-release.json), built in this run
// by tests/eval/previous.mjs (without wasm-opt, as make eval builds it).
const { jejak: previous, release: PREVIOUS } = loadPrevious(root);
const previousCompact = new previous.Screener(undefined, { verdict: 'compact' });
const previousFull = new previous.Screener();
let k = 0;
const results = {
  corpus: corpus.length,
  jejak: { ...(await measure((tx) => jejak.screen(tx), passes)), ...cold('jejak') },
  jejakCompact: await measure((tx) => compact.screen(tx), passes),
  jejakHistory: { ...(await measure(withHistory, passes, false, historyCorpus)), accounts: ACCOUNTS, historyFlags: historyFlagCount, largestStateBytes: largestState },
  jejakCompactObject: boundary ? await measure((tx) => boundary.screenCompactObject(tx), passes) : null,
  // The JSON path (what every screen took before the packed path): the
  // transaction as JSON text, the verdict through JSON.parse.
  jejakCompactJson: await measure((tx) => compact.screen(JSON.stringify(tx)), passes),
  previous: { release: PREVIOUS, compact: await measure((tx) => previousCompact.screen(tx), passes), full: await measure((tx) => previousFull.screen(tx), passes) },
  explain: await measure(() => jejak.explain(flagged[k++ % flagged.length]), passes),
  composition: { ...(await measure((tx) => composition.screen(tx), passes, true)), ...cold('composition'), levelAgreement: agree / corpus.length, disagreements },
  regexp: await measure(regexp, passes),
  coldStart: coldStart(opts.quick ? 3 : 7),
  coldStartChromium: await coldChromium(root, { runs: opts.quick ? 3 : 7, web }),
  coldStartWorkerd: await coldWorkerd(root, { runs: opts.quick ? 3 : 5, Miniflare: require('miniflare').Miniflare, workerModules }),
};
results.jejakHistory.ofStateless = results.jejakHistory.perSecond / results.jejakCompact.perSecond;

// Verdict size and flags: the bundled sample (www/samples) with the previous
// release and this one, and the demo's pay-per-view preset.
const samples = readFileSync(join(root, 'www', 'samples', 'transactions.ndjson'), 'utf8').split('\n').filter(Boolean);
// The previous release's engine and default pack (built above).
const before = previousFull;
const avg = (s, f) => samples.reduce((sum, line) => sum + f(s.screen(line)), 0) / samples.length;
const ppv = { timestamp: '2026-11-20T02:10:00+10:00', amount: '50', currency: 'AUD', channel: 'remittance', memo: 'school fees', sender: { country: 'AU' }, receiver: { country: 'PH', isNew: true } };
results.verdicts = {
  sampleRows: samples.length,
  before: { fullBytes: avg(before, (v) => JSON.stringify(v).length), flags: avg(before, (v) => v.flags.length), ppvFlags: before.screen(ppv).flags.length },
  after: {
    fullBytes: avg(jejak, (v) => JSON.stringify(v).length),
    compactBytes: avg(compact, (v) => JSON.stringify(v).length),
    flags: avg(jejak, (v) => v.flags.length),
    ppvFlags: jejak.screen(ppv).flags.length,
  },
};

// Scaling with pack size, each in a fresh process (wasm memory never shrinks).
const sizes = opts.quick ? [100, 1000, 10_000] : [100, 1000, 10_000, 100_000];
mkdirSync(join(root, 'target', 'bench'), { recursive: true });
const scaleCorpus = join(root, 'target', 'bench', 'scale-corpus.json');
writeFileSync(scaleCorpus, JSON.stringify(corpus.slice(0, 2000)));
results.scaling = sizes.map((n) => {
  const script = `
    const { Screener, defaultPack, memoryBytes } = require(${JSON.stringify(pkgDir)});
    const pack = defaultPack();
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const terms = [];
    for (let i = 0; i < ${n}; i++) { let w = ''; for (let v = i * 7919 + 13, k = 0; k < 8; k++, v = Math.floor(v / 26)) w += letters[v % 26]; terms.push('zq' + w); }
    pack.termLists.scale = { terms };
    pack.indicators.push({ id: 'SCALE-01', title: { en: 't', id: 't' }, category: 'general', weight: 1, sources: [pack.sources[0].id], condition: { memoTerms: { list: 'scale' } }, explanation: { en: 'x', id: 'x' } });
    const text = JSON.stringify(pack);
    const before = memoryBytes();
    const t0 = performance.now();
    const s = new Screener(text);
    const compileMs = performance.now() - t0;
    const txs = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(scaleCorpus)}, 'utf8'));
    for (const tx of txs) s.screen(tx);
    const t1 = performance.now();
    for (let p = 0; p < 3; p++) for (const tx of txs) s.screen(tx);
    const perSecond = Math.round((3 * txs.length) / ((performance.now() - t1) / 1000));
    console.log(JSON.stringify({ terms: ${n}, packBytes: text.length, compileMs, wasmMemoryMB: (memoryBytes() - before) / 2 ** 20, perSecond }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 }));
});

writeFileSync(join(root, 'target', 'bench', 'compare.json'), `${JSON.stringify(results, null, 2)}\n`);

const f = (x, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`\nNode ${process.version}, ${corpus.length} transactions (${passes} passes), default pack (${pack.indicators.length} indicators)\n`);
console.log('| implementation | tx/s | p50 µs | p99 µs | cold start ms | memory MB | jejak compact / it | jejak full / it |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const table = [
  ['jejak compact screen()', results.jejakCompact],
  ['jejak compact screen() through JSON text', results.jejakCompactJson],
  [`previous release ${PREVIOUS.engine}: compact screen()`, results.previous.compact],
  [`previous release ${PREVIOUS.engine}: full screen()`, results.previous.full],
  [`jejak compact screenWithHistory() (${ACCOUNTS} accounts)`, results.jejakHistory],
  ['jejak compact (serde-wasm-bindgen object)', results.jejakCompactObject],
  ['jejak full screen()', results.jejak],
  ['jejak explain(compact)', results.explain],
  ['json-rules-engine + modern-ahocorasick', results.composition],
  ['RegExp alternation (terms only)', results.regexp],
];
for (const [name, r] of table) {
  if (!r) {
    console.log(`| ${name} | (run make bench to build target/bench-pkg) | | | | | | |`);
    continue;
  }
  const ratio = (base) => f(base.perSecond / r.perSecond, 2);
  console.log(`| ${name} | ${f(r.perSecond)} | ${f(r.p50us, 1)} | ${f(r.p99us, 1)} | ${r.ms === undefined ? '–' : f(r.ms, 1)} | ${r.rssMB === undefined ? '–' : f(r.rssMB, 1)} | ${ratio(results.jejakCompact)} | ${ratio(results.jejak)} |`);
}
const h = results.jejakHistory;
console.log(`\nHistory: ${f(h.perSecond)} tx/s, p99 ${f(h.p99us, 1)} µs with screenWithHistory() against ${f(results.jejakCompact.perSecond)} tx/s, p99 ${f(results.jejakCompact.p99us, 1)} µs stateless: history / stateless = ${f(h.ofStateless, 2)}. One replay of ${f(historyCorpus.length)} payments among ${h.accounts} accounts raises ${f(h.historyFlags)} history flags; the largest state is ${f(h.largestStateBytes)} bytes.`);
const c = results.coldStart;
console.log(`\nCold start (median of ${c.runs} fresh processes): import ${f(c.importMs, 1)} ms, new Screener() ${f(c.newMs, 1)} ms, first screen ${f(c.firstScreenMs, 1)} ms, total ${f(c.totalMs, 1)} ms`);
const cc = results.coldStartChromium;
console.log(`Cold start in Chromium (median of ${cc.runs} fresh contexts, served from 127.0.0.1): import ${f(cc.importMs, 1)} ms, new Screener() ${f(cc.newMs, 1)} ms, first screen ${f(cc.firstScreenMs, 1)} ms, total ${f(cc.totalMs, 1)} ms`);
const cw = results.coldStartWorkerd;
console.log(`Cold start in workerd (median of ${cw.runs} fresh Miniflare instances, timed outside the Worker): ready ${f(cw.readyMs, 1)} ms (workerd starts, compiles and evaluates the Worker), first request ${f(cw.firstRequestMs, 1)} ms (new Screener() and the first screen), warm request ${f(cw.warmRequestMs, 1)} ms`);
const v = results.verdicts;
console.log(`Verdicts on the ${v.sampleRows} sample rows: full ${f(v.before.fullBytes)} bytes and ${f(v.before.flags, 2)} flags on average with the previous pack, ${f(v.after.fullBytes)} bytes and ${f(v.after.flags, 2)} flags now; compact ${f(v.after.compactBytes)} bytes. Pay-per-view preset: ${v.before.ppvFlags} flags before, ${v.after.ppvFlags} now.`);
const ofPrevious = (now, before) => `${f(now.perSecond / before.perSecond, 2)}× the previous release`;
const targets = [
  ['compact screen() ≥ 200,000 tx/s', results.jejakCompact.perSecond >= 200_000, `${f(results.jejakCompact.perSecond)} tx/s (${ofPrevious(results.jejakCompact, results.previous.compact)})`],
  ['compact screen() p99 ≤ 15 µs', results.jejakCompact.p99us <= 15, `${f(results.jejakCompact.p99us, 1)} µs`],
  ['compact screenWithHistory() ≥ 100,000 tx/s', h.perSecond >= 100_000, `${f(h.perSecond)} tx/s`],
  ['full screen() ≥ 80,000 tx/s', results.jejak.perSecond >= 80_000, `${f(results.jejak.perSecond)} tx/s (${ofPrevious(results.jejak, results.previous.full)})`],
  ['full screen() p99 ≤ 60 µs', results.jejak.p99us <= 60, `${f(results.jejak.p99us, 1)} µs`],
  ['cold start ≤ 10 ms', c.totalMs <= 10, `${f(c.totalMs, 1)} ms`],
  ['pay-per-view preset ≤ 6 flags', v.after.ppvFlags <= 6, `${v.after.ppvFlags} flags`],
];
console.log('\n| target | measured | met |');
console.log('| --- | ---: | :---: |');
for (const [name, ok, got] of targets) console.log(`| ${name} | ${got} | ${ok ? 'yes' : 'no'} |`);
console.log(`\nThe composition gives jejak's level on ${f(100 * results.composition.levelAgreement, 1)}% of the corpus; differences (jejak->composition): ${JSON.stringify(disagreements)}`);
console.log('\n| pack terms | pack JSON KB | compile ms (wasm) | wasm memory MB | tx/s |');
console.log('| ---: | ---: | ---: | ---: | ---: |');
for (const s of results.scaling) console.log(`| ${f(s.terms)} | ${f(s.packBytes / 1024)} | ${f(s.compileMs, 1)} | ${f(s.wasmMemoryMB, 1)} | ${f(s.perSecond)} |`);
