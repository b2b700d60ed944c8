#!/usr/bin/env node
// The `jejak` command: screen a file of transactions (NDJSON or CSV) and print
// a report, or validate an indicator pack. No dependencies beyond the package.
//
//   jejak screen <file.ndjson|file.csv|-> [--pack p.json] [--locale en|id]
//                [--format table|json|ndjson] [--top N] [--input ndjson|csv] [--progress]
//   jejak validate <pack.json>
//
// Input is streamed: records are read line by line and screened in batches,
// so memory does not grow with the file (except `--top` and the first rejected
// rows kept for the table).
import { once } from 'node:events';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Screener, JejakError, validatePack, engineVersion } from '../entries/node.mjs';

const BATCH = 256;
const PROGRESS_EVERY = 10_000;
/** Longest line (NDJSON) or record (CSV) accepted, in UTF-16 code units. */
const MAX_RECORD = 1 << 20;
const KEEP_REJECTED = 100;
const WRAP = 96;

const HELP = `jejak ${engineVersion}: screen payments against published, cited indicators of
child sexual exploitation finance and explain every flag.

Usage:
  jejak screen <file.ndjson|file.jsonl|file.csv|-> [options]
  jejak validate <pack.json|->
  jejak --help | --version

Options of screen:
  --pack <p.json>               indicator pack (default: the embedded default pack)
  --locale en|id                language of titles and explanations (default en)
  --format table|json|ndjson    output (default table)
  --top <N>                     flagged transactions shown in the table (default 5)
  --input ndjson|csv            input format; required for stdin (-), otherwise
                                taken from the extension
  --progress                    progress on stderr every ${PROGRESS_EVERY.toLocaleString('en-US')} rows
                                (default: only when stderr is a terminal)

CSV: a header row names the fields; dotted names are nested keys (sender.country);
an empty cell is an absent field; RFC 4180 quoting.

Exit status of screen: 0 when it ran, even with rejected rows; 1 on an unexpected
failure; 2 on unusable arguments, input file or pack.
Exit status of validate: 0 valid; 1 invalid pack; 2 unreadable file or bad arguments.

A flag is a reason to look, not evidence of a crime.
`;

/** Unusable arguments, input or pack: exit 2. */
class UsageError extends Error {}

const fmt = (n) => n.toLocaleString('en-US');
const at = (path) => (path === '' ? '/' : path);
const describe = (e) => `${e.code} at ${at(e.path)}: ${e.message}`;

/** `{code, path, message}` of a JejakError, without the ` (at path)` its message repeats. */
function errorInfo(e) {
  const suffix = ` (at ${e.path})`;
  const message = e.message.endsWith(suffix) ? e.message.slice(0, -suffix.length) : e.message;
  return { code: e.code, path: e.path, message };
}

/** Parses `args` against `spec` ({ '--name': 'value' | 'flag' }); returns { options, positional }. */
function parseArgs(args, spec) {
  const options = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option ${name}`);
    if (kind === 'flag') {
      if (eq !== -1) throw new UsageError(`${name} takes no value`);
      options[name] = true;
    } else {
      const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      options[name] = value;
    }
  }
  return { options, positional };
}

function oneOf(name, value, allowed) {
  if (!allowed.includes(value)) throw new UsageError(`${name} must be ${allowed.join(' or ')}, not ${JSON.stringify(value)}`);
  return value;
}

function readText(path, what) {
  try {
    return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${what} ${path}: ${e.message}`);
  }
}

// ---- validate ----

function validate(args) {
  const { options, positional } = parseArgs(args, { '--help': 'flag', '-h': 'flag' });
  if (options['--help'] || options['-h']) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positional.length !== 1) throw new UsageError('validate needs exactly one pack file');
  const text = readText(positional[0], 'pack');
  const report = validatePack(text);
  if (report.ok) {
    const p = report.pack;
    process.stdout.write(`ok ${p.id} ${p.version} (${p.indicators} indicators, digest ${p.digest.slice(0, 12)}…)\n`);
    return 0;
  }
  // validatePack reports the first error it finds.
  process.stdout.write(`${describe(report.error)}\n`);
  return 1;
}

