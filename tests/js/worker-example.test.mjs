// examples/cloudflare-worker under workerd (miniflare), over real HTTP on
// 127.0.0.1: 1,000 synthetic payments across 52 accounts from 8 concurrent
// clients, a restart on the same Durable Object storage half-way, and every
// verdict compared byte for byte with screenWithHistory replayed in this
// process on in-memory states.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Miniflare } from 'miniflare';
import { packTarball, ROOT, workerModules } from './util.mjs';

const EXAMPLE = join(ROOT, 'examples', 'cloudflare-worker');
const HISTORY_KEY = 'example-worker-test-history-key';
const TOTAL = 1000;
const CLIENTS = 8;
const DAY = 86_400_000;
const YEAR = Date.UTC(2026, 0, 1);
/** UTC offsets in minutes (no daylight saving in any of them). */
const OFFSET = { AU: 600, SG: 480, MY: 480, ID: 420, PH: 480 };

let dir; // scratch: the example with the packed package installed, and the storage
let persist;
let jejak; // the same package, Node entry, for the replay
let replayApi; // its jejak/replay
let worker; // { modules, config }
let instance; // the running Miniflare: { mf, url }
const payments = generate();
const measured = {};

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jejak-worker-example-'));
  persist = join(dir, 'durable-objects');
  // What a user of the example has: its sources and the published package.
  cpSync(join(EXAMPLE, 'src'), join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'worker-example', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', packTarball()], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  jejak = await import(pathToFileURL(join(dir, 'node_modules', 'jejak', 'entries', 'node.mjs')).href);
  replayApi = await import(pathToFileURL(join(dir, 'node_modules', 'jejak', 'lib', 'replay.mjs')).href);
  worker = await bundle(dir, readConfig());
});

