// The demo page (www/) in Debian's Chromium driven by playwright-core: each
// single-transaction preset gives its expected level and highlights its
// evidence, the verdict grouped by fact (the pay-per-view pattern as the
// headline, one card per fact, every publisher reference shown, no evidence
// twice), the English / Bahasa Indonesia toggle, the batch sample (button,
// file picker, drag and drop) counted exactly as `jejak screen` counts it, bad
// CSV rows with their line numbers, cancel, filters and exports, a bad custom
// pack with its JSON path, the History view (the bundled scenario replayed
// through screenWithHistory gives the same scores as a replay in Node, one
// chart series per account, the habitual payer rising to review with history
// evidence, the look-alikes staying below), the "Follow the money" view (the
// bundled scenario's one case as buildCases gives it in Node: the collector,
// its payers, the pass-through chain and the cash-out by role and no
// look-alike, an account's payments after a click on its node, the case JSON
// and LTKM exports), and screenshots of the views, of the pay-per-view
// verdict, of the History view and of the case graph at 1280 and 390 px under
// target/screenshots/. No console error, page error or request leaving the
// page's own origin is allowed anywhere in the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, run } from './util.mjs';
import { launchChromium } from './web.mjs';
import { Screener, defaultPack, timestampKey } from '../../pkg/entries/node.mjs';
import { buildCases } from '../../pkg/entries/cases-node.mjs';
import { FIELDS, VALUES } from '../../pkg/lib/records.mjs';
import { PRESETS as PAGE_PRESETS } from '../../www/lib/presets.js';
import { evidenceKey } from '../../www/lib/facts.js';

const SAMPLES = join(ROOT, 'www', 'samples');
const NDJSON = join(SAMPLES, 'transactions.ndjson');
const CSV = join(SAMPLES, 'transactions.csv');
const HISTORY_NDJSON = join(SAMPLES, 'history-all.ndjson');
const HISTORY_CSV = join(SAMPLES, 'history-all.csv');
const CASES_NDJSON = join(SAMPLES, 'cases-demo.ndjson');
const SHOTS = join(ROOT, 'target', 'screenshots');

/** Expected level(s) of each preset with the default pack, and whether it has a text evidence span. */
const PRESETS = {
  domestic: { levels: ['none', 'low'], spans: false },
  'austrac-ppv': { levels: ['review', 'high'], spans: true },
  'fatf-sextortion': { levels: ['review', 'high'], spans: false },
  'micro-message': { levels: ['review', 'high'], spans: true },
  'vpn-webcam': { levels: ['none', 'low'], spans: true },
  'obfuscated-memo': { levels: ['review', 'high'], spans: true },
};

/** The form control that holds each text field evidence points into. */
const FIELD_INPUT = { memo: 'tx-memo', 'merchant.name': 'merchant-name', 'merchant.descriptor': 'merchant-descriptor' };

let server;
let pageUrl;
let origin;
let browser;
let tmp;
const contexts = new Set();
/** Console errors, page errors, failed requests and HTTP errors, with the test they happened in. */
const problems = [];
/** Requests to anywhere but the page's own server. */
const foreign = [];
let current = 'setup';
/** The problems logged so far by the running test, to explain a failure. */
const recent = () => problems.filter((p) => p.startsWith(`[${current}]`)).join('\n');

/** `jejak screen FILE --format json` from the repository root: `{ rows, screened, rejected, levels }` and the rows. */
async function cli(file) {
  const { stdout } = await run('node', ['pkg/bin/jejak.mjs', 'screen', file, '--format', 'json'], { cwd: ROOT });
  return JSON.parse(stdout);
}

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'jejak-demo-'));
  // Removed even when a timed-out test keeps the after hook from finishing.
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const { startServer } = await import(pathToFileURL(join(ROOT, 'www', 'serve.mjs')).href);
  server = await startServer({ port: 0, root: ROOT });
  // The server serves the repository root; its `url` may name the root or the
  // page itself: the page is /www/ either way.
  pageUrl = new URL('/www/', server.url).href;
  origin = new URL(server.url).origin;
  browser = await launchChromium();
});

after(async () => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  try {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  } finally {
    await server?.close();
  }
});

/**
 * Opens the page in a fresh context (no state carried between tests), waits
 * for `body[data-ready=true]`, runs `fn(page, context)` and closes the context.
 */
async function withPage({ width = 1280, height = 900 } = {}, fn) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US', acceptDownloads: true });
  contexts.add(context);
  const note = (text) => problems.push(`[${current}] ${text}`);
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !/^(data|blob):/.test(u)) foreign.push(`[${current}] ${r.method()} ${u}`);
  });
  try {
    const page = await context.newPage();
    // A missing element fails within the test's own time limit, naming the selector.
    page.setDefaultTimeout(5_000);
    page.on('console', (m) => {
      if (m.type() === 'error') note(`console.error: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
    });
    page.on('pageerror', (e) => note(`pageerror: ${e.stack ?? e.message}`));
    page.on('requestfailed', (r) => note(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) note(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('worker', (w) => {
      page.workers_ = (page.workers_ ?? 0) + 1;
      w.on('console', (m) => {
        if (m.type() === 'error') note(`worker console.error: ${m.text()}`);
      });
    });
    await page.goto(pageUrl, { timeout: 15_000 });
    try {
      await page.waitForFunction(() => document.body?.dataset.ready === 'true', null, { timeout: 15_000 });
    } catch {
      throw new Error(`the page never set body[data-ready="true"]\n${recent()}`);
    }
    return await fn(page, context);
  } finally {
    contexts.delete(context);
    await context.close();
  }
}

/** Names the test in the problem log. */
function named(name, options, fn) {
  test(name, options, async (t) => {
    current = name;
    await fn(t);
  });
}

// ---- single transaction ----

/** Screens a preset, whether the page screens on change or on the button. */
async function screenPreset(page, value) {
  await page.click('#tab-single');
  await page.selectOption('#preset', value);
  // A fresh verdict must set data-level again: drop the previous one first.
  await page.evaluate(() => document.querySelector('#verdict')?.removeAttribute('data-level'));
  await page.click('#screen-btn');
  await page.waitForSelector('#verdict[data-level]', { state: 'attached', timeout: 5_000 });
  return page.getAttribute('#verdict', 'data-level');
}

/**
 * Every `mark.evidence` of the verdict's highlighted fields (`.hl-text[data-field]`,
 * inside the card of the flag the span belongs to), with the form's text fields.
 */
function readSpans(page) {
  return page.evaluate(() => {
    const fields = {};
    for (const el of document.querySelectorAll('input[id], textarea[id]')) fields[el.id] = el.value;
    const marks = [];
    for (const m of document.querySelectorAll('#verdict .hl-text[data-field] mark.evidence')) {
      marks.push({
        text: m.textContent,
        start: m.dataset.start,
        end: m.dataset.end,
        field: m.closest('[data-field]').dataset.field,
        indicators: (m.dataset.indicator ?? '').split(' '),
        card: m.closest('li.flag[data-indicator]')?.dataset.indicator ?? null,
        visible: m.getClientRects().length > 0,
      });
    }
    const stray = document.querySelectorAll('mark.evidence').length - marks.length;
    return { fields, marks, stray };
  });
}

named('single: every preset gives its expected level and highlights its evidence spans', { timeout: 30_000 }, async (t) => {
  await withPage({}, async (page) => {
    const options = await page.$$eval('#preset option', (os) => os.map((o) => o.value));
    for (const value of Object.keys(PRESETS)) assert.ok(options.includes(value), `#preset has no option ${value} (has ${options})`);
    for (const [value, want] of Object.entries(PRESETS)) {
      const level = await screenPreset(page, value);
      assert.ok(want.levels.includes(level), `preset ${value}: #verdict[data-level] is ${level}, expected ${want.levels.join(' or ')}`);
      assert.ok(await page.isVisible('#verdict'), `preset ${value}: #verdict is not visible`);
      const score = (await page.textContent('#verdict-score')).trim();
      assert.match(score, /^\d{1,3}\b/, `preset ${value}: #verdict-score is ${JSON.stringify(score)}`);
      assert.ok(Number.parseInt(score, 10) <= 100, `preset ${value}: score ${score}`);
      const flags = await page.$$eval('#flags li.flag[data-indicator]', (ls) => ls.map((l) => l.dataset.indicator));
      if (level !== 'none') {
        assert.ok(flags.length > 0, `preset ${value}: level ${level} but no #flags li.flag[data-indicator]`);
        for (const id of flags) assert.match(id, /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, `preset ${value}: flag id ${id}`);
        const links = await page.$$eval('#view-single a[href^="https://"], #view-single a[href^="http://"]', (as) => as.length);
        assert.ok(links > 0, `preset ${value}: no source links in #view-single`);
      }

      const { fields, marks, stray } = await readSpans(page);
      t.diagnostic(`${value}: ${level}, score ${score}, flags ${flags.join(' ')}, marks ${marks.map((m) => `${m.field}:${JSON.stringify(m.text)}`).join(' ')}`);
      assert.equal(stray, 0, `preset ${value}: ${stray} mark.evidence outside the verdict's .hl-text[data-field] blocks`);
      if (want.spans) assert.ok(marks.length > 0, `preset ${value}: no mark.evidence in a highlighted field of the verdict`);
      for (const m of marks) {
        const start = Number(m.start);
        const end = Number(m.end);
        assert.ok(Number.isInteger(start) && Number.isInteger(end) && start < end, `preset ${value}: mark ${JSON.stringify(m)}`);
        assert.ok(m.visible, `preset ${value}: mark ${JSON.stringify(m.text)} is not rendered`);
        assert.ok(m.field in FIELD_INPUT, `preset ${value}: mark in an unknown field ${m.field}`);
        const text = fields[FIELD_INPUT[m.field]];
        assert.equal(typeof text, 'string', `no #${FIELD_INPUT[m.field]} form field`);
        assert.equal(text.slice(start, end), m.text, `preset ${value}: ${m.field} ${JSON.stringify(text)} [${start}, ${end})`);
        assert.ok(m.card && m.indicators.includes(m.card), `preset ${value}: mark ${JSON.stringify(m.text)} of ${m.indicators} is in the card of ${m.card}`);
      }
    }
  });
});

