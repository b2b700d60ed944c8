// The runtime and the pack tools apart (docs/DESIGN.md, "Runtime and
// tools"), as a user gets them from the installed package: Node loads the
// tools on first use and never for the default pack or an image; the entries
// for other runtimes refuse JSON packs with a clear JejakError until
// `jejak/tools` is imported; a compiled image screens exactly as its JSON;
// `jejak compile` and signed images through the CLI.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { consumer, ROOT, run, runJejak } from './util.mjs';

const SAMPLES = readFileSync(join(ROOT, 'www', 'samples', 'transactions.ndjson'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const MINI = readFileSync(join(ROOT, 'tests', 'data', 'packs', 'mini.json'), 'utf8');

let dir;
let pkg;
let tmp;
before(() => {
  dir = consumer('node-esm');
  pkg = join(dir, 'node_modules', 'jejak');
  tmp = mkdtempSync(join(tmpdir(), 'jejak-tools-'));
});

/** Runs `code` (an ES module body) in a fresh Node process in the consumer project; its stdout as JSON. */
async function inNode(code) {
  const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, code);
  return JSON.parse((await run(process.execPath, [file], { cwd: dir })).stdout);
}

test('Node: the default pack and images need no tools; a JSON pack loads them on first use', async () => {
  const out = await inNode(`
    const loaded = () => globalThis[Symbol.for('jejak.tools')] !== undefined;
    const { Screener, compilePack, JejakError } = await import('jejak');
    const tx = ${JSON.stringify(SAMPLES[0])};
    const result = { before: loaded() };
    new Screener().screen(tx);
    result.afterDefault = loaded();
    const image = compilePack(${JSON.stringify(MINI)});
    result.afterCompile = loaded();
    const fromImage = new Screener(image);
    const fromJson = new Screener(${JSON.stringify(MINI)});
    result.same = JSON.stringify(fromImage.screen(tx)) === JSON.stringify(fromJson.screen(tx));
    result.digest = fromImage.pack.digest === fromJson.pack.digest;
    try { new Screener(new Uint8Array([1, 2, 3])); } catch (e) { result.bad = [e instanceof JejakError, e.code, e.message]; }
    console.log(JSON.stringify(result));
  `);
  assert.deepEqual(
    { before: out.before, afterDefault: out.afterDefault, afterCompile: out.afterCompile, same: out.same, digest: out.digest },
    { before: false, afterDefault: false, afterCompile: true, same: true, digest: true },
  );
  assert.deepEqual(out.bad.slice(0, 2), [true, 'invalid_pack']);
  assert.match(out.bad[2], /not a pack image/);
});

test('other runtimes: a JSON pack without jejak/tools is a clear JejakError; with it, it screens', async () => {
  // The entry Deno and edge runtimes resolve (entries/inline.mjs) runs in
  // Node too; each probe is a fresh process, so no tools are loaded before.
  const out = await inNode(`
    const jejak = await import(${JSON.stringify(pathToFileURL(join(pkg, 'entries', 'inline.mjs')).href)});
    const result = {};
    result.default = new jejak.Screener().pack.id;
    for (const [name, call] of [
      ['json pack', () => new jejak.Screener(${JSON.stringify(MINI)})],
      ['validatePack', () => jejak.validatePack('{}')],
      ['defaultPack', () => jejak.defaultPack()],
    ]) {
      try { call(); result[name] = 'no error'; } catch (e) { result[name] = [e instanceof jejak.JejakError, e.code, /import 'jejak\\/tools'/.test(e.message)]; }
    }
    await import(${JSON.stringify(pathToFileURL(join(pkg, 'entries', 'tools-inline.mjs')).href)});
    result.withTools = new jejak.Screener(${JSON.stringify(MINI)}).pack.id;
    result.valid = jejak.validatePack(${JSON.stringify(MINI)}).ok;
    result.defaultId = jejak.defaultPack().id;
    console.log(JSON.stringify(result));
  `);
  assert.equal(out.default, 'jejak-default');
  for (const name of ['json pack', 'validatePack', 'defaultPack']) assert.deepEqual(out[name], [true, 'invalid_pack', true], name);
  assert.equal(out.withTools, JSON.parse(MINI).id);
  assert.equal(out.valid, true);
  assert.equal(out.defaultId, 'jejak-default');
});

test('every sample row screens the same through the default pack, its JSON and its image, in both locales', async () => {
  const { Screener, compilePack, defaultPack } = await import(pathToFileURL(join(pkg, 'entries', 'node.mjs')).href);
  const json = JSON.stringify(defaultPack());
  const image = compilePack(json);
  assert.deepEqual([...image.slice(0, 4)], [...Buffer.from('JJKP')]);
  assert.ok(Buffer.from(image).equals(readFileSync(join(pkg, 'dist', 'default-pack.jjk'))), 'the shipped image is the compiled default pack');
  for (const locale of ['en', 'id']) {
    const screeners = [new Screener(null, { locale }), new Screener(json, { locale }), new Screener(image, { locale })];
    for (const tx of SAMPLES) {
      const [a, b, c] = screeners.map((s) => JSON.stringify(s.screen(tx)));
      assert.equal(b, a, tx.id);
      assert.equal(c, a, tx.id);
    }
  }
});

test('applyDelta works on the default pack and JSON packs; an image is updated with usePack', async () => {
  const { Screener, compilePack, JejakError } = await import(pathToFileURL(join(pkg, 'entries', 'node.mjs')).href);
  const screener = new Screener(compilePack(MINI));
  assert.throws(() => screener.applyDelta(new Uint8Array(200), { trustedKeys: [] }), (e) => e instanceof JejakError && /usePack/.test(e.message));
  const info = screener.usePack(compilePack(MINI));
  assert.equal(info.id, JSON.parse(MINI).id);
  assert.throws(() => screener.usePack(new Uint8Array([0x4a, 0x4a, 0x4b, 0x50])), (e) => e instanceof JejakError && e.code === 'invalid_pack');
  assert.equal(screener.pack.id, JSON.parse(MINI).id, 'a refused image leaves the pack in use');
  assert.deepEqual(screener.thresholds, JSON.parse(MINI).scoring);
});

test('jejak compile writes the image; screen --pack and a signed image use it', async () => {
  const bin = join(dir, 'node_modules', '.bin', 'jejak');
  const packFile = join(tmp, 'mini.json');
  writeFileSync(packFile, MINI);
  const imageFile = join(tmp, 'mini.jjk');
  let r = await runJejak(bin, dir, ['compile', packFile, '--out', imageFile]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /compiled pack/);
  const rows = join(ROOT, 'www', 'samples', 'transactions.ndjson');
  const viaJson = await runJejak(bin, dir, ['screen', rows, '--pack', packFile, '--format', 'ndjson']);
  const viaImage = await runJejak(bin, dir, ['screen', rows, '--pack', imageFile, '--format', 'ndjson']);
  assert.equal(viaImage.code, 0, viaImage.stderr);
  assert.equal(viaImage.stdout, viaJson.stdout);

  r = await runJejak(bin, dir, ['compile', join(ROOT, 'tests', 'data', 'packs', 'lint-duplicate-condition.json'), '--out', join(tmp, 'x.jjk')]);
  assert.equal(r.code, 0, r.stderr);
  writeFileSync(join(tmp, 'bad.json'), '{"id": 1}');
  r = await runJejak(bin, dir, ['compile', join(tmp, 'bad.json'), '--out', join(tmp, 'bad.jjk')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not a valid pack, nothing compiled/);
  r = await runJejak(bin, dir, ['compile', packFile]);
  assert.equal(r.code, 2);

  const key = join(tmp, 'k');
  r = await runJejak(bin, dir, ['keygen', '--out', key]);
  assert.equal(r.code, 0, r.stderr);
  const signed = join(tmp, 'mini.jjk.signed');
  r = await runJejak(bin, dir, ['sign', imageFile, '--key', `${key}.secret`, '--out', signed]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /signed pack image/);
  r = await runJejak(bin, dir, ['verify', signed, '--key', `${key}.public`]);
  assert.equal(r.code, 0, r.stderr);
  const { Screener } = await import(pathToFileURL(join(pkg, 'entries', 'node.mjs')).href);
  const s = Screener.fromSignedPack(readFileSync(signed), { trustedKeys: [readFileSync(`${key}.public`, 'utf8').trim()] });
  assert.ok(s instanceof Screener);
  assert.equal(s.pack.id, JSON.parse(MINI).id);
});

test('the runtime takes only the default pack image it was built with', async () => {
  const { createRequire } = await import('node:module');
  const glue = createRequire(import.meta.url)(join(pkg, 'dist', 'node', 'jejak.js'));
  const image = readFileSync(join(pkg, 'dist', 'default-pack.jjk'));
  const other = Buffer.concat([image, Buffer.of(0)]);
  assert.throws(
    () => glue.setDefaultPack(other),
    (e) => e.code === 'invalid_pack' && /not the default pack image this module was built with/.test(e.message),
  );
  glue.setDefaultPack(image);
  glue.setDefaultPack(image);
  assert.equal(new glue.Screener().pack.id, 'jejak-default');
});
