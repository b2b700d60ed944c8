// A Cloudflare Worker that screens one payment with jejak, with the payment
// history of both accounts. Each account's history state lives in a Durable
// Object of its own (idFromName(account id)); README.md explains the design.
//
//   POST /screen   body: one transaction (JSON)
//   200            the verdict (JSON), byte for byte what screenWithHistory gives
//   400            { code, path, message } for a bad transaction (JejakError)
//   413            { code, path, message } for a body over 64 KiB
//   500            { code, path, message } when an account's stored state cannot be read
//   404, 405       another path, another method
import { DurableObject } from 'cloudflare:workers';
import { JejakError, Screener } from 'jejak';

/** The one storage key of an Account object: { state: Uint8Array, payments: number }. */
const KEY = 'history';
/** A transaction is a few hundred bytes; jejak caps the memo at 4 KiB. */
const MAX_BODY_BYTES = 64 * 1024;

// Screeners are built once per isolate: building one compiles the pack, which
// costs far more than a screen. The Worker and every Account object in the
// isolate share them. `compact` serves phase 1 when its verdict is thrown
// away: a compact verdict costs about a third of a full one to build.
const screeners = {};
function getScreener(env, form = 'full') {
  if (!screeners[form]) {
    // The key makes a state unusable for any other account and keeps account
    // ids out of the stored bytes; changing it invalidates every stored state.
    if (!env.JEJAK_HISTORY_KEY) throw new Error('JEJAK_HISTORY_KEY is not set (wrangler secret put JEJAK_HISTORY_KEY)');
    screeners[form] = new Screener(undefined, { historyKey: env.JEJAK_HISTORY_KEY, verdict: form });
  }
  return screeners[form];
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname !== '/screen') return problem(404, 'not_found', '', 'POST a transaction to /screen');
    if (request.method !== 'POST') {
      return problem(405, 'method_not_allowed', '', 'POST a transaction to /screen', { allow: 'POST' });
    }
    const body = await request.arrayBuffer();
    if (body.byteLength > MAX_BODY_BYTES) return problem(413, 'limit_exceeded', '', `the body is over ${MAX_BODY_BYTES} bytes`);
    const text = new TextDecoder().decode(body);

    let tx;
    try {
      tx = JSON.parse(text);
    } catch {
      tx = undefined;
    }
    const senderId = accountId(tx, 'sender');
    const receiverId = accountId(tx, 'receiver');
    if (tx === undefined || senderId === null || receiverId === null) {
      // Nothing to route on: jejak itself says what is wrong, in its own words.
      return screenHere(env, text);
    }
    if (senderId === undefined && receiverId === undefined) return screenHere(env, tx);

    const accounts = env.ACCOUNTS;
    const cost = { objects: 0, reads: 0, writes: 0 };
    const count = (part) => {
      cost.objects += 1;
      cost.reads += part.reads;
      cost.writes += part.writes;
    };

    // Phase 1, in the sender's object: record the payment on the sender's
    // state and hand back that state as it was before, for phase 2.
    // An account paying itself has one state, which phase 1 updates on
    // both sides: it is the only phase.
    let sender;
    if (senderId !== undefined) {
      const only = receiverId === undefined || receiverId === senderId;
      sender = await accounts.get(accounts.idFromName(senderId)).pay(tx, only);
      if (sender.error) return jejakProblem(sender.error);
      count(sender);
      if (only) return verdictResponse(sender.verdict, sender.payments, undefined, cost);
    }
    // Phase 2, in the receiver's object: the full screen with both states,
    // and the receiver's own update.
    const receiver = await accounts.get(accounts.idFromName(receiverId)).receive(tx, sender?.before, sender?.after);
    if (receiver.error) return jejakProblem(receiver.error);
    count(receiver);
    return verdictResponse(receiver.verdict, sender?.payments, receiver.payments, cost);
  },
};

/**
 * One account's history. Each method reads the state, screens, and writes the
 * new state with no other I/O in between, so the platform runs it as one
 * atomic step: the input gate admits no other call to this object while the
 * read is pending, and the output gate holds the answer until the write is
 * durable. No method waits on another object, so no two objects ever wait on
 * each other.
 */
