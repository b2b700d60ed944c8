#!/usr/bin/env node
// The demo's static file server: serves the repository root on 127.0.0.1 so
// that /www/ (the page) and /pkg/ (the npm package it imports) resolve.
// No dependencies.
//
//   node www/serve.mjs [--port N]      (or PORT=N; default 8080; 0 = any free port)
//
// Tests start it in-process:
//
//   import { startServer } from './www/serve.mjs';
//   const { url, close } = await startServer({ port: 0 });   // url: http://127.0.0.1:PORT/www/
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_ROOT = resolve(HERE, '..');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ndjson': 'application/x-ndjson; charset=utf-8',
  '.jsonl': 'application/x-ndjson; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

function send(res, status, text, headers = {}) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/**
 * Starts the server. `port`: 0 for any free port; `root`: the directory served
 * (default: the repository root). Resolves to `{ url, port, close }`, where
 * `url` is the page (`http://127.0.0.1:PORT/www/`) and `close()` drops open
 * connections and stops listening.
 */
export function startServer({ port = 8080, root = DEFAULT_ROOT } = {}) {
  const base = normalize(resolve(root) + sep);
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed\n', { allow: 'GET, HEAD' });
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return send(res, 400, 'bad request\n');
    }
    if (pathname === '/' || pathname === '/www') return send(res, 302, 'see /www/\n', { location: '/www/' });
    if (pathname.includes('\0')) return send(res, 400, 'bad request\n');
    let file = normalize(join(base, pathname));
    if (!file.startsWith(base)) return send(res, 403, 'forbidden\n');
    // Dot files and directories (.git, .env, …) are never served.
    if (file.slice(base.length).split(sep).some((part) => part.startsWith('.'))) return send(res, 404, 'not found\n');
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!pathname.endsWith('/')) return send(res, 301, 'moved\n', { location: pathname + '/' });
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 404, 'not found\n');
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const actual = server.address().port;
      resolvePromise({
        url: `http://127.0.0.1:${actual}/www/`,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

function portFromArgs(argv, env) {
  let value = env.PORT;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') value = argv[++i];
    else if (arg.startsWith('--port=')) value = arg.slice('--port='.length);
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write('usage: node www/serve.mjs [--port N]   (or PORT=N; default 8080; 0 = any free port)\n');
      process.exit(0);
    } else {
      process.stderr.write(`serve.mjs: unknown argument ${arg}\n`);
      process.exit(2);
    }
  }
  if (value === undefined || value === '') return 8080;
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    process.stderr.write(`serve.mjs: the port must be a number from 0 to 65535, not ${JSON.stringify(value)}\n`);
    process.exit(2);
  }
  return Number(value);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = portFromArgs(process.argv.slice(2), process.env);
  try {
    const { url, close } = await startServer({ port });
    process.stdout.write(`jejak demo: ${url}\n`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (e) {
    process.stderr.write(`serve.mjs: cannot listen on 127.0.0.1:${port}: ${e.message}\n`);
    process.exit(1);
  }
}
