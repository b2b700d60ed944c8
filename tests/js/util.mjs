// Shared helpers for the package tests: pack the built package once, install
// the tarball into a scratch copy of a consumer project exactly as a user
// would, and run commands with a time limit.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const TESTS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(TESTS, '..');
export const BIN = join(TESTS, 'node_modules', '.bin');
export const TRANSACTIONS = JSON.parse(readFileSync(join(TESTS, 'consumers', 'shared', 'transactions.json'), 'utf8'));
/** The demo's 1,200 synthetic sample rows, screened by every consumer for the determinism check. */
export const CORPUS = readFileSync(join(TESTS, '..', 'www', 'samples', 'transactions.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));

// Scratch directories are removed when the test process exits.
const scratch = [];
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

let tarball = process.env.JEJAK_TARBALL;
/**
 * `npm pack` of pkg/ (built by `make pkg`), once per process, or the one
 * `make test-js` packed for every test file (JEJAK_TARBALL).
 */
export function packTarball() {
  if (tarball) return tarball;
  if (!existsSync(join(ROOT, 'pkg', 'dist', 'jejak_bg.wasm'))) {
    throw new Error('pkg/dist is missing: run `make pkg` first');
  }
  const dest = tempDir('jejak-pack-');
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dest], { cwd: join(ROOT, 'pkg'), encoding: 'utf8' });
  tarball = join(dest, out.trim().split('\n').pop());
  return tarball;
}

/** A scratch copy of tests/consumers/NAME (plus shared/) with the tarball installed. */
export function consumer(name) {
  const dir = tempDir(`jejak-${name}-`);
  cpSync(join(TESTS, 'consumers', name), dir, { recursive: true });
  cpSync(join(TESTS, 'consumers', 'shared'), dir, { recursive: true });
  writeFileSync(join(dir, 'corpus.json'), JSON.stringify(CORPUS));
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true }));
  }
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', packTarball()], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return dir;
}

/** Runs a command and returns its stdout; rejects on a non-zero exit or after `ms`. */
export function run(cmd, args, { cwd, env, ms = 60_000, input } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} timed out after ${ms} ms\n${stderr}`));
    }, ms);
    // Decode as streams: a multi-byte character split across chunks must not
    // turn into U+FFFD.
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveRun({ stdout, stderr });
      else reject(Object.assign(new Error(`${cmd} ${args.join(' ')} exited ${code}\n${stderr}`), { code, stdout, stderr }));
    });
    child.stdin.end(input ?? '');
  });
}

/**
 * What wrangler does with a Worker: bundle `entry` (relative to `dir`) for
 * the workerd condition, keep every `.wasm` import external under a flat
 * name, and return Miniflare's `modules`: the bundle, then each wasm file as
 * a compiled module. Fails unless exactly one wasm module is imported.
 */
export async function workerModules(dir, entry) {
  const wasm = new Map();
  const bundle = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [entry],
    outfile: 'out/worker.mjs',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['cloudflare:*'],
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'wasm-modules',
        setup(build) {
          build.onResolve({ filter: /\.wasm$/ }, (args) => {
            const file = resolve(args.resolveDir, args.path);
            const name = basename(file);
            if (wasm.has(name) && wasm.get(name) !== file) throw new Error(`two wasm files named ${name}`);
            wasm.set(name, file);
            return { path: `./${name}`, external: true };
          });
        },
      },
    ],
  });
  if (wasm.size !== 1) throw new Error(`the workerd bundle should import exactly one .wasm module: ${[...wasm.keys()]}`);
  return [
    { type: 'ESModule', path: 'worker.mjs', contents: bundle.outputFiles[0].text },
    ...[...wasm].map(([name, file]) => ({ type: 'CompiledWasm', path: name, contents: readFileSync(file) })),
  ];
}

/**
 * Runs a `jejak` binary (`bin`, in `cwd`); resolves `{ code, stdout, stderr }`
 * whatever the exit code. Unlike `run`, it decodes the output once at the end:
 * decoding each chunk on its own splits multi-byte characters such as `→` at
 * chunk boundaries in long output.
 */
export function runJejak(bin, cwd, args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`jejak ${args.join(' ')} timed out`));
    }, 30_000);
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.end(input ?? '');
  });
}
