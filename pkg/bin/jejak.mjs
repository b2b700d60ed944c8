#!/usr/bin/env node
// The `jejak` command: screen a file of transactions (NDJSON or CSV) and print
// a report, or validate an indicator pack. No dependencies beyond the package.
//
//   jejak screen <file.ndjson|file.csv|-> [--pack p.json] [--locale en|id]
//                [--format table|json|ndjson] [--top N] [--input ndjson|csv] [--progress]
//   jejak validate <pack.json> [--strict]
//
// Input is streamed: records are read line by line and screened in batches,
// so memory does not grow with the file (except `--top` and the first rejected
// rows kept for the table).
import { once } from 'node:events';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Screener, JejakError, validatePack, engineVersion } from '../entries/node.mjs';
import { RecordReader, CsvHeaderError, describeError as describe } from '../lib/records.mjs';

const BATCH = 256;
const PROGRESS_EVERY = 10_000;
const KEEP_REJECTED = 100;
const WRAP = 96;

const HELP = `jejak ${engineVersion}: screen payments against published, cited indicators of
child sexual exploitation finance and explain every flag.

Usage:
  jejak screen <file.ndjson|file.jsonl|file.csv|-> [options]
  jejak validate <pack.json|-> [--strict]
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
validate also warns about indicators that count one fact twice (Pack::lint);
--strict makes a warning fail (exit 1).

Exit status of validate: 0 valid; 1 invalid pack (or, with --strict, a
warning); 2 unreadable file or bad arguments.

A flag is a reason to look, not evidence of a crime.
`;

/** Unusable arguments, input or pack: exit 2. */
class UsageError extends Error {}

const fmt = (n) => n.toLocaleString('en-US');

/** `{ code, path, message }` of a JejakError (its message is the message alone). */
function errorInfo(e) {
  return { code: e.code, path: e.path, message: e.message };
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
  const { options, positional } = parseArgs(args, { '--help': 'flag', '-h': 'flag', '--strict': 'flag' });
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
    // A pack that counts one fact twice still loads; say so, and fail with
    // --strict (what a pack publisher's CI should run).
    for (const l of report.lint) process.stdout.write(`warning: ${l.code}: ${l.message}\n`);
    return report.lint.length && options['--strict'] ? 1 : 0;
  }
  // validatePack reports the first error it finds.
  process.stdout.write(`${describe(report.error)}\n`);
  return 1;
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
    const width = Math.max(18, ...frequent.map(([id]) => id.length));
    for (const [id, { n, title }] of frequent) o.push(`  ${id.padEnd(width)} ${String(n).padStart(7)}  ${title}`);
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
            // The publisher's own indicator id first, when the pack gives it.
            return `[${cited.get(key).n}] ${s.ref ? `${s.ref} · ` : ''}${s.publisher} ${s.year} (${s.grade})`;
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

  // Rows waiting to be screened: { line, id, tx }, { line, text } or { line, id, error } (lib/records.mjs).
  let batch = [];
  const screenBatch = () => {
    const inputs = [];
    for (const r of batch) if (!r.error) inputs.push(r.tx ?? r.text);
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
  /** The id of a row the engine rejected: its CSV `id` cell, or the `id` of its NDJSON line. */
  const idOf = (r) => {
    if (r.id !== undefined) return r.id;
    try {
      const id = JSON.parse(r.text)?.id;
      return typeof id === 'string' ? id : null;
    } catch {
      return null;
    }
  };

  const reader = new RecordReader(input, (row) => batch.push(row));
  try {
    for await (const chunk of stream) {
      reader.write(chunk);
      if (batch.length >= BATCH) screenBatch();
      await flushOut();
    }
    reader.end();
  } catch (e) {
    if (e instanceof CsvHeaderError) throw new UsageError(e.message);
    throw e;
  }
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
