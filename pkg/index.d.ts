// Types for the `jejak` package. Hand-written and kept in step with the Rust
// binding (src/wasm/) and the pack format (docs/PACKS.md); the package tests
// typecheck a consumer against this file with `tsc --strict`.

/** How the money moved. */
export type Channel =
  | 'p2p'
  | 'bank_transfer'
  | 'remittance'
  | 'ewallet_topup'
  | 'qris'
  | 'card'
  | 'crypto'
  | 'gift_card'
  | 'airtime'
  | 'game_topup'
  | 'cash_withdrawal'
  | 'other';

/** One transaction. Unknown keys are ignored; a known key with a wrong type is an error. */
export interface Transaction {
  /** Your transaction id, echoed in the verdict. */
  id?: string;
  /** RFC 3339 with the sender's UTC offset, e.g. `2026-11-20T02:10:00+10:00`. */
  timestamp: string;
  /** Major units, exact: a decimal string, a number or a BigInt. */
  amount: string | number | bigint;
  /** ISO 4217 code, e.g. `AUD`. */
  currency: string;
  channel?: Channel;
  /** Payment reference / "berita transfer". */
  memo?: string;
  sender?: {
    id?: string;
    /** ISO 3166-1 alpha-2. */
    country?: string;
    accountAgeDays?: number;
    /** Used only in the protective direction (a minor paying a new foreign payee). */
    isMinor?: boolean;
  };
  receiver?: {
    id?: string;
    country?: string;
    /** First payment from this sender to this payee. */
    isNew?: boolean;
  };
  merchant?: {
    name?: string;
    descriptor?: string;
    /** ISO 18245 merchant category code, four digits as a string. */
    mcc?: string;
    country?: string;
  };
}

/** Options of a {@link Screener}. */
export interface ScreenerOptions {
  /** Language of titles and explanations (default `en`). */
  locale?: 'en' | 'id';
  /** Largest memo in UTF-8 bytes (default 4096). */
  maxMemoBytes?: number;
  /** Largest id, merchant name or descriptor in UTF-8 bytes (default 1024). */
  maxTextBytes?: number;
  /** Most transactions one `screenMany` call takes (default 10,000; at most 1,000,000). */
  maxBatch?: number;
  /** Largest pack JSON in bytes (default 16 MiB). */
  maxPackBytes?: number;
  /** Most indicators in a pack (default 10,000). */
  maxPackIndicators?: number;
  /** Most terms and allow phrases in a pack (default 1,000,000). */
  maxPackTerms?: number;
  /** Deepest condition nesting in a pack (default 32). */
  maxConditionDepth?: number;
}

export type Level = 'none' | 'low' | 'review' | 'high';
export type Category = 'lsac' | 'fsec' | 'csam_commerce' | 'trafficking' | 'payment_text_abuse' | 'general';
export type Grade = 'A' | 'B' | 'C';
export type Transform =
  | 'case'
  | 'compat'
  | 'diacritics'
  | 'lookalike'
  | 'leet'
  | 'invisible'
  | 'spacing'
  | 'repeat'
  | 'punctuation'
  | 'emoji';
export type PatternKind = 'socialHandle' | 'phoneNumber' | 'url';

export interface SourceRef {
  publisher: string;
  title: string;
  year: number;
  url: string;
  grade: Grade;
}

/** A term hit. `start`/`end` are UTF-16 offsets: `field value.slice(start, end) === text`. */
export interface TextEvidence {
  kind: 'text';
  field: 'memo' | 'merchant.name' | 'merchant.descriptor';
  start: number;
  end: number;
  /** The text as written. */
  text: string;
  /** The pack term it matched. */
  term: string;
  /** What the normalizer undid to match. */
  transforms: Transform[];
  lang: string;
  /** `false` for project-proposed terms no source has published yet. */
  validated: boolean;
}

export interface PatternEvidence {
  kind: 'pattern';
  field: 'memo';
  start: number;
  end: number;
  text: string;
  pattern: PatternKind;
}

export interface AmountEvidence {
  kind: 'amount';
  field: 'amount';
  /** Major units, plain decimal (`50.00`). */
  value: string;
  currency: string;
  /** The amount in `bandCurrency` through the pack's FX table, when the currencies differ. */
  converted?: string;
  min?: string;
  max?: string;
  bandCurrency: string;
}

export interface RoundAmountEvidence {
  kind: 'roundAmount';
  field: 'amount';
  value: string;
  currency: string;
  multipleOf: string;
}

export interface CorridorEvidence {
  kind: 'corridor';
  field: 'receiver.country' | 'merchant.country';
  value: string;
  from: string;
}

export interface ChannelEvidence {
  kind: 'channel';
  field: 'channel';
  value: Channel;
}

export interface CurrencyEvidence {
  kind: 'currency';
  field: 'currency';
  value: string;
}

export interface LocalHourEvidence {
  kind: 'localHour';
  field: 'timestamp';
  value: string;
  hour: number;
  from: number;
  to: number;
}

export interface MccEvidence {
  kind: 'mcc';
  field: 'merchant.mcc';
  value: string;
}

export interface FlagEvidence {
  kind: 'flag';
  field: 'sender.isMinor' | 'receiver.isNew' | 'memo';
  value: boolean;
}

export interface AccountAgeEvidence {
  kind: 'accountAge';
  field: 'sender.accountAgeDays';
  value: number;
  below: number;
}

export interface IndicatorEvidence {
  kind: 'indicator';
  field: 'indicators';
  value: string;
}

export type Evidence =
  | TextEvidence
  | PatternEvidence
  | AmountEvidence
  | RoundAmountEvidence
  | CorridorEvidence
  | ChannelEvidence
  | CurrencyEvidence
  | LocalHourEvidence
  | MccEvidence
  | FlagEvidence
  | AccountAgeEvidence
  | IndicatorEvidence;

