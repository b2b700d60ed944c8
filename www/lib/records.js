// Reading a file of transactions (NDJSON or CSV) into rows to screen, with the
// same rules as the `jejak screen` command (pkg/bin/jejak.mjs), so the page
// and the CLI count the same rows and report bad rows at the same lines:
//
// * NDJSON: one JSON object per line; blank lines are skipped; a line is
//   handed to the engine as text, which reports what is wrong with it.
// * CSV: a header row names the fields; dotted names are nested keys
//   (`sender.country`); an empty cell is an absent field; `sender.isMinor`
//   and `receiver.isNew` are true/false, `sender.accountAgeDays` a number,
//   everything else a string; RFC 4180 quoting (commas, doubled quotes and
//   line breaks inside quotes), LF or CRLF line ends. A bad record is reported
//   at the line where it starts and reading resumes after it.
//
// No DOM and no package import: it runs in the batch worker.

/** Longest line (NDJSON) or record (CSV) accepted, in UTF-16 code units. */
export const MAX_RECORD = 1 << 20;

const fmt = (n) => n.toLocaleString('en-US');

/** A CSV file whose header cannot be used: nothing in it can be screened. */
export class FileError extends Error {}

/** The format of a file from its name, else from its first character. */
export function detectFormat(name, text) {
  const lower = (name ?? '').toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json')) return 'ndjson';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' ? 'ndjson' : 'csv';
}

/** Calls `onLine({ line, text, overflow })` for each physical line of `text` (without `\n`). */
function eachLine(text, onLine) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let start = 0;
  let line = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (nl === -1 && start === text.length) break; // no line after the final \n
    line++;
    const overflow = end - start > MAX_RECORD;
    onLine({ line, text: overflow ? '' : text.slice(start, end), overflow });
    if (nl === -1) break;
    start = nl + 1;
  }
}

/**
 * RFC 4180 records from physical lines (a port of the CLI's CsvRecords).
 * `onRecord(startLine, fields, error)`; `error` is `{ column, code, message }`.
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
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const pointer = (segments) => segments.map((s) => '/' + s.replaceAll('~', '~0').replaceAll('/', '~1')).join('');

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
  const seen = new Set();
  for (const c of used) {
    if (seen.has(c.name)) throw new FileError(`CSV header (line ${line}): column ${c.name} appears twice`);
    seen.add(c.name);
  }
  for (const c of used) {
    for (let k = 1; k < c.segments.length; k++) {
      const parent = c.segments.slice(0, k).join('.');
      if (seen.has(parent)) throw new FileError(`CSV header (line ${line}): column ${parent} conflicts with ${c.name}`);
    }
  }
  return columns;
}

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

/**
 * The rows of a file, in order: `{ line, id, input }` (a transaction object
 * for CSV, the line's JSON text for NDJSON) or `{ line, id, error: { code,
 * path, message } }` for a row that could not be read. `line` is 1-based; for
 * CSV, the line where the record starts. Throws `FileError` when a CSV header
 * is unusable.
 */
export function readRows(text, format) {
  const rows = [];
  if (format === 'ndjson') {
    eachLine(text, ({ line, text: t, overflow }) => {
      if (overflow) {
        rows.push({ line, id: null, error: { code: 'limit_exceeded', path: '', message: `line longer than ${fmt(MAX_RECORD)} characters` } });
      } else if (t.trim() !== '') {
        rows.push({ line, id: null, input: t });
      }
    });
    return rows;
  }
  let columns = null;
  let idColumn = -1;
  const records = new CsvRecords((line, fields, error) => {
    const blank = fields && fields.length === 1 && fields[0] === '' && !error;
    if (columns === null) {
      if (error) throw new FileError(`CSV header (line ${line}): ${error.message}`);
      if (blank) return;
      columns = csvColumns(fields, line);
      idColumn = columns.findIndex((c) => c.name === 'id');
      return;
    }
    if (blank) return;
    const id = fields && idColumn >= 0 && fields[idColumn] ? fields[idColumn] : null;
    if (error) {
      const path = columns[error.column]?.pointer ?? '';
      rows.push({ line, id, error: { code: error.code, path, message: error.message } });
    } else if (fields.length !== columns.length) {
      const message = `the row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${columns.length}`;
      rows.push({ line, id, error: { code: 'invalid_transaction', path: '', message } });
    } else {
      rows.push({ line, id, input: csvTransaction(columns, fields) });
    }
  });
  eachLine(text, (l) => records.push(l));
  records.end();
  if (columns === null) throw new FileError('the CSV file has no header row');
  return rows;
}

/** `code at path: message`, with `/` for the whole input, as the CLI prints it. */
export function describeError(e) {
  return `${e.code} at ${e.path === '' ? '/' : e.path}: ${e.message}`;
}
