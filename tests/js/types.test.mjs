// The package's TypeScript declarations: a consumer written against them
// typechecks with `tsc --strict` (and the deliberate mistakes in it do not).
import { test } from 'node:test';
import { join } from 'node:path';
import { BIN, consumer, run } from './util.mjs';

test('a strict TypeScript consumer typechecks against index.d.ts and index.d.cts', async () => {
  const dir = consumer('typescript');
  await run(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], { cwd: dir, ms: 120_000 });
});
