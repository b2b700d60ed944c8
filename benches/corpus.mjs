// The benchmark corpus, shared by both halves of `make bench`: ordinary
// payments with the described risky scenarios mixed in (one in ten), from
// the evaluation's generators. Writes NDJSON to stdout for benches/screen.rs;
// benches/compare.mjs imports `benchCorpus`.
import { benign } from '../tests/eval/corpus.mjs';
import { scenarios } from '../tests/eval/scenarios.mjs';

export function benchCorpus(rows) {
  return [...benign(41, Math.round(rows * 0.9)), ...scenarios(42, Math.round(rows * 0.025)).map((r) => r.tx)];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${benchCorpus(5000).map((tx) => JSON.stringify(tx)).join('\n')}\n`);
}
