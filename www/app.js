// The jejak demo page. It imports the package exactly as an application would
// (the import map in index.html points "jejak" at the package's browser
// entry, which fetches and compiles the WebAssembly behind a top-level await).
// The single, batch and history views use the runtime alone; the pack view
// and the custom-pack picker import the pack tools ("jejak/tools") when they
// first need them, and the "Follow the money" view imports "jejak/cases"
// (which loads the pack tools) and its graph library when it first opens. Everything runs here, in the browser: no request leaves
// this origin.
import { Screener, JejakError, timestampKey } from 'jejak';
import { $, $$, h, download } from './lib/dom.js';
import { setupSingle } from './lib/single.js';
import { setupBatch } from './lib/batch.js';
import { setupHistory } from './lib/history.js';
import { setupCases } from './lib/cases.js';
import { renderPack, filterPack } from './lib/pack-view.js';

// ---- the pack in use and its screeners (one per locale, built once and reused) ----

/** The pack tools, imported on first use (the pack view, a custom pack). */
const tools = () => import('jejak/tools');
const DEFAULT_ORIGIN = 'the default pack embedded in jejak';
// `object` is the pack's JSON as an object: for the default pack, only once
// the pack view has asked the tools for it.
const state = {
  locale: 'en',
  pack: { object: null, text: null, info: null, origin: DEFAULT_ORIGIN, custom: false },
  screeners: new Map(),
};

function screener(locale) {
  let sc = state.screeners.get(locale);
  if (!sc) {
    // `null` is the default pack; a custom pack is passed as its JSON text.
    sc = new Screener(state.pack.text, { locale });
    state.screeners.set(locale, sc);
  }
  return sc;
}
state.pack.info = screener('en').pack;
state.pack.thresholds = screener('en').thresholds;

/** The pack in use as a JSON object (for the default pack, asked of the tools once). */
async function packObject() {
  const pack = state.pack;
  pack.object ??= (await tools()).defaultPack();
  return pack.object;
}

function usePack({ object, text, origin, custom }) {
  // Built first: a pack the engine refuses (JejakError) leaves the current one in use.
  const sc = new Screener(text, { locale: 'en' });
  const old = state.screeners;
  state.pack = { object, text, origin, custom, info: sc.pack, thresholds: sc.thresholds };
  state.screeners = new Map([['en', sc]]);
  for (const previous of old.values()) previous.free();
}

/** `{ code, path, message }` of a JejakError (its message is the message alone). */
function errorInfo(e) {
  return { code: e.code, path: e.path, message: e.message };
}

const packLabel = () => `${state.pack.info.id} ${state.pack.info.version} (digest ${state.pack.info.digest.slice(0, 12)}…)`;

// ---- views ----

const single = setupSingle({
  screener,
  locale: () => state.locale,
  scoring: () => state.pack.thresholds,
  isCustomPack: () => state.pack.custom,
  JejakError,
  errorInfo,
});

const batch = setupBatch({
  // Import maps do not apply inside workers: the worker imports the package by URL.
  createWorker: () => new Worker(new URL('./batch-worker.js', import.meta.url), { type: 'module' }),
  packForWorker: () => state.pack.text,
  packLabel,
  packInfo: () => state.pack.info,
  locale: () => state.locale,
  scoring: () => state.pack.thresholds,
  openInSingle(tx) {
    selectTab($('#tab-single'), { focus: true });
    single.open(tx);
  },
});

const historyView = setupHistory({
  Screener,
  JejakError,
  timestampKey,
  errorInfo,
  packText: () => state.pack.text,
  packLabel,
  locale: () => state.locale,
  scoring: () => state.pack.thresholds,
  openInSingle(tx) {
    selectTab($('#tab-single'), { focus: true });
    single.open(tx);
  },
});

const casesView = setupCases({
  timestampKey,
  JejakError,
  errorInfo,
  packText: () => state.pack.text,
  packObject,
  packLabel,
  locale: () => state.locale,
});

async function showPack() {
  const p = state.pack.info;
  $('#engine-line').textContent = `Pack ${p.id} ${p.version} · ${p.indicators} indicators${state.pack.custom ? ' (custom)' : ''}`;
  $('#pack-reset').disabled = !state.pack.custom;
  if ($('#view-pack').hidden) return;
  const pack = state.pack;
  await packObject();
  // A newer pack may have replaced this one while the tools loaded.
  if (pack !== state.pack) return;
  renderPack(pack.object, pack.info, pack.origin, state.locale);
  filterPack($('#pack-filter').value);
}

