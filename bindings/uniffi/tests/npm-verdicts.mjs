// The npm package's verdicts on a log, one JSON line a row, for the native
// binding's tests to compare with (Python's pytest, Kotlin's script and the
// React Native test): `node tests/npm-verdicts.mjs FILE [plain|history|signed DIR]`.
// Plain: the full verdict's JSON (`JSON.stringify(screener.screen(row))`)
// or the error's `{"code","path"}`. History: `{"verdict","sender","receiver"}`
// with the verdict's JSON and each state's bytes as hex, states threaded
// through the log by account id. Signed: as plain, with a pack the bindings
// must load from a signed image, which the package's CLI makes in DIR the
// way a publisher would (`jejak compile`, `keygen`, `sign`: DIR/pack.signed
// and DIR/publisher.public): the default pack under another version, so
// that its digest, which every verdict names, is not the default's. The
// last line is `{"seconds": …}`, the time the screens took.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { Screener } = await import(pathToFileURL(join(root, 'pkg', 'entries', 'node.mjs')).href);
const [file, mode = 'plain', dir] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
const screener = mode === 'signed' ? signedScreener(dir) : new Screener();
const states = new Map();
const hex = (b) => (b ? Buffer.from(b).toString('hex') : null);
const out = [];
const started = performance.now();
for (const row of rows) {
  try {
    if (mode === 'history') {
      const tx = JSON.parse(row);
      const r = screener.screenWithHistory(row, { sender: states.get(tx.sender?.id), receiver: states.get(tx.receiver?.id) });
      if (r.receiver) states.set(tx.receiver.id, r.receiver);
      if (r.sender) states.set(tx.sender.id, r.sender);
      out.push(JSON.stringify({ verdict: JSON.stringify(r.verdict), sender: hex(r.sender), receiver: hex(r.receiver) }));
    } else {
      out.push(JSON.stringify(screener.screen(row)));
    }
  } catch (e) {
    out.push(JSON.stringify({ code: e.code, path: e.path }));
  }
}
out.push(JSON.stringify({ seconds: (performance.now() - started) / 1000 }));
process.stdout.write(out.join('\n') + '\n');

/** A Screener over a signed image the CLI makes in `dir`, a new directory (keygen never overwrites a key). */
function signedScreener(dir) {
  const cli = (...args) => execFileSync('node', [join(root, 'pkg', 'bin', 'jejak.mjs'), ...args], { encoding: 'utf8', stdio: 'pipe' });
  const pack = JSON.parse(readFileSync(join(root, 'pkg', 'dist', 'default-pack.json'), 'utf8'));
  pack.version = '9.0.0-native';
  writeFileSync(join(dir, 'pack.json'), JSON.stringify(pack));
  cli('compile', join(dir, 'pack.json'), '--out', join(dir, 'pack.jjk'));
  const publicKey = cli('keygen', '--out', join(dir, 'publisher')).trim();
  cli('sign', join(dir, 'pack.jjk'), '--key', join(dir, 'publisher.secret'), '--out', join(dir, 'pack.signed'));
  return Screener.fromSignedPack(readFileSync(join(dir, 'pack.signed')), { trustedKeys: [publicKey] });
}
