// The batch screener: a module Web Worker, so a file of thousands of
// transactions is screened without blocking the page.
//
// Started by the page with
//   new Worker(new URL('./batch-worker.js', import.meta.url), { type: 'module' })
//
// Messages in:
//   { type: 'run', runId, text, format: 'csv'|'ndjson', pack: string|null, locale: 'en'|'id', chunk }
//   (the page picks the format from the file's name or first character)
// Messages out:
//   { type: 'ready', engine }                       the package has loaded
//   { type: 'start', runId, total }                 the file is read; `total` rows to screen
//   { type: 'rows', runId, rows, done, total }      one chunk of results, in file order:
//        { line, id, ok: true, verdict, tx } or { line, id, ok: false, error: { code, path, message } }
//   { type: 'done', runId, done, total, ms }
//   { type: 'fail', runId, message }                the file or the pack cannot be used at all
//
// Import maps do not apply inside workers, so the package is imported by URL.
// The import is dynamic and the message handler is installed first: a message
// that arrives while a module worker is still awaiting a static import of a
// module with top-level await would find no handler and be lost. The file
// reader (`jejak/records`, the same rules as `jejak screen`) has no top-level
// await, so it is imported statically.
import { readRecords } from '/pkg/lib/records.mjs';

const jejak = import('/pkg/entries/browser.mjs');

/** Screeners by pack text and locale; building one compiles the pack's term automaton. */
let cache = { key: null, screener: null };

function screenerFor(Screener, pack, locale) {
  const key = `${locale}\u0000${pack ?? ''}`;
  if (cache.key !== key) {
    cache.screener?.free();
    cache = { key, screener: new Screener(pack, { locale }) };
  }
  return cache.screener;
}

/** The transaction of an NDJSON line as the page shows it (text search, "open in the form"); null when unreadable. */
function txOf(text) {
  try {
    const tx = JSON.parse(text);
    return tx && typeof tx === 'object' && !Array.isArray(tx) ? tx : null;
  } catch {
    return null;
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg?.type !== 'run') return;
  const { runId, text, pack = null, locale = 'en' } = msg;
  const chunk = Math.max(1, msg.chunk ?? 100);
  const started = performance.now();
  let rows;
  let screener;
  try {
    const { Screener, JejakError } = await jejak;
    // A custom pack comes as JSON text, which the pack tools compile; the
    // default pack needs only the runtime.
    if (pack !== null) await import('/pkg/entries/tools-browser.mjs');
    try {
      screener = screenerFor(Screener, pack, locale);
    } catch (e) {
      if (!(e instanceof JejakError)) throw e;
      self.postMessage({ type: 'fail', runId, message: `${e.code} at ${e.path || '/'}: ${e.message}` });
      return;
    }
    rows = readRecords(text, msg.format);
  } catch (e) {
    self.postMessage({ type: 'fail', runId, message: String(e?.message ?? e) });
    return;
  }

  const total = rows.length;
  self.postMessage({ type: 'start', runId, total });
  for (let from = 0; from < total; from += chunk) {
    const slice = rows.slice(from, from + chunk);
    const inputs = [];
    for (const r of slice) if (!r.error) inputs.push(r.tx ?? r.text);
    const results = inputs.length ? screener.screenMany(inputs) : [];
    let k = 0;
    const out = slice.map((r) => {
      if (r.error) return { line: r.line, id: r.id, ok: false, error: r.error };
      const result = results[k++];
      const tx = r.tx ?? txOf(r.text);
      if (result.ok) return { line: r.line, id: result.verdict.transactionId, ok: true, verdict: result.verdict, tx };
      const id = r.id ?? (typeof tx?.id === 'string' ? tx.id : null);
      return { line: r.line, id, ok: false, error: result.error };
    });
    self.postMessage({ type: 'rows', runId, rows: out, done: Math.min(from + chunk, total), total });
  }
  self.postMessage({ type: 'done', runId, done: total, total, ms: performance.now() - started });
};

jejak.then(
  (m) => {
    try {
      screenerFor(m.Screener, null, 'en'); // compile the default pack while the page waits for a file
    } catch {
      // reported again, with its path, when a run builds its screener
    }
    self.postMessage({ type: 'ready', engine: m.engineVersion });
  },
  (e) => self.postMessage({ type: 'fail', runId: null, message: `the package did not load: ${e?.message ?? e}` }),
);
