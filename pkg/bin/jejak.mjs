#!/usr/bin/env node
// The `jejak` command: screen a file of transactions (NDJSON or CSV) and print
// a report, validate an indicator pack, and the publisher's tools: sign and
// verify packs and deltas, hash a restricted vocabulary, describe (and make
// the delta of) what changed between two packs, and shadow-screen a file with
// two packs to see what a new pack would change. No dependencies beyond the
// package (node:crypto signs; the engine verifies).
//
//   jejak screen <file.ndjson|file.csv|-> [--pack p.json] [--locale en|id]
//                [--format table|json|ndjson] [--top N] [--input ndjson|csv] [--progress]
//                [--history [--history-key KEY]]
//   jejak validate <pack.json> [--strict]
//   jejak keygen --out NAME
//   jejak compile <pack.json> --out pack.jjk
//   jejak sign <pack.json|pack.jjk|delta.json> --key NAME.secret [--valid-until YYYY-MM-DD] --out FILE.signed
//   jejak verify <FILE.signed> --key NAME.public [--min-version V]
//   jejak hash-terms <terms.txt> --out list.json [--salt HEX] [--lang CODE]
//   jejak hash-ids <ids.txt> --kind phone|wallet|bank|crypto --out list.json [--salt HEX] [--country CC]
//   jejak diff <a.json> <b.json> [--delta delta.json]
//   jejak shadow <file.ndjson|file.csv|-> --pack A --pack B [--format table|json] [--input ndjson|csv]
//
// Input is streamed: records are read line by line and screened in batches,
// so memory does not grow with the file (except `--top` and the first rejected
// rows kept for the table, and shadow's first changed rows). `--history` is the
// exception: it must sort the whole file by time before it can replay it, so it
// reads it all first.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { extname, join } from 'node:path';
import { Screener, JejakError, validatePack, compilePack, verifySigned, timestampKey, engineVersion } from '../entries/node.mjs';
import { Replay, accountsOf, historyFlags, inTimeOrder } from '../lib/replay.mjs';
import { RecordReader, CsvHeaderError, describeError as describe } from '../lib/records.mjs';
import { thousands as fmt } from '../lib/thousands.mjs';

// The pack tools' module (timestamps, signing, hashing), loaded when a
// command first needs it: `jejak screen` with the default pack never does.
const require = createRequire(import.meta.url);
const tools = () => require('../entries/tools-node.cjs').api;

const BATCH = 256;
const PROGRESS_EVERY = 10_000;
const KEEP_REJECTED = 100;
/** Changed transactions listed in shadow's table (json lists them all). */
const KEEP_CHANGES = 100;
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
  jejak keygen --out NAME
  jejak compile <pack.json> --out pack.jjk
  jejak sign <pack.json|pack.jjk|delta.json> --key NAME.secret [--valid-until YYYY-MM-DD] --out FILE.signed
  jejak verify <FILE.signed> --key NAME.public [--min-version V]
  jejak hash-terms <terms.txt> --out list.json [--salt HEX] [--lang CODE]
  jejak hash-ids <ids.txt> --kind phone|wallet|bank|crypto --out list.json [--salt HEX] [--country CC]
  jejak diff <a.json> <b.json> [--delta delta.json]
  jejak shadow <file.ndjson|file.jsonl|file.csv|-> --pack A --pack B [--format table|json]
  jejak cases <log.ndjson|log.csv|-> --out cases.json [--hops N] [--min-level review|high]
              [--history-key K] [--verdicts screen|supplied] [--pack P] [--input ndjson|csv]
  jejak report <cases.json> --case ID --entity entity.json [--parties parties.json]
               [--locale id|en] [--indicator-codes codes.json] [--schema FIU.xsd] --out report.xml
  jejak --help | --version

Options of screen:
  --pack <p.json|p.jjk>         indicator pack, JSON or image (default: the default pack)
  --locale en|id                language of titles and explanations (default en)
  --format table|json|ndjson    output (default table)
  --top <N>                     flagged transactions shown in the table (default 5)
  --input ndjson|csv            input format; required for stdin (-), otherwise
                                taken from the extension
  --progress                    progress on stderr every ${fmt(PROGRESS_EVERY)} rows
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

Signed packs (docs/PACKS.md; hosts load them with Screener.fromSignedPack and
update them with screener.applyDelta, naming the public keys they trust):
  keygen --out NAME             writes NAME.secret (mode 0600; keep it secret) and
                                NAME.public (ed25519:…); never overwrites a file
  compile PACK.json --out PACK.jjk
                                the pack's image: what hosts load fastest, with no
                                JSON parsed (new Screener(bytes)); sign it to ship it
  sign FILE --key NAME.secret --out FILE.signed
                                signs a pack, or a delta (JSON with a top-level
                                "delta" member), as its canonical JSON; or a pack
                                image (jejak compile) as it is
    --valid-until YYYY-MM-DD    the last day (UTC) hosts accept it (default: no expiry)
  verify FILE.signed --key NAME.public
                                checks it as a host would; the key may be a file or
                                the key text itself
    --min-version V             refuse versions below V (pack_downgrade)
