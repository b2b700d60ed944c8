// `make size` (not shipped): what a Node process reads from the package to
// screen one payment with the default pack, measured rather than listed.
//
// A child Node process imports the package by its name (the `node` export
// condition, as a user's `import { Screener } from "jejak"` resolves it) and
// screens one transaction with `new Screener()`. A module hook reports every
// file the module loader loads, and `fs.readFileSync` is wrapped to report
// every file the glue reads (the WebAssembly module, the default pack) and
// every CommonJS file `require` loads; the package.json files Node consults
// for the package's exports and each file's module type are added. The
// files under pkg/ are summed raw, `gzip -9` and `brotli -q 11` (the
// command-line tools, as `make size` always measured the module), each file
// compressed on its own, as a server would send them, with the module's own
// figures beside.
//
//   node pkg/tools/size.mjs [--json] [--budget BYTES_GZIP] [--module-budget BYTES_GZIP]
//
// Exits 1 when a budget is given and exceeded. The pack tools' module is
// reported on its own line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const PKG = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: { json: { type: 'boolean', default: false }, budget: { type: 'string' }, 'module-budget': { type: 'string' } },
});

// A scratch project whose node_modules/jejak is this package, so the import
// below resolves through package.json "exports" exactly as for a user.
const project = mkdtempSync(join(tmpdir(), 'jejak-size-'));
process.on('exit', () => rmSync(project, { recursive: true, force: true }));
mkdirSync(join(project, 'node_modules'));
symlinkSync(PKG, join(project, 'node_modules', 'jejak'), 'dir');
writeFileSync(join(project, 'package.json'), '{ "type": "module" }\n');

const hooks = `
export async function load(url, context, next) {
  if (url.startsWith('file:')) process.send?.(url);
  port.postMessage(url);
  return next(url, context);
}
let port;
export async function initialize(data) { port = data.port; }
`;
writeFileSync(join(project, 'hooks.mjs'), hooks);
const register = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import fs from 'node:fs';
globalThis.__loaded = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => globalThis.__loaded.add(url));
port1.unref();
register('./hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
const read = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  if (typeof path === 'string' || path instanceof URL) globalThis.__loaded.add(String(path instanceof URL ? path : new URL('file://' + path)));
  return read.call(this, path, ...rest);
};
`;
writeFileSync(join(project, 'register.mjs'), register);
const main = `
const { Screener } = await import('jejak');
const verdict = new Screener().screen({ timestamp: '2026-11-20T02:10:00+10:00', amount: '50', currency: 'AUD',
  channel: 'remittance', memo: 'school fees', sender: { country: 'AU' }, receiver: { country: 'PH', isNew: true } });
if (!verdict.level) throw new Error('no verdict');
// Let the hook thread's last messages arrive.
await new Promise((r) => setTimeout(r, 50));
console.log(JSON.stringify([...globalThis.__loaded]));
`;
writeFileSync(join(project, 'main.mjs'), main);
const out = execFileSync(process.execPath, ['--import', pathToFileURL(join(project, 'register.mjs')).href, join(project, 'main.mjs')], {
  cwd: project,
  encoding: 'utf8',
});
const urls = JSON.parse(out.trim().split('\n').pop());

// Paths as the process saw them (through the symlink) back to pkg/.
const link = join(project, 'node_modules', 'jejak');
const loaded = urls
  .filter((u) => u.startsWith('file:'))
  .map((u) => fileURLToPath(u))
  .map((p) => (p.startsWith(link) ? join(PKG, relative(link, p)) : p))
  .filter((p) => p.startsWith(PKG + '/'));
// The nearest package.json of each file (its module type) and the package's
// own (its exports), which Node reads without going through either hook.
const scopes = loaded.flatMap((p) => {
  for (let dir = dirname(p); dir.startsWith(PKG); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return [join(dir, 'package.json')];
  }
  return [];
});
const files = [...new Set([...loaded, ...scopes, join(PKG, 'package.json')])].sort();

const compressed = (cmd, args, bytes) => execFileSync(cmd, args, { input: bytes, maxBuffer: 1 << 26 }).length;
const measure = (bytes) => ({ raw: bytes.length, gzip: compressed('gzip', ['-9', '-c'], bytes), brotli: compressed('brotli', ['-q', '11', '-c'], bytes) });
const rows = files.map((f) => ({ file: relative(PKG, f), ...measure(readFileSync(f)) }));
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const module = rows.find((r) => r.file === 'dist/jejak_bg.wasm');
if (!module) throw new Error('the process did not read dist/jejak_bg.wasm: run `make pkg`');

// The pack tools' module, on its own line: a process that screens with the
// default pack or an image never reads it (the check below says so).
if (rows.some((r) => r.file.startsWith('dist/tools/'))) throw new Error('screening with the default pack read the pack tools');
const tools = { file: 'dist/tools/jejak_tools_bg.wasm', ...measure(readFileSync(join(PKG, 'dist', 'tools', 'jejak_tools_bg.wasm'))) };

if (opts.json) {
  console.log(JSON.stringify({ files: rows, total, module, tools }, null, 2));
} else {
  const w = Math.max(...rows.map((r) => r.file.length));
  for (const r of rows) console.log(`  ${r.file.padEnd(w)} ${String(r.raw).padStart(8)} raw ${String(r.gzip).padStart(7)} gzip ${String(r.brotli).padStart(7)} brotli`);
}
const budget = opts.budget ? Number(opts.budget) : null;
const moduleBudget = opts['module-budget'] ? Number(opts['module-budget']) : null;
if (!opts.json) {
  console.log(`jejak_bg.wasm: ${module.raw} bytes raw, ${module.gzip} gzip, ${module.brotli} brotli${moduleBudget ? ` (budget ${moduleBudget} gzip)` : ''}`);
  console.log(`tools/jejak_tools_bg.wasm (the pack tools, loaded only to use them): ${tools.raw} bytes raw, ${tools.gzip} gzip, ${tools.brotli} brotli`);
  console.log(
    `read by a Node process to screen one payment with the default pack (${rows.length} files): ${total.raw} bytes raw, ${total.gzip} gzip, ${total.brotli} brotli${budget ? ` (budget ${budget} gzip)` : ''}`,
  );
}
let failed = false;
if (budget !== null && total.gzip > budget) {
  console.error(`size budget exceeded: ${total.gzip} > ${budget} bytes gzip`);
  failed = true;
}
if (moduleBudget !== null && module.gzip > moduleBudget) {
  console.error(`module size budget exceeded: ${module.gzip} > ${moduleBudget} bytes gzip`);
  failed = true;
}
process.exit(failed ? 1 : 0);