named('single: the form has a control for every transaction field, with the engine’s values, and reads back what is typed', { timeout: 20_000 }, async () => {
  await withPage({}, async (page) => {
    await page.click('#tab-single');
    const controls = await page.$$eval('#tx-form [name]', (els) =>
      els.map((el) => ({ name: el.name, tag: el.tagName, options: el.tagName === 'SELECT' ? [...el.options].map((o) => o.value).filter(Boolean) : null })),
    );
    const names = controls.map((c) => c.name).sort();
    assert.deepEqual(names, FIELDS.map(([path]) => path).sort(), 'one form control per field of the engine’s table');
    for (const [path, values] of Object.entries(VALUES)) {
      assert.deepEqual(controls.find((c) => c.name === path).options, values, `${path} offers the engine’s values`);
    }
    // Every field of the Indonesian rails, typed in, is read back with its JSON type and screened.
    await page.click('#tx-form details.rails > summary');
    const tx = {
      id: 'form-1', timestamp: '2026-11-20T21:10:00+07:00', currency: 'IDR', amount: '50000', channel: 'bi_fast', memo: 'tf',
      proxyType: 'phone', purposeCode: '01', cashOutType: 'bank_account', topUpSource: 'minimarket',
      sender: { id: 'w-1', country: 'ID', accountAgeDays: 3, isMinor: false, kyc: 'unregistered' },
      receiver: { id: 'w-2', country: 'ID', isNew: true, accountAgeDays: 400, isMinor: false, kyc: 'registered' },
      merchant: { id: 'ID1026500170021', name: 'Toko Berkah', city: 'Bandung', descriptor: 'TOKO BERKAH', country: 'ID', mcc: '5499', criteria: 'umi', qrType: 'static' },
    };
    for (const [path, type] of FIELDS) {
      const value = path.split('.').reduce((o, k) => o?.[k], tx);
      assert.notEqual(value, undefined, `the test transaction has ${path}`);
      const selector = `#tx-form [name="${path}"]`;
      if ((await page.$eval(selector, (el) => el.tagName)) === 'SELECT') await page.selectOption(selector, String(value));
      else await page.fill(selector, String(value));
      assert.equal(typeof value, type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string', path);
    }
    const read = await page.evaluate(async () => (await import('./lib/single.js')).readForm(document.querySelector('#tx-form')));
    assert.deepEqual(read, tx);
    await page.evaluate(() => document.querySelector('#verdict')?.removeAttribute('data-level'));
    await page.click('#screen-btn');
    await page.waitForSelector('#verdict[data-level]', { state: 'attached', timeout: 5_000 });
    assert.ok(await page.isHidden('#single-error'), await page.textContent('#single-error'));
  });
});

named('single: the language toggle switches the explanations to Bahasa Indonesia and back', { timeout: 20_000 }, async () => {
  await withPage({}, async (page) => {
    await screenPreset(page, 'austrac-ppv');
    const flagsText = () => page.$eval('#flags', (e) => e.innerText);
    const english = await flagsText();
    assert.ok(english.trim().length > 0, '#flags is empty');
    const locales = await page.$$eval('#locale option', (os) => os.map((o) => o.value));
    assert.deepEqual([...locales].sort(), ['en', 'id'], `#locale options: ${locales}`);
    await page.selectOption('#locale', 'id');
    await page
      .waitForFunction((before) => document.querySelector('#flags').innerText !== before, english, { timeout: 5_000 })
      .catch(() => assert.fail('#flags text did not change after selecting #locale = id'));
    const indonesian = await flagsText();
    assert.match(indonesian, /\b(dan|yang|dengan|atau|untuk|ke|dari)\b/, `not Indonesian: ${indonesian.slice(0, 300)}`);
    await page.selectOption('#locale', 'en');
    await page
      .waitForFunction((want) => document.querySelector('#flags').innerText === want, english, { timeout: 5_000 })
      .catch(() => assert.fail('#flags text did not return to English after selecting #locale = en'));
  });
});

/** The verdict of a page preset, screened in Node with the default pack (the reference for the page). */
function nodeVerdict(preset) {
  const screener = new Screener(null);
  try {
    return screener.screen(PAGE_PRESETS[preset].tx);
  } finally {
    screener.free();
  }
}

/**
 * A reference chip's visible text: `AUSTRAC-CSE-04 · AUSTRAC 2024 (A)` (no ref
 * when the pack gives none; `PPATK (Indonesian …)` shown as its acronym).
 */
const chipText = (src) => {
  const publisher = /^([A-Z][A-Z0-9&.-]{1,11}) \(.+\)$/.exec(src.publisher)?.[1] ?? src.publisher;
  return `${src.ref ? `${src.ref} · ` : ''}${publisher} ${src.year} (${src.grade})`;
};

/** The flag cards of the verdict: kind, id, visible reference chips, evidence items and the facts a pattern combines. */
function readCards(page) {
  return page.$$eval('#flags li.flag[data-indicator]', (cards) =>
    cards.map((card) => {
      const visibleText = (el) => {
        const copy = el.cloneNode(true);
        for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove();
        return copy.textContent.replace(/\s+/g, ' ').trim();
      };
      return {
        id: card.dataset.indicator,
        kind: card.classList.contains('typology') ? 'typology' : card.classList.contains('fact') ? 'fact' : '?',
        visible: card.getClientRects().length > 0,
        title: card.querySelector('.flag-title')?.textContent ?? '',
        chips: [...card.querySelectorAll('.flag-refs a.ref-chip')].map((a) => ({
          text: visibleText(a),
          href: a.getAttribute('href'),
          visible: a.getClientRects().length > 0,
        })),
        evidence: [...card.querySelectorAll('li.ev')].map((li) => ({ key: li.dataset.ev, text: li.textContent.trim() })),
        combines: [...card.querySelectorAll('.combined-list a[href^="#flag-"]')].map((a) => a.getAttribute('href').slice('#flag-'.length)),
      };
    }),
  );
}

named('single: the pay-per-view verdict is grouped by fact, with every publisher reference and no evidence twice', { timeout: 20_000 }, async (t) => {
  const verdict = nodeVerdict('austrac-ppv');
  const typology = verdict.flags.find((f) => f.indicator === 'JEJAK-LSAC-01');
  assert.ok(typology, `the reference verdict has no JEJAK-LSAC-01: ${verdict.flags.map((f) => f.indicator)}`);
  const signals = verdict.flags.filter((f) => f !== typology);
  assert.equal(signals.length, 5, 'the reference verdict: JEJAK-LSAC-01 and 5 signals');
  const combined = typology.evidence.filter((e) => e.kind === 'indicator').map((e) => e.value);

  await withPage({}, async (page) => {
    await screenPreset(page, 'austrac-ppv');
    assert.equal(await page.getAttribute('#verdict', 'data-score'), String(verdict.score));
    const cards = await readCards(page);
    t.diagnostic(cards.map((c) => `${c.kind} ${c.id}: ${c.evidence.length} evidence, ${c.chips.map((x) => x.text.split(' · ')[0]).join(' ')}`).join('\n'));

    // The headline: the pattern first, naming the five facts it combines.
    assert.deepEqual(cards.filter((c) => c.kind === 'typology').map((c) => c.id), ['JEJAK-LSAC-01'], 'one headline pattern');
    assert.equal(cards[0].id, 'JEJAK-LSAC-01', `the pattern is not shown first: ${cards.map((c) => c.id)}`);
    const headline = cards[0];
    assert.ok(headline.visible, 'the headline pattern is not rendered');
    assert.match(headline.title, /^Pay-per-view pattern/);
    assert.equal(headline.title, typology.title);
    assert.deepEqual([...headline.combines].sort(), [...combined].sort(), 'the pattern links to the facts it combines');
    assert.ok(await page.isVisible('#typologies-title'), 'no visible heading over the pattern');

    // Exactly one card per fact, each visible.
    const facts = cards.filter((c) => c.kind === 'fact');
    assert.equal(facts.length, 5, `fact cards: ${facts.map((c) => c.id)}`);
    assert.equal(cards.length, 6, `cards: ${cards.map((c) => `${c.kind} ${c.id}`)}`);
    assert.deepEqual(facts.map((c) => c.id).sort(), signals.map((f) => f.indicator).sort());
    for (const c of facts) assert.ok(c.visible, `fact card ${c.id} is not rendered`);
    for (const id of headline.combines) assert.ok(facts.some((c) => c.id === id), `the pattern links to ${id}, which has no fact card`);

    // Every catalogue reference of every flag is a visible chip linking to its source.
    for (const flag of verdict.flags) {
      const card = cards.find((c) => c.id === flag.indicator);
      assert.deepEqual(card.chips.map((c) => c.text), flag.sources.map(chipText), `${flag.indicator}: reference chips`);
      assert.deepEqual(card.chips.map((c) => c.href), flag.sources.map((s) => s.url), `${flag.indicator}: reference links`);
      for (const chip of card.chips) assert.ok(chip.visible, `${flag.indicator}: chip ${chip.text} is not rendered`);
    }
    for (const [id, ref] of [['JEJAK-SIG-MEMO-COVER', 'AUSTRAC-CSE-04'], ['JEJAK-SIG-HOUR-LATE', 'FATF-OCSE-L03'], ['JEJAK-SIG-CORRIDOR', 'AUSTRAC-CSE-01']]) {
      const chip = page.locator(`#flag-${id} .flag-refs a.ref-chip[data-ref="${ref}"]`);
      assert.equal(await chip.count(), 1, `${ref} on ${id}`);
      assert.ok(await chip.isVisible(), `${ref} on ${id} is not visible`);
      assert.match((await chip.innerText()).replace(/\s+/g, ' '), new RegExp(`^${ref} · `));
    }

    // Each piece of evidence once: every distinct (non-indicator) evidence item of the verdict, in exactly one card.
    const shown = cards.flatMap((c) => c.evidence.map((e) => ({ ...e, card: c.id })));
    const keys = shown.map((e) => e.key);
    assert.equal(new Set(keys).size, keys.length, `evidence shown twice: ${JSON.stringify(shown.filter((e, i) => keys.indexOf(e.key) !== i))}`);
    const texts = shown.map((e) => e.text);
    assert.equal(new Set(texts).size, texts.length, `the same evidence text twice: ${texts.join(' | ')}`);
    const expected = new Set(verdict.flags.flatMap((f) => f.evidence.filter((e) => e.kind !== 'indicator').map(evidenceKey)));
    assert.deepEqual([...keys].sort(), [...expected].sort(), 'every evidence item of the verdict is shown once');
    const flagsText = await page.$eval('#flags', (e) => e.innerText);
    assert.equal(flagsText.match(/corridor from /g)?.length, 1, 'the AU → PH corridor is written out once');
    assert.equal(await page.locator('#flags mark.evidence').count(), 1, 'the memo span is highlighted once');
    assert.equal(await page.locator('#flag-JEJAK-SIG-MEMO-COVER .hl-text[data-field="memo"] mark.evidence').innerText(), 'school fees');
    // The pattern keeps its own evidence: the round amount and the channel.
    const own = cards[0].evidence.map((e) => JSON.parse(e.key).find(([k]) => k === 'kind')[1]);
    assert.deepEqual(own.sort(), ['channel', 'roundAmount']);

    // A fact named by the headline takes the focus when its link is followed.
    await page.click('#flag-JEJAK-LSAC-01 .combined-list a[href="#flag-JEJAK-SIG-HOUR-LATE"]');
    await page
      .waitForFunction(() => document.activeElement?.id === 'flag-JEJAK-SIG-HOUR-LATE', null, { timeout: 3_000 })
      .catch(async () => assert.fail(`focus is on ${await page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName)}`));
  });
});

// ---- batch ----

/** Waits for the current batch to finish: progress at 100 and a status saying so. */
async function waitDone(page, what, ms = 30_000) {
  try {
    await page.waitForFunction(
      () => {
        const p = document.querySelector('#batch-progress');
        const s = document.querySelector('#batch-status')?.textContent ?? '';
        return p && p.max === 100 && p.value === 100 && /\b(done|complete|completed|finished)\b/i.test(s);
      },
      null,
      { timeout: ms },
    );
  } catch {
    const state = await page.evaluate(() => ({
      progress: document.querySelector('#batch-progress')?.value,
      max: document.querySelector('#batch-progress')?.max,
      status: document.querySelector('#batch-status')?.textContent,
    }));
    throw new Error(`${what}: batch not done within ${ms} ms: ${JSON.stringify(state)}\n${recent()}`);
  }
}

/** The four level counts as numbers. */
function readCounts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const level of ['high', 'review', 'low', 'none']) {
      out[level] = document.querySelector(`#count-${level}`)?.textContent.trim() ?? null;
    }
    return out;
  }).then((raw) => {
    const levels = {};
    for (const [level, text] of Object.entries(raw)) {
      assert.ok(text !== null, `#count-${level} is missing`);
      assert.match(text, /^\d{1,3}(,?\d{3})*$/, `#count-${level} is ${JSON.stringify(text)}, not a number`);
      levels[level] = Number(text.replaceAll(',', ''));
    }
    return levels;
  });
}

