// The indicator-pack browser: the pack in use, its indicators by category
// with their conditions in words, its term lists and its sources register.
import { h, fill, num } from './dom.js';
import { word } from './words.js';
import { conditionTree } from './conditions.js';
import { sourceItem } from './verdict.js';

const CATEGORY_ORDER = ['lsac', 'fsec', 'csam_commerce', 'trafficking', 'payment_text_abuse', 'general'];

function conditionList(node) {
  const item = h(
    'li',
    null,
    h('span', null, node.text),
    node.note ? h('span', { class: 'cond-note' }, ` Note: ${node.note}`) : null,
  );
  if (node.indicator) {
    // Link the referenced indicator to its entry in this list.
    const span = item.firstChild;
    const at = node.text.indexOf(node.indicator);
    if (at >= 0) {
      span.replaceChildren(
        node.text.slice(0, at),
        h('a', { href: `#pack-ind-${node.indicator}` }, node.indicator),
        node.text.slice(at + node.indicator.length),
      );
    }
  }
  if (node.children) item.appendChild(h('ul', null, node.children.map(conditionList)));
  return item;
}

/** An indicator's citation: a source id, or `{ source, ref }` with the publisher's own indicator id. */
const citation = (cite) => (typeof cite === 'string' ? { source: cite } : { source: cite?.source, ref: cite?.ref });

function indicatorItem(ind, pack, sourcesById, locale) {
  const title = ind.title?.[locale] ?? ind.title?.en ?? ind.id;
  const explanation = ind.explanation?.[locale] ?? ind.explanation?.en ?? '';
  return h(
    'li',
    { class: 'pack-indicator', 'data-indicator': ind.id, id: `pack-ind-${ind.id}`, tabindex: '-1' },
    h(
      'div',
      { class: 'flag-head' },
      h('span', { class: 'weight', title: `adds ${ind.weight} to the score` }, `+${ind.weight}`),
      h(
        'div',
        { class: 'flag-heading' },
        h('h4', { class: 'flag-title', lang: locale }, title),
        h('p', { class: 'flag-meta' },
          h('code', { class: 'flag-id' }, ind.id), ' · weight ', String(ind.weight), ' · ',
          h('span', { lang: locale }, word('category', ind.category, locale)), ` (${ind.category})`,
          ind.scope ? ` · scope ${ind.scope}` : ''),
      ),
    ),
    // The condition, template and sources fold away so that 48 indicators
    // stay browsable, on a phone too; the summary says what is inside.
    h(
      'details',
      { class: 'ind-details' },
      h('summary', null, `When it fires, and ${(ind.sources ?? []).length} source${(ind.sources ?? []).length === 1 ? '' : 's'}`),
      h('div', { class: 'cond' }, h('h5', null, 'Fires when'), h('ul', { class: 'cond-tree', lang: locale }, conditionList(conditionTree(ind.condition, pack, locale)))),
      h('details', { class: 'explain-template' }, h('summary', null, 'Explanation template'), h('p', { lang: locale }, explanation)),
      h(
        'div',
        { class: 'flag-sources' },
        h('h5', null, 'Sources'),
        h(
          'ul',
          null,
          (ind.sources ?? []).map((cite) => {
            const { source, ref } = citation(cite);
            const src = sourcesById.get(source);
            if (!src) return h('li', null, ref ? `${ref} (${source})` : source);
            return sourceItem(ref ? { ...src, ref } : src, locale);
          }),
        ),
      ),
    ),
  );
}

