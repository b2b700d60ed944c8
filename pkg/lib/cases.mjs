// jejak/cases: follow the money. Cases across accounts from a transaction
// log (who else paid a flagged collector, where the money went, which
// payers link collectors, where it reached cash) and the draft goAML report
// of a case. The work is the pack tools' module's (jejak::cases); this file
// drives it. The entries (entries/cases-*.mjs) load the tools first.

import { TOOLS } from './wrap.mjs';

/** The tools' API, which the entry loaded. */
function tools() {
  const api = globalThis[TOOLS];
  if (!api) throw new Error("jejak/cases needs the pack tools: import it through the package's 'jejak/cases' entry");
  return api;
}

const JejakError = () => globalThis[Symbol.for('jejak.JejakError')];

/**
 * A transaction log read twice into cases, for logs too large to hold:
 * `add` each row (first pass), `secondPass()`, `collect` each row again,
 * then `cases()`. Rows are transactions (objects or JSON text) in time
 * order; `add` throws the row's `JejakError` and the log goes on.
 */
export class CaseLog {
  constructor(pack, options) {
    const api = tools();
    // The tools' module reads the default pack from its JSON (the
    // runtime's image is the runtime's).
    this.inner = new api.CaseLog(pack ?? api.defaultPackText(), options);
  }

  add(row) {
    this.inner.add(row);
  }

  secondPass() {
    this.inner.secondPass();
  }

  collect(row) {
    this.inner.collect(row);
  }

  /** `{ cases: [...] }`, as `jejak cases` writes it. */
  cases() {
    return JSON.parse(this.inner.casesJson());
  }

  /** `{ cases: [...] }` as JSON text. */
  casesJson() {
    return this.inner.casesJson();
  }

  /** The keyed hash of an account id, as `ids: 'hashed'` names it. */
  hashAccountId(id) {
    return this.inner.hashAccountId(id);
  }

  free() {
    this.inner.free();
  }

  [Symbol.dispose]() {
    this.free();
  }
}

/**
 * The cases of a log held in memory: `{ cases, errors }`, where `errors`
 * lists the rows that could not be read, `{ row, code, path, message }`
 * (`row` counts from 0), and skipped.
 */
export function buildCases(log, options = {}) {
  if (!Array.isArray(log)) {
    throw new TypeError('buildCases reads the log twice: give an array of transactions (objects or JSON text); for a stream, use CaseLog');
  }
  const { pack, ...rest } = options ?? {};
  const caseLog = new CaseLog(pack, rest);
  try {
    const errors = [];
    log.forEach((row, i) => {
      try {
        caseLog.add(row);
      } catch (e) {
        if (!(e instanceof JejakError())) throw e;
        errors.push({ row: i, code: e.code, path: e.path, message: e.message });
      }
    });
    caseLog.secondPass();
    for (const row of log) caseLog.collect(row);
    return { cases: caseLog.cases().cases, errors };
  } finally {
    caseLog.free();
  }
}

/** An options value as the module takes it: JSON text stays text. */
const text = (v) => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * The draft goAML report (`report_code` STR) of one case: `{ xml, draft,
 * placeholders }`. `cases` is the `{ cases }` object (or its JSON text)
 * that `buildCases` or `jejak cases` gave; `options.case` names the case,
 * `options.entity` the reporting entity and `options.parties` the host's
 * KYC records by account id, in goAML's element names. `draft` holds while
 * a party has no record (`placeholders` lists them); the reason then
 * starts with DRAF (DRAFT in English).
 */
export function goamlReport(cases, options) {
  if (options === null || typeof options !== 'object') throw new TypeError('goamlReport needs options: { case, entity, ... }');
  const { entity, parties, indicatorCodes, schema, pack, ...rest } = options;
  const submissionDate = rest.submissionDate ?? new Date().toISOString().slice(0, 19);
  const api = tools();
  return api.goamlReport(text(cases), text(entity), text(parties), text(indicatorCodes), schema, pack ?? api.defaultPackText(), JSON.stringify({ ...rest, submissionDate }));
}