after(async () => {
  await instance?.mf.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The few wrangler.toml settings the test needs, so the test runs what `wrangler deploy` would. */
function readConfig() {
  const toml = readFileSync(join(EXAMPLE, 'wrangler.toml'), 'utf8');
  const top = (key) => toml.match(new RegExp(`^${key}\\s*=\\s*"([^"]+)"`, 'm'))?.[1];
  const binding = toml.match(/^\[\[durable_objects\.bindings\]\]\s*\nname\s*=\s*"([^"]+)"\s*\nclass_name\s*=\s*"([^"]+)"/m);
  const sqlite = toml.match(/^new_sqlite_classes\s*=\s*\[\s*"([^"]+)"\s*\]/m);
  const config = {
    name: top('name'),
    main: top('main'),
    compatibilityDate: top('compatibility_date'),
    binding: binding?.[1],
    className: binding?.[2],
  };
  for (const [key, value] of Object.entries(config)) assert.ok(value, `wrangler.toml: no ${key}`);
  assert.equal(sqlite?.[1], config.className, 'wrangler.toml: the class must be a new SQLite-backed class');
  return config;
}

/** What wrangler does (util.mjs): the Worker and its wasm module, for Miniflare. */
async function bundle(cwd, config) {
  return { modules: await workerModules(cwd, config.main), config };
}

async function start(historyKey = HISTORY_KEY) {
  const { modules, config } = worker;
  const mf = new Miniflare({
    name: config.name,
    modules,
    compatibilityDate: config.compatibilityDate,
    durableObjects: { [config.binding]: { className: config.className, useSQLite: true } },
    durableObjectsPersist: persist,
    bindings: { JEJAK_HISTORY_KEY: historyKey },
    host: '127.0.0.1',
    port: 0,
  });
  const url = await mf.ready;
  assert.equal(url.hostname, '127.0.0.1');
  return { mf, url };
}

async function post(tx, { method = 'POST', path = '/screen', body = JSON.stringify(tx) } = {}) {
  const res = await fetch(new URL(path, instance.url), {
    method,
    body: method === 'POST' ? body : undefined,
    headers: { 'content-type': 'application/json' },
    signal: AbortSignal.timeout(30_000),
  });
  return {
    status: res.status,
    body: await res.text(),
    payments: res.headers.get('jejak-payments'),
    storage: res.headers.get('jejak-storage'),
  };
}

/** Each client sends its payments one after the other; the clients run at once. */
async function send(list) {
  const byClient = new Map();
  for (const p of list) byClient.set(p.client, [...(byClient.get(p.client) ?? []), p]);
  await Promise.all(
    [...byClient.values()].map(async (mine) => {
      for (const p of mine) p.response = await post(p.tx);
    }),
  );
}

// ---- CPU time of workerd, from /proc (Linux) ----

/** User + system CPU ms of each workerd process this process started (pid → ms), or undefined off Linux. */
function workerdCpuMs() {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const cpu = new Map();
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // After the name: state, ppid, ...; utime and stime are fields 14 and 15 of stat.
    if (comm !== 'workerd' || Number(fields[1]) !== process.pid) continue;
    // In clock ticks of 10 ms (USER_HZ is 100 on Linux).
    cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
  }
  return cpu.size ? cpu : undefined;
}

/** CPU ms spent between two snapshots by the processes alive at the second (a stopped instance drops out). */
function diff(later, earlier) {
  if (!later || !earlier) return undefined;
  let ms = 0;
  for (const [pid, now] of later) ms += now - (earlier.get(pid) ?? 0);
  return ms;
}

function perRequest(ms, n) {
  return ms === undefined ? 'n/a (no /proc)' : `${(ms / n).toFixed(2)} ms`;
}

// ---- The tests ----

// The restart comes just before one of the habitual payer's payments.
const cutoff = payments.all.indexOf(payments.habitualRestart);
const firstHalf = payments.all.slice(0, cutoff);
const secondHalf = payments.all.slice(cutoff);

test('1,000 synthetic payments: the data set', () => {
  assert.equal(payments.all.length, TOTAL);
  assert.equal(new Set(payments.all.map((p) => p.client)).size, CLIENTS);
  const accounts = new Set(payments.all.flatMap((p) => [p.tx.sender.id, p.tx.receiver.id]));
  assert.ok(accounts.size >= 45 && accounts.size <= 60, `${accounts.size} accounts`);
  // Concurrency is across accounts only: no account appears in two clients.
  const owner = new Map();
  for (const p of payments.all) {
    for (const id of [p.tx.sender.id, p.tx.receiver.id]) {
      assert.equal(owner.get(id) ?? p.client, p.client, `${id} is in two clients`);
      owner.set(id, p.client);
    }
  }
  assert.ok(firstHalf.length > 300 && secondHalf.length > 300, `${firstHalf.length} / ${secondHalf.length}`);
  assert.equal(secondHalf[0], payments.habitualRestart);
});

test('first half over HTTP from 8 concurrent clients', { timeout: 120_000 }, async (t) => {
  instance = await start();
  const cpu = workerdCpuMs();
  const started = performance.now();
  await send(firstHalf);
  measured.firstHalf = { n: firstHalf.length, wallMs: performance.now() - started, cpuMs: diff(workerdCpuMs(), cpu) };
  for (const p of firstHalf) assert.equal(p.response.status, 200, p.response.body);
  t.diagnostic(`${firstHalf.length} payments in ${measured.firstHalf.wallMs.toFixed(0)} ms, workerd CPU ${measured.firstHalf.cpuMs} ms`);
});

test('after a restart on the same storage, the history goes on', { timeout: 120_000 }, async (t) => {
  await instance.mf.dispose();
  instance = undefined;
  instance = await start();
  // The next payment of the habitual payer, alone, on the new instance: its
  // history flags need the payments stored before the restart.
  const next = payments.habitualRestart;
  let cpu = workerdCpuMs();
  next.response = await post(next.tx);
  measured.cold = diff(workerdCpuMs(), cpu);
  assert.equal(next.response.status, 200, next.response.body);
  const verdict = JSON.parse(next.response.body);
  assert.deepEqual(verdict.history, { sender: 'updated', receiver: 'updated' });
  const earlier = payments.all.filter((p) => p.tx.sender.id === next.tx.sender.id && p.at < next.at).length;
  assert.ok(earlier >= 10);
  // Counted by the Account objects before and after the restart.
  assert.equal(next.response.payments, `sender=${earlier + 1}, receiver=${earlier + 1}`);
  // Payer history flags whose evidence counts earlier payments.
  const payerFlags = new Set(replayApi.historyFlags(verdict).sender);
  const continued = verdict.flags
    .filter((f) => payerFlags.has(f.indicator))
    .filter((f) => f.evidence.some((e) => e.kind === 'history' && e.field === 'sender' && e.count >= 2))
    .map((f) => f.indicator);
  assert.ok(continued.length > 0, `no payer history flag after the restart: ${next.response.body}`);
  // The same payment on an empty history has none of them: they came from storage.
  const fresh = new jejak.Screener(undefined, { historyKey: HISTORY_KEY }).screenWithHistory(next.tx, {});
  const freshFlags = fresh.verdict.flags.map((f) => f.indicator);
  assert.deepEqual(
    continued.filter((id) => freshFlags.includes(id)),
    [],
    `on an empty history: ${freshFlags}`,
  );
  t.diagnostic(`after the restart: ${continued.join(', ')}`);

  const rest = secondHalf.slice(1);
  cpu = workerdCpuMs();
  const started = performance.now();
  await send(rest);
  measured.secondHalf = { n: rest.length, wallMs: performance.now() - started, cpuMs: diff(workerdCpuMs(), cpu) };
  for (const p of rest) assert.equal(p.response.status, 200, p.response.body);
  t.diagnostic(`${rest.length} payments in ${measured.secondHalf.wallMs.toFixed(0)} ms, workerd CPU ${measured.secondHalf.cpuMs} ms`);
});

test('every verdict equals screenWithHistory replayed in one process, byte for byte', (t) => {
  // The server applied each account's payments in timestamp order (each
  // account belongs to one client, which sends in that order), so replaying
  // all payments in timestamp order gives every account the same sequence.
  const replay = new replayApi.Replay(new jejak.Screener(undefined, { historyKey: HISTORY_KEY }));
  const states = replay.states;
  const counts = new Map();
  // CPU time, not wall time: the machine may be busy with other work.
  let cpu = process.cpuUsage();
  for (const p of payments.all) {
    const s = p.tx.sender.id;
    const r = p.tx.receiver.id;
    p.payerBefore = replay.state(s);
    const result = replay.screen(p.tx);
    p.payerAfter = result.sender;
    if (result.verdict.history.sender === 'updated') counts.set(s, (counts.get(s) ?? 0) + 1);
    if (result.verdict.history.receiver === 'updated') counts.set(r, (counts.get(r) ?? 0) + 1);
    p.replay = { body: JSON.stringify(result.verdict), payments: `sender=${counts.get(s) ?? 0}, receiver=${counts.get(r) ?? 0}` };
  }
  measured.nodeMs = { full: cpuMs(cpu) / payments.all.length };

  // What the payer's object runs in phase 1: a compact verdict, no payee
  // state. The design rests on its payer state being the same bytes.
  const phase1 = new jejak.Screener(undefined, { historyKey: HISTORY_KEY, verdict: 'compact' });
  cpu = process.cpuUsage();
  const payerOnly = payments.all.map((p) => phase1.screenWithHistory(p.tx, { sender: p.payerBefore }).sender);
  measured.nodeMs.phase1 = cpuMs(cpu) / payments.all.length;
  payments.all.forEach((p, i) => {
    assert.deepEqual(payerOnly[i], p.payerAfter, `payment ${p.tx.id}: the payer's new state depends on the payee's state`);
  });

  let same = 0;
  for (const p of payments.all) {
    assert.equal(p.response.body, p.replay.body, `payment ${p.tx.id}: the Worker's verdict differs from the replay`);
    assert.equal(p.response.payments, p.replay.payments, `payment ${p.tx.id}: applied out of order or lost`);
    assert.equal(p.response.storage, 'objects=2, reads=2, writes=2', p.tx.id);
    same += 1;
  }
  assert.equal(same, TOTAL);
  const sizes = [...states.values()].map((s) => s.length);
  measured.state = { accounts: sizes.length, max: Math.max(...sizes), mean: sizes.reduce((a, b) => a + b, 0) / sizes.length };
  assert.ok(measured.state.max <= 4096, `a state of ${measured.state.max} bytes`);
  t.diagnostic(`state bytes per account: mean ${measured.state.mean.toFixed(0)}, max ${measured.state.max}`);
});

test('the habitual payers end with history flags; the family remittances never reach review', () => {
  for (const id of payments.habitualPayers) {
    const last = payments.all.filter((p) => p.tx.sender.id === id).at(-1);
    const verdict = JSON.parse(last.response.body);
    assert.ok(replayApi.hasHistoryFlag(verdict), `${id}'s last payment has no history flag: ${verdict.flags.map((f) => f.indicator)}`);
  }
  const family = payments.all.filter((p) => p.kind === 'family');
  assert.equal(family.length, 72);
  for (const p of family) {
    const { level, flags } = JSON.parse(p.response.body);
    assert.ok(level === 'none' || level === 'low', `${p.tx.id} (${p.tx.sender.id}): ${level} ${flags.map((f) => f.indicator)}`);
  }
});

test('400 { code, path, message } and nothing stored; late, one-sided, id-less and self payments', { timeout: 60_000 }, async () => {
  const screener = new jejak.Screener(undefined, { historyKey: HISTORY_KEY });
  const payer = { id: 'id-test-payer', country: 'ID' };
  const payee = { id: 'id-test-payee', country: 'ID' };
  const good = {
    id: 'x-1',
    timestamp: '2026-12-30T20:00:00+07:00',
    amount: '25000',
    currency: 'IDR',
    channel: 'p2p',
    sender: payer,
    receiver: payee,
  };

  const bad = await post({ ...good, amount: 'abc' });
  assert.equal(bad.status, 400, bad.body);
  const error = JSON.parse(bad.body);
  assert.deepEqual(Object.keys(error).sort(), ['code', 'message', 'path']);
  assert.equal(error.code, 'invalid_transaction');
  assert.equal(error.path, '/amount');
  assert.ok(error.message.length > 0);

  const notJson = await post(undefined, { body: '{"amount": ' });
  assert.equal(notJson.status, 400, notJson.body);
  assert.equal(JSON.parse(notJson.body).code, 'invalid_transaction');

  // The rejected payment left both states as they were (none).
  const first = await post(good);
  assert.equal(first.status, 200, first.body);
  assert.equal(first.payments, 'sender=1, receiver=1');
  const expected = screener.screenWithHistory(good, {});
  assert.equal(first.body, JSON.stringify(expected.verdict));

  // The same payment sent again (a client retry): the same verdict, and
  // neither account counts it twice or writes anything.
  const retry = await post(good);
  assert.equal(retry.status, 200, retry.body);
  assert.equal(retry.body, first.body);
  assert.equal(retry.payments, 'sender=1, receiver=1');
  assert.equal(retry.storage, 'objects=2, reads=2, writes=0');

  // Seven hours older than the newest payment of both: a verdict, no update.
  const late = { ...good, id: 'x-2', timestamp: '2026-12-30T13:00:00+07:00' };
  const lateResponse = await post(late);
  assert.equal(lateResponse.status, 200, lateResponse.body);
  assert.deepEqual(JSON.parse(lateResponse.body).history, { sender: 'late', receiver: 'late' });
  assert.equal(lateResponse.payments, 'sender=1, receiver=1');
  assert.equal(lateResponse.storage, 'objects=2, reads=2, writes=0');
  const lateExpected = screener.screenWithHistory(late, { sender: expected.sender, receiver: expected.receiver });
  assert.equal(lateResponse.body, JSON.stringify(lateExpected.verdict));

  // A payee without an id: only the payer's object.
  const oneSided = { ...good, id: 'x-3', timestamp: '2026-12-30T21:00:00+07:00', receiver: { country: 'ID' } };
  const oneSidedResponse = await post(oneSided);
  assert.equal(oneSidedResponse.status, 200, oneSidedResponse.body);
  assert.equal(oneSidedResponse.payments, 'sender=2');
  assert.equal(oneSidedResponse.storage, 'objects=1, reads=1, writes=1');
  const oneSidedExpected = screener.screenWithHistory(oneSided, { sender: expected.sender });
  assert.equal(oneSidedResponse.body, JSON.stringify(oneSidedExpected.verdict));

  // No id at all: screened in the Worker, no object.
  const anonymous = { ...good, id: 'x-4', sender: { country: 'ID' }, receiver: { country: 'ID' } };
  const anonymousResponse = await post(anonymous);
  assert.equal(anonymousResponse.status, 200, anonymousResponse.body);
  assert.deepEqual(JSON.parse(anonymousResponse.body).history, { sender: 'noId', receiver: 'noId' });
  assert.equal(anonymousResponse.storage, 'objects=0, reads=0, writes=0');

  // An account paying itself: one state, which phase 1 updates on both
  // sides, so phase 1 is the only one (a second phase would count the
  // payment in again when it has no id).
  const self = { ...good, id: 'x-5', sender: { id: 'id-test-self', country: 'ID' }, receiver: { id: 'id-test-self', country: 'ID' } };
  const selfFirst = await post(self);
  assert.equal(selfFirst.status, 200, selfFirst.body);
  assert.equal(selfFirst.payments, 'sender=1');
  assert.equal(selfFirst.storage, 'objects=1, reads=1, writes=1');
  const selfExpected = screener.screenWithHistory(self, {});
  assert.equal(selfFirst.body, JSON.stringify(selfExpected.verdict));

  const huge = await post({ ...good, memo: 'x'.repeat(70_000) });
  assert.equal(huge.status, 413, huge.body);
  assert.equal(JSON.parse(huge.body).code, 'limit_exceeded');
  assert.equal((await post(undefined, { method: 'GET' })).status, 405);
  assert.equal((await post(good, { path: '/elsewhere' })).status, 404);
});

test('concurrent payments of one account are serialized by its object, none lost, no deadlock', { timeout: 60_000 }, async () => {
  const at = (minute) => `2026-12-31T10:${String(minute).padStart(2, '0')}:00+07:00`;
  const pay = (n, from, to) => ({
    id: `c-${n}`,
    timestamp: at(n % 60),
    amount: String(10_000 + n * 1000),
    currency: 'IDR',
    channel: 'p2p',
    sender: { id: from, country: 'ID' },
    receiver: { id: to, country: 'ID' },
  });
  /** "sender=3, receiver=1" → { sender: 3, receiver: 1 } */
  const counts = (header) => Object.fromEntries(header.split(', ').map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]));
  const screener = new jejak.Screener(undefined, { historyKey: HISTORY_KEY });

  // 16 payers pay one payee, and one payer pays 16 payees, all at once.
  const fanIn = Array.from({ length: 16 }, (_, i) => pay(i, `id-fan-in-${i}`, 'id-fan-in-payee'));
  const fanOut = Array.from({ length: 16 }, (_, i) => pay(i, 'id-fan-out-payer', `id-fan-out-${i}`));
  const [inResponses, outResponses] = await Promise.all([
    Promise.all(fanIn.map((tx) => post(tx))),
    Promise.all(fanOut.map((tx) => post(tx))),
  ]);
  for (const [txs, responses, side] of [
    [fanIn, inResponses, 'receiver'],
    [fanOut, outResponses, 'sender'],
  ]) {
    for (const r of responses) assert.equal(r.status, 200, r.body);
    // Each payment saw a different count of the shared account: one after the other.
    const order = responses.map((r) => counts(r.payments)[side]);
    assert.deepEqual([...order].sort((a, b) => a - b), Array.from({ length: 16 }, (_, i) => i + 1), `${side}: ${order}`);
    // Replayed in the order the object applied them, the verdicts are the same bytes.
    let shared;
    for (const i of order.map((_, i) => i).sort((a, b) => order[a] - order[b])) {
      const result = screener.screenWithHistory(txs[i], side === 'receiver' ? { receiver: shared } : { sender: shared });
      shared = result[side];
      assert.equal(responses[i].body, JSON.stringify(result.verdict), `${side} payment ${txs[i].id}`);
    }
  }

  // A ring of 8 accounts, each paying the next twice, all at once: every
  // account pays and is paid concurrently, which a lock held across two
  // objects would deadlock on.
  const ring = Array.from({ length: 8 }, (_, i) => `id-ring-${i}`);
  const ringTxs = [0, 1].flatMap((round) => ring.map((from, i) => pay(round * 8 + i, from, ring[(i + 1) % 8])));
  const ringResponses = await Promise.all(ringTxs.map((tx) => post(tx)));
  const seen = new Map(ring.map((id) => [id, []]));
  ringResponses.forEach((r, k) => {
    assert.equal(r.status, 200, r.body);
    const c = counts(r.payments);
    seen.get(ringTxs[k].sender.id).push(c.sender);
    seen.get(ringTxs[k].receiver.id).push(c.receiver);
  });
  for (const [id, values] of seen) assert.deepEqual(values.sort(), [1, 2, 3, 4], `${id}: ${values}`);
});

