// Types for `jejak/replay` (lib/replay.mjs): payments replayed with history,
// one state per account, and which flags of a verdict history raised.

import type { CompactVerdict, HistoryResult, HistoryStates, Transaction, Verdict } from '../index.js';

/** The accounts a payment is between (their `id`s), each undefined when absent. */
export interface Accounts {
  sender: string | undefined;
  receiver: string | undefined;
}

/** The accounts of a payment given as an object or as its JSON text. */
export declare function accountsOf(tx: Transaction | string): Accounts;

/** Indicator ids of history flags, by the side whose history raised them. */
export interface HistoryFlags {
  sender: string[];
  receiver: string[];
}

/**
 * The history flags of a verdict: a flag with `history` evidence (on the side
 * its `field` names), or one that names (by `indicator` evidence) a history
 * flag of the same verdict. One whose evidence names no side counts for both.
 */
export declare function historyFlags(verdict: Pick<Verdict | CompactVerdict, 'flags'>): HistoryFlags;

/** The ids of a verdict's history flags, either side's. */
export declare function historyFlagIds(verdict: Pick<Verdict | CompactVerdict, 'flags'>): Set<string>;

/** Whether a verdict has a history flag. */
export declare function hasHistoryFlag(verdict: Pick<Verdict | CompactVerdict, 'flags'>): boolean;

/**
 * Items in the order of their instants as the engine reads their timestamps
 * (`timestampKey` from `jejak`); a stable sort. `unplaced` holds the items
 * whose timestamp the engine does not read, in their order.
 */
export declare function inTimeOrder<T>(
  items: Iterable<T>,
  timestampKey: (timestamp: string) => string | undefined,
  timestampOf?: (item: T) => unknown,
): { ordered: T[]; unplaced: T[] };

/** Where a replay keeps each account's state: a `Map`, or any store with `get` and `set`. */
export interface StateStore {
  get(id: string): Uint8Array | undefined;
  set(id: string, state: Uint8Array): unknown;
}

/** What a replay screens with: a `Screener` (with a `historyKey`). */
export interface HistoryScreener<V> {
  screenWithHistory(tx: Transaction | string, states?: HistoryStates | null): HistoryResult<V>;
}

/** A replay: a Screener with a `historyKey`, and one state per account. */
export declare class Replay<V = Verdict> {
  constructor(screener: HistoryScreener<V>, options?: { states?: StateStore });
  readonly screener: HistoryScreener<V>;
  readonly states: StateStore;
  /** Payments screened. */
  readonly payments: number;
  /** The largest state returned so far, in bytes. */
  readonly largestStateBytes: number;
  /** An account's state, or undefined. */
  state(id: string | undefined): Uint8Array | undefined;
  /**
   * Screens one payment with its accounts' states and keeps the states it
   * returns (the payer's, when an account pays itself). `accounts`: the
   * payment's accounts when already read (`accountsOf`). Throws what
   * `screenWithHistory` throws.
   */
  screen(tx: Transaction | string, accounts?: Accounts): HistoryResult<V>;
  /** Keeps an account's state. */
  keep(id: string | undefined, state: Uint8Array | undefined): void;
}
