// Installs the packed package into small consumer projects, one per runtime,
// exactly as a user would, and checks that every runtime gives the same
// verdicts, byte for byte.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { consumer, run, TRANSACTIONS } from './util.mjs';

const outputs = new Map();

function check(name, output) {
  const parsed = JSON.parse(output);
  assert.equal(parsed.many.length, TRANSACTIONS.length);
  const ppv = parsed.many[0];
  assert.ok(ppv.ok && ['review', 'high'].includes(ppv.verdict.level), `${name}: ${JSON.stringify(ppv)}`);
  assert.equal(parsed.one[3].jejakError, true, `${name}: bad row must throw a JejakError`);
  outputs.set(name, output);
  const reference = outputs.get('node-esm') ?? [...outputs.values()][0];
  assert.equal(output, reference, `${name} differs from the first runtime`);
}

test('Node ESM', async () => {
  const dir = consumer('node-esm');
  const { stdout } = await run('node', ['index.mjs'], { cwd: dir });
  check('node-esm', stdout);
});

test('Node CommonJS', async () => {
  const dir = consumer('node-cjs');
  const { stdout } = await run('node', ['index.cjs'], { cwd: dir });
  check('node-cjs', stdout);
});
