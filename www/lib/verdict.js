// Rendering one verdict: score gauge and level, then the flags grouped by
// fact: a combination (typology) first, as the headline naming the facts it
// combines, then one card per fact with its evidence (text spans highlighted
// in their field), its explanation and its publishers' references.
import { h, s, num } from './dom.js';
import { word } from './words.js';
import { evidenceWords, evidenceNoun, spansOf, highlight } from './evidence.js';
import { groupFlags, evidenceKey } from './facts.js';

// The text fields whose evidence is highlighted, in the card of the flag the
// span belongs to.
const TEXT_FIELDS = [
  { field: 'memo', label: 'Memo', get: (tx) => tx.memo },
  { field: 'merchant.name', label: 'Merchant name', get: (tx) => tx.merchant?.name },
  { field: 'merchant.descriptor', label: 'Descriptor', get: (tx) => tx.merchant?.descriptor },
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

/** A cited source with its grade (and its ref, when the pack gives one), as the pack view lists them. */
export function sourceItem(src, locale) {
  return h(
    'li',
    { class: 'source' },
    src.ref ? [h('code', { class: 'ref-id' }, src.ref), ' '] : null,
    h('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer' }, `${src.publisher} (${src.year}): ${src.title}`),
    ' ',
    h('span', { class: `grade grade-${src.grade}`, title: word('grade', src.grade, locale) }, `grade ${src.grade}`),
  );
}

/** `PPATK (Indonesian Financial …)` → `PPATK`: an acronym's expansion is left to the link's title. */
export function shortPublisher(publisher) {
  const m = /^([A-Z][A-Z0-9&.-]{1,11}) \(.+\)$/.exec(publisher);
  return m ? m[1] : publisher;
}

/**
 * A flag's sources as reference chips, `AUSTRAC-CSE-04 · AUSTRAC 2024 (A)`,
 * each a link to the document; the ref is the publisher's own indicator id
 * (publisher and year alone when the pack gives none).
 */
export function referenceList(sources, locale) {
  return h(
    'ul',
    { class: 'refs' },
    sources.map((src) =>
      h(
        'li',
        null,
        h(
          'a',
          {
            class: 'ref-chip',
            href: src.url,
            target: '_blank',
            rel: 'noopener noreferrer',
            title: `${src.publisher} (${src.year}): ${src.title}. ${word('grade', src.grade, locale)}.`,
            'data-ref': src.ref ?? null,
          },
          src.ref ? [h('span', { class: 'ref-id' }, src.ref), ' · '] : null,
          `${shortPublisher(src.publisher)} `,
          h('span', { class: 'ref-when' }, `${src.year} `,
            h('span', { class: `ref-grade grade-${src.grade}` }, '(', h('span', { class: 'visually-hidden' }, 'grade '), src.grade, ')')),
        ),
      ),
    ),
  );
}

function flagHead(flag, locale, extra) {
  return h(
    'div',
    { class: 'flag-head' },
    h('span', { class: 'weight', title: `adds ${flag.weight} to the score` }, `+${flag.weight}`),
    h('div', { class: 'flag-heading' },
      h('h4', { class: 'flag-title', lang: locale }, flag.title),
      h('p', { class: 'flag-meta' },
        h('code', { class: 'flag-id' }, flag.indicator), ' · ',
        h('span', { lang: locale }, word('category', flag.category, locale)),
        extra)),
  );
}

const flagLink = (id, text, attrs = {}) => h('a', { href: `#flag-${id}`, ...attrs }, text);

/**
 * The evidence a card shows: its text fields with its own spans highlighted,
 * its evidence in words, and a line naming the evidence it relies on that
 * another card shows (linked there, not repeated here).
 */
function evidenceBlock(flag, groups, tx, locale) {
  const own = groups.own(flag);
  const shared = groups.shared(flag);
  const items = own.map((evidence) => ({ indicator: flag.indicator, evidence }));
  const fields = [];
  for (const f of TEXT_FIELDS) {
    const value = f.get(tx);
    if (typeof value !== 'string' || value === '') continue;
    const spans = spansOf(items, f.field, value);
    if (!spans.length) continue;
    fields.push(
      h('div', { class: 'hl-line' },
        h('span', { class: 'hl-label' }, f.label),
        h('span', { class: 'hl-text', 'data-field': f.field }, highlight(value, spans))),
    );
  }
  const sharedLine = shared.length
    ? h('p', { class: 'ev-shared' }, 'Also relies on ',
        shared.map(({ evidence, owner }, i) => {
          const by = groups.byId.get(owner);
          return [
            i === 0 ? null : i === shared.length - 1 ? ' and ' : ', ',
            h('span', { lang: locale }, evidenceNoun(evidence, locale)),
            by ? [', shown under ', flagLink(owner, by.title, { lang: locale })] : null,
          ];
        }),
        '.')
    : null;
  if (!own.length && !sharedLine) return null;
  return [
    fields,
    own.length
      ? h('ul', { class: 'ev-list', lang: locale },
          own.map((e) => h('li', { class: `ev ev-${e.kind}`, 'data-ev': evidenceKey(e) }, evidenceWords(e, locale))))
      : null,
    sharedLine,
  ];
}

function sourcesBlock(flag, locale) {
  return h('div', { class: 'flag-refs' }, h('h5', null, `Sources (${flag.sources.length})`), referenceList(flag.sources, locale));
}

