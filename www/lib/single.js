// The single-transaction view: the form (every transaction field), the
// presets, and screening with the page's screener.
import { FIELDS, VALUES } from 'jejak/records';
import { h, $, fill } from './dom.js';
import { PRESETS, DEFAULT_PRESET } from './presets.js';
import { renderVerdict } from './verdict.js';

// The field types and the enumerated values come from the engine's field
// table (jejak/records), so the form cannot fall out of step with it.
const BOOLEAN = new Set(FIELDS.filter(([, type]) => type === 'boolean').map(([path]) => path));
const NUMBER = new Set(FIELDS.filter(([, type]) => type === 'number').map(([path]) => path));
/** Words for a few values; the others show as the engine names them. */
const VALUE_WORDS = { p2p: 'p2p (peer-to-peer app)', bi_fast: 'bi_fast (BI-FAST)', umi: 'UMI (micro)', uke: 'UKE (small)', ume: 'UME (medium)', ube: 'UBE (large)' };

/** Fills each enumerated field's select with the values the engine accepts. */
export function fillChoices(form) {
  for (const el of form.elements) {
    const values = VALUES[el.name];
    if (el.tagName !== 'SELECT' || !values) continue;
    for (const v of values) el.append(h('option', { value: v }, VALUE_WORDS[v] ?? v));
  }
}
/** Fields kept exactly as typed (evidence offsets point into them). */
const VERBATIM = new Set(['memo']);

/** The transaction in the form; empty fields are left out (absent, not empty). */
export function readForm(form) {
  const tx = {};
  for (const el of form.elements) {
    const name = el.name;
    if (!name) continue;
    let value = VERBATIM.has(name) ? el.value : el.value.trim();
    if (value === '') continue;
    if (BOOLEAN.has(name)) value = value === 'true';
    else if (NUMBER.has(name) && /^\d+$/.test(value)) value = Number(value);
    const path = name.split('.');
    let target = tx;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path[path.length - 1]] = value;
  }
  return tx;
}

/** Fills the form from a transaction (fields it does not have are emptied). */
export function writeForm(form, tx) {
  for (const el of form.elements) {
    if (!el.name) continue;
    let value = tx;
    for (const key of el.name.split('.')) value = value == null ? undefined : value[key];
    el.value = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    el.removeAttribute('aria-invalid');
  }
}

/** The form control for a JSON pointer (`/sender/country` → `sender.country`). */
function controlFor(form, path) {
  if (!path) return null;
  const name = path.slice(1).split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~')).join('.');
  return [...form.elements].find((el) => el.name === name) ?? null;
}

/**
 * Wires the view. `app` provides `screener(locale)`, `locale()`, `scoring()`,
 * `isCustomPack()`, `JejakError` and `errorInfo(e)`.
 */
export function setupSingle(app) {
  const form = $('#tx-form');
  fillChoices(form);
  const preset = $('#preset');
  const note = $('#preset-note');
  const out = $('#verdict');
  const errorBox = $('#single-error');
  const button = $('#screen-btn');
  let last = null; // { tx } of the last screened transaction, for re-screening on a locale or pack change

  function showPresetNote() {
    const p = PRESETS[preset.value];
    note.textContent = p ? p.note : 'Your own values: change any field and press Screen.';
  }

  function clearError() {
    errorBox.hidden = true;
    errorBox.textContent = '';
    for (const el of form.elements) el.removeAttribute('aria-invalid');
  }

  function showError(info, { focus }) {
    const at = info.path === '' ? '/' : info.path;
    errorBox.textContent = `${info.code} at ${at}: ${info.message}`;
    errorBox.hidden = false;
    const control = controlFor(form, info.path);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-errormessage', 'single-error');
      if (focus) control.focus();
    }
    fill(out, h('p', { class: 'muted' }, 'Not screened: correct the field shown above.'));
    delete out.dataset.level;
    delete out.dataset.score;
  }

  /** Screens `tx` and shows the verdict; returns the verdict, or null on an error. */
  function screen(tx, { focus = false } = {}) {
    clearError();
    const locale = app.locale();
    let verdict;
    const t0 = performance.now();
    try {
      verdict = app.screener(locale).screen(tx);
    } catch (e) {
      if (!(e instanceof app.JejakError)) throw e;
      showError(app.errorInfo(e), { focus });
      last = null;
      return null;
    }
    const ms = performance.now() - t0;
    last = { tx };
    fill(out, renderVerdict(verdict, tx, { locale, scoring: app.scoring(), ms, customPack: app.isCustomPack() }));
    $('#verdict-announce').textContent = `Level ${verdict.level}, score ${verdict.score} of 100, ${verdict.flags.length} indicator${verdict.flags.length === 1 ? '' : 's'} fired.`;
    out.dataset.level = verdict.level;
    out.dataset.score = String(verdict.score);
    return verdict;
  }

  function loadPreset(name) {
    const p = PRESETS[name];
    if (!p) return;
    writeForm(form, p.tx);
    showPresetNote();
    screen(readForm(form));
  }

  preset.addEventListener('change', () => {
    if (preset.value === 'custom') showPresetNote();
    else loadPreset(preset.value);
  });
  form.addEventListener('input', (event) => {
    if (event.target === preset) return;
    if (preset.value !== 'custom') {
      preset.value = 'custom';
      showPresetNote();
    }
  });
  // Currency and country codes are upper-case in the engine.
  for (const el of form.querySelectorAll('input.upper')) {
    el.addEventListener('change', () => {
      el.value = el.value.trim().toUpperCase();
    });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const verdict = screen(readForm(form), { focus: true });
    // One column (phones): the verdict is below the form, so bring it into view.
    if (verdict && window.matchMedia('(max-width: 900px)').matches) {
      const title = $('#verdict-title');
      title.scrollIntoView({ block: 'start' });
      title.focus({ preventScroll: true });
    }
  });
  $('#clear-button').addEventListener('click', () => {
    writeForm(form, {});
    preset.value = 'custom';
    showPresetNote();
    clearError();
    fill(out, h('p', { class: 'muted' }, 'Fill in at least the timestamp, amount and currency, then press Screen.'));
    $('#tx-timestamp').focus();
  });
  // Hash links inside the verdict (indicator evidence → its flag) move focus there.
  out.addEventListener('click', (event) => {
    const a = event.target.closest('a[href^="#flag-"]');
    if (!a) return;
    const target = document.getElementById(a.getAttribute('href').slice(1));
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.focus({ preventScroll: true });
  });

  return {
    start() {
      button.disabled = false;
      preset.value = DEFAULT_PRESET;
      loadPreset(DEFAULT_PRESET);
    },
    /** Re-screens the last transaction (locale or pack changed). */
    refresh() {
      if (last) screen(last.tx);
    },
    /** Opens a transaction from the batch table. */
    open(tx) {
      preset.value = 'custom';
      showPresetNote();
      writeForm(form, tx);
      return screen(readForm(form));
    },
    screen,
  };
}
