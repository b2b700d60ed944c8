// Finishes `make pkg` after wasm-bindgen and wasm-opt (not shipped):
// - the Node glue reads the one optimized module in dist/;
// - inline JS snippets of the Node glue become CommonJS (Node 20 before
//   20.19 cannot require an ES module) and dist/node is marked CommonJS
//   inside this "type": "module" package;
// - dist/inline-wasm.mjs carries the module as base64 for Deno and edge
//   runtimes;
// - index.d.cts mirrors index.d.ts for `require` users;
// - dist/default-pack.json (and .mjs, the same text as a module for
//   bundlers and workers) is the default pack, compact: the module embeds
//   only its digest and takes the text from the entries (setDefaultPack).
import { readFileSync, writeFileSync, readdirSync, statSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkg, 'dist');

const nodeGlue = join(dist, 'node', 'jejak.js');
let glue = readFileSync(nodeGlue, 'utf8');
const before = '`${__dirname}/jejak_bg.wasm`';
if (!glue.includes(before)) throw new Error(`node glue: cannot find ${before}; did wasm-bindgen change?`);
glue = glue.replace(before, '`${__dirname}/../jejak_bg.wasm`');
writeFileSync(nodeGlue, glue);
writeFileSync(join(dist, 'node', 'package.json'), '{ "type": "commonjs" }\n');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}
for (const file of files(join(dist, 'node', 'snippets'))) {
  const src = readFileSync(file, 'utf8');
  const names = [...src.matchAll(/^export (?:class|function) (\w+)/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error(`${file}: no exports found`);
  const cjs = src.replace(/^export (class|function) /gm, '$1 ') + `\nmodule.exports = { ${names.join(', ')} };\n`;
  writeFileSync(file, cjs);
}

const wasm = readFileSync(join(dist, 'jejak_bg.wasm'));
writeFileSync(join(dist, 'inline-wasm.mjs'), `export const wasmBase64 = "${wasm.toString('base64')}";\n`);
copyFileSync(join(pkg, 'index.d.ts'), join(pkg, 'index.d.cts'));

// Compact JSON of src/packs/default.json. The digest is over canonical bytes,
// so the formatting does not matter, and setDefaultPack refuses any text
// whose digest is not the one build.rs embedded.
const pack = JSON.stringify(JSON.parse(readFileSync(join(pkg, '..', 'src', 'packs', 'default.json'), 'utf8')));
writeFileSync(join(dist, 'default-pack.json'), pack);
writeFileSync(join(dist, 'default-pack.mjs'), `export default ${JSON.stringify(pack)};\n`);
console.log(`pkg: dist/jejak_bg.wasm ${wasm.length} bytes`);
