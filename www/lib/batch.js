// The batch view: open a file (picker, drag and drop, bundled samples), screen
// it in a module Web Worker in chunks with progress and cancel, then show
// counts, charts, a sortable and filterable table, the rows not screened, and
// export the results.
import { h, $, $$, fill, num, download, acceptFiles } from './dom.js';
import { LEVELS } from './words.js';
import { describeError } from 'jejak/records';
import { levelsChart, scoresChart, indicatorsChart } from './charts.js';
import { levelBadge } from './verdict.js';

const CHUNK = 100;
const TABLE_LIMIT = 500;
const BAD_LIMIT = 1000;
const LEVEL_RANK = { none: 0, low: 1, review: 2, high: 3 };
/** While a long file runs, redraw the charts and table at most this often (ms). */
const REDRAW_EVERY = 1000;

/** The format of a file from its name, else from its first character. */
export function detectFormat(name, text) {
  const lower = (name ?? '').toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || lower.endsWith('.json')) return 'ndjson';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' ? 'ndjson' : 'csv';
}

/**
 * `app`: { createWorker(), packForWorker(), packLabel(), locale(), scoring(), openInSingle(tx) }.
 */
export function setupBatch(app) {
  const fileInput = $('#batch-file');
  const dropzone = $('#dropzone');
  const progress = $('#batch-progress');
  const status = $('#batch-status');
  const cancel = $('#batch-cancel');
  const results = $('#batch-results');
  const tbody = $('#results-table tbody');
  const note = $('#table-note');
  const badList = $('#bad-rows');
  const filterLevel = $('#filter-level');
  const filterIndicator = $('#filter-indicator');
  const filterText = $('#filter-text');

  // ---- workers: one warm worker, and a spare so a cancelled run can be followed by another even offline ----
  const workers = { current: null, spare: null };
  function spawn() {
    const w = app.createWorker();
    // Resolves with null once the package has loaded in the worker, or with the reason it cannot.
    w.ready = new Promise((resolve) => {
      w.settle = resolve;
    });
    w.addEventListener('message', (event) => onMessage(w, event.data));
    w.addEventListener('error', (event) => {
      event.preventDefault();
      const message = `the batch worker failed: ${event.message || 'it could not be loaded'}`;
      w.settle(message);
      if (run && run.worker === w && run.state === 'running') finishWithError(message);
    });
    return w;
  }
  workers.current = spawn();
  setTimeout(() => {
    workers.spare ??= spawn();
  }, 1500);

  let run = null; // the run in progress or the last one
  let runCounter = 0;
  let redrawAt = 0;
  const sort = { key: 'line', dir: 1 };

  function setStatus(text) {
    status.textContent = text;
  }

  function newRun(name, format) {
    const counts = { none: 0, low: 0, review: 0, high: 0 };
    return {
      id: ++runCounter,
      name,
      format,
      worker: workers.current,
      state: 'running',
      total: null,
      done: 0,
      rows: [],
      bad: [],
      all: [], // every row in file order, for export
      counts,
      indicators: new Map(),
      started: performance.now(),
      ms: 0,
      pack: app.packLabel(),
      locale: app.locale(),
    };
  }

  async function start(text, name) {
    if (run?.state === 'running') stopRun('replaced');
    const format = detectFormat(name, text);
    run = newRun(name, format);
    resetResults();
    results.hidden = false;
    progress.value = 0;
    cancel.disabled = false;
    setStatus(`Reading ${name}…`);
    const w = run.worker;
    const id = run.id;
    const failure = await w.ready;
    if (!run || run.id !== id || run.state !== 'running') return;
    if (failure) {
      finishWithError(failure);
      return;
    }
    run.started = performance.now();
    w.postMessage({ type: 'run', runId: id, text, format, pack: app.packForWorker(), locale: run.locale, chunk: CHUNK });
  }

  function onMessage(w, msg) {
    if (msg.type === 'ready') {
      w.settle(null);
      return;
    }
    if (msg.type === 'fail' && msg.runId === null) {
      w.settle(msg.message); // the package did not load in this worker
      return;
    }
    if (!run || msg.runId !== run.id || run.worker !== w || run.state !== 'running') return;
    switch (msg.type) {
      case 'start':
        run.total = msg.total;
        setStatus(`Screening ${run.name}: 0 of ${num(msg.total)} rows…`);
        break;
      case 'rows':
        addRows(msg.rows);
        run.done = msg.done;
        progress.value = msg.total ? Math.floor((msg.done / msg.total) * 100) : 100;
        setStatus(`Screening ${run.name}: ${num(msg.done)} of ${num(msg.total)} rows…`);
        updateCounts();
        if (performance.now() > redrawAt) {
          redrawAt = performance.now() + REDRAW_EVERY;
          if (run.done > 2000) redraw();
        }
        break;
      case 'done': {
        run.state = 'done';
        run.ms = performance.now() - run.started;
        progress.value = 100;
        cancel.disabled = true;
        const secs = run.ms / 1000;
        const rate = secs > 0 ? Math.round(run.all.length / secs) : 0;
        setStatus(
          `Done: ${num(run.all.length)} rows of ${run.name} in ${secs.toFixed(2)} s (${num(rate)} rows/s); ` +
            `${num(run.rows.length)} screened, ${num(run.bad.length)} not screened. Pack ${run.pack}.`,
        );
        results.dataset.state = 'done';
        redraw();
        break;
      }
      case 'fail':
        finishWithError(msg.message);
        break;
    }
  }

  function finishWithError(message) {
    if (!run) return;
    run.state = 'failed';
    cancel.disabled = true;
    setStatus(`Could not screen ${run.name}: ${message}`);
    results.dataset.state = 'failed';
    redraw();
  }

  function stopRun(why) {
    if (!run || run.state !== 'running') return;
    run.state = 'cancelled';
    // Terminating is the only way to stop a worker that is busy screening.
    run.worker.terminate();
    workers.current = workers.spare ?? spawn();
    workers.spare = null;
    setTimeout(() => {
      workers.spare ??= spawn();
    }, 500);
    cancel.disabled = true;
    results.dataset.state = 'cancelled';
    if (why === 'cancelled') {
      const of = run.total === null ? '' : ` of ${num(run.total)}`;
      setStatus(`Batch cancelled: ${num(run.done)}${of} rows of ${run.name} were screened; the partial results are shown.`);
      redraw();
    }
  }

  // ---- results ----

  function addRows(rows) {
    for (const r of rows) {
      run.all.push(r);
      if (!r.ok) {
        run.bad.push(r);
        if (run.bad.length <= BAD_LIMIT) badList.appendChild(h('li', null, `line ${r.line}: ${describeError(r.error)}`));
        continue;
      }
      const v = r.verdict;
      run.counts[v.level]++;
      for (const f of v.flags) {
        const seen = run.indicators.get(f.indicator);
        if (seen) seen.n++;
        else run.indicators.set(f.indicator, { id: f.indicator, n: 1, title: f.title });
      }
      const tx = r.tx ?? {};
      const ids = v.flags.map((f) => f.indicator);
      run.rows.push({
        line: r.line,
        id: v.transactionId ?? '',
        score: v.score,
        level: v.level,
        ids,
        idSet: new Set(ids),
        top: ids.slice(0, 3).join(' '),
        search: [v.transactionId, tx.memo, tx.merchant?.name, tx.merchant?.descriptor]
          .filter((x) => typeof x === 'string')
          .join('\n')
          .toLowerCase(),
        verdict: v,
        tx: r.tx,
      });
    }
    $('#bad-count').textContent = `(${num(run.bad.length)})`;
  }

  function updateCounts() {
    for (const level of LEVELS) $(`#count-${level}`).textContent = String(run.counts[level]);
  }

  function resetResults() {
    for (const level of LEVELS) $(`#count-${level}`).textContent = '0';
    badList.replaceChildren();
    $('#bad-count').textContent = '(0)';
    tbody.replaceChildren();
    note.textContent = '';
    fill(filterIndicator, h('option', { value: '' }, 'all indicators'));
    for (const id of ['chart-levels', 'chart-scores', 'chart-indicators']) $(`#${id}`).replaceChildren();
    results.dataset.state = 'running';
  }

  function frequentIndicators() {
    return [...run.indicators.values()].sort((a, b) => b.n - a.n || (a.id < b.id ? -1 : 1));
  }

  function redraw() {
    if (!run) return;
    updateCounts();
    levelsChart($('#chart-levels'), run.counts);
    scoresChart($('#chart-scores'), run.rows.map((r) => r.score), app.scoring());
    const frequent = frequentIndicators();
    indicatorsChart($('#chart-indicators'), frequent);
    const chosen = filterIndicator.value;
    fill(
      filterIndicator,
      h('option', { value: '' }, 'all indicators'),
      frequent.map((e) => h('option', { value: e.id }, `${e.id} (${num(e.n)})`)),
    );
    filterIndicator.value = run.indicators.has(chosen) ? chosen : '';
    if (run.bad.length > BAD_LIMIT) {
      badList.appendChild(h('li', { class: 'muted' }, `… and ${num(run.bad.length - BAD_LIMIT)} more: export the results to see them all.`));
    }
    renderTable();
  }

  // ---- table ----

  function matching() {
    const level = filterLevel.value;
    const indicator = filterIndicator.value;
    const text = filterText.value.trim().toLowerCase();
    let rows = run.rows.filter(
      (r) =>
        (level === '' || (level === 'flagged' ? r.level !== 'none' : r.level === level)) &&
        (indicator === '' || r.idSet.has(indicator)) &&
        (text === '' || r.search.includes(text)),
    );
    const { key, dir } = sort;
    const cmp =
      key === 'line'
        ? (a, b) => a.line - b.line
        : key === 'score'
          ? (a, b) => a.score - b.score || a.line - b.line
          : key === 'level'
            ? (a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.score - b.score || a.line - b.line
            : key === 'id'
              ? (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.line - b.line)
              : (a, b) => (a.top < b.top ? -1 : a.top > b.top ? 1 : a.line - b.line);
    rows = rows.sort((a, b) => dir * cmp(a, b));
    return rows;
  }

  function renderTable() {
    if (!run) return;
    const rows = matching();
    const frag = document.createDocumentFragment();
    for (const r of rows.slice(0, TABLE_LIMIT)) {
      const more = r.ids.length > 3 ? ` +${r.ids.length - 3}` : '';
      frag.appendChild(
        h(
          'tr',
          { 'data-line': r.line, 'data-level': r.level },
          h('td', { class: 'num' }, String(r.line)),
          h('td', { class: 'mono' }, r.id || '—'),
          h('td', { class: 'num' }, String(r.score)),
          h('td', null, levelBadge(r.level)),
          h('td', { class: 'mono small' }, r.ids.length ? r.ids.slice(0, 3).join(', ') + more : '—'),
          h(
            'td',
            null,
            r.tx
              ? h('button', { type: 'button', class: 'btn btn-small', 'data-open': r.line, 'aria-label': `Open line ${r.line}${r.id ? ` (${r.id})` : ''} in the single-transaction view` }, 'Open')
              : null,
          ),
        ),
      );
    }
    tbody.replaceChildren(frag);
    const total = run.rows.length;
    if (total === 0) note.textContent = run.state === 'running' ? 'Screening…' : 'No screened rows.';
    else if (rows.length > TABLE_LIMIT) {
      note.textContent = `Showing the first ${num(TABLE_LIMIT)} of ${num(rows.length)} matching rows (${num(total)} screened). Narrow the filters, or export to get them all.`;
    } else {
      note.textContent = `${num(rows.length)} of ${num(total)} screened rows match.`;
    }
  }

  for (const th of $$('#results-table th[data-key]')) {
    th.querySelector('button').addEventListener('click', () => {
      const key = th.dataset.key;
      if (sort.key === key) sort.dir = -sort.dir;
      else {
        sort.key = key;
        sort.dir = key === 'score' || key === 'level' ? -1 : 1; // highest first for score and level
      }
      for (const other of $$('#results-table th[data-key]')) other.removeAttribute('aria-sort');
      th.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
      renderTable();
    });
  }
  let debounce = 0;
  filterText.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(renderTable, 120);
  });
  filterLevel.addEventListener('change', renderTable);
  filterIndicator.addEventListener('change', renderTable);
  tbody.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-open]');
    if (!button || !run) return;
    const line = Number(button.dataset.open);
    const row = run.rows.find((r) => r.line === line);
    if (row?.tx) app.openInSingle(row.tx);
  });

  // ---- export ----

  const csvCell = (value) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`; // not a spreadsheet formula
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const baseName = () => (run?.name ?? 'results').replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_');

  $('#export-csv').addEventListener('click', () => {
    if (!run) return;
    const lines = ['line,id,ok,score,level,indicators,error'];
    for (const r of run.all) {
      if (r.ok) {
        const v = r.verdict;
        lines.push([r.line, v.transactionId, 'true', v.score, v.level, v.flags.map((f) => f.indicator).join(' '), ''].map(csvCell).join(','));
      } else {
        lines.push([r.line, r.id, 'false', '', '', '', describeError(r.error)].map(csvCell).join(','));
      }
    }
    download(`jejak-${baseName()}.csv`, lines.join('\r\n') + '\r\n', 'text/csv');
  });
  $('#export-json').addEventListener('click', () => {
    if (!run) return;
    // The same document as `jejak screen --format json`.
    const rows = run.all.map((r) =>
      r.ok ? { line: r.line, id: r.verdict.transactionId, ok: true, verdict: r.verdict } : { line: r.line, id: r.id, ok: false, error: r.error },
    );
    const counts = { rows: run.all.length, screened: run.rows.length, rejected: run.bad.length, levels: { ...run.counts } };
    const doc = { pack: app.packInfo(), source: run.name, state: run.state, rows, counts };
    download(`jejak-${baseName()}.json`, JSON.stringify(doc, null, 1) + '\n', 'application/json');
  });

  // ---- inputs ----

  async function openFile(file) {
    if (!file) return;
    try {
      const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
      await start(text, file.name);
    } catch (e) {
      setStatus(`Could not read ${file.name}: ${e.message}`);
    }
  }
  acceptFiles(fileInput, dropzone, openFile);
  async function loadSample(kind) {
    const url = new URL(`../samples/transactions.${kind}`, import.meta.url);
    const name = `transactions.${kind}`;
    setStatus(`Loading the sample ${name}…`);
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await start(await response.text(), name);
    } catch (e) {
      setStatus(`Could not load the sample ${name} (${e.message}); you can still open a file of your own.`);
    }
  }
  $('#load-sample-ndjson').addEventListener('click', () => loadSample('ndjson'));
  $('#load-sample-csv').addEventListener('click', () => loadSample('csv'));
  cancel.addEventListener('click', () => stopRun('cancelled'));

  return {
    /** The pack or locale changed: later runs use it; say so if results are on screen. */
    packChanged() {
      if (run && run.state !== 'running') {
        setStatus(`${status.textContent.replace(/ Later runs use .*$/, '')} Later runs use pack ${app.packLabel()}.`);
      }
    },
  };
}
