// The React Native binding's public TypeScript API, run in Node (`make
// native`): uniffi-bindgen-react-native generated it from the native library
// in its Node flavour (`ubrn generate napi`: the same classes, records and
// errors as the React Native flavour, over @ubjs/node instead of JSI), and
// esbuild bundled it into JEJAK_RN_API. Against the npm package built in the
// same run (../tests/npm-verdicts.mjs): every sample row's full verdict as
// the same JSON text, a replay with history giving the same verdicts and
// state bytes, a signed image of another pack, each error with its code
// and path; then the README's React
// Native example, and the React Native flavour's own TypeScript declaring
// the same API (JEJAK_RN_JSI_TS).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');
const API = process.env.JEJAK_RN_API ?? join(HERE, 'generated', 'jejak.mjs');
const JSI_TS = process.env.JEJAK_RN_JSI_TS ?? join(HERE, 'generated', 'jsi', 'ts', 'jejak_uniffi.ts');
const NAPI_TS = process.env.JEJAK_RN_NAPI_TS ?? join(HERE, 'generated', 'napi', 'ts', 'jejak_uniffi.ts');
const CORPUS = join(ROOT, 'www', 'samples', 'transactions.ndjson');
const HISTORY = join(ROOT, 'www', 'samples', 'history-all.ndjson');
const { Screener, JejakError, Level } = await import(pathToFileURL(API).href);

