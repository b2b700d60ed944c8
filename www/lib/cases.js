// The "Follow the money" view: a transaction log (the bundled scenario or the
// user's own NDJSON or CSV) read into cases by `buildCases` from jejak/cases,
// which screens each payment with its accounts' history and grows cases from
// the flagged accounts. Each case is drawn as a graph of its accounts by role
// (cytoscape), with the money's path from the payers to cash; an account
// chosen in the graph or the table shows its flows, flags and payments. A case
// exports as its JSON or as a draft LTKM (goAML XML) for a person to check.
//
// jejak/cases loads the pack tools' module and cytoscape is 440 KB, so both
// are imported when the view first opens, as the pack view does with
// jejak/tools. The graph has a text alternative: the accounts and flows tables
// hold the same data, and every control is a button.
import { h, $, $$, fill, num, download, acceptFiles } from './dom.js';
import { readRecords, describeError } from 'jejak/records';
import { inTimeOrder } from 'jejak/replay';
import { detectFormat } from './batch.js';
import { localTime } from './history.js';
import { levelBadge, shortPublisher } from './verdict.js';
import { word } from './words.js';

/** The bundled scenario (www/samples/make-cases.mjs writes it) and the fictional reporting entity of the LTKM draft. */
const SAMPLE = 'cases-demo.ndjson';
const ENTITY = 'cases-entity.json';
/** The largest file read here: buildCases holds the log, and the page's thread screens it twice. */
const MAX_ROWS = 20_000;
const BAD_LIMIT = 500;

/** The roles in the order the money moves (the graph's columns), with what each means (jejak::cases::Role). */
const ROLES = {
  payer: 'Pays into the case.',
  collector: 'Collects: a fifth or more of what it received came in flagged payments, or the case fed it from two payers or more.',
  intermediary: 'Passes case money on within a day: a payment out covered by what came in the day before, and four fifths of it.',
  'cash-out': 'Where the money leaves for cash (a withdrawal at an ATM, an agent, a minimarket counter or to a bank account).',
  payee: 'Receives case money but is not followed on: a merchant or a person for whom these payments are a small part of what it receives, or an account at the edge of the case.',
};
/** The cash node's id: account nodes are `a:` and their id, so no account can take it. */
const CASH = 'cash';
const SHAPES = { payer: 'ellipse', collector: 'diamond', intermediary: 'round-rectangle', 'cash-out': 'hexagon', payee: 'ellipse', cash: 'rectangle' };
/** Below this width the money's way runs down from the collector instead of to the right. */
const NARROW = 560;
/** Payers in one column of the graph. */
const PAYERS_PER_COLUMN = 24;
/** cytoscape adds an inline <style> unless an element with this id exists (see `graphLibrary`). */
const CYTOSCAPE_MARKER = '__________cytoscape_stylesheet';