export class Account extends DurableObject {
  /**
   * Phase 1: this account pays. Returns its state before and after the
   * payment; when the payee has no id or is this account, also the verdict
   * (`final`).
   */
  async pay(tx, final) {
    // Outside the try: a bad configuration is a 500, not the client's fault.
    const screener = getScreener(this.env, final ? 'full' : 'compact');
    const stored = await this.ctx.storage.get(KEY);
    let result;
    try {
      result = screener.screenWithHistory(tx, { sender: stored?.state });
    } catch (e) {
      return failure(e);
    }
    const written = this.#record(stored, result.verdict.history.sender, result.sender);
    return {
      before: stored?.state,
      after: result.sender,
      payments: written.payments,
      reads: 1,
      writes: written.writes,
      verdict: final ? JSON.stringify(result.verdict) : undefined,
    };
  }

  /**
   * Phase 2: this account is paid. `senderBefore` is the payer's state as
   * phase 1 read it, `senderAfter` as phase 1 stored it (both undefined when
   * the payer has no id).
   */
  async receive(tx, senderBefore, senderAfter) {
    const screener = getScreener(this.env);
    const stored = await this.ctx.storage.get(KEY);
    let result;
    try {
      result = screener.screenWithHistory(tx, { sender: senderBefore, receiver: stored?.state });
    } catch (e) {
      return failure(e);
    }
    // Phase 1 computed the payer's new state without this account's state.
    // jejak derives each side's state from that side's old state and the
    // transaction alone, so the two must agree; if a jejak version ever
    // breaks that, stop here rather than let the stored history drift from
    // what screenWithHistory would have stored.
    if (senderAfter !== undefined && !sameBytes(result.sender, senderAfter)) {
      throw new Error("the payer's new state depends on the payee's state: this design no longer holds");
    }
    const written = this.#record(stored, result.verdict.history.receiver, result.receiver);
    return { verdict: JSON.stringify(result.verdict), payments: written.payments, reads: 1, writes: written.writes };
  }

  /**
   * Stores the new state when jejak updated it ('late' and 'noId' leave it as
   * it was). A retried payment (an id the state already holds) comes back as
   * the same bytes: nothing to write, and not a payment more.
   */
  #record(stored, status, state) {
    const payments = stored?.payments ?? 0;
    if (status !== 'updated' || sameBytes(state, stored?.state)) return { payments, writes: 0 };
    // Not awaited: the output gate already holds every answer of this call
    // until the write is durable, and fails the call if the write fails.
    this.ctx.storage.put(KEY, { state, payments: payments + 1 });
    return { payments: payments + 1, writes: 1 };
  }
}

/**
 * The party's account id: undefined when there is none, null when the value
 * is not one jejak would accept (jejak then reports it).
 */
function accountId(tx, party) {
  if (tx === null || typeof tx !== 'object' || Array.isArray(tx)) return null;
  const p = tx[party];
  if (p === undefined) return undefined;
  if (p === null || typeof p !== 'object' || Array.isArray(p)) return null;
  if (p.id === undefined) return undefined;
  return typeof p.id === 'string' ? p.id : null;
}

/** A payment with no account id, or a body jejak must reject: screened here, with no state. */
function screenHere(env, tx) {
  const screener = getScreener(env);
  try {
    const result = screener.screenWithHistory(tx, {});
    return verdictResponse(JSON.stringify(result.verdict), undefined, undefined, { objects: 0, reads: 0, writes: 0 });
  } catch (e) {
    const info = failure(e);
    return jejakProblem(info.error);
  }
}

/** A JejakError as data, so the Worker does not rely on how RPC carries errors; anything else rethrown. */
function failure(e) {
  if (!(e instanceof JejakError)) throw e;
  return { error: { code: e.code, path: e.path, message: e.message } };
}

function jejakProblem({ code, path, message }) {
  // A stored state jejak cannot read is this server's fault, not the client's.
  return problem(code === 'invalid_state' ? 500 : 400, code, path, message);
}

function problem(status, code, path, message, headers = {}) {
  return Response.json({ code, path, message }, { status, headers });
}

function verdictResponse(verdictJson, senderPayments, receiverPayments, cost) {
  const payments = [];
  if (senderPayments !== undefined) payments.push(`sender=${senderPayments}`);
  if (receiverPayments !== undefined) payments.push(`receiver=${receiverPayments}`);
  return new Response(verdictJson, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // How many payments each account's state has recorded, this one included.
      'jejak-payments': payments.join(', '),
      // What this request cost in Durable Object calls and storage operations.
      'jejak-storage': `objects=${cost.objects}, reads=${cost.reads}, writes=${cost.writes}`,
    },
  });
}

function sameBytes(a, b) {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