/** Renders `pack` (the pack object) into the pack view. `info`: { id, version, digest, indicators }; `origin`: text. */
export function renderPack(pack, info, origin, locale) {
  const sourcesById = new Map((pack.sources ?? []).map((src) => [src.id, src]));
  const sc = pack.scoring ?? {};
  fill(
    document.getElementById('pack-info'),
    h(
      'dl',
      { class: 'pack-facts' },
      h('dt', null, 'Pack'), h('dd', { id: 'pack-id' }, h('strong', null, info.id), ' ', h('span', { id: 'pack-version' }, info.version), ` · ${origin}`),
      h('dt', null, 'Digest (SHA-256)'), h('dd', null, h('code', { id: 'pack-digest', class: 'digest' }, info.digest)),
      h('dt', null, 'Indicators'), h('dd', null, num(info.indicators)),
      h('dt', null, 'Publisher'), h('dd', null, `${pack.publisher ?? '—'}, published ${pack.published ?? '—'}, licence ${pack.license ?? '—'}`),
      h('dt', null, 'Scoring'),
      h('dd', null, `low ≥ ${sc.low}, review ≥ ${sc.review}, high ≥ ${sc.high}; the score is the sum of the weights that fired, capped at ${sc.cap}`),
      h('dt', null, 'Exchange rates'),
      h('dd', null, `${Object.keys(pack.fx?.rates ?? {}).filter((k) => !k.startsWith('_')).length} currencies against ${pack.fx?.base}, as of ${pack.fx?.date}; used only to convert amount bands`),
      pack.description ? [h('dt', null, 'Description'), h('dd', null, pack.description)] : null,
    ),
  );

  const groups = new Map();
  for (const ind of pack.indicators ?? []) {
    if (!groups.has(ind.category)) groups.set(ind.category, []);
    groups.get(ind.category).push(ind);
  }
  const categories = [...groups.keys()].sort((a, b) => {
    const ia = CATEGORY_ORDER.indexOf(a);
    const ib = CATEGORY_ORDER.indexOf(b);
    return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib);
  });
  fill(
    document.getElementById('pack-toc'),
    h('ul', null, categories.map((c) => h('li', null, h('a', { href: `#pack-cat-${c}`, lang: locale }, word('category', c, locale)), ` (${groups.get(c).length})`))),
  );
  fill(
    document.getElementById('pack-indicators'),
    categories.map((c) =>
      h(
        'section',
        { class: 'pack-category', 'aria-labelledby': `pack-cat-${c}` },
        h('h3', { id: `pack-cat-${c}`, tabindex: '-1' }, h('span', { lang: locale }, word('category', c, locale)), h('span', { class: 'muted' }, ` · ${c} · ${groups.get(c).length}`)),
        h('ul', { class: 'pack-list', 'data-category': c }, groups.get(c).map((ind) => indicatorItem(ind, pack, sourcesById, locale))),
      ),
    ),
  );

  const lists = Object.entries(pack.termLists ?? {}).filter(([k]) => !k.startsWith('_'));
  fill(
    document.getElementById('pack-termlists'),
    lists.length
      ? h(
          'div',
          { class: 'termlists' },
          lists.map(([name, tl]) =>
            h(
              'details',
              { id: `termlist-${name}`, class: 'termlist' },
              h(
                'summary',
                null,
                h('code', null, name),
                // A hashed list shows its count only: the pack holds hashes, never the words.
                tl.hashed ? ` · ${tl.hashed.length} hashed terms` : ` · ${tl.terms?.length ?? 0} terms${tl.allow?.length ? `, ${tl.allow.length} allowed phrases` : ''}`,
              ),
              h(
                'ul',
                { class: 'terms' },
                (tl.terms ?? []).map((t) => {
                  const term = typeof t === 'string' ? { term: t } : t;
                  return h(
                    'li',
                    { lang: term.lang ?? 'en' },
                    term.term,
                    term.lang && term.lang !== 'en' ? h('span', { class: 'muted' }, ` (${term.lang})`) : null,
                    term.validated === false ? h('span', { class: 'tag', title: 'proposed by the project; no source has published it yet' }, 'proposed') : null,
                    term.match === 'substring' ? h('span', { class: 'tag' }, 'substring') : null,
                  );
                }),
              ),
              tl.allow?.length ? h('p', { class: 'muted small' }, 'Allowed (cancel an overlapping hit): ', tl.allow.map((a) => `“${a}”`).join(', ')) : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'This pack has no named term lists.'),
  );

  // source id → indicator id → the refs it cites that source for
  const citedBy = new Map();
  for (const ind of pack.indicators ?? []) for (const cite of ind.sources ?? []) {
    const { source, ref } = citation(cite);
    if (!citedBy.has(source)) citedBy.set(source, new Map());
    const byInd = citedBy.get(source);
    if (!byInd.has(ind.id)) byInd.set(ind.id, []);
    if (ref && !byInd.get(ind.id).includes(ref)) byInd.get(ind.id).push(ref);
  }
  const citedText = (id) =>
    [...(citedBy.get(id) ?? new Map())].map(([ind, refs]) => (refs.length ? `${ind} (${refs.join(', ')})` : ind)).join(', ');
  fill(
    document.getElementById('pack-sources'),
    (pack.sources ?? []).map((src) =>
      h(
        'li',
        { id: `source-${src.id}`, class: 'source' },
        h('a', { href: src.url, target: '_blank', rel: 'noopener noreferrer' }, `${src.publisher} (${src.year}): ${src.title}`),
        ' ',
        h('span', { class: `grade grade-${src.grade}`, title: word('grade', src.grade, locale) }, `grade ${src.grade}`),
        h('span', { class: 'muted small cited-by' }, ` · cited by ${citedText(src.id) || 'no indicator'}`),
      ),
    ),
  );
}

/** Shows only the indicators whose text contains `query` (case-insensitive); hides empty categories. */
export function filterPack(query) {
  const q = query.trim().toLowerCase();
  let shown = 0;
  let total = 0;
  for (const section of document.querySelectorAll('#pack-indicators .pack-category')) {
    let visible = 0;
    for (const li of section.querySelectorAll('li.pack-indicator')) {
      total++;
      const match = q === '' || li.textContent.toLowerCase().includes(q);
      li.hidden = !match;
      if (match) visible++;
    }
    section.hidden = visible === 0;
    shown += visible;
  }
  const count = document.getElementById('pack-filter-count');
  count.textContent = q === '' ? `${total} indicators` : `${shown} of ${total} indicators match`;
}