Exit status of compile: 0 compiled; 1 an invalid pack; 2 bad arguments or unreadable
files.
Exit status of sign and verify: 0 signed / verified; 1 an invalid pack or delta, or
a signed file that does not verify (the message names the code: bad_signature,
untrusted_key, pack_expired, pack_downgrade, invalid_pack); 2 bad arguments or
unreadable files.

  hash-terms TERMS.txt --out LIST.json
                                a hashed term list (salted hashes, never the words) to
                                put under a pack's termLists. TERMS.txt: one term a
                                line, or id<TAB>term (else ids t1, t2, …); blank lines
                                and lines starting with # are skipped
    --salt HEX                  16 to 256 hex digits (default: 32 random ones)
    --lang CODE                 the terms' language (e.g. id)

  hash-ids IDS.txt --kind KIND --out LIST.json
                                a watchlist of counterparty identifiers (salted hashes)
                                to put under a pack's watchlists. IDS.txt: one id a line;
                                KIND phone (normalized to E.164), wallet, bank or crypto
    --country CC                the country of local phone numbers (e.g. ID: 0812… is
                                +62812…)
    --salt HEX                  16 to 256 hex digits (default: 32 random ones)

  diff A.json B.json            what changed from pack A to pack B: version, sources,
                                indicators (and which of their fields), term lists
    --delta OUT.json            also write the delta that takes A to B (checked: the
                                engine applies it to A and gets B's digest)
Exit status of diff: 0 when it ran; 1 a pack that does not validate, or a change
a delta cannot carry (with --delta); 2 bad arguments or unreadable files.

  shadow FILE --pack A --pack B screens FILE with both packs (--pack default: the
                                default pack) and lists the transactions whose level
                                or flagged indicators changed, with counts by indicator
    --format table|json         output (default table; the table lists the first ${KEEP_CHANGES}
                                changes, json all of them)
    --input ndjson|csv          as for screen
Exit status of shadow: 0 when it ran; 2 bad arguments, unreadable input or an
invalid pack.

Follow the money (docs/CASES.md):
  cases LOG --out FILE          grows cases across accounts from the flagged ones: who
                                else paid a collector, where its money went, which payers
                                link collectors, where it reached cash. Reads LOG twice
                                (stdin is copied to a temporary file); LOG must be in
                                time order. Rows that cannot be read are listed on stderr
                                (line, code, path, message) and skipped
    --hops N                    how far from a flagged account (0 to 8, default 2)
    --min-level review|high     the level whose payments start cases (default review;
                                a watchlist hit starts one at any level)
    --verdicts screen|supplied  screen each row with its accounts' history (default), or
                                read the verdict each row carries in "verdict"
    --history-key KEY           the history states' key (16 to 1024 bytes); accounts are
                                then named by their keyed hash: the file holds no id
    --pack P, --input, --progress   as for screen
  report CASES.json --case ID --entity ENTITY.json --out REPORT.xml
                                the case's draft goAML 5 report (report_code STR) for the
                                FIU, for a person to check and send. ENTITY.json and
                                PARTIES.json use goAML's element names and are checked
                                against the schema's types and lookup codes. An account
                                without a KYC record in PARTIES.json is written as a third
                                party with a placeholder, and the reason starts with DRAF
                                (DRAFT) until every party is filled
    --parties PARTIES.json      the host's KYC records by account id
    --locale id|en              the reason's and narrative's language (default id)
    --indicator-codes CODES.json  {"INDICATOR-ID": "FIU code"} (default: - for all, the
                                generic schema's only code)
    --schema FIU.xsd            the FIU's own goAML schema: its lookup lists replace the
                                generic schema's
    --submission-date YYYY-MM-DDTHH:MM:SS   (default: now, UTC)
Exit status of cases and report: 0 when it ran, even with skipped rows; 1 on an
unexpected failure; 2 on unusable arguments, input, case id, entity or parties file.

A flag is a reason to look, not evidence of a crime.
`;

/** Unusable arguments, input or pack: exit 2. */
class UsageError extends Error {}

/** `{ code, path, message }` of a JejakError (its message is the message alone). */
function errorInfo(e) {
  return { code: e.code, path: e.path, message: e.message };
}

/** Parses `args` against `spec` ({ '--name': 'value' | 'values' | 'flag' }); returns { options, positional }. */
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
      // 'values': an option that may be given more than once (shadow's --pack).
      if (kind === 'values') (options[name] ??= []).push(value);
      else options[name] = value;
    }
  }
  return { options, positional };
}

/** parseArgs with `--help` and `-h` added: `null` once the help is printed. */
function commandArgs(args, spec) {
  const parsed = parseArgs(args, { ...spec, '--help': 'flag', '-h': 'flag' });
  if (!parsed.options['--help'] && !parsed.options['-h']) return parsed;
  process.stdout.write(HELP);
  return null;
}

/** `--salt`, or 32 random hex digits. */
function saltOption(options) {
  const salt = options['--salt'] ?? randomBytes(16).toString('hex');
  if (!/^[0-9a-fA-F]{16,256}$/.test(salt)) throw new UsageError('--salt must be 16 to 256 hex digits');
  return salt;
}

/** Writes `data` (text or bytes) to `path`; an unwritable path is a usage error. */
function writeOut(path, data) {
  try {
    writeFileSync(path, data);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${e.message}`);
  }
}