// ---- input: lines and CSV records ----

/**
 * Splits a stream of bytes into physical lines (without the `\n`, with a
 * trailing `\r` if the file has one) and calls `onLine({ line, text, overflow })`.
 * A line longer than MAX_RECORD is not kept: it arrives with `overflow: true`.
 */
class LineSplitter {
  constructor(onLine) {
    this.onLine = onLine;
    this.decoder = new TextDecoder('utf-8'); // drops a leading BOM
    this.pending = '';
    this.overflow = false;
    this.line = 0;
  }
  push(bytes) {
    this.take(this.decoder.decode(bytes, { stream: true }));
  }
  end() {
    this.take(this.decoder.decode());
    if (this.pending !== '' || this.overflow) this.emit('');
  }
  take(text) {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.emit(text.slice(start, nl));
      start = nl + 1;
    }
    this.append(text.slice(start));
  }
  append(piece) {
    if (this.overflow) return;
    if (this.pending.length + piece.length > MAX_RECORD) {
      this.overflow = true;
      this.pending = '';
    } else {
      this.pending += piece;
    }
  }
  emit(piece) {
    this.append(piece);
    this.line++;
    this.onLine({ line: this.line, text: this.overflow ? '' : this.pending, overflow: this.overflow });
    this.pending = '';
    this.overflow = false;
  }
}

/**
 * RFC 4180 records from physical lines: quoted fields may hold commas, doubled
 * quotes and line breaks (kept as written, CRLF or LF). Calls
 * `onRecord(startLine, fields, error)`; `error` is `{ column, code, message }`.
 * A quoted field still open at the end of the file or after MAX_RECORD is
 * reported at the line where its record starts, and reading resumes on the
 * next line, so one stray quote costs one row.
 */
class CsvRecords {
  constructor(onRecord) {
    this.onRecord = onRecord;
    this.queue = [];
    this.busy = false;
    this.reset();
  }
  reset() {
    this.fields = [];
    this.field = '';
    this.inQuotes = false;
    this.error = null;
    this.lines = [];
    this.size = 0;
  }
  push(l) {
    this.queue.push(l);
    if (this.busy) return;
    this.busy = true;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        const rest = this.consume(this.queue[i]);
        if (rest) this.queue.splice(i + 1, 0, ...rest);
      }
    } finally {
      this.queue = [];
      this.busy = false;
    }
  }
  end() {
    while (this.inQuotes) {
      const rest = this.fail('by the end of the file');
      for (const l of rest) this.push(l);
    }
  }
  /** Abandons the open record; returns its lines after the first, to read again. */
  fail(why) {
    const column = this.fields.length;
    this.onRecord(this.lines[0].line, this.fields, {
      column,
      code: 'invalid_transaction',
      message: `the quoted field in column ${column + 1} is not closed ${why}`,
    });
    const rest = this.lines.slice(1);
    this.reset();
    return rest;
  }
  consume(l) {
    this.lines.push(l);
    this.size += l.text.length;
    if (l.overflow) {
      if (this.lines.length > 1) return this.fail(`before line ${l.line}, which is too long`);
      this.onRecord(l.line, null, { column: -1, code: 'limit_exceeded', message: `line longer than ${fmt(MAX_RECORD)} characters` });
      this.reset();
      return null;
    }
    if (this.size > MAX_RECORD) return this.fail(`within ${fmt(MAX_RECORD)} characters`);
    if (this.parse(l.text)) {
      this.onRecord(this.lines[0].line, this.fields, this.error);
      this.reset();
    }
    return null;
  }
  /** Parses one physical line into the open record; true when the record is complete. */
  parse(text) {
    let end = text.length;
    if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
    let i = 0;
    for (;;) {
      if (this.inQuotes) {
        const q = text.indexOf('"', i);
        if (q === -1 || q >= end) {
          this.field += text.slice(i) + '\n'; // the line break belongs to the field
          return false;
        }
        this.field += text.slice(i, q);
        if (q + 1 < end && text.charCodeAt(q + 1) === 34) {
          this.field += '"';
          i = q + 2;
          continue;
        }
        this.inQuotes = false;
        this.fields.push(this.field);
        this.field = '';
        i = q + 1;
        if (i === end) return true;
        if (text.charCodeAt(i) !== 44) {
          return this.bad(`unexpected text after the closing quote of column ${this.fields.length}`, this.fields.length - 1);
        }
        i++;
        continue;
      }
      if (i < end && text.charCodeAt(i) === 34) {
        this.inQuotes = true;
        i++;
        continue;
      }
      let c = text.indexOf(',', i);
      if (c === -1 || c > end) c = end;
      const value = text.slice(i, c);
      if (value.includes('"')) {
        return this.bad(`a quote inside an unquoted field in column ${this.fields.length + 1} (quote the field and double the quote)`, this.fields.length);
      }
      this.fields.push(value);
      if (c === end) return true;
      i = c + 1;
    }
  }
  bad(message, column) {
    this.error ??= { column, code: 'invalid_transaction', message };
    return true; // the rest of the line is dropped with the record
  }
}

