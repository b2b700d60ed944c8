// The hot path without JSON (docs/DESIGN.md, "No JSON on the hot path"):
// a transaction goes into the module's memory as rows and one encodeInto of
// its text (packed.mjs, generated from the field table), and the verdict
// comes back as a header and a tape of numbers and offsets, read here into
// the objects JSON.parse gave. bindings/wasm/src/packed.rs is the module's side.
//
// Whatever this path does not take (a transaction that is not a plain
// object, a value of another type, anything the module refuses) goes
// through the JSON path, which screens it or throws its JejakError; so the
// two paths give the same verdicts and the same errors.

import { encode, SLOTS, LEVELS, HISTORY } from './packed.mjs';

// The tape's opcodes (src/verdict/tape.rs).
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
const STRING = 4;
const ARRAY = 5;

// The header's words (bindings/wasm/src/packed.rs).
const HEAD = 9;

/**
 * The packed path over a runtime module's `glue`: `screen(screener, tx,
 * info)` and `history(screener, tx, sender, receiver, info)` give what the
 * JSON path gives, or undefined when it must take the transaction.
 */
export function boundary(glue) {
  const memory = glue.packedMemory();
  const slotsAt = glue.packedSlots();
  const headAt = glue.packedHead();
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // The tape's key names by id, fetched once each.
  const keys = [];
  let buffer;
  let bytes;
  let slots;
  let head;
  let textAt = 0;
  let textSize = 0;
  let textView;
  // Views of the memory; a grown memory detaches the old ones.
  const view = () => {
    buffer = memory.buffer;
    bytes = new Uint8Array(buffer);
    slots = new Uint32Array(buffer, slotsAt, SLOTS);
    head = new Float64Array(buffer, headAt, HEAD);
    textView = new Uint8Array(buffer, textAt, textSize);
  };
  view();

  // Writes `tx` into the module's memory: its text's byte count, or -1.
  const put = (tx, limit) => {
    if (buffer !== memory.buffer) view();
    let text;
    try {
      text = encode(tx, slots);
    } catch {
      // A getter that throws: the JSON path reports it.
      return -1;
    }
    if (text === undefined) return -1;
    // UTF-16 units are at most UTF-8 bytes: more units than the limit's
    // bytes means a field over its limit, which the JSON path reports
    // without this copy.
    if (text.length > limit) return -1;
    const most = text.length * 3;
    if (most > textSize) {
      textSize = Math.max(most, 1024);
      textAt = glue.packedText(textSize);
      view();
    }
    const { read, written } = encoder.encodeInto(text, textView);
    return read === text.length ? written : -1;
  };

  let tape;
  let strings;
  let at;
  const key = (id) => keys[id] ?? (keys[id] = glue.tapeKey(id));
  const value = () => {
    const op = tape[at++];
    switch (op) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case NUMBER:
        return tape[at++];
      case STRING:
        at += 2;
        return strings.slice(tape[at - 2], tape[at - 1]);
      case ARRAY: {
        const n = tape[at++];
        const out = [];
        for (let i = 0; i < n; i++) out.push(value());
        return out;
      }
      default: {
        const n = tape[at++];
        const out = {};
        for (let i = 0; i < n; i++) {
          const k = key(tape[at++]);
          out[k] = value();
        }
        return out;
      }
    }
  };

  // The verdict the module left in the header and on the tape.
  const verdict = (tx, info) => {
    if (buffer !== memory.buffer) view();
    const words = head[5];
    const textBytes = head[6];
    tape = new Float64Array(buffer, head[7], words);
    strings = textBytes === 0 ? '' : decoder.decode(bytes.subarray(head[8], head[8] + textBytes));
    at = 0;
    const flags = value();
    const out = { transactionId: typeof tx.id === 'string' ? tx.id : null, score: head[0], level: LEVELS[head[1]], flags };
    if (head[2] >= 0) out.history = { sender: HISTORY[head[2]], receiver: HISTORY[head[3]] };
    out.pack = { id: info.id, version: info.version, digest: info.digest };
    out.engine = info.engine;
    tape = undefined;
    return head[4] === 1 ? glue.restoreVerdictText(tx, out) : out;
  };

  // `info` is the screener's { id, version, digest, engine, limit }: its
  // pack, the engine version and its packedTextLimit, which the package
  // keeps per screener.
  return {
    screen(screener, tx, info) {
      const n = put(tx, info.limit);
      if (n < 0 || screener.screenPacked(n) === 0) return undefined;
      return verdict(tx, info);
    },
    history(screener, tx, sender, receiver, info) {
      const n = put(tx, info.limit);
      if (n < 0 || screener.screenPackedWithHistory(n, sender, receiver) === 0) return undefined;
      const out = { verdict: verdict(tx, info) };
      const s = screener.packedState(0);
      const r = screener.packedState(1);
      if (s !== undefined) out.sender = s;
      if (r !== undefined) out.receiver = r;
      return out;
    },
  };
}
