// Finishes `make pkg` after wasm-bindgen and wasm-opt (not shipped), for
// each of the two modules (the runtime in dist/, the pack tools in
// dist/tools/):
// - the Node glue reads the optimized module one directory up;
// - inline JS snippets of the Node glue become CommonJS (Node 20 before
//   20.19 cannot require an ES module) and the Node glue's directory is
//   marked CommonJS inside this "type": "module" package;
// - inline-wasm.mjs carries the module as base64 for Deno and edge
//   runtimes.
// Then:
// - dist/wrap.cjs, dist/tools-api.cjs and dist/cases.cjs are lib/wrap.mjs,
//   lib/tools-api.mjs and lib/cases.mjs as CommonJS, for the Node entries;
// - index.d.cts mirrors index.d.ts, tools.d.cts tools.d.ts, cases.d.cts
//   cases.d.ts, for `require`;
// - dist/default-pack.jjk (and .jjk.mjs, base64 for bundlers and workers)
//   is the default pack's image, src/packs/default.jjk, which the runtime
//   accepts only by the SHA-256 it was built with (setDefaultPack); it is
//   checked here, so a stale image fails `make pkg`;
// - dist/default-pack.json (and .mjs) is the pack's JSON, for the tools
//   (defaultPack, and deltas to the default pack).
import { readFileSync, writeFileSync, readdirSync, statSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { execFileSync } from 'node:child_process';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(pkg, 'dist');

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

/**
 * ES module text as CommonJS: `export class|function|const NAME` become
 * module.exports, and `import { a, b } from './x.mjs'` a require of
 * `./x.cjs` (the lib/ modules are written to dist/ side by side). Lines
 * that are only a comment are left out: what Node reads to screen is
 * measured by `make size`, and the sources beside them keep the comments.
 * The result is compiled here, so a stripped line that was not a comment
 * fails the build.
 */
function toCommonJs(src, file) {
  const names = [...src.matchAll(/^export (?:class|function|const) (\w+)/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error(`${file}: no exports found`);
  const out =
    withoutCommentLines(src)
      .replace(/^export (class|function|const) /gm, '$1 ')
      .replace(/^import (\{[^}]*\}) from '\.\/([\w-]+)\.mjs';$/gm, "const $1 = require('./$2.cjs');") +
    `\nmodule.exports = { ${names.join(', ')} };\n`;
  new vm.Script(`(function (exports, require, module) {\n${out}\n})`, { filename: file });
  return out;
}

/**
 * `src` without the lines that hold only a `//` comment or belong to a block
 * comment that starts a line (`/*` or `/**` first, `*\/` last), and without
 * blank lines. Lines with code keep everything, comments included.
 */
function withoutCommentLines(src) {
  const kept = [];
  let inBlock = false;
  for (const line of src.split('\n')) {
    const t = line.trim();
    if (inBlock) {
      if (t.endsWith('*/')) inBlock = false;
      continue;
    }
    if (t.startsWith('/*')) {
      inBlock = !t.endsWith('*/');
      continue;
    }
    if (t === '' || t.startsWith('//')) continue;
    kept.push(line);
  }
  return `${kept.join('\n')}\n`;
}

/** Finishes one module: `dir` holds node/ and web/ glue named `name`, the optimized module beside them. */
function finishModule(dir, name) {
  const nodeGlue = join(dir, 'node', `${name}.js`);
  let glue = readFileSync(nodeGlue, 'utf8');
  const before = `\`\${__dirname}/${name}_bg.wasm\``;
  if (!glue.includes(before)) throw new Error(`node glue: cannot find ${before}; did wasm-bindgen change?`);
  glue = withoutCommentLines(glue.replace(before, `\`\${__dirname}/../${name}_bg.wasm\``));
  new vm.Script(`(function (exports, require, module, __dirname) {\n${glue}\n})`, { filename: nodeGlue });
  writeFileSync(nodeGlue, glue);
  writeFileSync(join(dir, 'node', 'package.json'), '{ "type": "commonjs" }\n');
  for (const file of files(join(dir, 'node', 'snippets'))) {
    writeFileSync(file, toCommonJs(readFileSync(file, 'utf8'), file));
  }
  // The web glue and its snippets (browsers, Workers, Deno) without their
  // comment lines too; `node --check` proves each still parses as a module.
  for (const file of [join(dir, 'web', `${name}.js`), ...files(join(dir, 'web', 'snippets'))]) {
    writeFileSync(file, withoutCommentLines(readFileSync(file, 'utf8')));
    execFileSync(process.execPath, ['--input-type=module', '--check'], { input: readFileSync(file), stdio: ['pipe', 'ignore', 'inherit'] });
  }
  const wasm = readFileSync(join(dir, `${name}_bg.wasm`));
  writeFileSync(join(dir, 'inline-wasm.mjs'), `export const wasmBase64 = "${wasm.toString('base64')}";\n`);
  return wasm.length;
}

const runtime = finishModule(dist, 'jejak');
const tools = finishModule(join(dist, 'tools'), 'jejak_tools');
for (const name of ['wrap', 'tools-api', 'boundary', 'packed', 'cases']) {
  writeFileSync(join(dist, `${name}.cjs`), toCommonJs(readFileSync(join(pkg, 'lib', `${name}.mjs`), 'utf8'), `lib/${name}.mjs`));
}
copyFileSync(join(pkg, 'index.d.ts'), join(pkg, 'index.d.cts'));
copyFileSync(join(pkg, 'tools.d.ts'), join(pkg, 'tools.d.cts'));
copyFileSync(join(pkg, 'cases.d.ts'), join(pkg, 'cases.d.cts'));

const pack = JSON.stringify(JSON.parse(readFileSync(join(pkg, '..', 'src', 'packs', 'default.json'), 'utf8')));
writeFileSync(join(dist, 'default-pack.json'), pack);
writeFileSync(join(dist, 'default-pack.mjs'), `export default ${JSON.stringify(pack)};\n`);
const image = readFileSync(join(pkg, '..', 'src', 'packs', 'default.jjk'));
writeFileSync(join(dist, 'default-pack.jjk'), image);
writeFileSync(join(dist, 'default-pack.jjk.mjs'), `export const imageBase64 = "${image.toString('base64')}";\n`);
// The runtime takes only the image it was built with, and the tools
// compile the JSON to exactly that image.
const require = createRequire(import.meta.url);
require(join(dist, 'node', 'jejak.js')).setDefaultPack(image);
if (!Buffer.from(require(join(dist, 'tools', 'node', 'jejak_tools.js')).compilePack(pack)).equals(image)) {
  throw new Error('src/packs/default.jjk is not the image of src/packs/default.json: run make contracts');
}
console.log(`pkg: dist/jejak_bg.wasm ${runtime} bytes, dist/tools/jejak_tools_bg.wasm ${tools} bytes`);