/** A combination (typology): the headline, the facts it combines, its own evidence, its sources. */
function typologyItem(flag, groups, tx, locale) {
  const ids = groups.combines(flag);
  const evidence = evidenceBlock(flag, groups, tx, locale);
  return h(
    'li',
    { class: 'flag typology', id: `flag-${flag.indicator}`, 'data-indicator': flag.indicator, tabindex: '-1' },
    flagHead(flag, locale, [' · ', h('span', { class: 'kind-tag' }, 'pattern')]),
    h('p', { class: 'flag-explanation', lang: locale }, flag.explanation),
    h(
      'div',
      { class: 'typology-body' },
      h('div', { class: 'typology-facts' },
        h('h5', null, `Combines ${ids.length} fact${ids.length === 1 ? '' : 's'}`),
        h('ul', { class: 'combined-list' },
          ids.map((id) => {
            const f = groups.byId.get(id);
            return h('li', { 'data-combines': id },
              f ? h('span', { class: 'weight weight-sm', title: `adds ${f.weight} to the score` }, `+${f.weight}`) : null,
              h('span', { class: 'combined-text' },
                f ? [flagLink(id, f.title, { lang: locale }), ' '] : null,
                h('code', { class: 'flag-id' }, id)));
          }))),
      evidence ? h('div', { class: 'typology-evidence' }, h('h5', null, 'Its own evidence'), evidence) : null,
    ),
    sourcesBlock(flag, locale),
  );
}

/** One fact (a signal): title, weight, its evidence, the explanation, its sources. */
function factItem(flag, groups, tx, locale) {
  const inside = groups.combinedIn(flag.indicator);
  const evidence = evidenceBlock(flag, groups, tx, locale);
  return h(
    'li',
    { class: 'flag fact', id: `flag-${flag.indicator}`, 'data-indicator': flag.indicator, tabindex: '-1' },
    flagHead(flag, locale, inside.length ? [' · part of ', inside.map((id, i) => [i ? ', ' : null, flagLink(id, id)])] : null),
    evidence ? h('div', { class: 'fact-evidence' }, h('h5', { class: 'visually-hidden' }, 'Evidence'), evidence) : null,
    h('p', { class: 'flag-explanation', lang: locale }, flag.explanation),
    sourcesBlock(flag, locale),
  );
}

/** Each document the flags cite, once, with the references that cite it. */
function documentList(flags, locale) {
  const docs = new Map();
  for (const flag of flags) {
    for (const src of flag.sources) {
      const key = `${src.url}\u0000${src.title}\u0000${src.publisher}`;
      if (!docs.has(key)) docs.set(key, { src, refs: [] });
      const refs = docs.get(key).refs;
      if (src.ref && !refs.includes(src.ref)) refs.push(src.ref);
    }
  }
  if (!docs.size) return null;
  return h(
    'details',
    { class: 'dev ref-docs' },
    h('summary', null, `The ${docs.size} document${docs.size === 1 ? '' : 's'} behind these references`),
    h('ul', { class: 'doc-list' },
      [...docs.values()].map(({ src, refs }) =>
        h('li', { class: 'source' },
          h('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer' }, `${src.publisher} (${src.year}): ${src.title}`),
          ' ',
          h('span', { class: `grade grade-${src.grade}`, title: word('grade', src.grade, locale) }, `grade ${src.grade}`),
          refs.length ? h('span', { class: 'muted small' }, ` · ${refs.join(', ')}`) : null))),
  );
}

/** The flags grouped by fact: combinations first, then the facts they combine, then the other facts. */
function flagGroups(verdict, tx, locale) {
  if (!verdict.flags.length) return h('p', { id: 'flags', class: 'no-flags' }, 'No indicator of this pack fired on this transaction.');
  const groups = groupFlags(verdict);
  const section = (id, title, intro, list) =>
    h('section', { class: 'flag-group', 'aria-labelledby': id },
      h('h3', { id }, title),
      intro ? h('p', { class: 'muted small group-intro' }, intro) : null,
      list);
  const facts = (list) => h('ol', { class: 'flags facts' }, list.map((f) => factItem(f, groups, tx, locale)));
  const perFact = 'One card per observable fact: its evidence, why it matters, and the publishers that name it.';
  const t = groups.typologies.length;
  const sections = [];
  if (t) {
    sections.push(section('typologies-title', t === 1 ? 'Pattern' : `Patterns (${t})`, null,
      h('ol', { class: 'flags typologies' }, groups.typologies.map((f) => typologyItem(f, groups, tx, locale)))));
    if (groups.combinedFacts.length) {
      sections.push(section('facts-title', `${t === 1 ? 'Facts it combines' : 'Facts they combine'} (${groups.combinedFacts.length})`,
        perFact, facts(groups.combinedFacts)));
    }
  }
  if (groups.otherFacts.length) {
    sections.push(section('other-facts-title',
      t ? `Other facts that fired (${groups.otherFacts.length})` : `Facts (${groups.otherFacts.length})`,
      t ? 'Signs that fired but that no pattern above combines.' : perFact,
      facts(groups.otherFacts)));
  }
  return [h('div', { id: 'flags', class: 'flag-groups' }, sections), documentList(verdict.flags, locale)];
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
    h(
      'section',
      { class: 'flags-section', 'aria-labelledby': 'flags-title' },
      h('h3', { id: 'flags-title', class: 'visually-hidden' }, 'Why it was flagged'),
      flagGroups(verdict, tx, locale),
    ),
    h('details', { class: 'dev' }, h('summary', null, 'The code for this verdict'), h('pre', null, h('code', null, codeSample(tx, locale, ctx.customPack)))),
    h('details', { class: 'dev' }, h('summary', null, 'Verdict as JSON'), h('pre', { id: 'verdict-json' }, h('code', null, JSON.stringify(verdict, null, 2)))),
  );
}