/** The npm package's output for `file` (tests/npm-verdicts.mjs), one line a row. */
function npm(file, mode = 'plain', ...extra) {
  const out = execFileSync('node', [join(ROOT, 'bindings', 'uniffi', 'tests', 'npm-verdicts.mjs'), file, mode, ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const lines = out.trimEnd().split('\n');
  return { out: lines.slice(0, -1), seconds: JSON.parse(lines.at(-1)).seconds };
}

const rows = (file) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
const hex = (b) => (b === undefined ? null : Buffer.from(b).toString('hex'));

function screenJson(screener, row) {
  try {
    return screener.screenJson(row);
  } catch (e) {
    if (!JejakError.Refused.instanceOf(e)) throw e;
    return JSON.stringify({ code: e.inner.code, path: e.inner.path });
  }
}

test('every sample row gives the npm package’s bytes', () => {
  const node = npm(CORPUS);
  const screener = new Screener();
  const started = performance.now();
  const mine = rows(CORPUS).map((row) => screenJson(screener, row));
  const seconds = (performance.now() - started) / 1000;
  assert.equal(mine.length, 1200);
  assert.equal(node.out.length, 1200);
  mine.forEach((line, i) => assert.equal(line, node.out[i], `row ${i + 1}`));
  console.log(
    `full verdicts as JSON text, 1,200 sample rows: React Native API in Node (@ubjs/node) ` +
      `${Math.round(mine.length / seconds).toLocaleString('en')} tx/s, npm ${Math.round(mine.length / node.seconds).toLocaleString('en')} tx/s`,
  );
});

test('a replay with history gives the npm package’s verdicts and states', () => {
  const node = npm(HISTORY, 'history');
  const screener = new Screener();
  const states = new Map();
  const log = rows(HISTORY);
  assert.ok(log.length > 100);
  log.forEach((row, i) => {
    const tx = JSON.parse(row);
    const r = screener.screenWithHistory(row, states.get(tx.sender?.id), states.get(tx.receiver?.id));
    if (r.receiverState !== undefined) states.set(tx.receiver.id, r.receiverState);
    if (r.senderState !== undefined) states.set(tx.sender.id, r.senderState);
    const got = JSON.stringify({ verdict: r.verdictJson, sender: hex(r.senderState), receiver: hex(r.receiverState) });
    assert.equal(got, node.out[i], `row ${i + 1}`);
  });
});

test('a signed image of another pack screens as the npm package screens it', () => {
  // The CLI compiles, keys and signs a pack the binding has not seen
  // (tests/npm-verdicts.mjs); its digest is in every verdict.
  const dir = mkdtempSync(join(tmpdir(), 'jejak-signed-'));
  try {
    const node = npm(CORPUS, 'signed', dir);
    const image = readFileSync(join(dir, 'pack.signed'));
    const key = readFileSync(join(dir, 'publisher.public'), 'utf8').trim();
    const bytes = image.buffer.slice(image.byteOffset, image.byteOffset + image.byteLength);
    const signed = Screener.fromSignedImage(bytes, key, undefined);
    assert.notEqual(signed.packDigest(), new Screener().packDigest());
    rows(CORPUS).forEach((row, i) => assert.equal(screenJson(signed, row), node.out[i], `row ${i + 1}`));
    assert.throws(
      () => Screener.fromSignedImage(bytes, `ed25519:${'11'.repeat(32)}`, undefined),
      (e) => JejakError.Refused.instanceOf(e) && e.inner.code === 'untrusted_key',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('errors are JejakError.Refused with the engine’s code and path', () => {
  const screener = new Screener();
  for (const [call, code, path] of [
    [() => screener.screenJson('{"amount": "50", "currency": "AUD"}'), 'invalid_transaction', '/timestamp'],
    [() => screener.screenJson('{not json'), 'invalid_transaction', ''],
    [() => Screener.withOptions('{"locale": "fr"}'), 'invalid_option', '/locale'],
    [() => screener.explain('{"level": "none"}'), 'invalid_verdict', '/score'],
    [() => Screener.fromSignedImage(new Uint8Array(8).buffer, 'ed25519:AAAA', undefined), 'invalid_option', ''],
    [() => Screener.fromSignedImage(new Uint8Array(8).buffer, `ed25519:${'00'.repeat(32)}`, undefined), 'invalid_pack', ''],
  ]) {
    assert.throws(call, (e) => {
      assert.ok(JejakError.Refused.instanceOf(e), String(e));
      assert.equal(e.inner.code, code);
      assert.equal(e.inner.path, path);
      assert.ok(e.inner.text.length > 0);
      return true;
    });
  }
});

test('the typed verdict matches the JSON one', () => {
  const screener = new Screener();
  const row = rows(CORPUS).find((r) => JSON.parse(screener.screenJson(r)).level === 'review');
  const typed = screener.screen(row);
  const full = JSON.parse(screener.screenJson(row));
  assert.equal(typed.level, Level.Review);
  assert.equal(typed.score, full.score);
  assert.deepEqual(
    typed.flags.map((f) => f.indicator),
    full.flags.map((f) => f.indicator),
  );
});

test('the README’s React Native example runs', async () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use from React Native'));
  const fence = '```ts\n';
  const code = section.slice(section.indexOf(fence) + fence.length, section.indexOf('```\n', section.indexOf(fence)));
  const { transform } = await import('esbuild');
  // The app imports the package its generated code lives in; here, the bundle.
  const js = (await transform(code, { loader: 'ts', format: 'esm' })).code.replace(/from "jejak-native"/, `from ${JSON.stringify(pathToFileURL(API).href)}`);
  const printed = [];
  const log = console.log;
  console.log = (...args) => printed.push(args);
  try {
    await import(`data:text/javascript,${encodeURIComponent(js)}`);
  } finally {
    console.log = log;
  }
  assert.equal(printed[0][0], 'Review');
  assert.ok(printed[0][1].length > 0);
  assert.deepEqual(printed[1], ['invalid_transaction', '/timestamp']);
});

test('the React Native flavour declares the same API as the one run here', () => {
  // Each file's exported names and the Screener's method signatures.
  const api = (file) => {
    const text = readFileSync(file, 'utf8');
    const exported = [...text.matchAll(/^export (?:const|type|enum|class|function) (\w+)/gm)].map((m) => m[1]);
    const methods = [...text.matchAll(/^ {4}(\w+\([^)]*\))[^\n]*\/\*throws\*\/[^\n]*;$/gm)].map((m) => m[1]);
    return { exported: exported.sort(), methods: methods.sort() };
  };
  const jsi = api(JSI_TS);
  const napi = api(NAPI_TS);
  assert.ok(jsi.exported.includes('Screener') && jsi.exported.includes('JejakError'), jsi.exported.join(' '));
  assert.ok(jsi.methods.some((m) => m.startsWith('screenJson(')), jsi.methods.join(' '));
  assert.deepEqual(jsi, napi);
});
