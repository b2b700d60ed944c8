#!/usr/bin/env node
// The `jejak` command: screen a file of transactions (NDJSON or CSV) and print
// a report, or validate an indicator pack. No dependencies beyond the package.
//
//   jejak screen <file.ndjson|file.csv|-> [--pack p.json] [--locale en|id]
//                [--format table|json|ndjson] [--top N] [--input ndjson|csv] [--progress]
//                [--history [--history-key KEY]]
//   jejak validate <pack.json> [--strict]
//
// Input is streamed: records are read line by line and screened in batches,
// so memory does not grow with the file (except `--top` and the first rejected
// rows kept for the table). `--history` is the exception: it must sort the
// whole file by time before it can replay it, so it reads it all first.
import { once } from 'node:events';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Screener, JejakError, validatePack, engineVersion } from '../entries/node.mjs';
import { RecordReader, CsvHeaderError, describeError as describe } from '../lib/records.mjs';

const BATCH = 256;
const PROGRESS_EVERY = 10_000;
const KEEP_REJECTED = 100;
const WRAP = 96;
/** Accounts listed, and transactions per account, in the table of `--history`. */
const KEEP_ACCOUNTS = 20;
const KEEP_TIMELINE = 50;
const LEVELS = ['none', 'low', 'review', 'high'];
const REVIEW = LEVELS.indexOf('review');

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
  --history                     replay the file in timestamp order with each account's
                                history (sender.id, receiver.id) kept in memory, so the
                                history indicators can fire; then list the accounts that
                                reached review or high, each with its timeline. Reads the
                                whole file into memory first. Rows are reported in the
                                order replayed; rows without a usable timestamp first
  --history-key <key>           a secret, 16 to 1024 bytes, that keys the hashes of
                                account ids in the states (Screener option historyKey)

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
    /** With --history: what `History.summary()` gives, set before `finish`. */
    this.history = null;
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
    const history = this.history && JSON.stringify(this.history);
    if (this.format === 'json') {
      out += `${this.rows ? '\n' : ''}],"counts":${JSON.stringify(this.counts())}${history ? `,"history":${history}` : ''}}\n`;
    }
    // NDJSON: the rows, then one last line that is not a row.
    if (this.format === 'ndjson' && history) out += `{"history":${history}}\n`;
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
    if (this.history) {
      const h = this.history;
      o.push(`history: replayed in timestamp order; ${fmt(h.accounts)} accounts, largest state ${fmt(h.largestStateBytes)} bytes`);
    }
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
            } else if (e.kind === 'history') {
              const estimated = e.estimated ? ', estimated' : '';
              o.push(`        ${e.field}: ${e.measure} ${e.count} in ${e.window} (threshold ${e.threshold}${estimated})`);
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
    if (this.history) o.push(...this.timelines());
    if (this.rejected > 0) {
      o.push('', 'Rejected rows');
      // --history reports rows in time order; this list stays in file order.
      const bad = this.history ? [...this.bad].sort((a, b) => a.line - b.line) : this.bad;
      for (const { line, error } of bad) o.push(`  line ${line}: ${describe(error)}`);
      if (this.rejected > this.bad.length) {
        o.push(`  … and ${fmt(this.rejected - this.bad.length)} more (--format ndjson lists them all)`);
      }
    }
    o.push('', 'A flag is a reason to look, not evidence of a crime.');
    return o.join('\n') + '\n';
  }
  /** The table's lines for the accounts of --history that reached review or high. */
  timelines() {
    const { timelines } = this.history;
    const o = ['', `Accounts that reached review or high (${fmt(timelines.length)})`];
    if (timelines.length === 0) o.push('  (none)');
    for (const t of timelines.slice(0, KEEP_ACCOUNTS)) {
      const n = t.timeline.length;
      o.push('', `  ${t.account}  peak ${t.peakLevel.toUpperCase()}, score ${t.peakScore}, ${fmt(n)} transaction${n === 1 ? '' : 's'}`);
      // A long timeline (a busy payee) keeps only its transactions at review or high.
      let shown = t.timeline;
      if (n > KEEP_TIMELINE) {
        const raised = t.timeline.filter((e) => LEVELS.indexOf(e.level) >= REVIEW);
        shown = raised.slice(0, KEEP_TIMELINE);
        const first = shown.length < raised.length ? `the first ${fmt(shown.length)} of ` : '';
        o.push(`    (${first}its ${fmt(raised.length)} at review or high; --format json lists all ${fmt(n)})`);
      }
      const cells = shown.map((e) => [
        e.timestamp,
        e.role,
        `${e.amount} ${e.currency}`,
        e.counterparty === null ? '' : `${e.role === 'paid' ? 'to' : 'from'} ${e.counterparty}`,
        `score ${e.score}`,
        LEVELS.indexOf(e.level) >= REVIEW ? e.level.toUpperCase() : e.level,
        e.historyFlags.join(' '),
      ]);
      const widths = [0, 1, 2, 3, 4, 5].map((k) => Math.max(...cells.map((c) => c[k].length)));
      for (const c of cells) o.push(`    ${c.map((cell, k) => (k < 6 ? cell.padEnd(widths[k]) : cell)).join('  ')}`.trimEnd());
    }
    if (timelines.length > KEEP_ACCOUNTS) {
      const more = timelines.length - KEEP_ACCOUNTS;
      o.push('', `  … and ${fmt(more)} more account${more === 1 ? '' : 's'} (--format json lists them all)`);
    }
    return o;
  }
}

