// The npm package's verdicts on a log, one JSON line a row, for the native
// binding's tests to compare with (Python's pytest and Kotlin's scripts):
// `node tests/npm-verdicts.mjs FILE [plain|history]`. Plain: the full
// verdict's JSON (`JSON.stringify(screener.screen(row))`) or the error's
// `{"code","path"}`. History: `{"verdict","sender","receiver"}` with the
// verdict's JSON and each state's bytes as hex, states threaded through
// the log by account id. The last line is `{"seconds": …}`, the time the
// screens took.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const { Screener } = await import(pathToFileURL(join(root, 'pkg', 'entries', 'node.mjs')).href);
const [file, mode = 'plain'] = process.argv.slice(2);
const rows = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
const screener = new Screener();
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
