// Rendering one verdict: score gauge, level, the text fields with their
// evidence highlighted, and each flag with its explanation, evidence and
// sources.
import { h, s, num } from './dom.js';
import { word } from './words.js';
import { evidenceWords, spansFor, highlight } from './evidence.js';

// The text fields whose evidence is highlighted: the memo in #memo-highlight,
// the merchant name and descriptor together in #merchant-highlight.
const TEXT_FIELDS = [
  { field: 'memo', label: 'Memo', get: (tx) => tx.memo, group: 'memo-highlight' },
  { field: 'merchant.name', label: 'Merchant name', get: (tx) => tx.merchant?.name, group: 'merchant-highlight' },
  { field: 'merchant.descriptor', label: 'Descriptor', get: (tx) => tx.merchant?.descriptor, group: 'merchant-highlight' },
];

/** The semicircular score gauge (0–100) with the pack's thresholds as ticks. */
export function scoreGauge(score, level, scoring) {
  const cx = 100;
  const cy = 100;
  const r = 78;
  const point = (v) => {
    const a = Math.PI * (1 - Math.min(100, Math.max(0, v)) / 100);
    return [cx + r * Math.cos(a), cy - r * Math.sin(a)];
  };
  const arc = (from, to) => {
    const [x1, y1] = point(from);
    const [x2, y2] = point(to);
    return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${r} ${r} 0 0 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
  };
  const svg = s(
    'svg',
    { id: 'score-gauge', class: 'gauge', viewBox: '0 0 200 116', role: 'img', 'aria-labelledby': 'score-gauge-title' },
    s('title', { id: 'score-gauge-title' }, `Score ${score} of 100, level ${level}; the ticks mark the thresholds`),
    s('path', { d: arc(0, 100), class: 'gauge-track' }),
  );
  if (score > 0) svg.appendChild(s('path', { d: arc(0, score), class: `gauge-value level-${level}` }));
  for (const t of ['low', 'review', 'high']) {
    const v = scoring?.[t];
    if (typeof v !== 'number') continue;
    const a = Math.PI * (1 - v / 100);
    const inner = [cx + (r + 9) * Math.cos(a), cy - (r + 9) * Math.sin(a)];
    const outer = [cx + (r + 16) * Math.cos(a), cy - (r + 16) * Math.sin(a)];
    svg.appendChild(s('line', { x1: inner[0].toFixed(2), y1: inner[1].toFixed(2), x2: outer[0].toFixed(2), y2: outer[1].toFixed(2), class: 'gauge-tick' }));
  }
  svg.append(
    s('text', { x: cx, y: cy - 12, 'text-anchor': 'middle', class: 'gauge-score' }, String(score)),
    s('text', { x: cx, y: cy + 10, 'text-anchor': 'middle', class: 'gauge-of' }, 'of 100'),
  );
  return svg;
}

/** A level badge: colour and the level's name (never colour alone). */
export function levelBadge(level, attrs = {}) {
  return h('span', { class: `level-badge level-${level}`, 'data-level': level, ...attrs }, level);
}

/** A cited source with its grade, as flags and the pack view list them. */
export function sourceItem(src, locale) {
  return h(
    'li',
    { class: 'source' },
    h('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer' }, `${src.publisher} (${src.year}): ${src.title}`),
    ' ',
    h('span', { class: `grade grade-${src.grade}`, title: word('grade', src.grade, locale) }, `grade ${src.grade}`),
  );
}

function evidenceItem(e, locale) {
  const text = evidenceWords(e, locale);
  if (e.kind === 'indicator') {
    const idText = e.value;
    const at = text.indexOf(idText);
    return h('li', { class: `ev ev-${e.kind}` }, text.slice(0, at), h('a', { href: `#flag-${idText}` }, idText), text.slice(at + idText.length));
  }
  return h('li', { class: `ev ev-${e.kind}` }, text);
}

function flagItem(flag, locale) {
  return h(
    'li',
    { class: 'flag', id: `flag-${flag.indicator}`, 'data-indicator': flag.indicator, tabindex: '-1' },
    h(
      'div',
      { class: 'flag-head' },
      h('span', { class: 'weight', title: `adds ${flag.weight} to the score` }, `+${flag.weight}`),
      h('div', { class: 'flag-heading' },
        h('h4', { class: 'flag-title', lang: locale }, flag.title),
        h('p', { class: 'flag-meta' },
          h('code', { class: 'flag-id' }, flag.indicator), ' · ',
          h('span', { lang: locale }, word('category', flag.category, locale)))),
    ),
    h('p', { class: 'flag-explanation', lang: locale }, flag.explanation),
    h(
      'div',
      { class: 'flag-details' },
      h('div', { class: 'flag-evidence' }, h('h5', null, 'Evidence'), h('ul', { lang: locale }, flag.evidence.map((e) => evidenceItem(e, locale)))),
      h('div', { class: 'flag-sources' }, h('h5', null, 'Sources'), h('ul', null, flag.sources.map((src) => sourceItem(src, locale)))),
    ),
  );
}

