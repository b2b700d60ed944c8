// The main entry's API over the runtime and, when loaded, the pack tools
// (docs/DESIGN.md, "Runtime and tools"; the tools' side: tools-api.mjs).
// Node's entry reads it as dist/wrap.cjs.

import { boundary } from './boundary.mjs';

/** Where `jejak/tools` leaves its API for the main entry to find, whichever bundle each came from. */
export const TOOLS = Symbol.for('jejak.tools');

/**
 * The main entry's API over the runtime's `glue` (instantiated, its default
 * pack given). `loadTools()` returns the tools' API or undefined when they
 * are not loaded; `packText()` the default pack's JSON text (by default
 * the tools'), for defaultPack and deltas to the default pack.
 */
export function wrap(glue, loadTools, packText) {
  const JejakError = glue.jejakErrorClass();
  const defaultPackText = () => (packText === undefined ? tools().defaultPackText() : packText());
  const tools = () => {
    const api = loadTools();
    if (api === undefined) {
      throw new JejakError(
        'invalid_pack',
        '',
        "this needs the pack tools, which this runtime does not load by itself: import 'jejak/tools' once before it (JSON packs, deltas, validatePack, signablePayload, termForms and normalizeIdentifier are theirs; pack images and the default pack are not)",
      );
    }
    return api;
  };
  // Per screener: the pack's JSON (an object or text; DEFAULT for the
  // default pack) for applyDelta, and the options for the delta's limits.
  const DEFAULT = Symbol('default pack');
  const sources = new WeakMap();
  const options = new WeakMap();
  const split = (opts) => {
    const { trustedKeys, minVersion, now, ...rest } = opts ?? {};
    return [{ trustedKeys, minVersion, now }, rest];
  };

  // The hot path without JSON (boundary.mjs) and, per screener, what it
  // adds to a verdict: the pack, the engine and the screener's text limit.
  const packed = boundary(glue);
  const engine = glue.engineVersion();
  const infos = new WeakMap();
  const info = (screener) => {
    let i = infos.get(screener);
    if (i === undefined) {
      const { id, version, digest } = screener.pack;
      i = { id, version, digest, engine, limit: screener.packedTextLimit, maxBatch: screener.maxBatch };
      infos.set(screener, i);
    }
    return i;
  };
  // A state the packed path takes; anything else is the JSON path's to refuse.
  const isState = (v) => v === undefined || v === null || v instanceof Uint8Array;

  class Screener extends glue.Screener {
    constructor(pack, opts) {
      const json = pack === undefined || pack === null || pack instanceof Uint8Array ? undefined : pack;
      super(json === undefined ? pack : tools().compilePack(json, opts), opts);
      sources.set(this, pack === undefined || pack === null ? DEFAULT : json);
      options.set(this, opts);
    }

    static fromSignedPack(bytes, opts) {
      if (!(bytes instanceof Uint8Array) || !glue.signedHoldsJson(bytes)) {
        // An image: the runtime checks the signature and reads it.
        const screener = Object.setPrototypeOf(glue.Screener.fromSignedPack(bytes, opts), Screener.prototype);
        options.set(screener, split(opts)[1]);
        return screener;
      }
      const [trust, rest] = split(opts);
      const { json, image } = tools().openSigned(bytes, trust, rest);
      const screener = new Screener(image, rest);
      sources.set(screener, json);
      return screener;
    }

    screen(tx) {
      return packed.screen(this, tx, info(this)) ?? super.screen(tx);
    }

    screenMany(txs) {
      // What the JSON path refuses as a whole (not an array, over maxBatch)
      // it refuses here too.
      const i = Array.isArray(txs) ? info(this) : undefined;
      if (i === undefined || txs.length > i.maxBatch) return super.screenMany(txs);
      const out = new Array(txs.length);
      const rest = [];
      const at = [];
      for (let k = 0; k < txs.length; k++) {
        const verdict = packed.screen(this, txs[k], i);
        if (verdict === undefined) {
          rest.push(txs[k]);
          at.push(k);
        } else {
          out[k] = { ok: true, verdict };
        }
      }
      // The rows the packed path leaves, through JSON in one call: each a
      // verdict or its error, as before.
      if (rest.length > 0) super.screenMany(rest).forEach((r, k) => (out[at[k]] = r));
      return out;
    }

    screenWithHistory(tx, states) {
      if (states === undefined || states === null || (typeof states === 'object' && isState(states.sender) && isState(states.receiver))) {
        const out = packed.history(this, tx, states?.sender ?? undefined, states?.receiver ?? undefined, info(this));
        if (out !== undefined) return out;
      }
      return super.screenWithHistory(tx, states);
    }

    usePack(image) {
      const pack = super.usePack(image);
      // The JSON the screener had no longer describes its pack.
      sources.delete(this);
      infos.delete(this);
      return pack;
    }

    applyDelta(bytes, trust) {
      const api = tools();
      let base = sources.get(this);
      if (base === DEFAULT) base = defaultPackText();
      if (base === undefined) {
        throw new JejakError(
          'invalid_pack',
          '',
          'a delta applies to a pack given as JSON; a pack given as an image is updated with a new image (usePack)',
        );
      }
      const { json, image } = api.applyDeltaTo(base, bytes, trust, options.get(this));
      const pack = super.usePack(image);
      sources.set(this, json);
      infos.delete(this);
      return pack;
    }
  }

  const lazy = (name) => (...args) => tools()[name](...args);
  return {
    Screener,
    JejakError,
    defaultPack: () => JSON.parse(defaultPackText()),
    compilePack: lazy('compilePack'),
    validatePack: lazy('validatePack'),
    signablePayload: lazy('signablePayload'),
    verifySigned: (bytes, opts) =>
      bytes instanceof Uint8Array && glue.signedHoldsJson(bytes) ? tools().verifySigned(bytes, opts) : glue.verifySigned(bytes, opts),
    termForms: lazy('termForms'),
    normalizeIdentifier: lazy('normalizeIdentifier'),
    memoryBytes: glue.memoryBytes,
    timestampKey: glue.timestampKey,
    engineVersion: glue.engineVersion(),
  };
}
