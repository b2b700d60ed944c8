// Helpers for the browser consumer tests: a tiny static file server on the
// loopback interface, and a headless Chromium (Debian's, driven by
// playwright-core) that opens a page and reads the string it publishes.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1 at an ephemeral port. Resolves to
 * `{ url, close }`; `close()` drops open connections and stops listening.
 */
export function serveStatic(root) {
  const base = normalize(root + sep);
  const server = createServer(async (req, res) => {
    try {
      const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, pathname));
      if (!file.startsWith(base)) throw Object.assign(new Error('outside root'), { status: 403 });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(e.status ?? 404, { 'content-type': 'text/plain' });
      res.end(String(e.message));
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, headless, with the flags this offline machine needs. */
export function launchChromium() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens `url` in headless Chromium and returns the string the page stores in
 * `window.__result`. The page reports a failure through `window.__error`;
 * console errors, page errors and failed requests are added to the error
 * message so a broken page explains itself. The browser is always closed.
 */
export async function pageResult(url, { ms = 30_000 } = {}) {
  const browser = await launchChromium();
  const log = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') log.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => log.push(`pageerror: ${e.stack ?? e.message}`));
    page.on('requestfailed', (r) => log.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) log.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    await page.goto(url, { timeout: ms });
    try {
      await page.waitForFunction(() => window.__result !== undefined || window.__error !== undefined, null, {
        timeout: ms,
      });
    } catch (e) {
      throw new Error(`page published no result within ${ms} ms\n${log.join('\n')}`);
    }
    const { result, error } = await page.evaluate(() => ({ result: window.__result, error: window.__error }));
    if (error !== undefined) throw new Error(`page failed: ${error}\n${log.join('\n')}`);
    // The wasm must have come from the server as application/wasm (see the
    // warnings wasm-bindgen prints when it falls back), so no warnings.
    const warnings = log.filter((l) => l.startsWith('console.warning') || l.startsWith('pageerror'));
    if (warnings.length) throw new Error(`page logged problems:\n${warnings.join('\n')}`);
    return result;
  } finally {
    await browser.close();
  }
}
