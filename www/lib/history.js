// The History view: replays a file of payments (a bundled scenario or the
// user's own NDJSON or CSV) in timestamp order through
// `screener.screenWithHistory`, keeping one state per account in this page's
// memory, exactly as a host keeps them in its store: the state an account got
// back from its last payment is passed in with its next one, as `sender` when
// it pays and as `receiver` when it is paid. Then it shows every account's
// score over time, the accounts that reached review first, and the selected
// account's payments with the history evidence of each flag.
//
// The replay runs on the page's thread in slices (a few hundred payments
// each), so the page stays responsive and a long file can be cancelled.
import { h, $, $$, fill, num, acceptFiles } from './dom.js';
import { readRecords, describeError } from 'jejak/records';
import { Replay, historyFlagIds, inTimeOrder } from 'jejak/replay';
import { detectFormat } from './batch.js';
import { historyChart } from './charts.js';
import { levelBadge } from './verdict.js';
import { evidenceWords } from './evidence.js';
import { groupFlags, evidenceKey } from './facts.js';
import { word } from './words.js';

/** Payments replayed between two paints. */
const SLICE = 250;
/** The largest file replayed here: every verdict is kept in memory to draw the timelines. */
const MAX_ROWS = 20_000;
/** Payments listed in one account's timeline. */
const TIMELINE_LIMIT = 300;
const BAD_LIMIT = 500;
const RANK = { none: 0, low: 1, review: 2, high: 3 };
const reachedReview = (level) => RANK[level] >= RANK.review;

/** The bundled scenarios (www/samples/make-history.mjs writes them). */
export const SCENARIOS = {
  'history-all.ndjson': {
    label: 'All four stories together',
    note:
      'cust-au-1001 pays the same payee in the Philippines late at night, several times a week, for more each time; ' +
      'cust-au-1002, a minor’s account, pays a new payee abroad four times in one evening (the host never says the payee is new: the history does); ' +
      'wallet-id-3001, a personal e-wallet its owner has used at QRIS shops for two weeks, collects small payments, mostly at one price, from 24 first-time senders and sweeps them to a bank; ' +
      'and two look-alikes that should stay below review: a monthly family remittance (cust-au-1003) and a food stall with a merchant id (shop-id-5001) and its regular customers.',
  },
  'history-habitual.ndjson': {
    label: 'A habitual late-night payer',
    note: 'cust-au-1001 pays payee-ph-2001 AUD 20–80 late at night, three or four times a week for four weeks, the amounts rising. Each payment alone scores low; the history does not.',
  },
  'history-minor.ndjson': {
    label: 'A minor paying a new payee abroad',
    note: 'cust-au-1002, a minor’s account, buys small things at home for a month, then pays payee-ng-2002, whom it never paid before, four times in one evening. The host sends no receiver.isNew: a month of history knows the payee is new, so the first payment already reaches review.',
  },
  'history-ewallet.ndjson': {
    label: 'A personal e-wallet collecting and sweeping',
    note: 'wallet-id-3001, a personal e-wallet in Indonesia with no merchant id, pays at QRIS shops for two weeks; then it is paid small IDR amounts over two days by 24 senders who never paid it before, six of them abroad and most of the others Rp 50,000 each, and sends most of the money to a bank account early the next morning.',
  },
  'history-benign.ndjson': {
    label: 'Look-alikes: family remittance and a food stall',
    note: 'cust-au-1003 sends family-ph-2003 one daytime remittance a month, and shop-id-5001, a food stall with a QRIS merchant id, is paid again and again by 15 regular customers. Neither should reach review.',
  },
};
export const DEFAULT_SCENARIO = 'history-all.ndjson';

/** `2026-11-03 23:40 (+10:00)`: the time as the payer's clock showed it, with its offset. */
export function localTime(ts) {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|z|[+-]\d{2}:\d{2})$/.exec(ts ?? '');
  if (!m) return String(ts);
  return `${m[1]} ${m[2]} (${m[3].toUpperCase() === 'Z' ? 'UTC' : m[3]})`;
}

const idOf = (party) => (typeof party?.id === 'string' && party.id !== '' ? party.id : null);


