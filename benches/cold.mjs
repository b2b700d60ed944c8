// Cold start outside Node, for `make bench` (benches/compare.mjs): the
// package in Debian's Chromium (through playwright-core) and in workerd
// (through miniflare), each fresh every run.
//
// * Chromium: a new browser context per run (no shared HTTP cache), a page
//   served from 127.0.0.1 that imports the browser entry, builds
//   `new Screener()` and screens one payment, timing each step with
//   performance.now(). What a page that screens pays the first time.
// * workerd: a new Miniflare per run with a Worker bundled as wrangler
//   bundles it (the workerd entry, its .wasm a compiled module). Inside a
//   Worker the clock stands still while code runs, so the times are taken
//   outside: `ready` (workerd starts, compiles the module and evaluates the
//   Worker), the first request (`new Screener()` and the first screen) and
//   a warm request (one screen), each over HTTP on 127.0.0.1.
//
//   import { coldChromium, coldWorkerd } from './cold.mjs';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TX = { amount: '50', currency: 'AUD', timestamp: '2026-11-20T02:10:00+10:00', memo: 'school fees', sender: { country: 'AU' }, receiver: { country: 'PH' } };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const medians = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));

/** Median import, new Screener(), first screen and total ms of `runs` fresh pages in Chromium. */
export async function coldChromium(root, { runs = 7, web }) {
  const dir = join(root, 'target', 'bench', 'cold');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>cold start</title>
<script type="module">
const t0 = performance.now();
const { Screener } = await import('/pkg/entries/browser.mjs');
const t1 = performance.now();
const s = new Screener();
const t2 = performance.now();
s.screen(${JSON.stringify(TX)});
const t3 = performance.now();
window.__result = JSON.stringify({ importMs: t1 - t0, newMs: t2 - t1, firstScreenMs: t3 - t2, totalMs: t3 - t0 });
</script>`,
  );
  const server = await web.serveStatic(root);
  const browser = await web.launchChromium();
  const all = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}target/bench/cold/index.html`);
      await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 30_000 });
      all.push(JSON.parse(await page.evaluate(() => window.__result)));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { runs, ...medians(all) };
}

/** Median ready, first-request and warm-request ms of `runs` fresh workerd instances. */
export async function coldWorkerd(root, { runs = 5, Miniflare, workerModules }) {
  const dir = mkdtempSync(join(tmpdir(), 'jejak-cold-workerd-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(root, 'pkg'), join(dir, 'node_modules', 'jejak'), 'dir');
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    writeFileSync(
      join(dir, 'worker.mjs'),
      `import { Screener } from 'jejak';
let screener;
export default {
  async fetch() {
    screener ??= new Screener();
    return new Response(screener.screen(${JSON.stringify(TX)}).level);
  },
};
`,
    );
    const modules = await workerModules(dir, 'worker.mjs');
    const all = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const mf = new Miniflare({ modules, compatibilityDate: '2024-09-23', host: '127.0.0.1', port: 0 });
      try {
        const url = await mf.ready;
        const t1 = performance.now();
        await (await fetch(url)).text();
        const t2 = performance.now();
        await (await fetch(url)).text();
        const t3 = performance.now();
        all.push({ readyMs: t1 - t0, firstRequestMs: t2 - t1, warmRequestMs: t3 - t2 });
      } finally {
        await mf.dispose();
      }
    }
    return { runs, ...medians(all) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