const BOOLEAN_FIELDS = new Set(['sender.isMinor', 'receiver.isNew']);
const NUMBER_FIELDS = new Set(['sender.accountAgeDays']);
const pointer = (segments) => segments.map((s) => '/' + s.replaceAll('~', '~0').replaceAll('/', '~1')).join('');

/** Columns of a CSV header: where each cell goes in the transaction object. */
function csvColumns(names, line) {
  const columns = names.map((raw) => {
    const name = raw.trim();
    const segments = name.split('.');
    const skip = name === '' || segments.some((s) => s === '' || s === '__proto__');
    return {
      name,
      segments,
      skip,
      pointer: skip ? '' : pointer(segments),
      type: BOOLEAN_FIELDS.has(name) ? 'boolean' : NUMBER_FIELDS.has(name) ? 'number' : 'string',
    };
  });
  const used = columns.filter((c) => !c.skip);
  const names_ = new Set();
  for (const c of used) {
    if (names_.has(c.name)) throw new UsageError(`CSV header (line ${line}): column ${c.name} appears twice`);
    names_.add(c.name);
  }
  for (const c of used) {
    for (let k = 1; k < c.segments.length; k++) {
      const parent = c.segments.slice(0, k).join('.');
      if (names_.has(parent)) throw new UsageError(`CSV header (line ${line}): column ${parent} conflicts with ${c.name}`);
    }
  }
  return columns;
}

const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/** A transaction object from CSV cells; cells of the wrong type pass through for the engine to report. */
function csvTransaction(columns, fields) {
  const tx = {};
  for (let i = 0; i < columns.length; i++) {
    const value = fields[i];
    const col = columns[i];
    if (value === '' || col.skip) continue;
    let target = tx;
    const last = col.segments.length - 1;
    for (let k = 0; k < last; k++) target = target[col.segments[k]] ??= {};
    let typed = value;
    if (col.type === 'boolean') {
      const lower = value.toLowerCase();
      if (lower === 'true') typed = true;
      else if (lower === 'false') typed = false;
    } else if (col.type === 'number' && NUMBER.test(value)) {
      typed = Number(value);
    }
    target[col.segments[last]] = typed;
  }
  return tx;
}

// ---- output ----

let out = '';
async function flushOut() {
  if (out === '') return;
  const ok = process.stdout.write(out);
  out = '';
  if (!ok) await once(process.stdout, 'drain');
}

function wrap(text, indent) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line !== '' && indent.length + line.length + 1 + word.length > WRAP) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

