// The memory soak (soak.mjs) at 100,000 screens on the packed package;
// `make soak` runs the full 1,000,000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { consumer, run, TESTS } from './util.mjs';

test('100,000 screens, valid and invalid: wasm memory and JS heap grow by at most 5%', { timeout: 300_000 }, async (t) => {
  const dir = consumer('node-cjs');
  const { stdout } = await run(
    process.execPath,
    ['--expose-gc', join(TESTS, 'js', 'soak.mjs'), '100000', join(dir, 'node_modules', 'jejak')],
    { ms: 240_000 },
  );
  const result = JSON.parse(stdout);
  t.diagnostic(stdout.trim());
  assert.equal(result.screens, 100_000);
  assert.equal(result.errors, 20_000);
  assert.ok(result.wasmBytes.growth <= 0.05 && result.heapBytes.growth <= 0.05, stdout);
});
