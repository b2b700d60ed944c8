// `jejak/records`: a file of transactions (NDJSON or CSV) read into rows to
// screen. The `jejak screen` command streams files through it and the demo
// page reads whole files with it, so both count the same rows and report a bad
// row at the same line.
//
// * NDJSON: one JSON object per line; blank lines are skipped; a line is
//   handed to the engine as text, which reports what is wrong with it.
// * CSV: a header row names the fields; dotted names are nested keys
//   (`sender.country`); an empty cell is an absent field; the boolean fields
//   (`sender.isMinor`, `receiver.isNew`, ...) are true/false, the day counts
//   (`sender.accountAgeDays`, ...) numbers, everything else a string (the
//   types come from the engine's field table, FIELDS in ./fields.mjs); RFC
//   4180 quoting (commas, doubled quotes and line breaks inside quotes), LF
//   or CRLF line ends. A bad record is reported at the line where it starts
//   and reading resumes after it.
// * A leading byte order mark is dropped; a line (NDJSON) or record (CSV)
//   longer than MAX_RECORD is reported, not kept.
//
// No dependencies and no Node or DOM API (TextDecoder only): it runs in Node,
// browsers, Web Workers, Deno and edge runtimes.
import { FIELDS, VALUES } from './fields.mjs';
import { thousands } from './thousands.mjs';

export { FIELDS, VALUES };

/** Longest line (NDJSON) or record (CSV) accepted, in UTF-16 code units. */
export const MAX_RECORD = 1 << 20;

const TOO_LONG = `line longer than ${thousands(MAX_RECORD)} characters`;

/** A CSV file whose header cannot be used: nothing in it can be screened. */
export class CsvHeaderError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CsvHeaderError';
  }
}

/** `code at path: message`, with `/` for the whole input, as `jejak screen` prints an error. */
export function describeError(e) {
  return `${e.code} at ${e.path === '' ? '/' : e.path}: ${e.message}`;
}

/**
 * Splits text, fed in pieces of any size, into physical lines (without the
 * `\n`, with a trailing `\r` if the file has one) and calls
 * `onLine({ line, text, overflow })`. A line longer than MAX_RECORD is not
 * kept: it arrives with `overflow: true` and empty `text`.
 */
class LineSplitter {
  constructor(onLine) {
    this.onLine = onLine;
    this.pending = '';
    this.overflow = false;
    this.line = 0;
  }
  push(text) {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.emit(text.slice(start, nl));
      start = nl + 1;
    }
    this.append(text.slice(start));
  }
  end() {
    if (this.pending !== '' || this.overflow) this.emit('');
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
      this.onRecord(l.line, null, { column: -1, code: 'limit_exceeded', message: TOO_LONG });
      this.reset();
      return null;
    }
    if (this.size > MAX_RECORD) return this.fail(`within ${thousands(MAX_RECORD)} characters`);
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

// The transaction's fields and their cell types, generated from the engine's
// field table (fields.mjs): a column the table does not know is a string.
const TYPES = new Map(FIELDS);
const NUMBER = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;
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
      type: TYPES.get(name) ?? 'string',
    };
  });
  const used = columns.filter((c) => !c.skip);
  const seen = new Set();
  for (const c of used) {
    if (seen.has(c.name)) throw new CsvHeaderError(`CSV header (line ${line}): column ${c.name} appears twice`);
    seen.add(c.name);
  }
  for (const c of used) {
    for (let k = 1; k < c.segments.length; k++) {
      const parent = c.segments.slice(0, k).join('.');
      if (seen.has(parent)) throw new CsvHeaderError(`CSV header (line ${line}): column ${parent} conflicts with ${c.name}`);
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
 * Reads a file written to it in pieces (strings or UTF-8 bytes, split
 * anywhere) and calls `onRow(row)` for each row, in file order, as soon as it
 * is complete:
 *
 * * `{ line, id, tx }`: a CSV record as a transaction object (`id`: the `id`
 *   cell, or null);
 * * `{ line, text }`: an NDJSON line, for the engine to parse;
 * * `{ line, id, error: { code, path, message } }`: a row that could not be
 *   read (`path` is the JSON pointer of the CSV column at fault, or '').
 *
 * `line` is 1-based; for CSV, the line where the record starts. Memory is
 * bounded by MAX_RECORD, not by the size of the file. `write` and `end` throw
 * CsvHeaderError when the CSV header is unusable.
 */
export class RecordReader {
  #lines;
  #records = null;
  #columns = null;
  #decoder = null;
  #started = false;

  constructor(format, onRow) {
    if (format !== 'ndjson' && format !== 'csv') {
      throw new TypeError(`the format must be 'ndjson' or 'csv', not ${JSON.stringify(format)}`);
    }
    if (typeof onRow !== 'function') throw new TypeError('onRow must be a function');
    if (format === 'ndjson') {
      this.#lines = new LineSplitter(({ line, text, overflow }) => {
        if (overflow) onRow({ line, id: null, error: { code: 'limit_exceeded', path: '', message: TOO_LONG } });
        else if (text.trim() !== '') onRow({ line, text });
      });
      return;
    }
    let idColumn = -1;
    const records = new CsvRecords((line, fields, error) => {
      const blank = fields && fields.length === 1 && fields[0] === '' && !error;
      const columns = this.#columns;
      if (columns === null) {
        if (error) throw new CsvHeaderError(`CSV header (line ${line}): ${error.message}`);
        if (blank) return;
        this.#columns = csvColumns(fields, line);
        idColumn = this.#columns.findIndex((c) => c.name === 'id');
        return;
      }
      if (blank) return;
      const id = fields && idColumn >= 0 && fields[idColumn] ? fields[idColumn] : null;
      if (error) {
        const path = columns[error.column]?.pointer ?? '';
        onRow({ line, id, error: { code: error.code, path, message: error.message } });
      } else if (fields.length !== columns.length) {
        const message = `the row has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${columns.length}`;
        onRow({ line, id, error: { code: 'invalid_transaction', path: '', message } });
      } else {
        onRow({ line, id, tx: csvTransaction(columns, fields) });
      }
    });
    this.#records = records;
    this.#lines = new LineSplitter((l) => records.push(l));
  }

  /** The CSV column names (trimmed) once the header has been read; null before, and for NDJSON. */
  get header() {
    return this.#columns && this.#columns.map((c) => c.name);
  }

  /** Reads the next piece of the file: text, or UTF-8 bytes (not both in one reader). */
  write(chunk) {
    let text;
    if (typeof chunk === 'string') {
      if (this.#decoder) throw new TypeError('a RecordReader fed bytes cannot be fed strings');
      text = !this.#started && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      if (chunk !== '') this.#started = true;
    } else {
      if (this.#started && !this.#decoder) throw new TypeError('a RecordReader fed strings cannot be fed bytes');
      this.#decoder ??= new TextDecoder('utf-8'); // drops a leading BOM
      this.#started = true;
      text = this.#decoder.decode(chunk, { stream: true });
    }
    this.#lines.push(text);
  }

  /** The file has ended: reads its last line and reports a quoted CSV field left open. */
  end() {
    if (this.#decoder) this.#lines.push(this.#decoder.decode());
    this.#lines.end();
    this.#records?.end();
  }
}

/**
 * The rows of a whole file, as `RecordReader` reads them. Throws
 * CsvHeaderError when a CSV header is unusable or there is none.
 */
export function readRecords(text, format) {
  const rows = [];
  const reader = new RecordReader(format, (row) => rows.push(row));
  reader.write(text);
  reader.end();
  if (format === 'csv' && reader.header === null) throw new CsvHeaderError('the CSV file has no header row');
  return rows;
}