/** Writes `value` as pretty JSON to `--out`. */
function writeJsonOut(options, value) {
  writeOut(options['--out'], JSON.stringify(value, null, 2) + '\n');
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

/**
 * The pack at `where` for `new Screener`: an image's bytes (`jejak compile`), or JSON text that
 * validates; an unreadable file or an invalid pack is a usage error.
 */
function readPack(where) {
  let bytes;
  try {
    bytes = where === '-' ? readFileSync(0) : readFileSync(where);
  } catch (e) {
    throw new UsageError(`cannot read pack ${where}: ${e.message}`);
  }
  // An image reads as one; anything else is JSON text.
  try {
    if (isImage(bytes)) return bytes;
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    throw new UsageError(`invalid pack ${where}: ${describe(errorInfo(e))}`);
  }
  const text = bytes.toString('utf8');
  const report = validatePack(text);
  if (!report.ok) throw new UsageError(`invalid pack ${where}: ${describe(report.error)}`);
  return text;
}

/**
 * Whether `bytes` are a pack image, as the engine reads them: false for
 * bytes that are not one; a damaged image throws its JejakError.
 */
function isImage(bytes) {
  try {
    new Screener(bytes).free();
    return true;
  } catch (e) {
    if (e instanceof JejakError && /not a pack image/.test(e.message)) return false;
    throw e;
  }
}

/** The input format of `file`: `--input` when given, else from the extension (stdin needs `--input`). */
function inputFormat(file, input) {
  if (input !== undefined) return oneOf('--input', input, ['ndjson', 'csv']);
  if (file === '-') throw new UsageError('reading stdin needs --input ndjson or --input csv');
  const ext = extname(file).toLowerCase();
  const format = ext === '.csv' ? 'csv' : ext === '.ndjson' || ext === '.jsonl' ? 'ndjson' : undefined;
  if (!format) throw new UsageError(`cannot tell the format of ${file} from its extension: use --input ndjson or --input csv`);
  return format;
}

/** A byte stream of `file` (stdin for `-`), opened, so an unreadable file is a UsageError before any output. */
async function openInput(file) {
  if (file === '-') return process.stdin;
  try {
    if (statSync(file).isDirectory()) throw new UsageError(`${file} is a directory`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
  const stream = createReadStream(file, { highWaterMark: 1 << 16 });
  try {
    await once(stream, 'open');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e.message}`);
  }
  return stream;
}

// ---- validate ----

function validate(args) {
  const parsed = commandArgs(args, { '--strict': 'flag' });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
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

const UNORDERED = 'not an RFC 3339 timestamp with a UTC offset, so the row cannot be put in time order';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** What --history needs of a transaction object before the engine has read it. */
function factsOf(tx) {
  const { sender, receiver } = accountsOf(tx);
  return {
    timestamp: tx.timestamp,
    // As written; a JSON number prints as JavaScript reads it.
    amount: typeof tx.amount === 'string' || typeof tx.amount === 'number' ? String(tx.amount) : '?',
    currency: typeof tx.currency === 'string' ? tx.currency : '?',
    sender,
    receiver,
  };
}

/**
 * What each account's transactions scored in one --history replay (the
 * states are the replay's: jejak/replay).
 */
class History {
  constructor() {
    /** Account id → { peak, peakScore, items: [record, role, record, role, …] }. */
    this.accounts = new Map();
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
  summary(replay) {
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
    return { accounts: replay.states.size, largestStateBytes: replay.largestStateBytes, timelines };
  }
}

// ---- screen ----

async function screen(args) {
  const parsed = commandArgs(args, {
    '--pack': 'value',
    '--locale': 'value',
    '--format': 'value',
    '--top': 'value',
    '--input': 'value',
    '--progress': 'flag',
    '--history': 'flag',
    '--history-key': 'value',
  });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
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
  const input = inputFormat(file, options['--input']);

  let pack = null;
  if (options['--pack'] !== undefined) {
    const where = options['--pack'];
    if (where === '-' && file === '-') throw new UsageError('the pack and the transactions cannot both come from stdin');
    pack = readPack(where);
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

  const stream = await openInput(file);

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
    const history = new Replay(screener);
    const items = [];
    for (const row of rows) {
      let tx = row.tx;
      if (!row.error && tx === undefined) {
        try {
          tx = JSON.parse(row.text);
        } catch {
          tx = null; // the engine says why, below
        }
      }
      items.push({ row, facts: !row.error && isObject(tx) ? factsOf(tx) : undefined });
    }
    rows.length = 0;
    // In the order of the engine's own reading of the timestamps
    // (jejak/replay), rows at the same instant in file order.
    const { ordered, unplaced } = inTimeOrder(items, timestampKey, (item) => item.facts?.timestamp);
    items.length = 0;
    // Rows that cannot be put in time order come first, in file order; the
    // engine says what is wrong with them, as `screen` reports a bad row.
    for (let i = 0; i < unplaced.length; i += BATCH) {
      const part = unplaced.slice(i, i + BATCH).map((u) => u.row);
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
    for (let i = 0; i < ordered.length; i++) {
      const { row, facts } = ordered[i];
      ordered[i] = null; // what is still needed is in `accounts` and `history`
      let result;
      try {
        result = history.screen(row.tx ?? row.text, facts);
      } catch (e) {
        // A state the engine refuses is one this command stored: a bug, not a bad row.
        if (!(e instanceof JejakError) || e.code === 'invalid_state') throw e;
        report.row(row.line, idOf(row), { ok: false, error: errorInfo(e) });
        continue;
      }
      accounts.record(row.line, facts, result.verdict);
      report.row(row.line, result.verdict.transactionId, { ok: true, verdict: result.verdict });
      if ((i + 1) % BATCH === 0) {
        tick();
        await flushOut();
      }
    }
    report.history = accounts.summary(history);
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

// ---- pack images ----

function compile(args) {
  const parsed = commandArgs(args, { '--out': 'value' });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('compile needs exactly one pack file');
  if (options['--out'] === undefined) throw new UsageError('compile needs --out FILE.jjk (the image is binary)');
  const file = positional[0];
  const json = readText(file, 'pack');
  let image;
  try {
    image = compilePack(json);
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    process.stderr.write(`jejak: ${file} is not a valid pack, nothing compiled: ${describe(errorInfo(e))}\n`);
    return 1;
  }
  writeOut(options['--out'], image);
  const info = new Screener(image).pack;
  const o = [
    `compiled pack ${info.id} ${info.version}`,
    `  indicators   ${info.indicators}`,
    `  digest       ${info.digest}`,
    `  wrote        ${options['--out']} (${fmt(image.length)} bytes)`,
  ];
  process.stdout.write(o.join('\n') + '\n');
  return 0;
}

// ---- signed packs: keygen, sign, verify ----

// The envelope (src/signed.rs, docs/PACKS.md) is the engine's to write and
// to read: the tools' signPack signs, verifySigned checks and reports what
// the envelope holds. Keys are generated here with node:crypto.
const SECRET_KEY = /^ed25519-secret:[0-9a-f]{64}$/;
const PUBLIC_KEY = /^ed25519:[0-9a-f]{64}$/;

/**
 * The key text of `where`: the text itself when it is a public key (public
 * keys are not secret, so `--key ed25519:…` is fine), else the content of
 * the file it names. A secret key is only ever read from a file, never from
 * the command line, where it would end up in shell history.
 */
function readKey(where, flag, secret) {
  const pattern = secret ? SECRET_KEY : PUBLIC_KEY;
  if (!secret && pattern.test(where)) return where;
  const text = readText(where, `${flag} key file`).trim();
  if (!pattern.test(text)) {
    const form = secret ? 'ed25519-secret: followed by 64 lower-case hex digits' : 'ed25519: followed by 64 lower-case hex digits';
    throw new UsageError(`${flag} ${where} is not a ${secret ? 'secret' : 'public'} key (${form}, as jejak keygen writes)`);
  }
  return text;
}

/** What the engine finds in signed bytes made here: kind, id, version, digest, validUntil (checked as of 1970, so a past date still reads). */
function signedInfo(bytes, secretKey) {
  return verifySigned(bytes, { trustedKeys: [tools().publicKeyOf(secretKey)], now: 0 });
}

function keygen(args) {
  const parsed = commandArgs(args, { '--out': 'value' });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 0) throw new UsageError(`keygen takes no file, only --out NAME (got ${positional[0]})`);
  const name = options['--out'];
  if (name === undefined || name === '') throw new UsageError('keygen needs --out NAME (it writes NAME.secret and NAME.public)');
  const secretFile = `${name}.secret`;
  const publicFile = `${name}.public`;
  // A key overwritten by mistake cannot be recovered, and every pack it
  // signed would need re-signing: never replace one.
  for (const f of [secretFile, publicFile]) {
    if (existsSync(f)) throw new UsageError(`${f} already exists; keygen does not overwrite keys (choose another --out NAME)`);
  }
  const jwk = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d, 'base64url');
  const pub = `ed25519:${Buffer.from(jwk.x, 'base64url').toString('hex')}`;
  const write = (file, text, mode) => {
    try {
      // 'wx' fails if the file appeared since the check above.
      writeFileSync(file, text, { flag: 'wx', mode });
    } catch (e) {
      throw new UsageError(`cannot write ${file}: ${e.message}`);
    }
  };
  write(secretFile, `ed25519-secret:${seed.toString('hex')}\n`, 0o600);
  write(publicFile, `${pub}\n`, 0o644);
  process.stdout.write(`${pub}\n`);
  process.stderr.write(`jejak: wrote ${secretFile} (keep it secret: it signs packs) and ${publicFile} (give it to hosts as trustedKeys)\n`);
  return 0;
}

function sign(args) {
  const parsed = commandArgs(args, {
    '--key': 'value',
    '--valid-until': 'value',
    '--out': 'value',
  });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('sign needs exactly one pack or delta file');
  if (options['--key'] === undefined) throw new UsageError('sign needs --key NAME.secret');
  if (options['--out'] === undefined) throw new UsageError('sign needs --out FILE (the signed bytes are binary)');
  const until = options['--valid-until'];
  const secretKey = readKey(options['--key'], '--key', true);
  const file = positional[0];
  let raw;
  try {
    raw = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read pack or delta ${file}: ${e.message}`);
  }
  // The engine signs an image as it is (after it reads), JSON as its
  // canonical form (after the pack loads or the delta reads).
  let bytes;
  try {
    bytes = tools().signPack(raw, secretKey, until);
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    if (e.path === '/validUntil') throw new UsageError(`--valid-until must be a date YYYY-MM-DD from 1970 on, not ${JSON.stringify(until)}`);
    process.stderr.write(`jejak: ${file} is not a valid pack or delta, nothing signed: ${describe(errorInfo(e))}\n`);
    return 1;
  }
  writeOut(options['--out'], bytes);
  const info = signedInfo(bytes, secretKey);
  const image = info.kind === 'pack' && isImage(raw);
  const what =
    info.kind === 'delta' ? `delta ${info.id} ${info.from} → ${info.version}` : `pack${image ? ' image' : ''} ${info.id} ${info.version}`;
  const o = [
    `signed ${what}`,
    `  kind         ${info.kind}`,
    `  digest       ${info.digest}`,
    `  valid until  ${info.validUntil ?? 'no expiry'}`,
    `  key          ${tools().publicKeyOf(secretKey)}`,
    `  wrote        ${options['--out']} (${fmt(bytes.length)} bytes)`,
  ];
  process.stdout.write(o.join('\n') + '\n');
  if (info.validUntil !== undefined && info.validUntil < new Date().toISOString().slice(0, 10)) {
    process.stderr.write(`jejak: warning: --valid-until ${info.validUntil} is in the past; hosts will refuse it (pack_expired)\n`);
  }
  return 0;
}

function verify(args) {
  const parsed = commandArgs(args, { '--key': 'value', '--min-version': 'value' });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('verify needs exactly one signed file');
  if (options['--key'] === undefined) throw new UsageError('verify needs --key NAME.public (or the key text ed25519:…)');
  const keyText = readKey(options['--key'], '--key', false);
  const file = positional[0];
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read signed file ${file}: ${e.message}`);
  }
  const minVersion = options['--min-version'];
  const trust = minVersion === undefined ? { trustedKeys: [keyText] } : { trustedKeys: [keyText], minVersion };
  let info;
  try {
    // The engine's own checks, in a host's order: envelope, key, signature,
    // date, then the pack loads (or the delta reads) and its version.
    info = verifySigned(bytes, trust);
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    if (e.code === 'invalid_option') throw new UsageError(`--min-version: ${e.message}`);
    process.stderr.write(`jejak: ${file} does not verify: ${describe(errorInfo(e))}\n`);
    return 1;
  }
  const o = [
    `ok: ${file} is a signed ${info.kind} signed by ${keyText}`,
    `  kind         ${info.kind}`,
    `  id           ${info.id}`,
    `  version      ${info.from === undefined ? info.version : `${info.from} → ${info.version}`}`,
    `  digest       ${info.digest}`,
    `  valid until  ${info.validUntil ?? 'no expiry'}`,
  ];
  process.stdout.write(o.join('\n') + '\n');
  return 0;
}

// ---- hash-terms ----

/** A term id as a hashed list accepts it (src/pack/hashed.rs). */
const TERM_ID = /^[A-Za-z0-9._-]{1,64}$/;

// ---- hash-terms, hash-ids ----
//
// The engine normalizes and hashes (the tools' hashTermList and
// hashWatchlist: jejak::hash_term_list and jejak::hash_watchlist, the
// constructions of docs/PACKS.md); this file reads the lines and writes the
// list.

function hashTermsCommand(args) {
  const parsed = commandArgs(args, {
    '--out': 'value',
    '--salt': 'value',
    '--lang': 'value',
  });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('hash-terms needs exactly one terms file');
  if (options['--out'] === undefined) throw new UsageError('hash-terms needs --out LIST.json');
  const salt = saltOption(options);
  const lang = options['--lang'];
  if (lang !== undefined && !/^[a-z]{2,8}$/.test(lang)) throw new UsageError(`--lang must be a language code such as en or id, not ${JSON.stringify(lang)}`);
  const file = positional[0];
  const text = readText(file, 'terms file');
  // Messages name line numbers, never a term: the point of a hashed list is
  // that its words appear nowhere, not even in a terminal scrollback.
  const terms = [];
  const lines = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const tab = line.indexOf('\t');
    const id = tab === -1 ? `t${terms.length + 1}` : line.slice(0, tab).trim();
    const term = (tab === -1 ? line : line.slice(tab + 1)).trim();
    if (!TERM_ID.test(id)) throw new UsageError(`${file} line ${i + 1}: the id before the tab must be 1 to 64 letters, digits, '.', '_' or '-'`);
    if (term === '') throw new UsageError(`${file} line ${i + 1}: no term after the tab`);
    terms.push(lang === undefined ? { id, term } : { id, term, lang });
    lines.push(i + 1);
  });
  if (terms.length === 0) throw new UsageError(`${file} has no terms (one a line; blank lines and lines starting with # are skipped)`);
  let list;
  try {
    list = JSON.parse(tools().hashTermList(terms, salt));
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    // The path is /INDEX/field: say which line of the file that is.
    const m = /^\/(\d+)(\/.*)?$/.exec(e.path);
    const where = m ? `${file} line ${lines[Number(m[1])]}` : file;
    throw new UsageError(`${where}: ${e.code}: ${e.message}`);
  }
  writeJsonOut(options, list);
  const hashes = list.hashed.reduce((n, h) => n + h.hashes.length, 0);
  process.stdout.write(
    `hashed ${fmt(terms.length)} term${terms.length === 1 ? '' : 's'} (${fmt(hashes)} hashes, salt ${salt}) into ${options['--out']}\n` +
      `put it under the pack's termLists, e.g. "termLists": { "my-list": <its content> }, and refer to it as { "list": "my-list" };\n` +
      `evidence names a hashed term as # and its id (e.g. #${terms[0].id})\n`,
  );
  return 0;
}

function hashIdsCommand(args) {
  const parsed = commandArgs(args, {
    '--out': 'value',
    '--kind': 'value',
    '--salt': 'value',
    '--country': 'value',
  });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('hash-ids needs exactly one file of identifiers');
  if (options['--out'] === undefined) throw new UsageError('hash-ids needs --out LIST.json');
  const kind = oneOf('--kind', options['--kind'], ['phone', 'wallet', 'bank', 'crypto']);
  const salt = saltOption(options);
  const file = positional[0];
  const ids = [];
  const lines = [];
  readText(file, 'identifiers file').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    ids.push(line);
    lines.push(i + 1);
  });
  if (ids.length === 0) throw new UsageError(`${file} has no identifiers (one a line; blank lines and lines starting with # are skipped)`);
  const country = options['--country'];
  let list;
  try {
    list = JSON.parse(tools().hashWatchlist(ids, kind, salt, country));
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    const m = /^\/(\d+)$/.exec(e.path);
    if (m === null) throw new UsageError(`${e.path === '/country' ? '--country' : '--kind'}: ${e.code}: ${e.message}`);
    // Like hash-terms: the line number, never the identifier (which the
    // engine's message quotes).
    const hint = kind === 'phone' && country === undefined ? ' (a local number needs --country)' : '';
    throw new UsageError(`${file} line ${lines[Number(m[1])]}: ${e.code}: not a ${kind} identifier jejak can normalize${hint}`);
  }
  writeJsonOut(options, list);
  process.stdout.write(
    `hashed ${fmt(ids.length)} ${kind} identifier${ids.length === 1 ? '' : 's'} (${fmt(list.hashes.length)} distinct) into ${options['--out']}\n` +
      `put it under the pack's watchlists, e.g. "watchlists": { "my-list": <its content> }, and flag it with\n` +
      `{ "watchlist": { "list": "my-list", "party": "receiver" } } in an indicator that cites the list's source\n`,
  );
  return 0;
}