test('under another history key the stored states are refused: 500 invalid_state', { timeout: 60_000 }, async () => {
  await instance.mf.dispose();
  instance = undefined;
  instance = await start('another-history-key-of-the-test');
  const response = await post({ ...payments.all.at(-1).tx, id: 'k-1' });
  assert.equal(response.status, 500, response.body);
  const error = JSON.parse(response.body);
  assert.equal(error.code, 'invalid_state');
  assert.equal(error.path, '/sender');
  assert.ok(error.message.length > 0);
});

test('cost per request, as measured', (t) => {
  const steady = [measured.firstHalf, measured.secondHalf];
  const cpu = steady.every((m) => m.cpuMs !== undefined) ? steady.reduce((a, m) => a + m.cpuMs, 0) : undefined;
  const n = steady.reduce((a, m) => a + m.n, 0);
  const wall = steady.reduce((a, m) => a + m.wallMs, 0);
  const disk = Object.entries(filesUnder(persist))
    .map(([kind, { files, bytes }]) => `${files} ${kind} files, ${(bytes / files).toFixed(0)} bytes each`)
    .join('; ');
  const lines = [
    `requests: ${TOTAL} screens, each 1 Worker request, 2 Durable Object RPC calls, 2 storage reads, 2 storage writes`,
    `workerd CPU per screen (Worker + both objects + HTTP + storage, all in one process): ${perRequest(cpu, n)}`,
    `  first half ${perRequest(measured.firstHalf.cpuMs, measured.firstHalf.n)}, ` +
      `second half ${perRequest(measured.secondHalf.cpuMs, measured.secondHalf.n)}`,
    `workerd CPU of the first request after the restart (wasm instantiation, pack compilation): ${measured.cold ?? 'n/a'} ms`,
    `screenWithHistory in Node, same wasm, CPU per call: phase 1 (compact, payer only) ${measured.nodeMs.phase1.toFixed(3)} ms, ` +
      `phase 2 (full, both states, with JSON.stringify) ${measured.nodeMs.full.toFixed(3)} ms`,
    `wall time: ${(wall / n).toFixed(2)} ms per screen with ${CLIENTS} clients (${((n * 1000) / wall).toFixed(0)} screens/s)`,
    `state per account: mean ${measured.state.mean.toFixed(0)} bytes, max ${measured.state.max} bytes (${measured.state.accounts} accounts)`,
    `miniflare's storage directory (local SQLite, not what Cloudflare bills): ${disk}`,
  ];
  for (const line of lines) t.diagnostic(line);
  assert.ok(n > 900);
});