/** `#bad-rows li` as `{ line, code, path, message }`. */
async function readBadRows(page) {
  const items = await page.$$eval('#bad-rows li', (ls) => ls.map((l) => l.textContent.trim().replace(/\s+/g, ' ')));
  return items.map((text) => {
    const m = /^line (\d+): (\w+) at (\S*): (.+)$/.exec(text);
    assert.ok(m, `#bad-rows li is not "line N: code at path: message": ${JSON.stringify(text)}`);
    return { line: Number(m[1]), code: m[2], path: m[3], message: m[4] };
  });
}

named('batch: the NDJSON sample (button) completes in a worker and its counts equal the CLI', { timeout: 30_000 }, async () => {
  const expected = (await cli('www/samples/transactions.ndjson')).counts;
  assert.equal(expected.rows, 1200);
  await withPage({}, async (page) => {
    await page.click('#tab-batch');
    assert.ok(await page.isVisible('#view-batch'), '#view-batch is not visible after clicking #tab-batch');
    const workersBefore = page.workers_ ?? 0;
    await page.click('#load-sample-ndjson');
    await waitDone(page, 'NDJSON sample');
    assert.deepEqual(await readCounts(page), expected.levels);
    assert.deepEqual(await readBadRows(page), []);
    assert.ok((page.workers_ ?? 0) > workersBefore || page.workers().length > 0, 'the batch did not run in a Web Worker');
    for (const chart of ['#chart-levels', '#chart-scores', '#chart-indicators']) {
      const box = await page.locator(chart).boundingBox();
      assert.ok(box && box.width > 50 && box.height > 50, `${chart} is not drawn (box ${JSON.stringify(box)})`);
    }
    const rows = await page.$$eval('#results-table tbody tr', (rs) => rs.length);
    assert.ok(rows > 0, '#results-table has no rows');
  });
});