class Report {
  constructor({ format, top, pack, source }) {
    this.format = format;
    this.top = top;
    this.pack = pack;
    this.source = source;
    this.rows = 0;
    this.screened = 0;
    this.rejected = 0;
    this.levels = { high: 0, review: 0, low: 0, none: 0 };
    this.indicators = new Map();
    this.best = [];
    this.bad = [];
    this.started = performance.now();
    if (format === 'json') out += `{"pack":${JSON.stringify(pack)},"rows":[`;
  }
  row(line, id, result) {
    this.rows++;
    if (result.ok) {
      this.screened++;
      this.levels[result.verdict.level]++;
    } else {
      this.rejected++;
    }
    if (this.format === 'table') return this.tableRow(line, result);
    const row = result.ok
      ? { line, id: result.verdict.transactionId, ok: true, verdict: result.verdict }
      : { line, id, ok: false, error: result.error };
    if (this.format === 'json') out += (this.rows === 1 ? '\n' : ',\n') + JSON.stringify(row);
    else out += JSON.stringify(row) + '\n';
  }
  tableRow(line, result) {
    if (!result.ok) {
      if (this.bad.length < KEEP_REJECTED) this.bad.push({ line, error: result.error });
      return;
    }
    const v = result.verdict;
    for (const f of v.flags) {
      const seen = this.indicators.get(f.indicator);
      if (seen) seen.n++;
      else this.indicators.set(f.indicator, { n: 1, title: f.title });
    }
    if (v.flags.length === 0 || this.top === 0) return;
    const best = this.best;
    if (best.length === this.top && v.score <= best[best.length - 1].verdict.score) return;
    let k = best.length;
    while (k > 0 && best[k - 1].verdict.score < v.score) k--;
    best.splice(k, 0, { line, verdict: v });
    if (best.length > this.top) best.pop();
  }
  counts() {
    const { rows, screened, rejected, levels } = this;
    return { rows, screened, rejected, levels };
  }
  finish() {
    const ms = performance.now() - this.started;
    if (this.format === 'json') out += `${this.rows ? '\n' : ''}],"counts":${JSON.stringify(this.counts())}}\n`;
    if (this.format === 'table') out += this.table(ms);
  }
  table(ms) {
    const p = this.pack;
    const o = [];
    const rate = ms > 0 ? Math.round((this.rows * 1000) / ms) : 0;
    o.push(`jejak ${engineVersion} — pack ${p.id} ${p.version} (${p.indicators} indicators, digest ${p.digest.slice(0, 12)}…)`);
    o.push(
      `${this.source}: ${fmt(this.rows)} rows, ${fmt(this.screened)} screened, ${fmt(this.rejected)} rejected, ` +
        `in ${ms.toFixed(1)} ms (${fmt(rate)} rows/s)`,
    );
    o.push('', 'Levels');
    for (const level of ['high', 'review', 'low', 'none']) {
      const n = this.levels[level];
      const bar = '█'.repeat(Math.ceil((n * 50) / Math.max(this.screened, 1)));
      o.push(`  ${level.padEnd(7)} ${String(n).padStart(7)}  ${bar}`);
    }
    const frequent = [...this.indicators].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    o.push('', 'Most frequent indicators');
    if (frequent.length === 0) o.push('  (none)');
    for (const [id, { n, title }] of frequent) o.push(`  ${id.padEnd(18)} ${String(n).padStart(7)}  ${title}`);
    if (this.top > 0) {
      o.push('', `Top ${this.top} flagged transactions`);
      if (this.best.length === 0) o.push('  (none)');
      const cited = new Map();
      for (const { line, verdict: v } of this.best) {
        o.push('', `  line ${line}  ${v.transactionId ?? '-'}  score ${v.score}  ${v.level.toUpperCase()}`);
        for (const f of v.flags.slice(0, 4)) {
          const refs = f.sources.map((s) => {
            const key = `${s.publisher} ${s.year} ${s.title} ${s.url}`;
            if (!cited.has(key)) cited.set(key, { n: cited.size + 1, s });
            return `[${cited.get(key).n}] ${s.publisher} ${s.year} (${s.grade})`;
          });
          o.push(`    +${String(f.weight).padEnd(2)} ${f.indicator}  ${f.title}`);
          o.push(wrap(`sources: ${refs.join('; ')}`, '        '));
          o.push(wrap(f.explanation, '        '));
          for (const e of f.evidence) {
            if (e.kind === 'text') {
              const via = e.transforms.length ? ` via ${e.transforms.join('+')}` : '';
              o.push(`        ${e.field} ${e.start}..${e.end} ${JSON.stringify(e.text)} = term ${JSON.stringify(e.term)}${via}`);
            } else if (e.kind === 'pattern') {
              o.push(`        ${e.field} ${e.start}..${e.end} ${JSON.stringify(e.text)} = ${e.pattern}`);
            }
          }
        }
        if (v.flags.length > 4) o.push(`    … and ${v.flags.length - 4} more flags`);
      }
      if (cited.size > 0) {
        o.push('', 'Sources cited above (grade A: read on the publisher\'s page; B: read in a secondary source)');
        for (const { n, s } of cited.values()) {
          o.push(wrap(`[${n}] ${s.publisher} (${s.year}), ${s.title}. Grade ${s.grade}.`, '  '), `      ${s.url}`);
        }
      }
    }
    if (this.rejected > 0) {
      o.push('', 'Rejected rows');
      for (const { line, error } of this.bad) o.push(`  line ${line}: ${describe(error)}`);
      if (this.rejected > this.bad.length) {
        o.push(`  … and ${fmt(this.rejected - this.bad.length)} more (--format ndjson lists them all)`);
      }
    }
    o.push('', 'A flag is a reason to look, not evidence of a crime.');
    return o.join('\n') + '\n';
  }
}