// ---- diff ----

/** JSON with object keys sorted: two values are equal when their texts are. */
function canon(v) {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canon(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The members of two objects whose values differ, in the order of `b` then `a`. */
function changedFields(a, b) {
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => canon(a[k]) !== canon(b[k]));
}

/** `weight 3 → 5` for a scalar, the field's name alone for anything larger. */
function fieldChange(a, b, key) {
  const short = (v) => {
    if (v === undefined) return '(none)';
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (typeof v === 'string' && v.length <= 40) return JSON.stringify(v);
    return null;
  };
  const [x, y] = [short(a[key]), short(b[key])];
  return x !== null && y !== null ? `${key} ${x} → ${y}` : key;
}

/**
 * The changes from list `a` to list `b` of `{ id, … }` entries. A delta
 * removes, modifies in place, then appends additions at the end
 * (src/pack/delta.rs), and the digest depends on the order; so an entry of
 * `b` placed other than where that leaves it is `moved`: removed and added
 * again. The longest prefix of `b` that keeps `a`'s order stays in place,
 * which moves as few entries as possible.
 */
function listChanges(a, b) {
  const inA = new Map(a.map((x, i) => [x.id, i]));
  const inB = new Map(b.map((x) => [x.id, x]));
  let k = 0;
  for (let last = -1; k < b.length && inA.has(b[k].id) && inA.get(b[k].id) > last; k++) last = inA.get(b[k].id);
  const tail = b.slice(k);
  const moved = new Set(tail.filter((x) => inA.has(x.id)).map((x) => x.id));
  const added = b.filter((x) => !inA.has(x.id));
  const removed = a.filter((x) => !inB.has(x.id)).map((x) => x.id);
  const modified = [];
  for (const x of b) {
    const old = a[inA.get(x.id)];
    if (old !== undefined && canon(old) !== canon(x)) {
      modified.push({ id: x.id, fields: changedFields(old, x).map((f) => fieldChange(old, x, f)), item: x });
    }
  }
  const delta = {
    add: tail,
    modify: modified.filter((m) => !moved.has(m.id)).map((m) => m.item),
    remove: [...removed, ...moved],
  };
  return { added, removed, modified, moved: [...moved], delta };
}

/** A term of a plain list, or an entry of a hashed one, as a comparable key. */
const termKey = (t) => (typeof t === 'string' ? t : canon(t));

/** The changes from term lists `a` to `b` (objects by name). */
const termListChanges = (a, b) =>
  namedChanges(a, b, (l) => (Array.isArray(l?.terms) ? l.terms : Array.isArray(l?.hashed) ? l.hashed : []).map(termKey), 'term', ['terms', 'hashed']);

/** The changes from watchlists `a` to `b` (objects by name): counts of hashed ids. */
const watchlistChanges = (a, b) => namedChanges(a, b, (l) => (Array.isArray(l?.hashes) ? l.hashes : []), 'id', ['hashes']);

/** The changes from discounts `a` to `b` (objects by name): which fields changed. */
const discountChanges = (a, b) => namedChanges(a, b, () => [], null, []);

/**
 * The changes from `a` to `b`, objects of named lists: added, removed, and
 * modified with counts of the `items` added and removed (never the items:
 * a list's words or ids are not printed) and the other fields changed.
 */
function namedChanges(a = {}, b = {}, items, noun, itemFields) {
  const added = Object.keys(b).filter((n) => !(n in a));
  const removed = Object.keys(a).filter((n) => !(n in b));
  const modified = [];
  for (const name of Object.keys(b)) {
    if (!(name in a) || canon(a[name]) === canon(b[name])) continue;
    const [x, y] = [a[name], b[name]];
    const [before, after] = [new Set(items(x)), new Set(items(y))];
    const plus = [...after].filter((t) => !before.has(t)).length;
    const minus = [...before].filter((t) => !after.has(t)).length;
    // Counts only: a list's words are not printed (a hashed list's are not even known).
    const notes = noun === null ? [] : [`${plus} ${noun}${plus === 1 ? '' : 's'} added, ${minus} removed`];
    for (const f of changedFields(x, y)) if (!itemFields.includes(f)) notes.push(`${f} changed`);
    modified.push({ name, notes });
  }
  const delta = {
    add: Object.fromEntries(added.map((n) => [n, b[n]])),
    modify: Object.fromEntries(modified.map((m) => [m.name, b[m.name]])),
    remove: removed,
  };
  return { added, removed, modified, delta };
}

/** `{ add, modify, remove }` without its empty parts; undefined when nothing is left. */
function compact(changes) {
  const out = {};
  for (const [k, v] of Object.entries(changes)) {
    if (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Reads a pack file for diff: unreadable → exit 2; does not validate → exit 1 (a DiffRefusal). */
function diffPack(file) {
  const text = readText(file, 'pack');
  const report = validatePack(text);
  if (!report.ok) throw new DiffRefusal(`${file} is not a valid pack: ${describe(report.error)}`);
  return { text, pack: JSON.parse(text), info: report.pack };
}

/** A diff that cannot be made (exit 1). */
class DiffRefusal extends Error {}

/**
 * Checks a delta the way a host would use it: the engine loads `a` (signed
 * with a throwaway key), applies the delta (signed with it too) and must
 * get `bDigest`. Returns null when it does, else `{ code, text }` of what
 * went wrong (`code` the JejakError's, or null for another digest).
 */
function engineApplies(aText, deltaText, bDigest) {
  // Signed with a key made for this check alone, as a host would get them.
  const key = `ed25519-secret:${randomBytes(32).toString('hex')}`;
  const trust = { trustedKeys: [tools().publicKeyOf(key)] };
  const sign = (text) => tools().signPack(Buffer.from(text, 'utf8'), key);
  const screener = Screener.fromSignedPack(sign(aText), trust);
  try {
    const info = screener.applyDelta(sign(deltaText), trust);
    if (info.digest === bDigest) return null;
    return { code: null, text: `the engine made digest ${info.digest.slice(0, 12)}…, not B's ${bDigest.slice(0, 12)}…` };
  } catch (e) {
    if (e instanceof JejakError) return { code: e.code, text: describe(errorInfo(e)) };
    throw e;
  } finally {
    screener.free();
  }
}

/** The members a delta carries; a change to any other top-level member cannot be expressed as one. */
const DELTA_MEMBERS = new Set(['id', 'version', 'published', 'sources', 'indicators', 'termLists', 'watchlists', 'discounts']);

function diff(args) {
  const parsed = commandArgs(args, { '--delta': 'value' });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 2) throw new UsageError('diff needs two pack files: the old one (A) and the new one (B)');
  if (positional[0] === '-' && positional[1] === '-') throw new UsageError('the two packs cannot both come from stdin');
  let a;
  let b;
  try {
    a = diffPack(positional[0]);
    b = diffPack(positional[1]);
  } catch (e) {
    if (!(e instanceof DiffRefusal)) throw e;
    process.stderr.write(`jejak: ${e.message}\n`);
    return 1;
  }
  const [A, B] = [a.pack, b.pack];
  const sources = listChanges(A.sources, B.sources);
  const indicators = listChanges(A.indicators, B.indicators);
  const lists = termListChanges(A.termLists, B.termLists);
  const watchlists = watchlistChanges(A.watchlists, B.watchlists);
  const discounts = discountChanges(A.discounts, B.discounts);
  const other = changedFields(A, B).filter((k) => !DELTA_MEMBERS.has(k));

  const o = [`${positional[0]} → ${positional[1]}`];
  const header = (name, x, y) => o.push(x === y ? `  ${name.padEnd(10)} ${x ?? '(none)'}` : `  ${name.padEnd(10)} ${x ?? '(none)'} → ${y ?? '(none)'}`);
  header('id', A.id, B.id);
  header('version', A.version, B.version);
  header('published', A.published, B.published);
  o.push(`  digest     ${a.info.digest.slice(0, 12)}… → ${b.info.digest.slice(0, 12)}…`);
  const section = (title, c, describeAdded) => {
    const n = c.added.length + c.removed.length + c.modified.length + (c.moved?.length ?? 0);
    if (n === 0) {
      o.push('', `${title}: no change`);
      return;
    }
    const parts = [`${c.added.length} added`, `${c.removed.length} removed`, `${c.modified.length} modified`];
    if (c.moved?.length) parts.push(`${c.moved.length} reordered`);
    o.push('', `${title}: ${parts.join(', ')}`);
    for (const x of c.added) o.push(`  + ${describeAdded(x)}`);
    for (const id of c.removed) o.push(`  - ${id}`);
    for (const m of c.modified) o.push(`  ~ ${m.id ?? m.name}: ${(m.fields ?? m.notes).join('; ')}`);
    if (c.moved?.length) {
      // Often many: one entry moved up shifts every entry after it.
      const text = `↓ in another order in B; a delta only appends, so it removes these and adds them again at the end: ${c.moved.join(', ')}`;
      o.push(wrap(text, '    ').replace(/^ {4}/, '  '));
    }
  };
  section('Sources', sources, (s) => `${s.id}  ${s.publisher ?? ''} ${s.year ?? ''}`.trimEnd());
  section('Indicators', indicators, (i) => `${i.id}  weight ${i.weight}  ${i.title?.en ?? ''}`.trimEnd());
  section('Term lists', lists, (name) => {
    const l = B.termLists[name];
    const n = (l.terms ?? l.hashed ?? []).length;
    return `${name}  ${n} ${l.hashed ? 'hashed ' : ''}term${n === 1 ? '' : 's'}`;
  });
  section('Watchlists', watchlists, (name) => {
    const n = B.watchlists[name].hashes?.length ?? 0;
    return `${name}  ${B.watchlists[name].kind} ${n} id${n === 1 ? '' : 's'}`;
  });
  // Only when a pack has discounts: older reports stay as they were.
  if (A.discounts !== undefined || B.discounts !== undefined) {
    section('Discounts', discounts, (name) => `${name}  ${B.discounts[name].percent}% off`);
  }
  if (other.length > 0) o.push('', `Other top-level members changed: ${other.join(', ')}`);
  if (a.info.digest === b.info.digest) o.push('', 'The packs are the same (same digest).');
  process.stdout.write(o.join('\n') + '\n');

  if (options['--delta'] === undefined) return 0;
  const out = options['--delta'];
  const cannot = [];
  if (A.id !== B.id) cannot.push(`the ids differ (${A.id}, ${B.id})`);
  if (other.length > 0) cannot.push(`a delta cannot change ${other.join(', ')}`);
  if (cannot.length > 0) {
    process.stderr.write(`jejak: no delta written to ${out}: ${cannot.join('; ')}\n`);
    return 1;
  }
  const delta = { delta: A.id, from: { version: A.version, digest: a.info.digest }, to: { version: B.version } };
  if (B.published !== undefined) delta.to.published = B.published;
  for (const [key, c] of [['sources', sources], ['indicators', indicators], ['termLists', lists], ['watchlists', watchlists], ['discounts', discounts]]) {
    const part = compact(c.delta);
    if (part !== undefined) delta[key] = part;
  }
  const text = JSON.stringify(delta, null, 2) + '\n';
  const problem = engineApplies(a.text, text, b.info.digest);
  if (problem?.code === 'pack_downgrade') {
    // Written anyway (it says what changed), but no host will apply it.
    process.stderr.write(`jejak: warning: B's version ${B.version} is not above A's ${A.version}; hosts refuse the delta (pack_downgrade)\n`);
  } else if (problem !== null) {
    process.stderr.write(`jejak: no delta written to ${out}: applied to A it does not give B: ${problem.text}\n`);
    return 1;
  }
  writeOut(out, text);
  process.stdout.write(`\nwrote the delta ${A.version} → ${B.version} to ${out}; sign it with jejak sign ${out} --key NAME.secret --out ….signed\n`);
  return 0;
}

// ---- shadow ----

/** A screener for a `--pack` value of shadow: a pack file, or `default` for the default pack. */
function shadowScreener(where) {
  if (where === 'default') return new Screener();
  return new Screener(readPack(where));
}

/** What changed between two screens of one row, or null when nothing did. */
function shadowChange(line, id, a, b) {
  if (!a.ok && !b.ok) return null;
  const level = (r) => (r.ok ? r.verdict.level : 'rejected');
  const flags = (r) => (r.ok ? r.verdict.flags.map((f) => f.indicator) : []);
  const [fa, fb] = [flags(a), flags(b)];
  const added = fb.filter((x) => !fa.includes(x));
  const removed = fa.filter((x) => !fb.includes(x));
  if (a.ok && b.ok && level(a) === level(b) && added.length === 0 && removed.length === 0) return null;
  return {
    line,
    id: (a.ok ? a.verdict.transactionId : b.ok ? b.verdict.transactionId : id) ?? null,
    level: { a: level(a), b: level(b) },
    score: { a: a.ok ? a.verdict.score : null, b: b.ok ? b.verdict.score : null },
    added,
    removed,
  };
}

class ShadowReport {
  constructor({ format, packs, source }) {
    this.format = format;
    this.packs = packs;
    this.source = source;
    this.counts = { rows: 0, screened: 0, rejected: 0, changed: 0, levelUp: 0, levelDown: 0, flagsOnly: 0, rejectedByOne: 0 };
    /** Indicator id → { added, removed }: flags B adds or drops. */
    this.indicators = new Map();
    this.listed = [];
    if (format === 'json') out += `{"packs":${JSON.stringify(packs)},"changes":[`;
  }
  row(line, id, a, b) {
    const c = this.counts;
    c.rows++;
    if (a.ok && b.ok) c.screened++;
    else if (!a.ok && !b.ok) c.rejected++;
    const change = shadowChange(line, id, a, b);
    if (change === null) return;
    c.changed++;
    const [x, y] = [LEVELS.indexOf(change.level.a), LEVELS.indexOf(change.level.b)];
    // One side rejected: a pack-dependent limit (maxPackTerms …) or a bug; neither up nor down.
    if (x === -1 || y === -1) c.rejectedByOne++;
    else if (y > x) c.levelUp++;
    else if (y < x) c.levelDown++;
    else c.flagsOnly++;
    for (const [ids, key] of [[change.added, 'added'], [change.removed, 'removed']]) {
      for (const f of ids) {
        let n = this.indicators.get(f);
        if (!n) this.indicators.set(f, (n = { added: 0, removed: 0 }));
        n[key]++;
      }
    }
    // json streams every change; the table keeps the first few, so memory stays bounded either way.
    if (this.format === 'json') out += (c.changed === 1 ? '\n' : ',\n') + JSON.stringify(change);
    else if (this.listed.length < KEEP_CHANGES) this.listed.push(change);
  }
  /** Per indicator, most changed first. */
  indicatorRows() {
    return [...this.indicators]
      .map(([indicator, n]) => ({ indicator, ...n }))
      .sort((p, q) => q.added + q.removed - (p.added + p.removed) || (p.indicator < q.indicator ? -1 : 1));
  }
  finish() {
    if (this.format === 'json') {
      out += `${this.counts.changed ? '\n' : ''}],"counts":${JSON.stringify(this.counts)},"indicators":${JSON.stringify(this.indicatorRows())}}\n`;
      return;
    }
    const { a, b } = this.packs;
    const c = this.counts;
    const o = [
      `jejak ${engineVersion} shadow — A: ${a.id} ${a.version} (digest ${a.digest.slice(0, 12)}…)  B: ${b.id} ${b.version} (digest ${b.digest.slice(0, 12)}…)`,
      `${this.source}: ${fmt(c.rows)} rows, ${fmt(c.screened)} screened, ${fmt(c.rejected)} rejected`,
      '',
      `Changed: ${fmt(c.changed)} transactions (level up ${fmt(c.levelUp)}, level down ${fmt(c.levelDown)}, flags only ${fmt(c.flagsOnly)}` +
        `${c.rejectedByOne ? `, rejected by one pack ${fmt(c.rejectedByOne)}` : ''})`,
    ];
    if (c.changed > 0) {
      const more = c.changed > this.listed.length ? ` (the first ${fmt(this.listed.length)}; --format json lists all)` : '';
      o.push('', `Changed transactions${more}`);
      for (const ch of this.listed) {
        const flags = [...ch.added.map((f) => `+${f}`), ...ch.removed.map((f) => `-${f}`)].join(' ');
        const score = ch.score.a === null || ch.score.b === null ? '' : `  score ${ch.score.a} → ${ch.score.b}`;
        o.push(`  line ${ch.line}  ${ch.id ?? '-'}  ${ch.level.a} → ${ch.level.b}${score}${flags ? `  ${flags}` : ''}`);
      }
      o.push('', 'Flags by indicator (B against A)');
      const rows = this.indicatorRows();
      const width = Math.max(18, ...rows.map((r) => r.indicator.length));
      for (const r of rows) o.push(`  ${r.indicator.padEnd(width)} +${String(r.added).padEnd(6)} -${r.removed}`);
    }
    o.push('', 'A flag is a reason to look, not evidence of a crime.');
    out += o.join('\n') + '\n';
  }
}

async function shadow(args) {
  const parsed = commandArgs(args, {
    '--pack': 'values',
    '--format': 'value',
    '--input': 'value',
  });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('shadow needs exactly one input file (or - for stdin)');
  const packs = options['--pack'] ?? [];
  if (packs.length !== 2) throw new UsageError(`shadow needs --pack twice: the pack in use (A) and the candidate (B); got ${packs.length}`);
  const file = positional[0];
  const format = oneOf('--format', options['--format'] ?? 'table', ['table', 'json']);
  const input = inputFormat(file, options['--input']);
  if (file === '-' && packs.includes('-')) throw new UsageError('the pack and the transactions cannot both come from stdin');
  const [a, b] = packs.map(shadowScreener);
  const stream = await openInput(file);
  const report = new ShadowReport({ format, packs: { a: a.pack, b: b.pack }, source: file === '-' ? 'stdin' : file });

  // As screen does: rows in batches of BATCH, each batch screened by both packs.
  let batch = [];
  const screenBatch = () => {
    const inputs = [];
    for (const r of batch) if (!r.error) inputs.push(r.tx ?? r.text);
    const [ra, rb] = inputs.length ? [a.screenMany(inputs), b.screenMany(inputs)] : [[], []];
    let k = 0;
    for (const r of batch) {
      if (r.error) {
        const bad = { ok: false, error: r.error };
        report.row(r.line, r.id, bad, bad);
      } else {
        report.row(r.line, r.id ?? null, ra[k], rb[k]);
        k++;
      }
    }
    batch = [];
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
  report.finish();
  await flushOut();
  return 0;
}

// ---- main ----

// ---- cases: follow the money ----

/** Rows refused that `jejak cases` lists one by one (all are counted). */
const KEEP_BAD_ROWS = 100;

/**
 * The log at `file` as a file the command can read twice: stdin is copied
 * to a temporary file first (the second pass reads the rows again, and
 * memory stays bounded by accounts, not rows). Returns `{ path, cleanup }`.
 */
async function twiceReadable(file) {
  // A file that cannot be read fails the first pass's openInput, before any output.
  if (file !== '-') return { path: file, cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'jejak-cases-'));
  const path = join(dir, 'log');
  await pipeline(process.stdin, createWriteStream(path));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Calls `onRow` for each row of the log at `path` (lib/records.mjs rows). */
async function eachRow(path, input, onRow) {
  const stream = await openInput(path);
  const reader = new RecordReader(input, onRow);
  try {
    for await (const chunk of stream) reader.write(chunk);
    reader.end();
  } catch (e) {
    if (e instanceof CsvHeaderError) throw new UsageError(e.message);
    throw e;
  }
}

async function casesCommand(args) {
  const parsed = commandArgs(args, {
    '--hops': 'value',
    '--min-level': 'value',
    '--history-key': 'value',
    '--verdicts': 'value',
    '--pack': 'value',
    '--input': 'value',
    '--progress': 'flag',
    '--out': 'value',
  });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('cases needs exactly one log file (or - for stdin)');
  const file = positional[0];
  if (options['--out'] === undefined) throw new UsageError('cases needs --out FILE (the cases JSON; - for stdout)');
  const hopsText = options['--hops'] ?? '2';
  if (!/^[0-8]$/.test(hopsText)) throw new UsageError(`--hops must be a whole number from 0 to 8, not ${JSON.stringify(hopsText)}`);
  const minLevel = oneOf('--min-level', options['--min-level'] ?? 'review', ['review', 'high']);
  const verdicts = oneOf('--verdicts', options['--verdicts'] ?? 'screen', ['screen', 'supplied']);
  const input = inputFormat(file, options['--input']);
  const historyKey = options['--history-key'];
  let pack = null;
  if (options['--pack'] !== undefined) {
    if (options['--pack'] === '-' && file === '-') throw new UsageError('the pack and the log cannot both come from stdin');
    pack = readPack(options['--pack']);
  }
  const caseOptions = { hops: Number(hopsText), minLevel, verdicts };
  if (historyKey !== undefined) Object.assign(caseOptions, { historyKey, ids: 'hashed' });
  const { CaseLog } = await import('../entries/cases-node.mjs');
  let log;
  try {
    log = new CaseLog(typeof pack === 'string' ? pack : pack ?? undefined, caseOptions);
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    const what = e.path === '/historyKey' ? '--history-key' : (options['--pack'] ?? 'default pack');
    throw new UsageError(`${what}: ${describe(errorInfo(e))}`);
  }
  const source = await twiceReadable(file);
  try {
    const progress = options['--progress'] || process.stderr.isTTY;
    const tty = process.stderr.isTTY;
    const started = performance.now();
    let rows = 0;
    let refused = 0;
    const show = (pass, done) => {
      if (!progress || (!done && rows % PROGRESS_EVERY !== 0)) return;
      const secs = (performance.now() - started) / 1000;
      const msg = `jejak: pass ${pass}/2: ${fmt(rows)} rows, ${fmt(refused)} refused, ${fmt(Math.round(rows / Math.max(secs, 1e-3)))} rows/s`;
      process.stderr.write(tty ? `\r${msg}\x1b[K` : `${msg}\n`);
    };
    // First pass: screen (or read the supplied verdicts) and build the graph.
    await eachRow(source.path, input, (row) => {
      rows++;
      let error = row.error;
      if (!error) {
        try {
          log.add(row.tx ?? row.text);
        } catch (e) {
          if (!(e instanceof JejakError)) throw e;
          error = errorInfo(e);
        }
      }
      if (error) {
        refused++;
        if (refused <= KEEP_BAD_ROWS) process.stderr.write(`${tty && progress ? '\r\x1b[K' : ''}jejak: line ${row.line}: skipped: ${describe(error)}\n`);
      }
      show(1, false);
    });
    show(1, true);
    const total = rows;
    log.secondPass();
    rows = 0;
    await eachRow(source.path, input, (row) => {
      rows++;
      if (!row.error) log.collect(row.tx ?? row.text);
      show(2, false);
    });
    show(2, true);
    if (progress && tty) process.stderr.write('\r\x1b[K');
    if (refused > KEEP_BAD_ROWS) process.stderr.write(`jejak: ${fmt(refused - KEEP_BAD_ROWS)} more rows skipped\n`);
    const { cases } = log.cases();
    if (options['--out'] === '-') {
      out += JSON.stringify({ cases }, null, 2) + '\n';
      await flushOut();
    } else {
      writeJsonOut(options, { cases });
    }
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    const largest = cases.length ? `; the largest, ${cases[0].id}, has ${fmt(cases[0].accounts.length)} accounts` : '';
    const where = options['--out'] === '-' ? '' : `, written to ${options['--out']}`;
    process.stderr.write(
      `jejak: ${fmt(total)} rows (${fmt(refused)} skipped), ${fmt(cases.length)} case${cases.length === 1 ? '' : 's'}${largest}${where} (${secs} s)\n`,
    );
    return 0;
  } finally {
    log.free();
    source.cleanup();
  }
}

/** A JSON file's parsed value; an unreadable file or bad JSON is a usage error naming `what`. */
function readJsonFile(path, what) {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} ${path} is not JSON: ${e.message}`);
  }
}

function reportCommand(args) {
  const parsed = commandArgs(args, {
    '--case': 'value',
    '--entity': 'value',
    '--parties': 'value',
    '--locale': 'value',
    '--indicator-codes': 'value',
    '--schema': 'value',
    '--submission-date': 'value',
    '--pack': 'value',
    '--out': 'value',
  });
  if (parsed === null) return 0;
  const { options, positional } = parsed;
  if (positional.length !== 1) throw new UsageError('report needs exactly one cases file (what jejak cases wrote)');
  for (const required of ['--case', '--entity', '--out']) {
    if (options[required] === undefined) throw new UsageError(`report needs ${required}`);
  }
  const locale = oneOf('--locale', options['--locale'] ?? 'id', ['id', 'en']);
  const casesText = readText(positional[0], 'cases file');
  const entity = readJsonFile(options['--entity'], 'entity file');
  const parties = options['--parties'] === undefined ? undefined : readJsonFile(options['--parties'], 'parties file');
  const indicatorCodes = options['--indicator-codes'] === undefined ? undefined : readJsonFile(options['--indicator-codes'], 'indicator code table');
  const schema = options['--schema'] === undefined ? undefined : readText(options['--schema'], 'schema');
  const pack = options['--pack'] === undefined ? undefined : readPack(options['--pack']);
  const submissionDate = options['--submission-date'];
  const reportOptions = { case: options['--case'], entity, parties, locale, indicatorCodes, schema, pack };
  if (submissionDate !== undefined) reportOptions.submissionDate = submissionDate;
  let report;
  try {
    report = goamlReportFn()(casesText, reportOptions);
  } catch (e) {
    if (!(e instanceof JejakError)) throw e;
    // The file the error points into: the cases file, or the input its path starts with.
    const inputs = { '/entity': '--entity', '/parties': '--parties', '/indicatorCodes': '--indicator-codes', '/schema': '--schema' };
    const input = Object.keys(inputs).find((prefix) => e.path === prefix || e.path.startsWith(`${prefix}/`));
    const file = e.code === 'invalid_case' ? positional[0] : e.code === 'invalid_record' && input ? options[inputs[input]] : undefined;
    throw new UsageError(`${file ? `${file}: ` : ''}${describe(errorInfo(e))}`);
  }
  writeOut(options['--out'], report.xml);
  const status = report.draft
    ? `a DRAFT: ${report.placeholders.length} account${report.placeholders.length === 1 ? '' : 's'} without a KYC record (${report.placeholders.slice(0, 5).join(', ')}${report.placeholders.length > 5 ? ', …' : ''}): add them to --parties`
    : 'every party filled; check it before you send it';
  process.stdout.write(`wrote ${options['--out']}: goAML STR of ${options['--case']}, ${status}\n`);
  return 0;
}

/** `goamlReport` of jejak/cases, loaded with the tools on first use. */
function goamlReportFn() {
  return require('../entries/cases-node.cjs').goamlReport;
}

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
    case 'compile':
      return compile(rest);
    case 'keygen':
      return keygen(rest);
    case 'sign':
      return sign(rest);
    case 'verify':
      return verify(rest);
    case 'hash-terms':
      return hashTermsCommand(rest);
    case 'hash-ids':
      return hashIdsCommand(rest);
    case 'diff':
      return diff(rest);
    case 'shadow':
      return shadow(rest);
    case 'cases':
      return casesCommand(rest);
    case 'report':
      return reportCommand(rest);
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