named('batch: the CSV sample by the file picker and by drag and drop gives the CLI counts', { timeout: 30_000 }, async () => {
  const expected = (await cli('www/samples/transactions.csv')).counts;
  assert.equal(expected.rows, 1200);
  await withPage({}, async (page) => {
    await page.click('#tab-batch');
    await page.setInputFiles('#batch-file', CSV);
    await waitDone(page, 'CSV sample (#batch-file)');
    assert.deepEqual(await readCounts(page), expected.levels);
    assert.deepEqual(await readBadRows(page), []);
  });
  await withPage({}, async (page) => {
    await page.click('#tab-batch');
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'transactions.csv', { type: 'text/csv' }));
      return dt;
    }, readFileSync(CSV, 'utf8'));
    for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#dropzone', type, { dataTransfer });
    await waitDone(page, 'CSV sample (drop on #dropzone)');
    assert.deepEqual(await readCounts(page), expected.levels);
  });
});

named('batch: malformed CSV rows are listed with their line numbers while the good rows are screened', { timeout: 30_000 }, async () => {
  const [header, ...sample] = readFileSync(CSV, 'utf8').split('\n').filter((l) => l.trim());
  // Rows without quotes, so their cells can be rewritten by splitting on commas.
  const plain = sample.filter((l) => !l.includes('"') && l.split(',')[5] !== '');
  const fields = plain[0].split(',');
  const unclosed = [...fields.slice(0, 5), '"never closed', ...fields.slice(6)].join(',');
  const short = fields.slice(0, 4).join(',');
  const lines = [header, ...plain.slice(1, 6), short, ...plain.slice(6, 9), unclosed, ...plain.slice(9, 13)];
  // line 1 header, 2-6 good, 7 short, 8-10 good, 11 unclosed quote, 12-15 good
  const file = join(tmp, 'malformed.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  const doc = await cli(file);
  const rejected = doc.rows.filter((r) => !r.ok).map((r) => ({ line: r.line, code: r.error.code }));
  assert.deepEqual(rejected.map((r) => r.line), [7, 11], 'the CLI reference');
  assert.equal(doc.counts.screened, 12);

  await withPage({}, async (page) => {
    await page.click('#tab-batch');
    await page.setInputFiles('#batch-file', file);
    await waitDone(page, 'malformed CSV');
    const bad = await readBadRows(page);
    assert.deepEqual(bad.map((b) => ({ line: b.line, code: b.code })), rejected, `#bad-rows: ${JSON.stringify(bad)}`);
    const counts = await readCounts(page);
    assert.deepEqual(counts, doc.counts.levels);
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), 12, 'every good row is counted');
  });
});

named('batch: cancel stops a large run; the page stays responsive while it runs', { timeout: 40_000 }, async (t) => {
  const sample = readFileSync(NDJSON, 'utf8').split('\n').filter((l) => l.trim());
  const N = 50_000;
  const out = new Array(N);
  for (let i = 0; i < N; i++) {
    const tx = JSON.parse(sample[i % sample.length]);
    tx.id = `big-${String(i + 1).padStart(6, '0')}`;
    out[i] = JSON.stringify(tx);
  }
  const file = join(tmp, 'large.ndjson');
  writeFileSync(file, out.join('\n') + '\n');

  await withPage({}, async (page) => {
    await page.click('#tab-batch');
    await page.setInputFiles('#batch-file', file);
    await page
      .waitForFunction(() => document.querySelector('#batch-progress')?.value > 0, null, { timeout: 15_000, polling: 20 })
      .catch(() => assert.fail('#batch-progress never moved above 0 on a 50,000-row file'));
    // The main thread answers while the worker screens.
    const t0 = Date.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
    const lag = Date.now() - t0;
    assert.ok(lag < 1_000, `a frame took ${lag} ms while the batch ran`);
    await page.click('#batch-cancel', { timeout: 5_000 });
    await page
      .waitForFunction(() => /cancel/i.test(document.querySelector('#batch-status')?.textContent ?? ''), null, { timeout: 5_000 })
      .catch(async () =>
        assert.fail(`#batch-status does not say cancelled: ${JSON.stringify(await page.textContent('#batch-status'))}`),
      );
    const state = () =>
      page.evaluate(() => ({
        progress: document.querySelector('#batch-progress').value,
        counts: ['high', 'review', 'low', 'none'].map((l) => document.querySelector(`#count-${l}`)?.textContent),
        status: document.querySelector('#batch-status').textContent,
      }));
    const first = await state();
    t.diagnostic(`frame during the run: ${lag} ms; cancelled at ${first.progress}%: ${first.status}`);
    assert.ok(first.progress < 100, `progress is ${first.progress} after cancel: the run finished before it could be cancelled`);
    await page.waitForTimeout(1_000);
    const later = await state();
    assert.deepEqual(later, first, 'the batch went on after cancel');
  });
});