// ---- screen ----

async function screen(args) {
  const { options, positional } = parseArgs(args, {
    '--pack': 'value',
    '--locale': 'value',
    '--format': 'value',
    '--top': 'value',
    '--input': 'value',
    '--progress': 'flag',
    '--help': 'flag',
    '-h': 'flag',
  });
  if (options['--help'] || options['-h']) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positional.length !== 1) throw new UsageError('screen needs exactly one input file (or - for stdin)');
  const file = positional[0];
  const locale = oneOf('--locale', options['--locale'] ?? 'en', ['en', 'id']);
  const format = oneOf('--format', options['--format'] ?? 'table', ['table', 'json', 'ndjson']);
  const topText = options['--top'] ?? '5';
  if (!/^\d+$/.test(topText)) throw new UsageError(`--top must be a whole number, not ${JSON.stringify(topText)}`);
  const top = Number(topText);
  let input = options['--input'];
  if (input !== undefined) oneOf('--input', input, ['ndjson', 'csv']);
  else if (file === '-') throw new UsageError('reading stdin needs --input ndjson or --input csv');
  else {
    const ext = extname(file).toLowerCase();
    input = ext === '.csv' ? 'csv' : ext === '.ndjson' || ext === '.jsonl' ? 'ndjson' : undefined;
    if (!input) throw new UsageError(`cannot tell the format of ${file} from its extension: use --input ndjson or --input csv`);
  }

  let pack = null;
  if (options['--pack'] !== undefined) {
    const where = options['--pack'];
    if (where === '-' && file === '-') throw new UsageError('the pack and the transactions cannot both come from stdin');
    pack = readText(where, 'pack');
    const report = validatePack(pack);
    if (!report.ok) throw new UsageError(`invalid pack ${where}: ${describe(report.error)}`);
  }
  let screener;
  try {
    screener = new Screener(pack, { locale });
  } catch (e) {
    if (e instanceof JejakError) throw new UsageError(`${options['--pack'] ?? 'default pack'}: ${describe(errorInfo(e))}`);
    throw e;
  }

  let stream;
  if (file === '-') {
    stream = process.stdin;
  } else {
    try {
      if (statSync(file).isDirectory()) throw new UsageError(`${file} is a directory`);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot read ${file}: ${e.message}`);
    }
    stream = createReadStream(file, { highWaterMark: 1 << 16 });
    try {
      await once(stream, 'open');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${e.message}`);
    }
  }

  const report = new Report({ format, top, pack: screener.pack, source: file === '-' ? 'stdin' : file });
  const progress = options['--progress'] || process.stderr.isTTY;
  const tty = process.stderr.isTTY;
  let nextProgress = PROGRESS_EVERY;

  // Rows waiting to be screened: { line, id, input } or { line, id, error }.
  let batch = [];
  const screenBatch = () => {
    const inputs = [];
    for (const r of batch) if (!r.error) inputs.push(r.input);
    const results = inputs.length ? screener.screenMany(inputs) : [];
    let k = 0;
    for (const r of batch) {
      if (r.error) report.row(r.line, r.id, { ok: false, error: r.error });
      else {
        const result = results[k++];
        report.row(r.line, result.ok ? result.verdict.transactionId : idOf(r), result);
      }
    }
    batch = [];
    if (progress && report.rows >= nextProgress) {
      const secs = (performance.now() - report.started) / 1000;
      const msg = `jejak: ${fmt(report.rows)} rows, ${fmt(report.rejected)} rejected, ${fmt(Math.round(report.rows / secs))} rows/s`;
      process.stderr.write(tty ? `\r${msg}\x1b[K` : `${msg}\n`);
      nextProgress = (Math.floor(report.rows / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
    }
  };
  const idOf = (r) => {
    if (r.id !== undefined) return r.id;
    try {
      const id = JSON.parse(r.input)?.id;
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  };

  let feed;
  let finishInput = () => {};
  if (input === 'ndjson') {
    feed = ({ line, text, overflow }) => {
      if (overflow) {
        batch.push({ line, id: null, error: { code: 'limit_exceeded', path: '', message: `line longer than ${fmt(MAX_RECORD)} characters` } });
      } else if (text.trim() !== '') {
        batch.push({ line, input: text });
      }
    };
  } else {
    let columns = null;
    let idColumn = -1;
    const records = new CsvRecords((line, fields, error) => {
      const blank = fields && fields.length === 1 && fields[0] === '' && !error;
      if (columns === null) {
        if (error) throw new UsageError(`CSV header (line ${line}): ${error.message}`);
        if (blank) return;
        columns = csvColumns(fields, line);
        idColumn = columns.findIndex((c) => c.name === 'id');
        return;
      }
      if (blank) return;
      const id = fields && idColumn >= 0 && fields[idColumn] ? fields[idColumn] : null;
      if (error) {
        const path = columns[error.column]?.pointer ?? '';
        batch.push({ line, id, error: { code: error.code, path, message: error.message } });
      } else if (fields.length !== columns.length) {
        const message = `the row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${columns.length}`;
        batch.push({ line, id, error: { code: 'invalid_transaction', path: '', message } });
      } else {
        batch.push({ line, id, input: csvTransaction(columns, fields) });
      }
    });
    feed = (l) => records.push(l);
    finishInput = () => records.end();
  }

  const lines = new LineSplitter(feed);
  for await (const chunk of stream) {
    lines.push(chunk);
    if (batch.length >= BATCH) screenBatch();
    await flushOut();
  }
  lines.end();
  finishInput();
  screenBatch();
  if (progress && tty && report.rows >= PROGRESS_EVERY) process.stderr.write('\r\x1b[K');
  report.finish();
  await flushOut();
  return 0;
}

// ---- main ----

async function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      process.stderr.write(HELP);
      return 2;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(HELP);
      return 0;
    case '-V':
    case '-v':
    case '--version':
    case 'version':
      process.stdout.write(`${engineVersion}\n`);
      return 0;
    case 'screen':
      return screen(rest);
    case 'validate':
      return validate(rest);
    default:
      throw new UsageError(command.startsWith('-') ? `unknown option ${command}` : `unknown command ${command}`);
  }
}

process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0); // the reader went away (| head)
  process.stderr.write(`jejak: cannot write output: ${e.message}\n`);
  process.exit(1);
});

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`jejak: ${e.message}\n(jejak --help lists the commands and options)\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`jejak: unexpected failure: ${e?.stack ?? e}\n`);
    process.exitCode = 1;
  }
}
