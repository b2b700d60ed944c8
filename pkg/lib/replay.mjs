// jejak/replay: payments replayed with history, as a host screens them. One
// definition of the replay loop and of a history flag, which the CLI
// (`jejak screen --history`), the demo's History view, `make eval`, the bench
// and the tests all use. No WebAssembly of its own: it drives the Screener
// it is given, and orders payments by the engine's reading of their
// timestamps (`timestampKey` of the main entry).

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A party's account id (as the engine keys its state), or undefined. */
const accountId = (party) => (isObject(party) && typeof party.id === 'string' ? party.id : undefined);

/**
 * The accounts a payment (an object, or its JSON text) is between:
 * `{ sender, receiver }`, each an id or undefined.
 */
export function accountsOf(tx) {
  if (typeof tx === 'string') {
    try {
      tx = JSON.parse(tx);
    } catch {
      return { sender: undefined, receiver: undefined };
    }
  }
  return isObject(tx) ? { sender: accountId(tx.sender), receiver: accountId(tx.receiver) } : { sender: undefined, receiver: undefined };
}

/**
 * The history flags of a verdict, by the side whose history raised them:
 * `{ sender, receiver }`, each an array of indicator ids in the verdict's
 * order. A flag is a history flag when it has `history` evidence (its
 * `field` names the side), or names (by `indicator` evidence) a history flag
 * of the same verdict, whose sides it takes. One whose evidence names no
 * side counts for both.
 */
export function historyFlags(verdict) {
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

/** The ids of a verdict's history flags, either side's (historyFlags). */
export function historyFlagIds(verdict) {
  const { sender, receiver } = historyFlags(verdict);
  return new Set([...sender, ...receiver]);
}

/** Whether any flag of a verdict is a history flag (historyFlags). */
export function hasHistoryFlag(verdict) {
  return historyFlagIds(verdict).size > 0;
}

/**
 * `items` in the order of their instants as the engine reads their
 * timestamps: `timestampKey` is the main entry's (`import { timestampKey }
 * from 'jejak'`), `timestampOf(item)` an item's timestamp (default
 * `item.timestamp`). A stable sort: items at the same instant keep their
 * order. Returns `{ ordered, unplaced }`: `unplaced` holds, in their order,
 * the items whose timestamp the engine does not read (the engine says why
 * when they are screened).
 */
export function inTimeOrder(items, timestampKey, timestampOf = (item) => item?.timestamp) {
  const placed = [];
  const unplaced = [];
  for (const item of items) {
    const ts = timestampOf(item);
    const at = typeof ts === 'string' ? timestampKey(ts) : undefined;
    if (at === undefined) unplaced.push(item);
    else placed.push({ at, item });
  }
  placed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { ordered: placed.map((p) => p.item), unplaced };
}

/**
 * A replay: a Screener with a `historyKey`, and one state per account, kept
 * in `states` (any store with `get` and `set`; a `Map` by default) as a
 * host keeps them. Each payment is screened with the state its payer got
 * from its last payment as `sender` and its payee's as `receiver`, and the
 * states it returns replace them.
 *
 * ```js
 * import { Screener, timestampKey } from 'jejak';
 * import { Replay, inTimeOrder, historyFlags } from 'jejak/replay';
 *
 * const replay = new Replay(new Screener(undefined, { historyKey }));
 * for (const tx of inTimeOrder(payments, timestampKey).ordered) {
 *   const { verdict } = replay.screen(tx);
 *   if (historyFlags(verdict).sender.length) console.log(tx.id, verdict.level);
 * }
 * ```
 */
export class Replay {
  constructor(screener, { states = new Map() } = {}) {
    this.screener = screener;
    this.states = states;
    /** Payments screened. */
    this.payments = 0;
    /** The largest state returned so far, in bytes. */
    this.largestStateBytes = 0;
  }

  /** An account's state, or undefined. */
  state(id) {
    return id === undefined ? undefined : this.states.get(id);
  }

  /**
   * Screens one payment (an object, or its JSON text) with its accounts'
   * states and keeps the states it returns: `screenWithHistory`'s result,
   * `{ verdict, sender?, receiver? }`. `ids` are its accounts when the
   * caller has read them already (`accountsOf`). Throws what
   * `screenWithHistory` throws, and keeps no state then.
   */
  screen(tx, ids = accountsOf(tx)) {
    const result = this.screener.screenWithHistory(tx, { sender: this.state(ids.sender), receiver: this.state(ids.receiver) });
    this.payments += 1;
    this.keep(ids.sender, result.sender);
    // Paying oneself gives two states of one account, each with one side of
    // the payment; one state per account keeps the payer's.
    if (ids.receiver !== ids.sender) this.keep(ids.receiver, result.receiver);
    return result;
  }

  keep(id, bytes) {
    if (id === undefined || bytes === undefined) return;
    this.states.set(id, bytes);
    if (bytes.byteLength > this.largestStateBytes) this.largestStateBytes = bytes.byteLength;
  }
}