let packFilterTimer = 0;
$('#pack-filter').addEventListener('input', (event) => {
  clearTimeout(packFilterTimer);
  packFilterTimer = setTimeout(() => filterPack(event.target.value), 120);
});

// ---- custom packs ----

const packError = $('#pack-error');
const packStatus = $('#pack-status');

/** Shows why a pack was refused: a sentence, then `code at /json/pointer: message`. */
function showPackError(text, info) {
  packStatus.hidden = true;
  packError.replaceChildren(text);
  if (info) {
    const at = info.path === '' ? '/' : info.path;
    packError.append(' ', h('code', { class: 'error-detail' }, `${info.code} at ${at}: ${info.message}`));
  }
  packError.hidden = false;
}

async function loadPackFile(file) {
  packError.hidden = true;
  packError.textContent = '';
  packStatus.hidden = true;
  let text;
  try {
    text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
  } catch (e) {
    showPackError(`Could not read ${file.name}: ${e.message}`);
    return;
  }
  const { validatePack } = await tools();
  const report = validatePack(text);
  if (!report.ok) {
    showPackError(`${file.name} is not a valid pack; the screener keeps using ${packLabel()}.`, report.error);
    return;
  }
  let object;
  try {
    object = JSON.parse(text);
    usePack({ object, text, origin: `custom pack from ${file.name}`, custom: true });
  } catch (e) {
    if (!(e instanceof JejakError) && !(e instanceof SyntaxError)) throw e;
    const info = e instanceof JejakError ? errorInfo(e) : { code: 'invalid_pack', path: '', message: e.message };
    showPackError(`${file.name} cannot be used; the screener keeps using ${packLabel()}.`, info);
    return;
  }
  packStatus.textContent = `Now screening with ${packLabel()} from ${file.name}. The single transaction was screened again; batch runs from now on use it too.`;
  packStatus.hidden = false;
  refreshAll();
}

$('#pack-file').addEventListener('change', (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (file) loadPackFile(file);
});
$('#pack-reset').addEventListener('click', () => {
  usePack({ object: null, text: null, origin: DEFAULT_ORIGIN, custom: false });
  packError.hidden = true;
  packStatus.textContent = `Back to the default pack ${packLabel()}.`;
  packStatus.hidden = false;
  refreshAll();
});
$('#pack-download').addEventListener('click', async () => {
  const text = state.pack.text ?? JSON.stringify((await tools()).defaultPack(), null, 2) + '\n';
  download(`${state.pack.info.id}-${state.pack.info.version}.json`, text, 'application/json');
});

function refreshAll() {
  showPack();
  single.refresh();
  batch.packChanged();
  historyView.refresh();
  casesView.refresh();
}

// ---- language ----

$('#locale').addEventListener('change', (event) => {
  state.locale = event.target.value === 'id' ? 'id' : 'en';
  refreshAll();
});

// ---- tabs (WAI-ARIA tabs with automatic activation) ----

const tabs = $$('[role="tab"]');
function selectTab(tab, { focus = false } = {}) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) tab.focus();
  // The pack view renders when it is shown (it loads the pack tools), and
  // the cases view loads jejak/cases and its graph library.
  if (tab.id === 'tab-pack') return showPack();
  if (tab.id === 'tab-cases') return casesView.open();
  return Promise.resolve();
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (event) => {
    const i = tabs.indexOf(tab);
    const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], { focus: true });
  });
}
$('#sources-link').addEventListener('click', async (event) => {
  event.preventDefault();
  await selectTab($('#tab-pack'));
  const title = $('#pack-sources-title');
  title.tabIndex = -1;
  title.scrollIntoView({ block: 'start' });
  title.focus({ preventScroll: true });
});
const fromHash = {
  '#batch': 'tab-batch',
  '#view-batch': 'tab-batch',
  '#history': 'tab-history',
  '#view-history': 'tab-history',
  '#cases': 'tab-cases',
  '#view-cases': 'tab-cases',
  '#pack': 'tab-pack',
  '#view-pack': 'tab-pack',
}[location.hash];
if (fromHash) selectTab(document.getElementById(fromHash));

// ---- go ----

// A reload may restore the form controls: start from what they show.
state.locale = $('#locale').value === 'id' ? 'id' : 'en';

showPack();
single.start();
document.body.dataset.ready = 'true';