function cpuMs(since) {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
}


/** Bytes and files under `path`, by kind: SQLite databases, their WAL and shared-memory files, the rest. */
function filesUnder(path, sizes = {}) {
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) {
      filesUnder(full, sizes);
      continue;
    }
    const kind = entry.name.match(/(\.sqlite|-wal|-shm)$/)?.[1] ?? 'other';
    sizes[kind] ??= { files: 0, bytes: 0 };
    sizes[kind].files += 1;
    sizes[kind].bytes += statSync(full).size;
  }
  return sizes;
}

// ---- Synthetic payments (seeded, no memo a real case would use) ----

/** mulberry32: a small seeded PRNG, the same sequence on every machine. */
function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The instant of local `minutes` past midnight on day `day` of 2026 at UTC offset `offset`. */
function instant(day, minutes, offset) {
  return YEAR + day * DAY + (minutes - offset) * 60_000;
}

/** RFC 3339 with the offset: what the sender's app would send. */
function stamp(at, offset) {
  const local = new Date(at + offset * 60_000).toISOString().slice(0, 16);
  const sign = offset < 0 ? '-' : '+';
  const h = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const m = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local}:00${sign}${h}:${m}`;
}

function generate() {
  const rand = prng(20261120);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const groups = []; // one per client-owned set of accounts: [{ at, tx, kind }]

  // Domestic e-wallet circles in Indonesia: five wallets that pay each
  // other and one shop paid by QRIS. Each wallet both pays and is paid.
  const shops = [
    ['Warung Sari', '5812', 'Bandung'],
    ['Toko Maju', '5411', 'Surabaya'],
    ['Kedai Kopi Senja', '5814', 'Yogyakarta'],
    ['Bengkel Jaya', '7538', 'Medan'],
    ['Apotek Sehat', '5912', 'Makassar'],
    ['Laundry Bersih', '7211', 'Semarang'],
  ];
  const domestic = shops.map(() => []);
  groups.push(...domestic);

  // Two habitual payers: AU -> PH, AUD 20-80, several times a day late at night.
  const habitualPayers = [];
  const habitual = (n, firstDay, days) => {
    const payer = `au-habit-${n}`;
    const payee = `ph-habit-${n}`;
    habitualPayers.push(payer);
    const list = [];
    for (let d = firstDay; d < firstDay + days; d++) {
      const count = int(2, 4);
      // Between 22:00 and 03:00 local time.
      const minutes = new Set();
      while (minutes.size < count) minutes.add(22 * 60 + int(0, 299));
      for (const m of [...minutes].sort((a, b) => a - b)) {
        const at = instant(d, m, OFFSET.AU);
        list.push({
          at,
          kind: 'habitual',
          tx: {
            timestamp: stamp(at, OFFSET.AU),
            amount: `${int(20, 80)}.00`,
            currency: 'AUD',
            channel: 'remittance',
            ...(rand() < 0.6 ? { memo: pick(['hi', 'ok', 'thanks', 'see you', 'hello again']) } : {}),
            sender: { id: payer, country: 'AU', accountAgeDays: 700 + d },
            receiver: { id: payee, country: 'PH', ...(list.length === 0 ? { isNew: true } : {}) },
          },
        });
      }
    }
    return list;
  };
  const habitual1 = habitual(1, 170, 14);
  groups.push(habitual1, habitual(2, 280, 12));

  // Six family remittances: the same amount on the same day of every month, in the daytime.
  const families = [
    ['AU', 'PH', 'AUD', '400.00'],
    ['AU', 'PH', 'AUD', '250.00'],
    ['SG', 'PH', 'SGD', '300.00'],
    ['AU', 'ID', 'AUD', '350.00'],
    ['SG', 'ID', 'SGD', '200.00'],
    ['MY', 'ID', 'MYR', '900.00'],
  ];
  families.forEach(([from, to, currency, amount], i) => {
    const payer = `${from.toLowerCase()}-family-${i + 1}`;
    const payee = `${to.toLowerCase()}-family-${i + 1}`;
    const dayOfMonth = int(1, 25);
    const age = int(1500, 3000);
    const channel = pick(['remittance', 'bank_transfer']);
    const list = [];
    for (let month = 0; month < 12; month++) {
      const day = (Date.UTC(2026, month, dayOfMonth) - YEAR) / DAY;
      const at = instant(day, int(9 * 60, 18 * 60), OFFSET[from]);
      list.push({
        at,
        kind: 'family',
        tx: {
          timestamp: stamp(at, OFFSET[from]),
          amount,
          currency,
          channel,
          memo: 'monthly',
          sender: { id: payer, country: from, accountAgeDays: age + day },
          receiver: { id: payee, country: to, ...(month === 0 ? { isNew: true } : {}) },
        },
      });
    }
    groups.push(list);
  });

  // The rest: domestic payments spread over the year, in the daytime.
  const fixed = groups.reduce((n, g) => n + g.length, 0);
  const memos = ['makan siang', 'kopi', 'patungan', 'bensin', 'arisan', 'pulsa'];
  domestic.forEach((list, k) => {
    const count = Math.floor((TOTAL - fixed) / domestic.length) + (k < (TOTAL - fixed) % domestic.length ? 1 : 0);
    const wallets = [1, 2, 3, 4, 5].map((w) => `id-circle-${k + 1}-w${w}`);
    const [name, mcc, city] = shops[k];
    const paid = new Set();
    const drafts = [];
    for (let i = 0; i < count; i++) drafts.push({ day: int(0, 364), minutes: int(7 * 60, 21 * 60 + 59), r: rand() });
    drafts.sort((a, b) => a.day - b.day || a.minutes - b.minutes);
    for (const { day, minutes, r } of drafts) {
      const at = instant(day, minutes, OFFSET.ID);
      const payer = pick(wallets);
      let tx;
      if (r < 0.5) {
        tx = {
          amount: String(int(20, 300) * 500),
          channel: 'qris',
          receiver: { id: `id-circle-${k + 1}-shop`, country: 'ID' },
          merchant: { id: `ID10200${k + 1}0000${String(k).padStart(2, '0')}`, name, mcc, country: 'ID', city },
        };
      } else {
        const payee = pick(wallets.filter((w) => w !== payer));
        const pair = `${payer}>${payee}`;
        tx = {
          amount: String(int(10, 1000) * 1000),
          channel: 'p2p',
          ...(rand() < 0.7 ? { memo: pick(memos) } : {}),
          receiver: { id: payee, country: 'ID', ...(paid.has(pair) ? {} : { isNew: true }) },
        };
        paid.add(pair);
      }
      list.push({
        at,
        kind: 'domestic',
        tx: {
          timestamp: stamp(at, OFFSET.ID),
          currency: 'IDR',
          ...tx,
          sender: { id: payer, country: 'ID', accountAgeDays: 400 + day },
        },
      });
    }
  });

  // Client c owns groups c, c + 8, ...: an account's payments all go
  // through one client, in timestamp order.
  const all = [];
  groups.forEach((list, g) => {
    list.forEach((p, i) => all.push({ ...p, group: g, seq: i, client: g % CLIENTS }));
  });
  all.sort((a, b) => a.at - b.at || a.group - b.group || a.seq - b.seq);
  all.forEach((p, i) => {
    p.tx = { id: `p-${String(i + 1).padStart(4, '0')}`, ...p.tx };
  });
  // The restart comes before the habitual payer's payment three quarters of the way in.
  const restartAt = habitual1[Math.floor(habitual1.length * 0.75)].at;
  const habitualRestart = all.find((p) => p.kind === 'habitual' && p.at === restartAt);
  return { all, habitualPayers, habitualRestart };
}