function codeSample(tx, locale, customPack) {
  const opts = locale === 'en' ? '' : `, { locale: '${locale}' }`;
  const pack = customPack ? 'myPack' : 'null';
  return [
    "import { Screener } from 'jejak';",
    '',
    customPack ? '// myPack: your pack, as an object or its JSON text (check it first with validatePack)' : null,
    `const screener = new Screener(${pack}${opts}); // build once, reuse`,
    `const verdict = screener.screen(${JSON.stringify(tx, null, 2)});`,
    '',
    'verdict.level; // ' + "'none' | 'low' | 'review' | 'high'",
    'for (const flag of verdict.flags) console.log(flag.indicator, flag.weight, flag.explanation);',
  ].filter((line) => line !== null).join('\n');
}

/**
 * The verdict view. `ctx`: { locale, scoring, ms, customPack }.
 */
export function renderVerdict(verdict, tx, ctx) {
  const { locale, scoring } = ctx;
  const flags = verdict.flags;
  const groups = new Map();
  for (const f of TEXT_FIELDS) {
    const value = f.get(tx);
    if (typeof value !== 'string' || value === '') continue;
    const spans = spansFor(verdict, f.field, value);
    if (!groups.has(f.group)) groups.set(f.group, h('div', { id: f.group, class: 'hl-group' }));
    groups.get(f.group).append(
      h('dt', null, f.label, spans.length ? h('span', { class: 'muted' }, ` · ${spans.length} span${spans.length === 1 ? '' : 's'}`) : null),
      h('dd', { class: 'hl-text', 'data-field': f.field }, highlight(value, spans)),
    );
  }
  const textBlocks = [...groups.values()];
  const thresholds = scoring
    ? `Thresholds of this pack: low ≥ ${scoring.low}, review ≥ ${scoring.review}, high ≥ ${scoring.high} (score capped at ${scoring.cap}).`
    : '';
  return h(
    'div',
    { class: 'verdict' },
    h(
      'div',
      { class: 'verdict-summary' },
      scoreGauge(verdict.score, verdict.level, scoring),
      h(
        'div',
        { class: 'verdict-facts' },
        h('p', { class: 'level-line' }, 'Level ', levelBadge(verdict.level, { id: 'verdict-level' })),
        h('p', { class: 'score-line' }, 'Score ', h('strong', { id: 'verdict-score' }, String(verdict.score)), ' of 100 · ',
          flags.length === 1 ? '1 indicator fired' : `${num(flags.length)} indicators fired`),
        h('p', { class: 'muted small' }, thresholds),
        h('p', { class: 'muted small verdict-meta' },
          `Transaction ${verdict.transactionId ?? '(no id)'} · pack ${verdict.pack.id} ${verdict.pack.version} · digest `,
          h('code', { title: verdict.pack.digest }, verdict.pack.digest.slice(0, 12) + '…'),
          ` · engine ${verdict.engine} · screened in ${ctx.ms < 1 ? ctx.ms.toFixed(2) : ctx.ms.toFixed(1)} ms`),
      ),
    ),
    textBlocks.length
      ? h('section', { class: 'evidence-text', 'aria-labelledby': 'evidence-text-title' },
          h('h3', { id: 'evidence-text-title' }, 'Evidence in the text'),
          h('dl', { class: 'hl-fields' }, textBlocks))
      : null,
    h(
      'section',
      { class: 'flags-section', 'aria-labelledby': 'flags-title' },
      h('h3', { id: 'flags-title' }, flags.length ? `Flags, highest weight first (${flags.length})` : 'Flags'),
      flags.length
        ? h('ol', { id: 'flags', class: 'flags' }, flags.map((f) => flagItem(f, locale)))
        : h('p', { id: 'flags', class: 'no-flags' }, 'No indicator of this pack fired on this transaction.'),
    ),
    h('details', { class: 'dev' }, h('summary', null, 'The code for this verdict'), h('pre', null, h('code', null, codeSample(tx, locale, ctx.customPack)))),
    h('details', { class: 'dev' }, h('summary', null, 'Verdict as JSON'), h('pre', { id: 'verdict-json' }, h('code', null, JSON.stringify(verdict, null, 2)))),
  );
}