named('batch: level filter, text filter and CSV / JSON exports', { timeout: 30_000 }, async () => {
  await withPage({}, async (page) => {
    await page.click('#tab-batch');
    await page.click('#load-sample-ndjson');
    await waitDone(page, 'NDJSON sample');
    const counts = await readCounts(page);
    const bodyRows = () => page.$$eval('#results-table tbody tr', (rs) => rs.map((r) => r.innerText));

    await page.selectOption('#filter-level', 'high');
    await page
      .waitForFunction((n) => document.querySelectorAll('#results-table tbody tr').length === n, counts.high, { timeout: 5_000 })
      .catch(async () => assert.fail(`#filter-level=high shows ${(await bodyRows()).length} rows, #count-high is ${counts.high}`));
    for (const r of await bodyRows()) assert.match(r, /high/i);
    await page.selectOption('#filter-level', { index: 0 });

    await page.fill('#filter-text', 'tx-00042');
    await page
      .waitForFunction(() => document.querySelectorAll('#results-table tbody tr').length === 1, null, { timeout: 5_000 })
      .catch(async () => assert.fail(`#filter-text=tx-00042 shows ${(await bodyRows()).length} rows`));
    assert.match((await bodyRows())[0], /tx-00042/);
    await page.fill('#filter-text', '');

    const indicators = await page.$$eval('#filter-indicator option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(indicators.length > 0, '#filter-indicator has no indicator options after the sample');

    const [csvDownload] = await Promise.all([page.waitForEvent('download', { timeout: 5_000 }), page.click('#export-csv')]);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    assert.ok(csv.trim().split('\n').length >= 1201, `CSV export has ${csv.trim().split('\n').length} lines`);
    assert.match(csv, /tx-01200/);
    const [jsonDownload] = await Promise.all([page.waitForEvent('download', { timeout: 5_000 }), page.click('#export-json')]);
    const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    const text = JSON.stringify(json);
    assert.match(text, /tx-00001/);
    assert.match(text, /tx-01200/);
  });
});

// ---- pack ----

named('pack: the default pack is listed; a bad custom pack shows its error at its JSON path', { timeout: 20_000 }, async () => {
  const pack = defaultPack();
  const dup = defaultPack();
  dup.indicators.push(dup.indicators[2]);
  const n = dup.indicators.length - 1;
  const dupFile = join(tmp, 'dup-pack.json');
  writeFileSync(dupFile, JSON.stringify(dup, null, 2));
  const cond = defaultPack();
  cond.indicators[3].condition = { memoRegex: 'x' };
  const condFile = join(tmp, 'cond-pack.json');
  writeFileSync(condFile, JSON.stringify(cond));

  await withPage({}, async (page) => {
    await page.click('#tab-pack');
    assert.ok(await page.isVisible('#view-pack'), '#view-pack is not visible after clicking #tab-pack');
    // The pack view renders once it has loaded the pack tools.
    await page.waitForSelector('#pack-indicators li[data-indicator]', { timeout: 5_000 });
    const listed = await page.$$eval('#pack-indicators li[data-indicator]', (ls) => ls.map((l) => l.dataset.indicator));
    assert.deepEqual([...listed].sort(), pack.indicators.map((i) => i.id).sort(), '#pack-indicators lists the default pack');

    await page.setInputFiles('#pack-file', dupFile);
    const path = `/indicators/${n}/id`;
    await page
      .waitForFunction((p) => document.querySelector('#pack-error')?.textContent.includes(p), path, { timeout: 5_000 })
      .catch(async () => assert.fail(`#pack-error does not name ${path}: ${JSON.stringify(await page.textContent('#pack-error'))}`));
    assert.ok(await page.isVisible('#pack-error'), '#pack-error is not visible');
    assert.match((await page.textContent('#pack-error')).trim(), new RegExp(`invalid_pack at ${path}: duplicate`));

    await page.setInputFiles('#pack-file', condFile);
    await page
      .waitForFunction(() => document.querySelector('#pack-error')?.textContent.includes('/indicators/3/condition/memoRegex'), null, {
        timeout: 5_000,
      })
      .catch(async () => assert.fail(`#pack-error after a bad condition: ${JSON.stringify(await page.textContent('#pack-error'))}`));
  });
});

// ---- history ----

const REVIEW = defaultPack().scoring.review;
const reached = (level) => level === 'review' || level === 'high';
/** The accounts of the bundled scenario that behave ordinarily: a monthly family remittance, a food stall and its customers. */
const LOOK_ALIKES = (ids) => ids.filter((id) => /^(cust-au-1003|family-ph-2003|shop-id-5001|cust-id-60\d\d)$/.test(id));

/**
 * The reference for the page: the NDJSON file replayed in Node with the
 * package, in timestamp order (file order between equal instants), one state
 * per account, as the contract of screenWithHistory says a host must.
 * `{ accountId: { scores, levels, peak, peakLevel, bytes, evidence } }`.
 */
function nodeReplay(text) {
  const screener = new Screener(null, { historyKey: 'a test secret of the demo test, not the page’s' });
  try {
    const txs = text
      .trim()
      .split('\n')
      .map((line, i) => ({ tx: JSON.parse(line), i }))
      .sort((a, b) => Date.parse(a.tx.timestamp) - Date.parse(b.tx.timestamp) || a.i - b.i)
      .map(({ tx }) => tx);
    const states = new Map();
    const accounts = {};
    for (const tx of txs) {
      const sid = tx.sender?.id;
      const rid = tx.receiver?.id;
      const r = screener.screenWithHistory(tx, { sender: states.get(sid), receiver: states.get(rid) });
      const v = r.verdict;
      for (const [id, role] of [[sid, 'sender'], [rid, 'receiver']]) {
        if (!id) continue;
        assert.ok(r[role] instanceof Uint8Array, `${tx.id}: no ${role} state for ${id}`);
        states.set(id, r[role]);
        const a = (accounts[id] ??= { scores: [], levels: [], peak: 0, peakLevel: 'none', bytes: 0, evidence: [] });
        a.scores.push(v.score);
        a.levels.push(v.level);
        a.peak = Math.max(a.peak, v.score);
        if (['none', 'low', 'review', 'high'].indexOf(v.level) > ['none', 'low', 'review', 'high'].indexOf(a.peakLevel)) a.peakLevel = v.level;
        a.bytes = r[role].length;
        a.evidence.push(v.flags.flatMap((f) => f.evidence.filter((e) => e.kind === 'history')));
      }
    }
    return accounts;
  } finally {
    screener.free();
  }
}

/** Opens the History view and replays the selected scenario (or waits for a replay started by `start`). */
async function replayHistory(page, what, start = () => page.click('#history-replay')) {
  await page.click('#tab-history');
  assert.ok(await page.isVisible('#view-history'), '#view-history is not visible after clicking #tab-history');
  await page.evaluate(() => document.querySelector('#history-results')?.removeAttribute('data-state'));
  await start();
  try {
    await page.waitForFunction(
      () =>
        document.querySelector('#history-results')?.dataset.state === 'done' &&
        /^Done\b/.test(document.querySelector('#history-status')?.textContent ?? ''),
      null,
      { timeout: 15_000 },
    );
  } catch {
    const status = await page.textContent('#history-status');
    throw new Error(`${what}: the replay did not finish: ${JSON.stringify(status)}\n${recent()}`);
  }
}

/** The accounts table: `[{ id, peak, level, bytes, paid, received }]` in the page's order. */
function readAccounts(page) {
  return page.$$eval('#history-accounts tbody tr[data-account]', (rows) =>
    rows.map((tr) => ({
      id: tr.dataset.account,
      peak: Number(tr.dataset.peak),
      level: tr.dataset.peakLevel,
      bytes: Number(tr.dataset.bytes),
      shownBytes: tr.querySelector('.c-bytes').textContent.trim(),
      levelText: tr.querySelector('.c-level').textContent.trim(),
    })),
  );
}

/** The selected account's markers in the chart and the payments in its timeline. */
function readSelected(page) {
  return page.evaluate(() => ({
    selected: [...document.querySelectorAll('#history-chart g.series-selected')].map((g) => g.dataset.account),
    points: [...document.querySelectorAll('#history-chart g.series-selected circle.series-point')].map((c) => ({
      score: Number(c.dataset.score),
      level: c.dataset.level,
    })),
    events: [...document.querySelectorAll('#history-timeline li.hist-event')].map((li) => ({
      tx: li.dataset.tx,
      score: Number(li.dataset.score),
      level: li.dataset.level,
      history: [...li.querySelectorAll('li.ev-history')].map((e) => e.textContent.trim()),
      visible: li.getClientRects().length > 0,
    })),
  }));
}

named('history: the bundled scenarios are what make-history.mjs writes', { timeout: 20_000 }, async () => {
  const { stdout } = await run('node', ['www/samples/make-history.mjs', '--check'], { cwd: ROOT });
  assert.match(stdout, /up to date/);
});

named('history: the minor’s first payment to the new payee reaches review with no isNew from the host', () => {
  const txs = readFileSync(join(ROOT, 'www', 'samples', 'history-minor.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(txs.every((tx) => tx.receiver?.isNew === undefined), 'the story sends receiver.isNew');
  const screener = new Screener(null, { historyKey: 'a test secret of the demo test, not the page’s' });
  try {
    let state;
    const first = txs.findIndex((tx) => tx.receiver?.id === 'payee-ng-2002');
    assert.ok(first > 0, 'the story pays payee-ng-2002 after its ordinary spending');
    for (const [i, tx] of txs.entries()) {
      const r = screener.screenWithHistory(tx, { sender: state });
      state = r.sender;
      if (i < first) continue;
      assert.ok(reached(r.verdict.level), `${tx.id} (payment ${i - first + 1} to the payee) is ${r.verdict.level}`);
      const fact = r.verdict.flags.find((f) => f.indicator === 'JEJAK-SIG-PAYEE-NEW')?.evidence.find((e) => e.kind === 'flag');
      assert.deepEqual(fact && { field: fact.field, value: fact.value, source: fact.source }, { field: 'receiver.isNew', value: true, source: 'history' }, tx.id);
    }
  } finally {
    screener.free();
  }
});

named('history: the bundled scenario replays as in Node; the habitual payer rises to review with history evidence; look-alikes stay below', { timeout: 45_000 }, async (t) => {
  const reference = nodeReplay(readFileSync(HISTORY_NDJSON, 'utf8'));
  const ids = Object.keys(reference).sort();
  const payer = reference['cust-au-1001'];
  t.diagnostic(Object.entries(reference).filter(([, a]) => a.peak > 0).map(([id, a]) => `${id}: ${a.scores.join(' ')} (${a.peakLevel}, ${a.bytes} B)`).join('\n'));
  // The scenario shows what it is meant to (checked in Node first, so a page failure is the page's).
  assert.ok(payer, 'the scenario has no cust-au-1001');
  assert.ok(payer.scores[0] < REVIEW, `cust-au-1001 starts at ${payer.scores[0]}, not below review`);
  assert.ok(payer.levels.some(reached), `cust-au-1001 never reaches review: ${payer.scores}`);
  for (const id of ['cust-au-1002', 'wallet-id-3001']) assert.ok(reference[id].levels.some(reached), `${id} never reaches review: ${reference[id].scores}`);
  const lookAlikes = LOOK_ALIKES(ids);
  assert.ok(lookAlikes.length >= 17, `look-alike accounts: ${lookAlikes}`);
  for (const id of lookAlikes) assert.ok(!reached(reference[id].peakLevel), `${id} reaches ${reference[id].peakLevel}: ${reference[id].scores}`);

  await withPage({}, async (page) => {
    assert.equal(await page.$eval('#history-scenario', (s) => s.value), 'history-all.ndjson', 'the default scenario');
    await replayHistory(page, 'history-all.ndjson');

    // One chart series per account, and one table row per account.
    const series = await page.$$eval('#history-chart g.series[data-account]', (gs) => gs.map((g) => g.dataset.account));
    assert.equal(new Set(series).size, series.length, 'an account drawn twice');
    assert.deepEqual([...series].sort(), ids, 'chart series');
    const box = await page.locator('#history-chart').boundingBox();
    assert.ok(box && box.width > 300 && box.height > 150, `#history-chart is not drawn (box ${JSON.stringify(box)})`);
    const accounts = await readAccounts(page);
    assert.deepEqual(accounts.map((a) => a.id).sort(), ids, 'accounts table');
    assert.equal(await page.textContent('#history-count-accounts'), String(ids.length));

    // Accounts that reached review come first; each peak and state size is the reference's.
    const firstQuiet = accounts.findIndex((a) => !reached(a.level));
    assert.ok(firstQuiet > 0, `no account that reached review comes first: ${accounts.slice(0, 3).map((a) => a.id)}`);
    assert.ok(accounts.slice(firstQuiet).every((a) => !reached(a.level)), 'an account that reached review is listed after one that did not');
    for (const a of accounts) {
      const want = reference[a.id];
      assert.equal(a.peak, want.peak, `${a.id}: peak score`);
      assert.equal(a.level, want.peakLevel, `${a.id}: highest level`);
      assert.equal(a.levelText.toLowerCase(), want.peakLevel, `${a.id}: the level is written out`);
      assert.equal(a.bytes, want.bytes, `${a.id}: state size`);
      assert.ok(a.bytes > 0 && a.bytes <= 4096, `${a.id}: state of ${a.bytes} bytes`);
      assert.equal(a.shownBytes.replaceAll(',', ''), `${a.bytes} B`, `${a.id}: the state size shown`);
    }
    for (const id of LOOK_ALIKES(accounts.map((a) => a.id))) {
      assert.ok(!reached(accounts.find((a) => a.id === id).level), `${id} reaches review on the page`);
    }
    const options = await page.$$eval('#history-account option', (os) => os.map((o) => o.value));
    assert.deepEqual(options, accounts.map((a) => a.id), '#history-account lists the accounts in the table’s order');

    // The habitual payer: its score rises to review, and its flagged payments show their history evidence.
    await page.selectOption('#history-account', 'cust-au-1001');
    await page.waitForFunction(() => document.querySelector('#history-chart g.series-selected')?.dataset.account === 'cust-au-1001', null, { timeout: 5_000 });
    const sel = await readSelected(page);
    assert.deepEqual(sel.selected, ['cust-au-1001']);
    assert.deepEqual(sel.points.map((p) => p.score), payer.scores, 'the chart’s points for cust-au-1001');
    assert.deepEqual(sel.events.map((e) => e.score), payer.scores, 'the timeline of cust-au-1001');
    assert.ok(sel.points[0].score < REVIEW, `the first point is ${sel.points[0].score}`);
    const flagged = sel.events.filter((e) => reached(e.level));
    assert.ok(flagged.length > 0, 'no payment of cust-au-1001 reached review on the page');
    for (const e of flagged) {
      assert.ok(e.visible, `${e.tx} is not rendered`);
      assert.ok(e.history.length > 0, `${e.tx} (${e.level}) shows no history evidence`);
      for (const text of e.history) {
        // Whose history, what it measured, and the pack's threshold (or window, for how long ago).
        assert.match(text, /^the (sender|receiver)’s history: .*\d.* \((threshold \d[\d,]*%?|within \d+ (hours?|days?))\)$/, `${e.tx}: ${text}`);
      }
    }
    const events = sel.events;
    const firstReview = events.findIndex((e) => reached(e.level));
    const expectHistory = payer.evidence[firstReview].length;
    assert.equal(events[firstReview].history.length > 0, expectHistory > 0, 'history evidence where the reference has it');
    t.diagnostic(`cust-au-1001 first reaches review at ${events[firstReview].tx}: ${events[firstReview].history.join(' | ')}`);
    assert.equal(await page.locator('#history-timeline .hist-first').count(), 1, 'one payment is marked as the first to reach review');

    // The evidence follows the language of explanations.
    const english = events[firstReview].history.join('\n');
    await page.selectOption('#locale', 'id');
    await page
      .waitForFunction(() => /riwayat (pengirim|penerima)/.test(document.querySelector('#history-timeline li.ev-history')?.textContent ?? ''), null, { timeout: 10_000 })
      .catch(() => assert.fail('the history evidence is not in Bahasa Indonesia after #locale = id'));
    const indonesian = await readSelected(page);
    assert.deepEqual(indonesian.selected, ['cust-au-1001'], 'the selection survives the language change');
    assert.deepEqual(indonesian.events.map((e) => e.score), payer.scores, 'the same scores in Bahasa Indonesia');
    for (const text of indonesian.events[firstReview].history) assert.match(text, /^riwayat (pengirim|penerima): .*\d.* \((ambang \d[\d.]*%?|dalam \d+ (jam|hari))\)$/, text);
    await page.selectOption('#locale', 'en');
    await page
      .waitForFunction((want) => [...document.querySelectorAll('#history-timeline li.hist-event')].some((li) => [...li.querySelectorAll('li.ev-history')].map((e) => e.textContent.trim()).join('\n') === want), english, { timeout: 10_000 })
      .catch(() => assert.fail('the history evidence did not return to English'));

    // The same payment screened alone, without history, stays below review.
    const item = page.locator('#history-timeline li.hist-event[data-level="review"], #history-timeline li.hist-event[data-level="high"]').first();
    await item.locator('button[data-open]').click();
    await page.waitForSelector('#verdict[data-level]', { state: 'attached', timeout: 5_000 });
    assert.equal(await page.getAttribute('#tab-single', 'aria-selected'), 'true', 'the single-transaction view is shown');
    const alone = await page.getAttribute('#verdict', 'data-level');
    assert.ok(!reached(alone), `screened alone the payment is ${alone}`);
  });
});

named('history: a CSV file by the file picker replays like the NDJSON; unreadable rows are listed with their line', { timeout: 40_000 }, async () => {
  const reference = nodeReplay(readFileSync(HISTORY_NDJSON, 'utf8'));
  const lines = readFileSync(HISTORY_NDJSON, 'utf8').trim().split('\n');
  const broken = [...lines.slice(0, 5), '{"id":"bad-1","timestamp":"yesterday","amount":"5","currency":"AUD"}', '{not json', ...lines.slice(5)];
  const file = join(tmp, 'history-broken.ndjson');
  writeFileSync(file, broken.join('\n') + '\n');

  await withPage({}, async (page) => {
    await replayHistory(page, 'history-all.csv', () => page.setInputFiles('#history-file', HISTORY_CSV));
    const accounts = await readAccounts(page);
    assert.deepEqual(Object.fromEntries(accounts.map((a) => [a.id, a.peak])), Object.fromEntries(Object.entries(reference).map(([id, a]) => [id, a.peak])));
    assert.match(await page.textContent('#history-status'), /history-all\.csv/);
    assert.equal(await page.textContent('#history-bad-count'), '(0)');

    await replayHistory(page, 'history-broken.ndjson', () => page.setInputFiles('#history-file', file));
    const bad = await page.$$eval('#history-bad li', (ls) => ls.map((l) => l.textContent.trim()));
    assert.equal(bad.length, 2, `#history-bad: ${bad}`);
    assert.match(bad.find((b) => b.startsWith('line 6:')) ?? '', /^line 6: \w+ at \/timestamp: /, `#history-bad: ${bad}`);
    assert.match(bad.find((b) => b.startsWith('line 7:')) ?? '', /^line 7: \w+ at \S+: /, `#history-bad: ${bad}`);
    const again = await readAccounts(page);
    assert.deepEqual(Object.fromEntries(again.map((a) => [a.id, a.peak])), Object.fromEntries(accounts.map((a) => [a.id, a.peak])), 'the good rows replay as before');
  });
});

named('screenshots of the History view at 1280 and 390 px', { timeout: 40_000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 390]) {
    const file = join(SHOTS, `history-${width}.png`);
    rmSync(file, { force: true });
    await withPage({ width, height: 900 }, async (page) => {
      await replayHistory(page, `history at ${width} px`);
      await page.selectOption('#history-account', 'cust-au-1001');
      await page.waitForFunction(() => document.querySelector('#history-chart g.series-selected')?.dataset.account === 'cust-au-1001', null, { timeout: 5_000 });
      const layout = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        chart: document.querySelector('#history-chart').getBoundingClientRect().width,
        figure: document.querySelector('#history-figure').clientWidth,
        // Timeline items and panels whose content is wider than themselves.
        wide: [...document.querySelectorAll('#view-history li.hist-event, #view-history .panel, #view-history .stat')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${el.className} ${el.dataset.tx ?? ''}: ${el.scrollWidth} > ${el.clientWidth}`),
        table: (() => {
          const t = document.querySelector('#history-accounts');
          return { width: t.scrollWidth, room: t.parentElement.clientWidth };
        })(),
        tabs: [...document.querySelectorAll('[role="tab"]')].map((tab) => {
          const r = tab.getBoundingClientRect();
          return { id: tab.id, right: r.right };
        }),
      }));
      t.diagnostic(`${width} px: chart ${layout.chart} px in a ${layout.figure} px figure`);
      assert.ok(layout.scrollWidth <= width, `at ${width} px the page is ${layout.scrollWidth} px wide`);
      assert.deepEqual(layout.wide, [], `content overflowing at ${width} px`);
      for (const tab of layout.tabs) assert.ok(tab.right <= width, `#${tab.id} ends at ${tab.right} px, off a ${width} px screen`);
      assert.ok(layout.table.width <= layout.table.room, `the accounts table is ${layout.table.width} px wide in ${layout.table.room} px`);
      await page.screenshot({ path: file, fullPage: true });
    });
    assert.ok(existsSync(file), `${file} was not written`);
    const size = pngSize(file);
    t.diagnostic(`${file}: ${size.width}×${size.height}, ${statSync(file).size} bytes`);
    assert.equal(size.width, width, `${file} is ${size.width} px wide`);
    assert.ok(size.height >= 900, `${file} is only ${size.height} px high`);
    assert.ok(statSync(file).size > 30_000, `${file} is only ${statSync(file).size} bytes`);
  }
});

// ---- follow the money ----

/** The pass-through chain of the cases scenario, by role. */
const CASE_CHAIN = { 'wallet-id-7001': 'collector', 'bank-id-7002': 'intermediary', 'wallet-id-7003': 'cash-out' };
/**
 * The ordinary accounts of the cases scenario: a food stall and its regulars,
 * a family remittance, an arisan and its members, a landlord and tenant (two
 * of the stall's regulars also paid the collector: those are payers).
 */
const CASE_ORDINARY = /^(shop-id-7501|cust-id-76\d\d|cust-hk-7801|family-id-7802|arisan-id-7901|cust-id-79\d\d|landlord-id-7952)$/;

/** The cases scenario's payments, and who paid the collector. */
function casesScenario() {
  const txs = readFileSync(CASES_NDJSON, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const payers = new Set(txs.filter((tx) => tx.receiver?.id === 'wallet-id-7001').map((tx) => tx.sender.id));
  const lookAlikes = (ids) => ids.filter((id) => CASE_ORDINARY.test(id) && !payers.has(id));
  return { txs, payers, lookAlikes };
}

/** Opens the view and reads the bundled scenario. */
async function loadCases(page) {
  await page.click('#tab-cases');
  await page.waitForSelector('#cases-load-sample:not([disabled])', { timeout: 15_000 });
  await page.click('#cases-load-sample');
  try {
    await page.waitForFunction(
      () => document.querySelector('#cases-results')?.dataset.state === 'done' && /^Done\b/.test(document.querySelector('#cases-status')?.textContent ?? ''),
      null,
      { timeout: 15_000 },
    );
  } catch {
    throw new Error(`the scenario was not read: ${JSON.stringify(await page.textContent('#cases-status'))}\n${recent()}`);
  }
}

/** The accounts table of the case shown: `[{ id, role }]`. */
function readCaseAccounts(page) {
  return page.$$eval('#case-accounts tbody tr[data-account]', (rows) => rows.map((tr) => ({ id: tr.dataset.account, role: tr.dataset.role })));
}

/** The payments listed for the chosen account: `[{ tx, level, text }]`. */
function readCaseTimeline(page) {
  return page.$$eval('#case-account li.hist-event', (items) => items.map((li) => ({ tx: li.dataset.tx, level: li.dataset.level, text: li.textContent })));
}

named('cases: the bundled scenario is what make-cases.mjs writes, in time order, and buildCases finds its one case', { timeout: 20_000 }, async (t) => {
  const { stdout } = await run('node', ['www/samples/make-cases.mjs', '--check'], { cwd: ROOT });
  assert.match(stdout, /up to date/);
  const { txs, payers, lookAlikes } = casesScenario();
  const keys = txs.map((tx) => timestampKey(tx.timestamp));
  assert.ok(keys.every((k, i) => i === 0 || keys[i - 1] <= k), 'the scenario is in time order');
  const { cases, errors } = buildCases(txs);
  assert.deepEqual(errors, []);
  assert.equal(cases.length, 1, `cases: ${cases.map((c) => `${c.id} (${c.accounts.length})`)}`);
  const role = Object.fromEntries(cases[0].accounts.map((a) => [a.id, a.role]));
  t.diagnostic(`case-1: ${cases[0].level} ${cases[0].score}, ${cases[0].accounts.length} accounts`);
  for (const [id, want] of Object.entries(CASE_CHAIN)) assert.equal(role[id], want, id);
  const found = [...payers].filter((id) => role[id] === 'payer');
  assert.ok(found.length >= 0.9 * payers.size, `${found.length} of the ${payers.size} payers are in the case`);
  assert.deepEqual(lookAlikes(Object.keys(role)), [], 'look-alike accounts in the case');
});

named('cases: the case list, the roles, an account’s payments from a click on its node, the exports, and screenshots at 1280 and 390 px', { timeout: 30_000 }, async (t) => {
  const { txs, payers, lookAlikes } = casesScenario();
  const [reference] = buildCases(txs).cases;
  await withPage({}, async (page) => {
    await loadCases(page);
    const list = await page.$$eval('#cases-list tbody tr[data-case]', (rows) => rows.map((tr) => ({ id: tr.dataset.case, level: tr.dataset.level, text: tr.innerText })));
    assert.deepEqual(list.map((c) => [c.id, c.level]), [['case-1', reference.level]], 'the case list');
    assert.match(list[0].text, new RegExp(`\\b${reference.score}\\b.*\\b${reference.accounts.length}\\b.*\\bIDR\\b`, 's'));

    // The page's roles are the package's; the chain and the payers are there, no look-alike is.
    const accounts = await readCaseAccounts(page);
    assert.deepEqual(accounts, reference.accounts.map((a) => ({ id: a.id, role: a.role })));
    const role = Object.fromEntries(accounts.map((a) => [a.id, a.role]));
    for (const [id, want] of Object.entries(CASE_CHAIN)) assert.equal(role[id], want, id);
    assert.ok([...payers].filter((id) => role[id] === 'payer').length >= 0.9 * payers.size, 'the collector’s payers');
    assert.deepEqual(lookAlikes(Object.keys(role)), [], 'look-alike accounts on the page');
    const roles = await page.$$eval('#case-accounts .c-role', (cells) => [...new Set(cells.map((c) => c.textContent.trim()))].sort());
    assert.deepEqual(roles, ['cash-out', 'collector', 'intermediary', 'payer']);

    // The graph: every account and the cash it reached.
    const graph = await page.evaluate(() => ({ nodes: window.__jejakCy.nodes().map((n) => n.data('account') ?? n.id()), shown: document.querySelector('#case-graph').dataset.nodes }));
    assert.deepEqual([...graph.nodes].sort(), [...accounts.map((a) => a.id), 'cash'].sort());
    assert.equal(graph.shown, String(accounts.length + 1));

    // A click on the intermediary's node shows its payments, in time order, as the case lists them.
    await page.locator('#case-graph').scrollIntoViewIfNeeded();
    // cytoscape reads the container's place again on the scroll event, which comes with the next frames.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const at = await page.evaluate(() => {
      const cy = window.__jejakCy;
      const p = cy.getElementById('a:bank-id-7002').renderedPosition();
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(at.x, at.y);
    await page
      .waitForFunction(() => document.querySelector('#case-account')?.dataset.account === 'bank-id-7002', null, { timeout: 5_000 })
      .catch(() => assert.fail(`clicking the node at ${JSON.stringify(at)} did not choose bank-id-7002`));
    const touching = (id) => reference.transactions.filter((x) => x.from === id || x.to === id);
    const bank = await readCaseTimeline(page);
    assert.deepEqual(bank.map((e) => [e.tx, e.level]), touching('bank-id-7002').map((x) => [x.id, x.level]));
    assert.match(bank[0].text, /Received from wallet-id-7001/);
    assert.match(bank[1].text, /Paid wallet-id-7003/);
    assert.match(await page.textContent('#case-account-title'), /bank-id-7002\s*intermediary/);

    // The cash-out from the accounts table (the graph's text alternative): its withdrawals.
    await page.click('#case-accounts button[data-account="wallet-id-7003"]');
    await page.waitForFunction(() => document.querySelector('#case-account')?.dataset.account === 'wallet-id-7003', null, { timeout: 5_000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'case-account-title', 'focus moves to the account');
    const cash = await readCaseTimeline(page);
    assert.deepEqual(cash.map((e) => e.tx), touching('wallet-id-7003').map((x) => x.id));
    assert.equal(cash.filter((e) => /Took out cash/.test(e.text)).length, 2, 'the two withdrawals');

    // The case JSON is the case.
    const [json] = await Promise.all([page.waitForEvent('download', { timeout: 5_000 }), page.click('#cases-export-json')]);
    assert.equal(json.suggestedFilename(), 'jejak-case-1.json');
    assert.deepEqual(JSON.parse(readFileSync(await json.path(), 'utf8')), { cases: [reference] });

    // The LTKM draft: a download that says DRAF, or goamlReport's error shown in the page.
    await page.evaluate(() => {
      document.querySelector('#cases-export-status').hidden = true;
    });
    const xml = page.waitForEvent('download', { timeout: 5_000 }).catch(() => null);
    await page.click('#cases-export-goaml');
    await page.waitForSelector('#cases-export-status:not([hidden])', { timeout: 5_000 });
    const note = (await page.textContent('#cases-export-status')).trim();
    t.diagnostic(`LTKM: ${note}`);
    if (/could not be written/.test(note)) {
      assert.match(note, /Error: \S/, 'the error names itself');
    } else {
      const file = await xml;
      assert.ok(file, `no download: ${note}`);
      assert.equal(file.suggestedFilename(), 'jejak-case-1-ltkm-draft.xml');
      const text = readFileSync(await file.path(), 'utf8');
      assert.match(text, /^<\?xml/);
      assert.match(text, /DRAF/);
      assert.match(note, /DRAF/);
    }
    await casesScreenshot(page, 1280, t);

    // On a phone's width the money's way turns down the screen, the account still chosen.
    await page.setViewportSize({ width: 390, height: 900 });
    const way = ['a:wallet-id-7001', 'a:bank-id-7002', 'a:wallet-id-7003', 'cash'];
    await page
      .waitForFunction((ids) => {
        const at = ids.map((id) => window.__jejakCy.getElementById(id).position());
        return at.every((p, i) => i === 0 || (p.y > at[i - 1].y && p.x === at[0].x));
      }, way, { timeout: 5_000 })
      .catch(() => assert.fail('at 390 px the way from the collector to cash does not run down the screen'));
    assert.equal(await page.evaluate(() => document.querySelector('#case-account').dataset.account), 'wallet-id-7003');
    await casesScreenshot(page, 390, t);
  });
});

/**
 * Checks the view's layout at `width` px (the graph inked on its canvases,
 * every node in its box after the fit, nothing wider than the screen) and
 * saves target/screenshots/cases-WIDTH.png.
 */
async function casesScreenshot(page, width, t) {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `cases-${width}.png`);
  rmSync(file, { force: true });
  // cytoscape paints on its next frames: wait for ink on its canvases.
  const inked = () =>
    [...document.querySelectorAll('#case-graph canvas')].reduce((n, canvas) => {
      if (!canvas.width || !canvas.height) return n;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return n + ink;
    }, 0);
  await page.waitForFunction(`(${inked})() > 2000`, null, { timeout: 5_000 }).catch(() => assert.fail(`at ${width} px the graph's canvases stay empty`));
  const layout = await page.evaluate(() => {
    const cy = window.__jejakCy;
    const box = document.querySelector('#case-graph').getBoundingClientRect();
    return {
      scrollWidth: document.documentElement.scrollWidth,
      graph: { width: box.width, height: box.height },
      nodes: cy.nodes().length,
      // Nodes outside the graph's box after the fit.
      outside: cy.nodes().filter((n) => {
        const p = n.renderedPosition();
        return p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height;
      }).map((n) => n.id()),
      wide: [...document.querySelectorAll('#view-cases .panel, #view-cases li.hist-event')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.className}: ${el.scrollWidth} > ${el.clientWidth}`),
      tabs: [...document.querySelectorAll('[role="tab"]')].map((tab) => ({ id: tab.id, right: tab.getBoundingClientRect().right })),
    };
  });
  t.diagnostic(`${width} px: graph ${layout.graph.width}×${layout.graph.height}, ${layout.nodes} nodes`);
  assert.ok(layout.scrollWidth <= width, `at ${width} px the page is ${layout.scrollWidth} px wide`);
  assert.deepEqual(layout.wide, [], `content overflowing at ${width} px`);
  for (const tab of layout.tabs) assert.ok(tab.right <= width, `#${tab.id} ends at ${tab.right} px, off a ${width} px screen`);
  assert.ok(layout.graph.width >= Math.min(600, width - 60) && layout.graph.height >= 400, `the graph's box: ${JSON.stringify(layout.graph)}`);
  assert.ok(layout.nodes >= 20, `${layout.nodes} nodes drawn`);
  assert.deepEqual(layout.outside, [], 'nodes outside the graph');
  await page.screenshot({ path: file, fullPage: true });
  const size = pngSize(file);
  t.diagnostic(`${file}: ${size.width}×${size.height}, ${statSync(file).size} bytes`);
  assert.equal(size.width, width, `${file} is ${size.width} px wide`);
  assert.ok(statSync(file).size > 30_000, `${file} is only ${statSync(file).size} bytes`);
}

// ---- screenshots ----

named('screenshots of the three views at 1280 and 390 px', { timeout: 40_000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const overflow = [];
  for (const width of [1280, 390]) {
    await withPage({ width, height: 900 }, async (page) => {
      const shot = async (view) => {
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        if (scrollWidth > innerWidth) overflow.push(`${view} at ${width} px: the page is ${scrollWidth} px wide`);
        await page.screenshot({ path: join(SHOTS, `${view}-${width}.png`), fullPage: true });
      };
      await screenPreset(page, 'austrac-ppv');
      await shot('single');
      await page.click('#tab-batch');
      await page.click('#load-sample-ndjson');
      await waitDone(page, `NDJSON sample at ${width} px`);
      await shot('batch');
      await page.click('#tab-pack');
      await page.waitForSelector('#pack-indicators li[data-indicator]', { timeout: 5_000 });
      await shot('pack');
    });
  }
  assert.deepEqual(overflow, [], 'horizontal scrolling');
});

/** Width and height of a PNG file, from its IHDR chunk. */
function pngSize(file) {
  const b = readFileSync(file);
  assert.equal(b.toString('latin1', 1, 4), 'PNG', `${file} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

named('screenshots of the pay-per-view verdict at 1280 and 390 px', { timeout: 30_000 }, async (t) => {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 390]) {
    const file = join(SHOTS, `verdict-ppv-${width}.png`);
    rmSync(file, { force: true });
    await withPage({ width, height: 900 }, async (page) => {
      await screenPreset(page, 'austrac-ppv');
      await page.waitForSelector('#flags li.typology', { timeout: 5_000 });
      const layout = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        // Cards whose content is wider than the card itself.
        wide: [...document.querySelectorAll('#flags li.flag')]
          .filter((li) => li.scrollWidth > li.clientWidth + 1)
          .map((li) => `${li.dataset.indicator}: ${li.scrollWidth} > ${li.clientWidth}`),
      }));
      assert.ok(layout.scrollWidth <= width, `at ${width} px the page is ${layout.scrollWidth} px wide`);
      assert.deepEqual(layout.wide, [], `cards overflowing at ${width} px`);
      await page.locator('.verdict-panel').screenshot({ path: file });
    });
    assert.ok(existsSync(file), `${file} was not written`);
    const bytes = statSync(file).size;
    const size = pngSize(file);
    t.diagnostic(`${file}: ${size.width}×${size.height}, ${bytes} bytes`);
    assert.ok(bytes > 20_000, `${file} is only ${bytes} bytes`);
    assert.ok(size.width <= width && size.width >= Math.min(300, width * 0.5), `${file} is ${size.width} px wide`);
    assert.ok(size.height >= 900, `${file} is only ${size.height} px high: the verdict is not all there`);
  }
});

named('no console errors, page errors or outside requests in any test', { timeout: 5_000 }, async () => {
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, [], 'the page sent requests outside its own server');
});
