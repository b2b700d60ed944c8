// The previous release, built in the same run as the current one, so that
// `make eval` reports the two side by side: the engine and its default pack
// as they were at the commit named in previous-release.json.
//
// The commit's tree is exported with `git archive` into target/eval/previous/
// and built the way its own `make pkg` did (cargo build in the wasm profile,
// wasm-bindgen for Node, its pkg/tools/finish.mjs); wasm-opt is skipped, since
// it changes size and speed, not verdicts. The build is kept between runs and
// redone when the commit changes. Nothing of the old tree is committed.
//
//   import { loadPrevious } from './previous.mjs';
//   const { jejak, release } = loadPrevious(root);   // jejak: the old package's exports
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** What the previous release was: its commit, engine and pack versions. */
export const RELEASE = JSON.parse(readFileSync(join(here, 'previous-release.json'), 'utf8'));

const run = (cmd, args, opts) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });

/**
 * Builds (or reuses) the previous release and loads its Node entry. Throws
 * with a clear message when the commit is not in this clone's history.
 */
export function loadPrevious(root) {
  const base = join(root, 'target', 'eval', 'previous');
  const tree = join(base, RELEASE.commit.slice(0, 12));
  const pkg = join(tree, 'pkg');
  const stamp = join(tree, '.built');
  if (!existsSync(stamp)) {
    try {
      execFileSync('git', ['-C', root, 'cat-file', '-e', `${RELEASE.commit}^{commit}`], { stdio: 'ignore' });
    } catch {
      throw new Error(
        `make eval compares with the previous release, commit ${RELEASE.commit} (tests/eval/previous-release.json), ` +
          'which is not in this clone: fetch the full history (git fetch --unshallow) and run again',
      );
    }
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    process.stderr.write(`eval: building the previous release ${RELEASE.engine} (pack ${RELEASE.pack}, commit ${RELEASE.commit.slice(0, 12)})\n`);
    const archive = execFileSync('git', ['-C', root, 'archive', '--format=tar', RELEASE.commit], { maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', tree], { input: archive });
    const env = { ...process.env, CARGO_TARGET_DIR: join(base, 'target') };
    run('cargo', ['build', '--locked', '--profile', 'wasm', '--target', 'wasm32-unknown-unknown', '--lib'], { cwd: tree, env });
    const wasm = join(base, 'target', 'wasm32-unknown-unknown', 'wasm', 'jejak.wasm');
    const dist = join(pkg, 'dist');
    rmSync(dist, { recursive: true, force: true });
    run('wasm-bindgen', ['--target', 'web', '--weak-refs', '--omit-default-module-path', '--out-dir', join(dist, 'web'), '--out-name', 'jejak', wasm]);
    run('wasm-bindgen', ['--target', 'nodejs', '--weak-refs', '--out-dir', join(dist, 'node'), '--out-name', 'jejak', wasm]);
    // What its Makefile's wasm-opt step leaves: one module in dist/.
    cpSync(join(dist, 'web', 'jejak_bg.wasm'), join(dist, 'jejak_bg.wasm'));
    for (const dir of ['web', 'node']) {
      for (const f of readdirSync(join(dist, dir))) {
        if (f === 'jejak_bg.wasm' || f === 'jejak_bg.wasm.d.ts' || f === 'jejak.d.ts') rmSync(join(dist, dir, f));
      }
    }
    run(process.execPath, [join(pkg, 'tools', 'finish.mjs')], { cwd: tree });
    writeFileSync(stamp, `${RELEASE.commit}\n`);
  }
  const jejak = createRequire(join(pkg, 'package.json'))(pkg);
  if (jejak.engineVersion !== RELEASE.engine) {
    throw new Error(`the previous release built as engine ${jejak.engineVersion}, not ${RELEASE.engine}: check previous-release.json`);
  }
  return { jejak, release: RELEASE };
}

/**
 * A transaction as a host on the previous release would send it: the
 * channels it did not know become their nearest older name (BI-FAST was a
 * bank transfer); the fields it did not know are ignored by it anyway.
 */
export function forPrevious(tx) {
  if (tx.channel === 'bi_fast') return { ...tx, channel: 'bank_transfer' };
  return tx;
}