/**
 * `app`: { Screener, JejakError, timestampKey, errorInfo(e), packText(), packLabel(), locale(), scoring(), openInSingle(tx) }.
 */
export function setupHistory(app) {
  const scenario = $('#history-scenario');
  const scenarioNote = $('#history-scenario-note');
  const replayButton = $('#history-replay');
  const fileInput = $('#history-file');
  const dropzone = $('#history-dropzone');
  const progress = $('#history-progress');
  const cancel = $('#history-cancel');
  const status = $('#history-status');
  const results = $('#history-results');
  const chartSvg = $('#history-chart');
  const chartFigure = $('#history-figure');
  const accountSelect = $('#history-account');
  const zoom = $('#history-zoom');
  const accountsBody = $('#history-accounts tbody');
  const timeline = $('#history-timeline');
  const badList = $('#history-bad');

  // The host's secret for the states (`historyKey`): a real host keeps one in
  // its configuration; this page draws a fresh one each time it loads, so the
  // states it builds are good for this visit only.
  const historyKey = [...crypto.getRandomValues(new Uint8Array(24))].map((b) => b.toString(16).padStart(2, '0')).join('');

  /** Screeners by locale for the pack in use, built with the history key. */
  let screeners = new Map();
  function screener(locale) {
    let sc = screeners.get(locale);
    if (!sc) {
      sc = new app.Screener(app.packText(), { locale, historyKey });
      screeners.set(locale, sc);
    }
    return sc;
  }

  let source = null; // { text, name } of the last file replayed
  let run = null; // the replay in progress or the last one
  let runCounter = 0;
  let selected = null; // the selected account id

  const setStatus = (text) => {
    status.textContent = text;
  };

  function showScenarioNote() {
    scenarioNote.textContent = SCENARIOS[scenario.value]?.note ?? '';
  }

  // ---- the replay ----

  /** Why the engine refuses a line that is not a JSON object (it names the problem and its path). */
  function engineError(sc, text) {
    try {
      sc.screen(text);
    } catch (e) {
      if (e instanceof app.JejakError) return app.errorInfo(e);
      throw e;
    }
    return { code: 'invalid_transaction', path: '', message: 'not a JSON object' };
  }

  async function replay(text, name) {
    if (run?.state === 'running') run.state = 'replaced';
    const id = ++runCounter;
    const locale = app.locale();
    source = { text, name };
    const r = {
      id,
      name,
      locale,
      state: 'running',
      pack: app.packLabel(),
      accounts: new Map(),
      replay: null,
      bad: [],
      payments: 0,
      started: performance.now(),
      ms: 0,
    };
    run = r;
    cancel.disabled = false;
    progress.value = 0;
    setStatus(`Reading ${name}…`);

    let sc;
    let rows;
    try {
      sc = screener(locale);
      if (typeof sc.screenWithHistory !== 'function') throw new Error('this version of jejak has no screenWithHistory');
      rows = readRecords(text, detectFormat(name, text));
    } catch (e) {
      finish(r, 'failed', `Could not replay ${name}: ${e instanceof app.JejakError ? describeError(app.errorInfo(e)) : e.message}`);
      return;
    }
    if (rows.length > MAX_ROWS) {
      finish(r, 'failed', `${name} has ${num(rows.length)} rows; this page replays at most ${num(MAX_ROWS)}. Use screenWithHistory from your own code for more.`);
      return;
    }

    r.replay = new Replay(sc);
    // Each payment, put in time order by the engine's reading of its
    // timestamp (jejak/replay); the engine reports the rows it cannot read.
    const items = [];
    for (const row of rows) {
      if (row.error) {
        r.bad.push({ line: row.line, error: row.error });
        continue;
      }
      let tx = row.tx;
      if (!tx) {
        try {
          tx = JSON.parse(row.text);
        } catch {
          tx = null;
        }
      }
      if (!tx || typeof tx !== 'object' || Array.isArray(tx)) {
        r.bad.push({ line: row.line, error: engineError(sc, row.text) });
        continue;
      }
      items.push({ line: row.line, tx });
    }
    // Timestamp order (file order between equal instants); a row whose time
    // cannot be read goes last, for the engine to say what is wrong with it.
    const { ordered, unplaced } = inTimeOrder(items, app.timestampKey, (item) => item.tx.timestamp);
    items.splice(0, items.length, ...ordered, ...unplaced);

    const total = items.length;
    setStatus(`Replaying ${name}: 0 of ${num(total)} payments…`);
    for (let from = 0; from < total; from += SLICE) {
      if (from > 0) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (r.state !== 'running') return;
      }
      for (const item of items.slice(from, from + SLICE)) step(r, item);
      progress.value = Math.floor((Math.min(from + SLICE, total) / Math.max(1, total)) * 100);
      setStatus(`Replaying ${name}: ${num(Math.min(from + SLICE, total))} of ${num(total)} payments…`);
    }
    r.ms = performance.now() - r.started;
    const secs = r.ms / 1000;
    const reached = [...r.accounts.values()].filter((a) => a.reviewAt !== null).length;
    finish(
      r,
      'done',
      `Done: ${num(r.payments)} payments of ${name} replayed in timestamp order in ${secs.toFixed(2)} s; ` +
        `${num(r.accounts.size)} accounts, ${num(reached)} reached review; ${num(r.bad.length)} rows not replayed. Pack ${r.pack}.`,
    );
  }

  /** Screens one payment with the states of its two accounts and keeps the states it returns (jejak/replay). */
  function step(r, { line, tx }) {
    const sid = idOf(tx.sender);
    const rid = idOf(tx.receiver);
    let result;
    try {
      result = r.replay.screen(tx);
    } catch (e) {
      if (!(e instanceof app.JejakError)) throw e;
      r.bad.push({ line, error: app.errorInfo(e) });
      return;
    }
    r.payments++;
    const verdict = result.verdict;
    // Where the payment sits on the chart's time axis.
    const at = Date.parse(tx.timestamp);
    const record = (id, role, counterpart) => {
      let a = r.accounts.get(id);
      if (!a) {
        a = { id, events: [], paid: 0, received: 0, peak: 0, peakLevel: 'none', reviewAt: null, bytes: 0 };
        r.accounts.set(id, a);
      }
      const bytes = result[role]?.length ?? null;
      a.events.push({ t: at, line, tx, verdict, role, counterpart, bytes, status: verdict.history?.[role] ?? null });
      if (role === 'sender') a.paid++;
      else a.received++;
      if (bytes !== null) a.bytes = bytes;
      a.peak = Math.max(a.peak, verdict.score);
      if (RANK[verdict.level] > RANK[a.peakLevel]) a.peakLevel = verdict.level;
      if (a.reviewAt === null && reachedReview(verdict.level)) a.reviewAt = at;
    };
    if (sid) record(sid, 'sender', rid);
    if (rid && rid !== sid) record(rid, 'receiver', sid);
  }

  function finish(r, state, message) {
    if (run !== r) return;
    r.state = state;
    cancel.disabled = true;
    if (state === 'done') progress.value = 100;
    setStatus(message);
    if (state === 'failed' && r.accounts.size === 0) {
      results.hidden = true;
      return;
    }
    render();
  }

  // ---- what the replay found ----

  /** Accounts that reached review first (earliest first), then by peak score, then by id. */
  function ordered() {
    return [...run.accounts.values()].sort(
      (a, b) =>
        (a.reviewAt === null) - (b.reviewAt === null) ||
        (a.reviewAt ?? 0) - (b.reviewAt ?? 0) ||
        b.peak - a.peak ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  function render() {
    results.hidden = false;
    results.dataset.state = run.state;
    const accounts = ordered();
    if (!run.accounts.has(selected)) selected = accounts[0]?.id ?? null;

    const reached = accounts.filter((a) => a.reviewAt !== null);
    const bytes = accounts.map((a) => a.bytes);
    const totalBytes = bytes.reduce((s, b) => s + b, 0);
    $('#history-count-payments').textContent = num(run.payments);
    $('#history-count-accounts').textContent = num(accounts.length);
    $('#history-count-review').textContent = num(reached.length);
    $('#history-count-bytes').textContent = accounts.length ? `${num(Math.max(...bytes))} B` : '—';
    $('#history-bytes-note').textContent = accounts.length
      ? `All ${num(accounts.length)} states together take ${num(totalBytes)} bytes of this page’s memory (${num(Math.round(totalBytes / accounts.length))} bytes per account on average). They never leave it.`
      : '';

    fill(
      accountSelect,
      accounts.map((a) =>
        h('option', { value: a.id }, `${a.id} · ${a.peakLevel}, peak ${a.peak} · ${a.paid + a.received} payment${a.paid + a.received === 1 ? '' : 's'}`),
      ),
    );
    accountSelect.value = selected ?? '';
    accountSelect.disabled = accounts.length === 0;

    renderAccounts(accounts);
    drawChart();
    renderTimeline();

    fill(badList, run.bad.slice(0, BAD_LIMIT).map((b) => h('li', null, `line ${b.line}: ${describeError(b.error)}`)));
    if (run.bad.length > BAD_LIMIT) badList.appendChild(h('li', { class: 'muted' }, `… and ${num(run.bad.length - BAD_LIMIT)} more.`));
    $('#history-bad-count').textContent = `(${num(run.bad.length)})`;
  }

  function renderAccounts(accounts) {
    const frag = document.createDocumentFragment();
    for (const a of accounts) {
      frag.appendChild(
        h(
          'tr',
          { 'data-account': a.id, 'data-peak': a.peak, 'data-peak-level': a.peakLevel, 'data-bytes': a.bytes, class: a.id === selected ? 'selected' : null },
          h('th', { scope: 'row' },
            h('button', { type: 'button', class: 'link-button mono', 'data-select': a.id, 'aria-current': a.id === selected ? 'true' : null,
              'aria-label': `${a.id}: show its payments` }, a.id)),
          h('td', { class: 'num c-payments' }, `${num(a.paid)} / ${num(a.received)}`),
          h('td', { class: 'c-peak' }, h('span', { class: 'peak-score' }, String(a.peak)), ' ', h('span', { class: 'c-level' }, levelBadge(a.peakLevel))),
          h('td', { class: 'num c-bytes', title: 'the size of the Uint8Array the host stores for this account' }, `${num(a.bytes)} B`),
        ),
      );
    }
    accountsBody.replaceChildren(frag);
  }

  function seriesOf(accounts) {
    return accounts.map((a) => ({
      id: a.id,
      peak: a.peak,
      peakLevel: a.peakLevel,
      points: a.events.map((e) => ({
        t: e.t,
        score: e.verdict.score,
        level: e.verdict.level,
        tx: e.verdict.transactionId ?? null,
        role: e.role,
        label: `${localTime(e.tx.timestamp)}: ${e.role === 'sender' ? 'paid' : 'was paid'} ${e.tx.amount} ${e.tx.currency}, score ${e.verdict.score} (${e.verdict.level})`,
      })),
    }));
  }

  function drawChart() {
    if (!run || results.hidden) return;
    const width = Math.round(chartFigure.clientWidth) || 720;
    historyChart(chartSvg, seriesOf(ordered()), { width, scoring: app.scoring(), selected, zoom: zoom.checked });
    chartSvg.dataset.width = String(width);
  }

  // ---- the selected account's payments ----

  function flagLine(flag, locale, tag) {
    return h('div', { class: 'flag-head' },
      h('span', { class: 'weight weight-sm', title: `adds ${flag.weight} to the score` }, `+${flag.weight}`),
      h('div', { class: 'flag-heading' },
        h('span', { class: 'hist-flag-title', lang: locale }, flag.title), ' ',
        h('code', { class: 'flag-id' }, flag.indicator),
        tag ? [' ', h('span', { class: 'kind-tag' }, tag)] : null));
  }

  /** One payment of the timeline: when, which way, the verdict, the state, and the flags with their history evidence. */
  function eventItem(account, e, locale, firstReview) {
    const v = e.verdict;
    const tx = e.tx;
    const hist = historyFlagIds(v);
    const groups = groupFlags(v);
    const fromHistory = v.flags.filter((f) => hist.has(f.indicator));
    const others = v.flags.filter((f) => !hist.has(f.indicator));
    const counterpart = e.counterpart ? h('code', null, e.counterpart) : 'an account with no id';
    const where = e.role === 'sender' ? tx.receiver?.country ?? tx.merchant?.country : tx.sender?.country;
    const what =
      e.role === 'sender'
        ? ['Paid ', tx.receiver ? counterpart : tx.merchant?.name ? h('span', null, tx.merchant.name) : counterpart]
        : ['Received from ', counterpart];
    const statusWords = {
      updated: null,
      late: 'late: more than 6 hours older than this account’s newest payment, so its history was not updated',
      noId: 'no account id: no history kept',
    };
    return h(
      'li',
      {
        class: `hist-event level-${v.level}`,
        'data-tx': v.transactionId ?? null,
        'data-line': e.line,
        'data-level': v.level,
        'data-score': v.score,
        'data-role': e.role,
        'data-history-flags': fromHistory.length,
      },
      h('div', { class: 'hist-event-head' },
        h('time', { datetime: tx.timestamp }, localTime(tx.timestamp)),
        levelBadge(v.level),
        h('span', { class: 'hist-score' }, `score ${v.score}`),
        firstReview ? h('span', { class: 'hist-first' }, 'first reached review') : null),
      h('p', { class: 'hist-what' },
        what,
        where ? ` (${where})` : null,
        ` · ${tx.amount} ${tx.currency}`,
        tx.channel ? ` · ${word('channel', tx.channel, 'en')}` : null,
        v.transactionId ? [' · ', h('span', { class: 'mono small' }, v.transactionId)] : null),
      h('p', { class: 'muted small hist-state' },
        e.bytes !== null ? `State after it: ${num(e.bytes)} bytes` : 'No state returned',
        statusWords[e.status] ? ` · ${statusWords[e.status]}` : null,
        ' · ',
        h('button', { type: 'button', class: 'link-button', 'data-open': `${e.line}`,
          'aria-label': `Screen ${v.transactionId ?? `line ${e.line}`} alone, without history, in the single-transaction view` }, 'screen it without history')),
      fromHistory.length
        ? h('div', { class: 'hist-flags' },
            h('h4', null, `From the accounts’ history (${fromHistory.length})`),
            h('ul', { class: 'hist-flag-list' },
              fromHistory.map((f) => {
                const combined = groups.combines(f);
                // Its own evidence only: what it shares (the corridor, the hour) belongs to the flags listed under "This payment alone".
                const evidence = groups.own(f).filter((ev) => ev.kind !== 'indicator');
                return h('li', { class: 'hist-flag', 'data-indicator': f.indicator },
                  flagLine(f, locale, combined.length ? 'pattern' : null),
                  combined.length ? h('p', { class: 'small hist-combines' }, 'Combines ', combined.map((id, i) => [i ? ', ' : null, h('code', { class: 'flag-id' }, id)])) : null,
                  evidence.length
                    ? h('ul', { class: 'ev-list', lang: locale },
                        evidence.map((ev) => h('li', { class: `ev ev-${ev.kind}`, 'data-ev': evidenceKey(ev) }, evidenceWords(ev, locale))))
                    : null);
              })))
        : null,
      others.length
        ? h('details', { class: 'hist-others' },
            h('summary', null, `This payment alone: ${others.length} indicator${others.length === 1 ? '' : 's'}`),
            h('ul', { class: 'hist-others-list' },
              others.map((f) => h('li', null, h('span', { lang: locale }, f.title), ' ', h('code', { class: 'flag-id' }, f.indicator), ` +${f.weight}`))))
        : null,
      v.flags.length === 0 ? h('p', { class: 'small muted' }, 'No indicator fired.') : null,
    );
  }

  function renderTimeline() {
    const account = run.accounts.get(selected);
    const title = $('#history-timeline-title');
    if (!account) {
      title.textContent = 'Payments of the selected account';
      fill(timeline);
      $('#history-timeline-summary').textContent = 'No account to show.';
      return;
    }
    fill(title, 'Payments of ', h('code', null, account.id));
    const n = account.events.length;
    const first = account.events.find((e) => reachedReview(e.verdict.level));
    $('#history-timeline-summary').textContent =
      `${num(n)} payment${n === 1 ? '' : 's'} (${num(account.paid)} made, ${num(account.received)} received), oldest first. ` +
      (first
        ? `It first reached review on ${localTime(first.tx.timestamp)} with score ${first.verdict.score}. `
        : `It never reached review (peak score ${account.peak}). `) +
      `Its state is now ${num(account.bytes)} bytes.`;
    const locale = run.locale;
    const shown = account.events.slice(0, TIMELINE_LIMIT);
    fill(
      timeline,
      shown.map((e) => eventItem(account, e, locale, e === first)),
      n > TIMELINE_LIMIT ? h('li', { class: 'muted' }, `… and ${num(n - TIMELINE_LIMIT)} later payments.`) : null,
    );
  }

  function select(id, { focusTimeline = false } = {}) {
    if (!run?.accounts.has(id)) return;
    selected = id;
    accountSelect.value = id;
    for (const tr of $$('tr[data-account]', accountsBody)) {
      const on = tr.dataset.account === id;
      tr.classList.toggle('selected', on);
      const b = tr.querySelector('button[data-select]');
      if (on) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
    drawChart();
    renderTimeline();
    if (focusTimeline) {
      const title = $('#history-timeline-title');
      title.scrollIntoView({ block: 'start' });
      title.focus({ preventScroll: true });
    }
  }

  // ---- inputs ----

  accountSelect.addEventListener('change', () => select(accountSelect.value));
  zoom.addEventListener('change', drawChart);
  accountsBody.addEventListener('click', (event) => {
    const b = event.target.closest('button[data-select]');
    if (b) select(b.dataset.select, { focusTimeline: true });
  });
  chartSvg.addEventListener('click', (event) => {
    const g = event.target.closest?.('g.series[data-account]');
    if (g) select(g.dataset.account);
  });
  timeline.addEventListener('click', (event) => {
    const b = event.target.closest('button[data-open]');
    if (!b || !run) return;
    const line = Number(b.dataset.open);
    const e = run.accounts.get(selected)?.events.find((x) => x.line === line);
    if (e) app.openInSingle(e.tx);
  });
  // The chart is drawn at its box's width, so its text keeps its size on a phone and on a wide screen.
  let resizeFrame = 0;
  new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      const width = Math.round(chartFigure.clientWidth);
      if (run && width > 0 && String(width) !== chartSvg.dataset.width) drawChart();
    });
  }).observe(chartFigure);

  scenario.addEventListener('change', showScenarioNote);
  async function replayScenario() {
    const name = scenario.value;
    setStatus(`Loading the scenario ${name}…`);
    try {
      const response = await fetch(new URL(`../samples/${name}`, import.meta.url));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await replay(await response.text(), name);
    } catch (e) {
      setStatus(`Could not load the scenario ${name} (${e.message}); you can still open a file of your own.`);
    }
  }
  replayButton.addEventListener('click', replayScenario);

  async function openFile(file) {
    if (!file) return;
    try {
      await replay(new TextDecoder('utf-8').decode(await file.arrayBuffer()), file.name);
    } catch (e) {
      setStatus(`Could not read ${file.name}: ${e.message}`);
    }
  }
  acceptFiles(fileInput, dropzone, openFile);
  cancel.addEventListener('click', () => {
    if (run?.state !== 'running') return;
    finish(run, 'cancelled', `Replay cancelled after ${num(run.payments)} payments of ${run.name}; the accounts so far are shown.`);
  });

  fill(scenario, Object.entries(SCENARIOS).map(([value, s]) => h('option', { value }, s.label)));
  scenario.value = DEFAULT_SCENARIO;
  showScenarioNote();
  replayButton.disabled = false;

  return {
    /**
     * The locale or the pack changed: new screeners, and the last file
     * replayed again with them (unless its replay was cancelled or failed).
     * A replay in progress stops at its next slice, before it could use a
     * freed screener: `replay` marks it replaced before returning to the loop.
     */
    refresh() {
      const again = source && (run?.state === 'done' || run?.state === 'running');
      if (run?.state === 'running') run.state = 'replaced';
      for (const sc of screeners.values()) sc.free();
      screeners = new Map();
      if (again) replay(source.text, source.name);
    },
  };
}