// ---- history ----

// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the form the engine accepts
// (src/transaction/mod.rs, Timestamp::parse), so that a row ordered here is a
// row the engine reads the same instant from.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const UNORDERED = 'not an RFC 3339 timestamp with a UTC offset, so the row cannot be put in time order';

/** Days from 0000-03-01 to a proleptic Gregorian date (the engine's civil_days). */
function civilDays(year, month, day) {
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
}

/**
 * The instant of an RFC 3339 timestamp as `{ sec, frac }`: whole seconds
 * (UTC) and the fraction's digits without trailing zeros, which compare as
 * strings. Null when the engine would not accept it either.
 */
function instant(text) {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  // Second 60 is a leap second, as RFC 3339 allows.
  if (days === undefined || day === 0 || day > days || hour > 23 || minute > 59 || second > 60) return null;
  let offset = 0;
  if (m[8] !== undefined) {
    const [oh, om] = [Number(m[9]), Number(m[10])];
    if (oh > 23 || om > 59) return null;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const sec = (civilDays(year, month, day) * 1440 + hour * 60 + minute - offset) * 60 + second;
  return { sec, frac: (m[7] ?? '').replace(/0+$/, '') };
}

const byInstant = (a, b) => a.at.sec - b.at.sec || (a.at.frac < b.at.frac ? -1 : a.at.frac > b.at.frac ? 1 : 0);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What --history needs of a transaction object before the engine has read it. */
function factsOf(tx) {
  const id = (party) => (isObject(party) && typeof party.id === 'string' ? party.id : undefined);
  return {
    timestamp: tx.timestamp,
    // As written; a JSON number prints as JavaScript reads it.
    amount: typeof tx.amount === 'string' || typeof tx.amount === 'number' ? String(tx.amount) : '?',
    currency: typeof tx.currency === 'string' ? tx.currency : '?',
    sender: id(tx.sender),
    receiver: id(tx.receiver),
  };
}

/**
 * The history flags of a verdict, by the side they are about:
 * `{ sender: ids, receiver: ids }`. A flag is a history flag when it has
 * history evidence, or names (indicator evidence) a history flag of the same
 * verdict; its sides are the `field`s of that evidence. One with no side
 * named counts for both.
 */
function historyFlags(verdict) {
  const byId = new Map(verdict.flags.map((f) => [f.indicator, f]));
  const memo = new Map();
  const sidesOf = (flag, visiting) => {
    if (memo.has(flag.indicator)) return memo.get(flag.indicator);
    visiting.add(flag.indicator);
    let sides = null;
    for (const e of flag.evidence) {
      let found = null;
      if (e.kind === 'history') found = e.field === 'sender' || e.field === 'receiver' ? [e.field] : [];
      else if (e.kind === 'indicator' && byId.has(e.value) && !visiting.has(e.value)) found = sidesOf(byId.get(e.value), visiting);
      if (found) sides = [...new Set([...(sides ?? []), ...found])];
    }
    visiting.delete(flag.indicator);
    memo.set(flag.indicator, sides);
    return sides;
  };
  const out = { sender: [], receiver: [] };
  for (const f of verdict.flags) {
    const sides = sidesOf(f, new Set());
    if (sides === null) continue;
    for (const side of sides.length ? sides : ['sender', 'receiver']) out[side].push(f.indicator);
  }
  return out;
}

/**
 * The accounts of one --history replay: one state per account id, passed as
 * `sender` when the account pays and as `receiver` when it is paid, and what
 * each of its transactions scored.
 */
class History {
  constructor() {
    /** Account id → its state, as the engine last returned it. */
    this.states = new Map();
    /** Account id → { peak, peakScore, items: [record, role, record, role, …] }. */
    this.accounts = new Map();
    this.largest = 0;
  }
  state(id) {
    return id === undefined ? undefined : this.states.get(id);
  }
  keep(id, bytes) {
    if (id === undefined || bytes === undefined) return;
    this.states.set(id, bytes);
    this.largest = Math.max(this.largest, bytes.byteLength);
  }
  record(line, facts, verdict) {
    const rec = {
      line,
      id: verdict.transactionId,
      facts,
      score: verdict.score,
      level: verdict.level,
      flags: historyFlags(verdict),
    };
    if (facts.sender !== undefined) this.add(facts.sender, rec, 'paid');
    if (facts.receiver !== undefined) this.add(facts.receiver, rec, 'received');
  }
  add(account, rec, role) {
    let a = this.accounts.get(account);
    if (!a) this.accounts.set(account, (a = { peak: 0, peakScore: 0, items: [] }));
    a.peak = Math.max(a.peak, LEVELS.indexOf(rec.level));
    a.peakScore = Math.max(a.peakScore, rec.score);
    a.items.push(rec, role);
  }
  /** `{ accounts, largestStateBytes, timelines }`: the accounts that reached review or high, highest score first. */
  summary() {
    const timelines = [];
    for (const [account, a] of this.accounts) {
      if (a.peak < REVIEW) continue;
      const timeline = [];
      for (let k = 0; k < a.items.length; k += 2) {
        const { line, id, facts: f, score, level, flags } = a.items[k];
        const role = a.items[k + 1];
        const counterparty = (role === 'paid' ? f.receiver : f.sender) ?? null;
        const historyFlags = role === 'paid' ? flags.sender : flags.receiver;
        timeline.push({ line, id, timestamp: f.timestamp, role, counterparty, amount: f.amount, currency: f.currency, score, level, historyFlags });
      }
      timelines.push({ account, peakLevel: LEVELS[a.peak], peakScore: a.peakScore, timeline });
    }
    timelines.sort((x, y) => y.peakScore - x.peakScore || (x.account < y.account ? -1 : x.account > y.account ? 1 : 0));
    return { accounts: this.states.size, largestStateBytes: this.largest, timelines };
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
    '--history': 'flag',
    '--history-key': 'value',
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
  const history = options['--history'] === true;
  const historyKey = options['--history-key'];
  if (historyKey !== undefined && !history) throw new UsageError('--history-key needs --history');
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
    screener = new Screener(pack, historyKey === undefined ? { locale } : { locale, historyKey });
  } catch (e) {
    if (e instanceof JejakError) {
      const what = e.code === 'invalid_option' && historyKey !== undefined ? '--history-key' : (options['--pack'] ?? 'default pack');
      throw new UsageError(`${what}: ${describe(errorInfo(e))}`);
    }
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
  const tick = () => {
    if (progress && report.rows >= nextProgress) {
      const secs = (performance.now() - report.started) / 1000;
      const msg = `jejak: ${fmt(report.rows)} rows, ${fmt(report.rejected)} rejected, ${fmt(Math.round(report.rows / secs))} rows/s`;
      process.stderr.write(tty ? `\r${msg}\x1b[K` : `${msg}\n`);
      nextProgress = (Math.floor(report.rows / PROGRESS_EVERY) + 1) * PROGRESS_EVERY;
    }
  };
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
    tick();
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

  /**
   * --history: screens `rows` (the whole file) in timestamp order, each
   * account's state kept in `accounts`. A stable sort: rows with the same
   * instant keep their file order.
   */
  const replay = async (rows) => {
    const accounts = new History();
    const placed = [];
    const unplaced = [];
    for (const row of rows) {
      let tx = row.tx;
      if (!row.error && tx === undefined) {
        try {
          tx = JSON.parse(row.text);
        } catch {
          tx = null; // the engine says why, below
        }
      }
      const at = !row.error && isObject(tx) && typeof tx.timestamp === 'string' ? instant(tx.timestamp) : null;
      if (at === null) unplaced.push(row);
      else placed.push({ row, at, facts: factsOf(tx) });
    }
    rows.length = 0;
    // Rows that cannot be put in time order come first, in file order; the
    // engine says what is wrong with them, as `screen` reports a bad row.
    for (let i = 0; i < unplaced.length; i += BATCH) {
      const part = unplaced.slice(i, i + BATCH);
      const inputs = [];
      for (const r of part) if (!r.error) inputs.push(r.tx ?? r.text);
      const results = inputs.length ? screener.screenMany(inputs) : [];
      let k = 0;
      for (const r of part) {
        let error = r.error;
        if (!error) {
          const result = results[k++];
          // Only if this reading and the engine's disagree on a timestamp.
          error = result.ok ? { code: 'invalid_transaction', path: '/timestamp', message: UNORDERED } : result.error;
        }
        report.row(r.line, idOf(r), { ok: false, error });
      }
      tick();
      await flushOut();
    }
    placed.sort(byInstant);
    for (let i = 0; i < placed.length; i++) {
      const { row, facts } = placed[i];
      placed[i] = null; // what is still needed is in `accounts`
      let result;
      try {
        result = screener.screenWithHistory(row.tx ?? row.text, {
          sender: accounts.state(facts.sender),
          receiver: accounts.state(facts.receiver),
        });
      } catch (e) {
        // A state the engine refuses is one this command stored: a bug, not a bad row.
        if (!(e instanceof JejakError) || e.code === 'invalid_state') throw e;
        report.row(row.line, idOf(row), { ok: false, error: errorInfo(e) });
        continue;
      }
      accounts.keep(facts.sender, result.sender);
      // Paying oneself gives two states of one account, each with one side of
      // this payment; one state per account keeps the payer's.
      if (facts.receiver !== facts.sender) accounts.keep(facts.receiver, result.receiver);
      accounts.record(row.line, facts, result.verdict);
      report.row(row.line, result.verdict.transactionId, { ok: true, verdict: result.verdict });
      if ((i + 1) % BATCH === 0) {
        tick();
        await flushOut();
      }
    }
    report.history = accounts.summary();
  };

  const all = [];
  const reader = new RecordReader(input, (row) => (history ? all : batch).push(row));
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
  if (history) await replay(all);
  else screenBatch();
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
