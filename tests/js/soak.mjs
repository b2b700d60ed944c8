// Memory soak: N screens (default 1,000,000), valid and invalid mixed, on
// one Screener. After the first tenth, neither the WebAssembly memory nor
// the JS heap may grow by more than 5%. Run with --expose-gc so both are
// measured after a full collection:
//
//   node --expose-gc tests/js/soak.mjs [N] [path to the jejak package]
//
// Prints one JSON line with the figures; exits 1 when a limit is broken.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const total = Number(process.argv[2] ?? 1_000_000);
const pkgDir = resolve(process.argv[3] ?? join(here, '..', '..', 'pkg'));
const { Screener, memoryBytes } = createRequire(join(pkgDir, 'package.json'))(pkgDir);

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}

const corpus = readFileSync(join(here, '..', '..', 'www', 'samples', 'transactions.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
const base = { timestamp: '2026-11-20T02:10:00+10:00', amount: '50', currency: 'AUD' };
// One row in five is bad, in every way the error paths differ.
const bad = [
  { ...base, amount: 'abc' },
  { ...base, amount: NaN },
  { ...base, currency: undefined },
  { ...base, memo: 'x'.repeat(5000) },
  { ...base, currency: 'AU\uD800' },
  { ...base, sender: { accountAgeDays: 'old' } },
  { ...base, merchant: { mcc: 12 } },
  null,
  '{"amount":"1","amount":"2","currency":"AUD","timestamp":"2026-11-20T02:10:00+10:00"}',
  '{"amount": ',
  { ...base, amount: 2n ** 80n },
  { ...base, sender: { accountAgeDays: -5n } },
  { ...base, amount: Infinity },
];

const screener = new Screener();
let verdicts = 0;
let errors = 0;
function screen(i) {
  const tx = i % 5 === 4 ? bad[(i / 5) % bad.length | 0] : corpus[i % corpus.length];
  try {
    screener.screen(tx);
    verdicts += 1;
  } catch (e) {
    if (!e.code) throw e;
    errors += 1;
  }
}

function measure() {
  globalThis.gc();
  globalThis.gc();
  return { wasm: memoryBytes(), heap: process.memoryUsage().heapUsed };
}

const warmup = Math.floor(total / 10);
const started = performance.now();
for (let i = 0; i < warmup; i++) screen(i);
const before = measure();
for (let i = warmup; i < total; i++) screen(i);
const afterAll = measure();
const seconds = (performance.now() - started) / 1000;

const growth = (a, b) => (b - a) / a;
const result = {
  screens: total,
  verdicts,
  errors,
  seconds: Number(seconds.toFixed(1)),
  perSecond: Math.round(total / seconds),
  wasmBytes: { afterWarmup: before.wasm, atEnd: afterAll.wasm, growth: Number(growth(before.wasm, afterAll.wasm).toFixed(4)) },
  heapBytes: { afterWarmup: before.heap, atEnd: afterAll.heap, growth: Number(growth(before.heap, afterAll.heap).toFixed(4)) },
};
console.log(JSON.stringify(result));
if (result.wasmBytes.growth > 0.05 || result.heapBytes.growth > 0.05) {
  console.error(`memory grew by more than 5% after the first ${warmup} screens`);
  process.exit(1);
}
