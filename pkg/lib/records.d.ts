// Types for `jejak/records` (lib/records.mjs): a file of transactions, NDJSON
// or CSV, read into rows to screen, with the rules of `jejak screen`.

/** The two file formats. */
export type RecordFormat = 'ndjson' | 'csv';

/** Longest line (NDJSON) or record (CSV) accepted, in UTF-16 code units (1,048,576). */
export declare const MAX_RECORD: number;

/**
 * The transaction's fields, from the engine's field table: `[path, type]`, where the path is a CSV
 * column (`sender.isMinor`) and the type the JSON type its cells become.
 */
export declare const FIELDS: ReadonlyArray<readonly [string, 'string' | 'number' | 'boolean']>;

/**
 * The values each enumerated field accepts (`channel`, `sender.kyc`,
 * `merchant.criteria`, ...), by path, from the engine's field table.
 */
export declare const VALUES: Readonly<Record<string, readonly string[]>>;

/** A cell of a CSV record: a string, or a boolean / number for the typed columns. */
export type CsvValue = string | number | boolean | CsvObject;

/**
 * A transaction built from a CSV record: dotted column names are nested keys
 * (`sender.country`), empty cells are absent. Not checked against
 * `Transaction`: pass it to `screen` / `screenMany` (in TypeScript,
 * `row.tx as unknown as Transaction`) and the engine reports what is wrong with it.
 */
export interface CsvObject {
  [key: string]: CsvValue;
}

/** Why a row could not be read; the same shape as the engine's `ErrorInfo`. */
export interface RowError {
  code: 'invalid_transaction' | 'limit_exceeded';
  /** JSON pointer of the CSV column at fault (`/sender/country`), or `''`. */
  path: string;
  message: string;
}

/** A CSV record read as a transaction object. */
export interface CsvRow {
  /** 1-based line where the record starts (the header is line 1 or later). */
  line: number;
  /** The record's `id` cell; null when there is no `id` column or the cell is empty. */
  id: string | null;
  tx: CsvObject;
  text?: undefined;
  error?: undefined;
}

/** A non-blank NDJSON line, for the engine to parse (it may be bad JSON). */
export interface NdjsonRow {
  /** 1-based line number. */
  line: number;
  /** The line as written, with a trailing `\r` if the file has CRLF line ends. */
  text: string;
  id?: undefined;
  tx?: undefined;
  error?: undefined;
}

/** A row that could not be read: a bad CSV record, or a line longer than MAX_RECORD. */
export interface RejectedRow {
  /** 1-based line where the row starts. */
  line: number;
  /** The record's `id` cell if it could be read, else null. */
  id: string | null;
  error: RowError;
  tx?: undefined;
  text?: undefined;
}

/** One row of a file, in file order. */
export type Row = CsvRow | NdjsonRow | RejectedRow;

/** A CSV file whose header cannot be used (or, for `readRecords`, is missing): nothing in it can be screened. */
export declare class CsvHeaderError extends Error {
  readonly name: 'CsvHeaderError';
}

/**
 * Reads a file written to it in pieces of any size, strings or UTF-8 bytes
 * (not both), and calls `onRow` for each row as soon as it is complete.
 * Memory is bounded by MAX_RECORD, not by the size of the file.
 */
export declare class RecordReader {
  /** @throws {TypeError} for a format other than `'ndjson'` or `'csv'` */
  constructor(format: RecordFormat, onRow: (row: Row) => void);
  /** The CSV column names (trimmed) once the header has been read; null before it, and for NDJSON. */
  readonly header: readonly string[] | null;
  /**
   * Reads the next piece of the file. A leading byte order mark is dropped.
   * @throws {CsvHeaderError} when the CSV header is unusable
   */
  write(chunk: string | Uint8Array): void;
  /**
   * The file has ended: reads its last line and reports a quoted CSV field left open.
   * @throws {CsvHeaderError} when the CSV header is unusable
   */
  end(): void;
}

/**
 * The rows of a whole file.
 * @throws {CsvHeaderError} when a CSV header is unusable or there is none
 * @throws {TypeError} for a format other than `'ndjson'` or `'csv'`
 */
export declare function readRecords(text: string, format: RecordFormat): Row[];

/** `code at path: message`, with `/` for the whole input, as `jejak screen` prints an error. */
export declare function describeError(error: { code: string; path: string; message: string }): string;