/** `IDR 1,785,000` from the exact `"1785000.00"` a case writes (decimals kept when they are not zero). */
function money(amount, currency) {
  const [whole, frac = ''] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${grouped}${/[1-9]/.test(frac) ? `.${frac}` : ''}`;
}

const decimals = (x) => (x.includes('.') ? x.length - x.indexOf('.') - 1 : 0);
/** `a + b` for exact decimal strings, without the rounding of floating point. */
function addAmounts(a, b) {
  const scale = Math.max(decimals(a), decimals(b));
  const units = (x) => BigInt(x.replace('.', '') + '0'.repeat(scale - decimals(x)));
  const total = (units(a) + units(b)).toString().padStart(scale + 1, '0');
  return scale ? `${total.slice(0, -scale)}.${total.slice(-scale)}` : total;
}

/**
 * The flows a graph draws: the case's edges, and one to cash per account
 * that took money out in cash (its withdrawals, which have no payee), with
 * `path` on those along the money's way from the payers to cash.
 */
function flowsOf(c) {
  const role = new Map(c.accounts.map((a) => [a.id, a.role]));
  const onPath = (to) => to === CASH || ['collector', 'intermediary', 'cash-out'].includes(role.get(to));
  const flows = c.edges.map((e) => ({ ...e, path: onPath(e.to) }));
  const cash = new Map();
  for (const t of c.transactions) {
    if (t.channel !== 'cash_withdrawal' || t.to !== null || !role.has(t.from)) continue;
    const key = `${t.from}\u0000${t.currency}`;
    const f = cash.get(key);
    if (f) {
      f.count++;
      f.sum = addAmounts(f.sum, t.amount);
      f.last = t.timestamp;
    } else {
      cash.set(key, { from: t.from, to: CASH, count: 1, sum: t.amount, currency: t.currency, first: t.timestamp, last: t.timestamp, path: true });
    }
  }
  return [...flows, ...cash.values()];
}

/**
 * Each node's place. The payers stand in a column, their names to the left,
 * so that the edges fanning in to the collector cross no other payer (more
 * than PAYERS_PER_COLUMN wrap into more columns, further left). The money's
 * way goes on from the collector, level with the payers' middle, to the
 * right, a column per role (payees beside the intermediaries, one hop from
 * the collector), or on a narrow screen down from it, so that the graph
 * stays as narrow as the screen. Nodes of one role stand across the way,
 * side by side.
 */
function layout(c, hasCash, narrow) {
  const groups = { payer: [], collector: [], intermediary: [], 'cash-out': [], payee: [] };
  for (const a of c.accounts) groups[a.role].push(`a:${a.id}`);
  const at = {};
  const payerColumns = Math.ceil(groups.payer.length / PAYERS_PER_COLUMN);
  groups.payer.forEach((id, i) => {
    const column = Math.floor(i / PAYERS_PER_COLUMN);
    const inColumn = Math.min(PAYERS_PER_COLUMN, groups.payer.length - column * PAYERS_PER_COLUMN);
    at[id] = { x: (column - payerColumns + 1) * 190, y: ((i % PAYERS_PER_COLUMN) - (inColumn - 1) / 2) * 30 };
  });
  const way = [groups.collector, [...groups.intermediary, ...groups.payee], groups['cash-out'], hasCash ? [CASH] : []].filter((ids) => ids.length);
  way.forEach((ids, k) => {
    ids.forEach((id, i) => {
      const across = (i - (ids.length - 1) / 2) * (narrow ? 110 : 64);
      at[id] = narrow ? { x: 220 + across, y: k * 120 } : { x: 260 + k * 170, y: across };
    });
  });
  return at;
}

/** The graph's colours, from style.css (`--role-*`), so that the legend and the graph agree. */
function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = (name) => css.getPropertyValue(name).trim();
  return {
    roles: Object.fromEntries([...Object.keys(ROLES), CASH].map((r) => [r, v(`--role-${r}`)])),
    flagged: v('--high-bar'),
    path: v('--accent'),
    other: v('--line-strong'),
    ink: v('--ink'),
    chosen: v('--focus'),
    font: v('--font'),
  };
}

function graphStyle(narrow) {
  const p = palette();
  const label = { 'font-family': p.font, color: p.ink, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 2 };
  return [
    { selector: 'node', style: { ...label, width: 24, height: 24, label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, 'border-width': 2, 'border-color': '#ffffff' } },
    ...Object.entries(p.roles).map(([role, colour]) => ({ selector: `node[role = "${role}"]`, style: { 'background-color': colour, shape: SHAPES[role] } })),
    // The accounts the money passes through, drawn larger than the payers around them.
    { selector: 'node[role = "collector"], node[role = "intermediary"], node[role = "cash-out"], node[role = "cash"]', style: { width: 38, height: 38, 'font-size': 12, 'font-weight': 700 } },
    // Payers' names to the left of their column; on a narrow screen the others' to the right of their way down.
    { selector: 'node[role = "payer"]', style: { 'text-halign': 'left', 'text-valign': 'center', 'text-margin-x': -6, 'text-margin-y': 0 } },
    narrow ? { selector: 'node[role != "payer"]', style: { 'text-halign': 'right', 'text-valign': 'center', 'text-margin-x': 6, 'text-margin-y': 0 } } : null,
    { selector: 'node[?flagged]', style: { 'border-width': 4, 'border-color': p.flagged } },
    {
      selector: 'edge',
      style: {
        ...label, width: 'data(width)', 'line-color': p.other, 'target-arrow-color': p.other, 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8,
        'curve-style': 'bezier', label: 'data(label)', 'font-size': 9, 'text-background-padding': 1,
      },
    },
    // A payer's flow is labelled next to the payer, where the fan is still open.
    { selector: 'edge[?fromPayer]', style: { label: '', 'source-label': 'data(label)', 'source-text-offset': 48, 'source-text-rotation': 'autorotate' } },
    { selector: 'edge[?path]', style: { 'line-color': p.path, 'target-arrow-color': p.path } },
    { selector: 'edge[to = "cash"]', style: { 'line-style': 'dashed' } },
    { selector: '.chosen', style: { 'underlay-color': p.chosen, 'underlay-opacity': 0.25, 'underlay-padding': 6 } },
  ].filter(Boolean);
}

/** cytoscape's nodes and edges for a case: edge width by sum (square root, against the largest flow in the case's currency). */
function elementsOf(c, flows, narrow) {
  const payers = new Set(c.accounts.filter((a) => a.role === 'payer').map((a) => a.id));
  const hasCash = flows.some((f) => f.to === CASH);
  const at = layout(c, hasCash, narrow);
  const largest = Math.max(1, ...flows.filter((f) => f.currency === c.currency).map((f) => Number(f.sum)));
  const nodes = c.accounts.map((a) => ({
    group: 'nodes',
    data: { id: `a:${a.id}`, account: a.id, label: a.id, role: a.role, flagged: a.flags.length > 0 },
    position: at[`a:${a.id}`],
  }));
  if (hasCash) nodes.push({ group: 'nodes', data: { id: CASH, label: 'cash', role: CASH }, position: at[CASH] });
  const edges = flows.map((f, i) => ({
    group: 'edges',
    data: {
      id: `e:${i}`,
      source: `a:${f.from}`,
      target: f.to === CASH ? CASH : `a:${f.to}`,
      to: f.to,
      path: f.path,
      fromPayer: payers.has(f.from),
      width: f.currency === c.currency ? 1.5 + 6.5 * Math.sqrt(Number(f.sum) / largest) : 1.5,
      label: `${f.count}× ${money(f.sum, f.currency)}`,
    },
  }));
  return [...nodes, ...edges];
}

/** The words of an indicator: its title in the pack, in the page's language. */
function titleOf(pack, id, locale) {
  const ind = pack?.indicators?.find((i) => i.id === id);
  return ind?.title?.[locale] ?? ind?.title?.en ?? id;
}

/**
 * `app`: { timestampKey, JejakError, errorInfo(e), packText(), packObject(), packLabel(), locale() }.
 */
export function setupCases(app) {
  const sampleButton = $('#cases-load-sample');
  const status = $('#cases-status');
  const results = $('#cases-results');
  const listBody = $('#cases-list tbody');
  const detail = $('#case-detail');
  const graphEl = $('#case-graph');
  const accountBox = $('#case-account');
  const accountTitle = $('#case-account-title');
  const accountsBody = $('#case-accounts tbody');
  const flowsBody = $('#case-flows tbody');
  const exportStatus = $('#cases-export-status');

  let libraries = null; // the promise of { buildCases, goamlReport, cytoscape }
  let source = null; // { text, name } of the last log read
  let run = null; // { name, lib, cases, bad, pack, packObject } of the last log read
  let reads = 0; // each read's number: a read that finds a newer one begun while it waited stops
  let chosen = null; // the case shown
  let account = null; // the account shown
  let cy = null;
  let narrowGraph = null;

  const setStatus = (text) => {
    status.textContent = text;
  };

  /** jejak/cases and cytoscape, imported once, when the view first opens. */
  function graphLibrary() {
    libraries ??= Promise.all([import('jejak/cases'), import('cytoscape')]).then(([cases, cytoscape]) => {
      // The page's CSP refuses inline styles, so style.css holds the one rule
      // cytoscape would add (.case-graph is position: relative) and an empty
      // element with its id tells cytoscape it is there.
      if (!document.getElementById(CYTOSCAPE_MARKER)) document.head.append(h('template', { id: CYTOSCAPE_MARKER }));
      return { buildCases: cases.buildCases, goamlReport: cases.goamlReport, cytoscape: cytoscape.default };
    });
    return libraries;
  }

  // ---- reading a log ----

  async function read(text, name) {
    const id = ++reads;
    source = { text, name };
    setStatus(`Reading ${name}…`);
    let lib;
    let rows;
    try {
      lib = await graphLibrary();
      if (id !== reads) return;
      rows = readRecords(text, detectFormat(name, text));
    } catch (e) {
      setStatus(`Could not read ${name}: ${e instanceof app.JejakError ? describeError(app.errorInfo(e)) : e.message}`);
      return;
    }
    if (rows.length > MAX_ROWS) {
      setStatus(`${name} has ${num(rows.length)} rows; this page reads at most ${num(MAX_ROWS)}. Use buildCases or CaseLog from your own code for more.`);
      return;
    }
    const bad = [];
    const items = [];
    for (const row of rows) {
      if (row.error) {
        bad.push({ line: row.line, error: row.error });
        continue;
      }
      let tx = row.tx ?? null;
      if (!tx) {
        try {
          tx = JSON.parse(row.text);
        } catch {
          // the engine says what is wrong with it
        }
      }
      items.push({ line: row.line, row: row.tx ?? row.text, tx });
    }
    // buildCases reads a log in time order; a row whose time cannot be read
    // goes last, for the engine to say what is wrong with it.
    const { ordered, unplaced } = inTimeOrder(items, app.timestampKey, (item) => item.tx?.timestamp);
    const log = [...ordered, ...unplaced];
    const pack = app.packText() ?? undefined;
    let built;
    try {
      built = lib.buildCases(log.map((item) => item.row), { pack });
    } catch (e) {
      setStatus(`Could not build cases from ${name}: ${e instanceof app.JejakError ? describeError(app.errorInfo(e)) : e.message}`);
      return;
    }
    for (const e of built.errors) bad.push({ line: log[e.row].line, error: e });
    bad.sort((a, b) => a.line - b.line);
    const accounts = new Set();
    for (const { tx } of log) {
      if (tx?.sender?.id) accounts.add(tx.sender.id);
      const to = tx?.receiver?.id ?? tx?.merchant?.id;
      if (to) accounts.add(to);
    }
    const inCases = built.cases.reduce((n, c) => n + c.accounts.length, 0);
    const packObject = await app.packObject();
    if (id !== reads) return;
    run = { name, lib, cases: built.cases, bad, pack, packObject };
    const count = (n, noun) => `${num(n)} ${noun}${n === 1 ? '' : 's'}`;
    setStatus(
      `Done: ${count(log.length - built.errors.length, 'payment')} of ${name} read in time order, ${count(accounts.size, 'account')}; ` +
        `${count(built.cases.length, 'case')} holding ${num(inCases)} of them; ${count(bad.length, 'row')} not read. Pack ${app.packLabel()}.`,
    );
    render();
  }

  // ---- what it found ----

  function render() {
    results.hidden = false;
    const cases = run.cases;
    fill(
      listBody,
      cases.map((c) =>
        h(
          'tr',
          { 'data-case': c.id, 'data-level': c.level },
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button mono', 'data-case': c.id, 'aria-label': `${c.id}: show its graph` }, c.id)),
          h('td', null, levelBadge(c.level)),
          h('td', { class: 'num' }, String(c.score)),
          h('td', { class: 'num' }, num(c.accounts.length)),
          h('td', { class: 'num' }, num(c.transactions.length)),
          h('td', null, c.currency),
        ),
      ),
    );
    $('#cases-none').hidden = cases.length > 0;
    const badList = $('#cases-bad');
    fill(badList, run.bad.slice(0, BAD_LIMIT).map((b) => h('li', null, `line ${b.line}: ${describeError(b.error)}`)));
    if (run.bad.length > BAD_LIMIT) badList.appendChild(h('li', { class: 'muted' }, `… and ${num(run.bad.length - BAD_LIMIT)} more.`));
    $('#cases-bad-count').textContent = `(${num(run.bad.length)})`;
    const again = cases.find((c) => c.id === chosen?.id);
    showCase(again ?? cases[0] ?? null);
    results.dataset.state = 'done';
  }

  function showCase(c) {
    // The same case drawn again (the screen turned, the pack changed) keeps its export note.
    if (c?.id !== chosen?.id) exportStatus.hidden = true;
    chosen = c;
    for (const tr of $$('tr[data-case]', listBody)) {
      const on = tr.dataset.case === c?.id;
      tr.classList.toggle('selected', on);
      const b = tr.querySelector('button');
      if (on) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
    detail.hidden = !c;
    if (!c) {
      cy?.destroy();
      cy = null;
      return;
    }
    const counts = Object.keys(ROLES)
      .map((role) => [role, c.accounts.filter((a) => a.role === role).length])
      .filter(([, n]) => n > 0)
      .map(([role, n]) => `${num(n)} ${role}${n === 1 ? '' : 's'}`);
    fill($('#case-title'), `${c.id} `, levelBadge(c.level));
    $('#case-summary').textContent =
      `${num(c.accounts.length)} accounts (${counts.join(', ')}) and ${num(c.transactions.length)} payments; ` +
      `score ${c.score}; most of its money in ${c.currency}. Flagged accounts have a red border.`;
    const flows = flowsOf(c);
    draw(c, flows);
    renderIndicators(c);
    renderTables(c, flows);
    const keep = c.accounts.find((a) => a.id === account);
    select((keep ?? c.accounts.find((a) => a.role === 'collector') ?? c.accounts[0]).id);
  }

  // ---- the graph ----

  function draw(c, flows) {
    cy?.destroy();
    narrowGraph = graphEl.clientWidth < NARROW;
    cy = run.lib.cytoscape({
      container: graphEl,
      elements: elementsOf(c, flows, narrowGraph),
      style: graphStyle(narrowGraph),
      layout: { name: 'preset', fit: true, padding: 24 },
      minZoom: 0.15,
      maxZoom: 4,
      boxSelectionEnabled: false,
      // Nodes stay where the columns put them: a drag pans, on a phone too.
      autoungrabify: true,
      autounselectify: true,
    });
    cy.on('tap', 'node[account]', (event) => select(event.target.data('account'), { reveal: true }));
    graphEl.setAttribute(
      'aria-label',
      `The graph of case ${c.id}: ${c.accounts.length} accounts, the payers on the left, the money flowing from the collector ${narrowGraph ? 'down' : 'to the right'} towards cash.`,
    );
    graphEl.dataset.nodes = String(cy.nodes().length);
    graphEl.dataset.edges = String(cy.edges().length);
    // For the browser tests and for anyone exploring the case in the console.
    window.__jejakCy = cy;
  }

  function renderIndicators(c) {
    const locale = app.locale();
    const byIndicator = new Map();
    for (const i of c.indicators) {
      if (!byIndicator.has(i.indicator)) byIndicator.set(i.indicator, []);
      byIndicator.get(i.indicator).push(i);
    }
    fill(
      $('#case-indicators'),
      [...byIndicator].map(([id, refs]) =>
        h(
          'li',
          { 'data-indicator': id },
          h('span', { class: 'case-ind-title', lang: locale }, titleOf(run.packObject, id, locale)),
          ' ',
          h('code', { class: 'flag-id' }, id),
          h('ul', { class: 'refs' }, refs.map((r) => h('li', null, h('span', { class: 'ref-chip', title: r.source }, r.ref ? [h('span', { class: 'ref-id' }, r.ref), ' · '] : null, shortPublisher(r.source))))),
        ),
      ),
    );
  }

  function renderTables(c, flows) {
    fill(
      accountsBody,
      c.accounts.map((a) =>
        h(
          'tr',
          { 'data-account': a.id, 'data-role': a.role, 'data-flags': a.flags.length },
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link-button mono', 'data-account': a.id, 'aria-label': `${a.id}: show its flags and payments` }, a.id)),
          h('td', { class: 'c-role' }, h('span', { class: `role-chip role-chip-${a.role}` }, a.role), a.merchant ? ' (merchant id)' : null),
          h('td', { class: 'num' }, money(a.in, c.currency)),
          h('td', { class: 'num' }, money(a.out, c.currency)),
          h('td', { class: 'c-flags' }, a.flags.length ? `${a.flags.length} indicator${a.flags.length === 1 ? '' : 's'}` : '—'),
        ),
      ),
    );
    fill(
      flowsBody,
      flows.map((f) =>
        h(
          'tr',
          { 'data-from': f.from, 'data-to': f.to },
          h('td', { class: 'mono' }, f.from),
          h('td', { class: 'mono' }, f.to === CASH ? 'cash (withdrawn)' : f.to),
          h('td', { class: 'num' }, num(f.count)),
          h('td', { class: 'num' }, money(f.sum, f.currency)),
          h('td', null, f.first === f.last ? localTime(f.first) : `${localTime(f.first)} – ${localTime(f.last)}`),
        ),
      ),
    );
  }

  // ---- the chosen account ----

  function paymentItem(t, id, locale) {
    const what =
      t.to === null && t.channel === 'cash_withdrawal'
        ? 'Took out cash'
        : t.from === id
          ? ['Paid ', t.to ? h('code', null, t.to) : 'an account with no id']
          : ['Received from ', t.from ? h('code', null, t.from) : 'an account with no id'];
    return h(
      'li',
      { class: `hist-event level-${t.level}`, 'data-tx': t.id, 'data-level': t.level },
      h('div', { class: 'hist-event-head' }, h('time', { datetime: t.timestamp }, localTime(t.timestamp)), levelBadge(t.level)),
      h('p', { class: 'hist-what' }, what, ` · ${money(t.amount, t.currency)}`, t.channel ? ` · ${word('channel', t.channel, locale)}` : null, t.id ? [' · ', h('span', { class: 'mono small' }, t.id)] : null),
      t.indicators.length
        ? h('p', { class: 'small case-tx-flags' }, 'Indicators: ', t.indicators.map((i, n) => [n ? ', ' : null, h('code', { class: 'flag-id', title: titleOf(run.packObject, i, locale) }, i)]))
        : null,
    );
  }

  function select(id, { reveal = false, focus = false } = {}) {
    const a = chosen?.accounts.find((x) => x.id === id);
    if (!a) return;
    account = id;
    const locale = app.locale();
    const c = chosen;
    cy.elements().removeClass('chosen');
    cy.getElementById(`a:${id}`).addClass('chosen');
    for (const tr of $$('tr[data-account]', accountsBody)) {
      const on = tr.dataset.account === id;
      tr.classList.toggle('selected', on);
      const b = tr.querySelector('button');
      if (on) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
    const payments = c.transactions.filter((t) => t.from === id || t.to === id);
    fill(accountTitle, h('code', null, a.id), ' ', h('span', { class: `role-chip role-chip-${a.role}` }, a.role));
    fill(
      accountBox,
      h('p', { class: 'case-role' }, ROLES[a.role], a.merchant ? ' Its id is a merchant’s (merchant.id).' : null),
      h('dl', { class: 'case-facts' },
        h('dt', null, 'Received'), h('dd', { 'data-in': a.in }, money(a.in, c.currency)),
        h('dt', null, 'Sent'), h('dd', { 'data-out': a.out }, money(a.out, c.currency), a.role === 'cash-out' ? ' (cash included)' : null)),
      h('h3', { class: 'case-subtitle' }, `Flags (${a.flags.length})`),
      a.flags.length
        ? h('ul', { class: 'case-flags' }, a.flags.map((f) => h('li', { 'data-indicator': f }, h('span', { lang: locale }, titleOf(run.packObject, f, locale)), ' ', h('code', { class: 'flag-id' }, f))))
        : h('p', { class: 'muted small' }, 'None of its payments was flagged: it is in the case for where its money came from or went.'),
      h('h3', { class: 'case-subtitle', id: 'case-timeline-title' }, `Payments in the case (${payments.length}), oldest first`),
      h('ol', { class: 'hist-timeline case-timeline', 'aria-labelledby': 'case-timeline-title' }, payments.map((t) => paymentItem(t, id, locale))),
    );
    accountBox.dataset.account = id;
    if (reveal) accountTitle.scrollIntoView({ block: 'nearest' });
    if (focus) accountTitle.focus({ preventScroll: true });
  }

  // ---- exports ----

  function exportNote(ok, ...text) {
    exportStatus.className = `banner ${ok ? 'banner-ok' : 'banner-error'}`;
    fill(exportStatus, ...text);
    exportStatus.hidden = false;
  }

  $('#cases-export-json').addEventListener('click', () => {
    if (!chosen) return;
    download(`jejak-${chosen.id}.json`, JSON.stringify({ cases: [chosen] }, null, 2) + '\n', 'application/json');
    exportNote(true, `Downloaded jejak-${chosen.id}.json: the case as npx jejak cases writes it.`);
  });

  $('#cases-export-goaml').addEventListener('click', async () => {
    if (!chosen) return;
    const c = chosen;
    try {
      const response = await fetch(new URL(`../samples/${ENTITY}`, import.meta.url));
      if (!response.ok) throw new Error(`the sample entity: HTTP ${response.status}`);
      const entity = await response.json();
      const { goamlReport } = await graphLibrary();
      const report = goamlReport({ cases: [c] }, { case: c.id, entity, locale: app.locale(), pack: run.pack });
      download(`jejak-${c.id}-ltkm-draft.xml`, report.xml, 'application/xml');
      exportNote(
        true,
        `Downloaded jejak-${c.id}-ltkm-draft.xml. `,
        report.draft
          ? `It is a draft (DRAF): ${report.placeholders.length} part${report.placeholders.length === 1 ? 'y has' : 'ies have'} a placeholder for the host to fill from its own records.`
          : 'Every party has a record.',
      );
    } catch (e) {
      const why = e instanceof app.JejakError ? describeError(app.errorInfo(e)) : `${e.name}: ${e.message}`;
      exportNote(false, 'The LTKM draft could not be written: ', h('code', { class: 'error-detail' }, why));
    }
  });

  // ---- inputs ----

  listBody.addEventListener('click', (event) => {
    const b = event.target.closest('button[data-case]');
    if (b) showCase(run.cases.find((c) => c.id === b.dataset.case));
  });
  accountsBody.addEventListener('click', (event) => {
    const b = event.target.closest('button[data-account]');
    if (b) select(b.dataset.account, { reveal: true, focus: true });
  });
  $('#case-fit').addEventListener('click', () => cy?.fit(undefined, 24));
  const zoomBy = (factor) => {
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: graphEl.clientWidth / 2, y: graphEl.clientHeight / 2 } });
  };
  $('#case-zoom-in').addEventListener('click', () => zoomBy(1.25));
  $('#case-zoom-out').addEventListener('click', () => zoomBy(0.8));
  // A phone turned sideways (or a window made narrow) gets the other direction.
  new ResizeObserver(() => {
    if (!cy || detail.hidden) return;
    if (graphEl.clientWidth < NARROW !== narrowGraph) showCase(chosen);
    else {
      cy.resize();
      cy.fit(undefined, 24);
    }
  }).observe(graphEl);

  sampleButton.addEventListener('click', async () => {
    setStatus(`Loading the scenario ${SAMPLE}…`);
    try {
      const response = await fetch(new URL(`../samples/${SAMPLE}`, import.meta.url));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      await read(await response.text(), SAMPLE);
    } catch (e) {
      setStatus(`Could not load the scenario ${SAMPLE} (${e.message}); you can still open a file of your own.`);
    }
  });
  acceptFiles($('#cases-file'), $('#cases-dropzone'), async (file) => {
    if (!file) return;
    try {
      await read(new TextDecoder('utf-8').decode(await file.arrayBuffer()), file.name);
    } catch (e) {
      setStatus(`Could not read ${file.name}: ${e.message}`);
    }
  });

  return {
    /** The view is shown: its libraries load (once). */
    async open() {
      if (!sampleButton.disabled) return;
      setStatus('Loading jejak/cases and the graph library…');
      try {
        await graphLibrary();
      } catch (e) {
        libraries = null;
        setStatus(`jejak/cases did not load: ${e.message}`);
        return;
      }
      sampleButton.disabled = false;
      if (!source) setStatus('No log read yet.');
    },
    /** The pack or the language changed: the last log is read again (titles, verdicts and the draft follow them). */
    refresh() {
      if (source && run) read(source.text, source.name);
    },
  };
}