export interface Flag {
  /** Indicator id, e.g. `AUSTRAC-CSE-04`. */
  indicator: string;
  title: string;
  category: Category;
  /** Score contribution. */
  weight: number;
  sources: SourceRef[];
  /** A sentence in the screener's locale. */
  explanation: string;
  evidence: Evidence[];
}

export interface PackRef {
  id: string;
  version: string;
  /** SHA-256 of the canonical pack bytes, lower-case hex. */
  digest: string;
}

export interface Verdict {
  transactionId: string | null;
  /** 0–100: the sum of the flags' weights, capped. */
  score: number;
  level: Level;
  /** Highest weight first, then by indicator id. */
  flags: Flag[];
  pack: PackRef;
  /** Engine version. */
  engine: string;
}

export interface PackInfo extends PackRef {
  /** Number of indicators. */
  indicators: number;
}

export type JejakErrorCode = 'invalid_transaction' | 'invalid_pack' | 'invalid_option' | 'limit_exceeded';

/** What `screenMany` and `validatePack` report instead of throwing. */
export interface ErrorInfo {
  code: JejakErrorCode;
  /** JSON pointer to the bad value, e.g. `/amount` or `/indicators/3/condition`. */
  path: string;
  message: string;
}

export type ScreenResult = { ok: true; verdict: Verdict } | { ok: false; error: ErrorInfo };

export type ValidationResult = { ok: true; pack: PackInfo } | { ok: false; error: ErrorInfo };

/** Every bad transaction, pack or option is reported as a JejakError. */
export declare class JejakError extends Error {
  readonly name: 'JejakError';
  readonly code: JejakErrorCode;
  /** JSON pointer to the bad value ('' for the whole input). */
  readonly path: string;
}

// ---- Indicator packs (docs/PACKS.md) ----

export type Decimal = string | number;

export interface TermObject {
  term: string;
  lang?: string;
  validated?: boolean;
  match?: 'word' | 'substring';
}
export type Term = string | TermObject;

export interface TermList {
  terms: Term[];
  allow?: string[];
}

export type TermSpec = { list: string } | TermList;

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { atLeast: number; of: Condition[] }
  | { memoTerms: TermSpec }
  | { merchantTerms: TermSpec }
  | { near: { a: TermSpec; b: TermSpec; within: number; field?: 'memo' | 'merchant.name' | 'merchant.descriptor' } }
  | { memoPattern: PatternKind | PatternKind[] }
  | { memoPresent: boolean }
  | { mccIn: string[] }
  | { amountBetween: { min?: Decimal; max?: Decimal; currency: string } }
  | { roundAmount: { multiples?: Record<string, Decimal>; default?: Decimal } }
  | { corridor: { from?: string[]; to?: string[] } }
  | { crossBorder: boolean }
  | { channelIn: Channel[] }
  | { currencyIn: string[] }
  | { localHourBetween: { from: number; to: number } }
  | { senderIsMinor: boolean }
  | { receiverIsNew: boolean }
  | { accountAgeBelow: number }
  | { indicator: string };

export interface Localized {
  en: string;
  id: string;
}

export interface PackSource {
  id: string;
  publisher: string;
  title: string;
  year: number;
  url: string;
  grade: Grade;
}

export interface PackIndicator {
  id: string;
  title: Localized;
  category: Category;
  sources: string[];
  weight: number;
  condition: Condition;
  explanation: Localized;
  scope?: 'E1' | 'E2' | 'E3' | 'E4' | 'E1/E2';
}

export interface IndicatorPack {
  $schema?: string;
  id: string;
  version: string;
  published: string;
  publisher: string;
  license: string;
  description: string;
  sources: PackSource[];
  fx: { base: string; date: string; rates: Record<string, Decimal> };
  scoring: { low: number; review: number; high: number; cap: number };
  termLists?: Record<string, TermList>;
  indicators: PackIndicator[];
}

/**
 * Screens transactions against an indicator pack. Build it once: the pack's
 * term automaton is compiled in the constructor.
 */
export declare class Screener {
  /**
   * @param pack a pack object or its JSON text; omitted, `undefined` or `null`: the embedded default pack
   * @param options locale and limits; an unknown option or a bad value throws `invalid_option`
   * @throws {JejakError} `invalid_pack`, `invalid_option` or `limit_exceeded`
   */
  constructor(pack?: IndicatorPack | string | null, options?: ScreenerOptions | null);
  /**
   * Screens one transaction (an object, or its JSON text).
   * @throws {JejakError} `invalid_transaction` or `limit_exceeded`; the screener keeps working afterwards
   */
  screen(tx: Transaction | string): Verdict;
  /**
   * Screens many transactions; a bad row is reported in place and the others are still screened.
   * @throws {JejakError} `limit_exceeded` when there are more than `maxBatch` (default 10,000)
   */
  screenMany(txs: ReadonlyArray<Transaction | string>): ScreenResult[];
  /** The pack in use. */
  readonly pack: PackInfo;
  /** Releases the WebAssembly memory now instead of at garbage collection. */
  free(): void;
}

/** A fresh copy of the embedded default pack. */
export declare function defaultPack(): IndicatorPack;

/** Validates a pack without building a screener. */
export declare function validatePack(pack: IndicatorPack | string): ValidationResult;

/**
 * The size of the module's WebAssembly memory in bytes, for monitoring. It
 * grows to the largest working set seen and never shrinks; a steady value
 * over many screens means nothing leaks.
 */
export declare function memoryBytes(): number;

/** The engine version, e.g. `0.1.0`. */
export declare const engineVersion: string;
