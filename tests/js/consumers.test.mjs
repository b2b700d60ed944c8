// Installs the packed package into small consumer projects, one per runtime,
// exactly as a user would, and checks that every runtime gives the same
// verdicts, byte for byte.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { Miniflare } from 'miniflare';
import { EdgeRuntime } from 'edge-runtime';
import { BIN, consumer, CORPUS, ROOT, run, TRANSACTIONS, workerModules } from './util.mjs';
import { pageResult, serveStatic } from './web.mjs';

const outputs = new Map();

function check(name, output) {
  const parsed = JSON.parse(output);
  assert.equal(parsed.many.length, TRANSACTIONS.length);
  const ppv = parsed.many[0];
  assert.ok(ppv.ok && ['review', 'high'].includes(ppv.verdict.level), `${name}: ${JSON.stringify(ppv)}`);
  assert.equal(parsed.one[3].jejakError, true, `${name}: bad row must throw a JejakError`);
  // Determinism: the corpus screened twice in this runtime gives the same
  // bytes, and (through the comparison below) the same as every other runtime.
  assert.equal(parsed.corpus.rows, CORPUS.length);
  assert.equal(parsed.corpus.twice, true, `${name}: the second pass over the corpus differs from the first`);
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

// ---- Browsers, Workers, Deno and edge runtimes ----

/** consumer(name), removed again when the test ends. */
function scratch(t, name) {
  const dir = consumer(name);
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `body` under a deadline so a hung runtime fails the test instead of the run. */
function within(ms, what, body) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} gave no answer within ${ms} ms`)), ms);
  });
  return Promise.race([body(), deadline]).finally(() => clearTimeout(timer));
}

test('browser, no bundler (import map, Chromium)', { timeout: 120_000 }, async (t) => {
  const dir = scratch(t, 'browser');
  const server = await serveStatic(dir);
  t.after(() => server.close());
  const output = await pageResult(new URL('index.html', server.url).href);
  check('browser', output);
});

test('Vite production build (Chromium)', { timeout: 180_000 }, async (t) => {
  const dir = scratch(t, 'vite');
  const { stdout, stderr } = await run(join(BIN, 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: dir,
    env: { NO_COLOR: '1' },
    ms: 90_000,
  });
  const log = (stdout + stderr).trim();
  if (log) t.diagnostic(`vite build: ${log.replace(/\s+/g, ' ')}`);
  const server = await serveStatic(join(dir, 'dist'));
  t.after(() => server.close());
  const output = await pageResult(server.url);
  check('vite', output);
});

/** The body of a GET to the Worker `entry` of `dir`, run in workerd through miniflare. */
async function workerResponse(t, dir, entry) {
  const mf = new Miniflare({
    modules: await workerModules(dir, entry),
    compatibilityDate: '2026-04-01',
    host: '127.0.0.1',
    port: 0,
  });
  t.after(() => mf.dispose());
  return within(60_000, 'workerd', async () => {
    await mf.ready;
    const res = await mf.dispatchFetch('http://localhost/');
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return text;
  });
}

test('Cloudflare Worker (esbuild workerd condition, workerd via miniflare)', { timeout: 120_000 }, async (t) => {
  check('worker', await workerResponse(t, scratch(t, 'worker'), 'worker.mjs'));
});

test('Deno (package.json + node_modules, no permissions)', { timeout: 120_000 }, async (t) => {
  const dir = scratch(t, 'deno');
  // No --allow-* flag: the `deno` condition gives the inlined module, and
  // static imports of local files need no permission.
  const { stdout } = await run(join(BIN, 'deno'), ['run', '--no-prompt', 'main.ts'], {
    cwd: dir,
    env: { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, '.deno'), NO_COLOR: '1' },
    ms: 60_000,
  });
  check('deno', stdout);
});

test('Edge Runtime (esbuild edge-light condition)', { timeout: 120_000 }, async (t) => {
  const dir = scratch(t, 'edge');
  const bundle = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: ['handler.mjs'],
    outfile: 'out/handler.js',
    bundle: true,
    format: 'iife',
    platform: 'browser',
    conditions: ['edge-light', 'worker', 'browser'],
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const inputs = Object.keys(bundle.metafile.inputs);
  assert.ok(
    inputs.some((i) => i.endsWith('jejak/entries/inline.mjs')),
    `edge-light should resolve entries/inline.mjs: ${inputs}`,
  );
  const runtime = new EdgeRuntime({ initialCode: bundle.outputFiles[0].text });
  const output = await within(60_000, 'edge-runtime', async () => {
    const res = await runtime.dispatchFetch('http://localhost/');
    const text = await res.text();
    await res.waitUntil();
    assert.equal(res.status, 200, text);
    return text;
  });
  check('edge', output);
});

// ---- jejak/cases: the pack tools' module in Deno and workerd ----

/** The demo's bundled log (in time order), and its cases as Node's jejak/cases builds them. */
const CASES_LOG = readFileSync(join(ROOT, 'www', 'samples', 'cases-demo.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
let nodeCases;
async function expectedCases() {
  if (nodeCases) return nodeCases;
  const dir = consumer('node-esm');
  const { stdout } = await run('node', ['--input-type=module', '-e', `import { buildCases } from 'jejak/cases'; process.stdout.write(JSON.stringify(buildCases(${JSON.stringify(CASES_LOG)})));`], { cwd: dir });
  rmSync(dir, { recursive: true, force: true });
  nodeCases = stdout;
  const parsed = JSON.parse(stdout);
  assert.equal(parsed.errors.length, 0);
  assert.ok(parsed.cases.length >= 1 && parsed.cases[0].accounts.some((a) => a.role === 'cash-out'), stdout.slice(0, 300));
  return stdout;
}

test('jejak/cases in Deno gives the cases Node gives', { timeout: 120_000 }, async (t) => {
  const dir = scratch(t, 'deno');
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(CASES_LOG));
  const { stdout } = await run(join(BIN, 'deno'), ['run', '--no-prompt', 'cases.ts'], {
    cwd: dir,
    env: { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, '.deno'), NO_COLOR: '1' },
    ms: 60_000,
  });
  assert.equal(stdout, await expectedCases());
});

test('jejak/cases in a Cloudflare Worker (workerd) gives the cases Node gives', { timeout: 120_000 }, async (t) => {
  const dir = scratch(t, 'worker');
  writeFileSync(join(dir, 'cases.json'), JSON.stringify(CASES_LOG));
  assert.equal(await workerResponse(t, dir, 'cases-worker.mjs'), await expectedCases());
});
