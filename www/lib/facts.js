// Grouping a verdict's flags by fact, for the verdict view. No DOM here.
//
// A flag whose evidence names other indicators (`{ kind: 'indicator' }`
// items) is a combination: a typology such as the pay-per-view pattern. Every
// other flag is a fact: one observable sign (corridor, amount, hour, memo
// wording…). Each piece of evidence is shown once, in the card that owns it:
// the fact with the fewest evidence items that has it (the most specific),
// else the first combination that has it. Any other card that relies on the
// same evidence refers to its owner instead of repeating it.

/** A stable key for one evidence item (its fields, in key order). */
export function evidenceKey(e) {
  return JSON.stringify(Object.keys(e).sort().map((k) => [k, e[k]]));
}

const isCombination = (flag) => flag.evidence.some((e) => e.kind === 'indicator');

/**
 * `{ typologies, facts, combinedFacts, otherFacts, byId, combines(flag),
 * combinedIn(id), own(flag), shared(flag) }` of a verdict (full form):
 * - `typologies`: the combination flags, in verdict order;
 * - `facts`: the other flags, in verdict order, split into `combinedFacts`
 *   (named by a combination that fired, in the order the combinations name
 *   them) and `otherFacts` (in verdict order);
 * - `combines(flag)`: the indicator ids a combination names, in its order;
 * - `combinedIn(id)`: the ids of the combinations that name `id`;
 * - `own(flag)`: the evidence items this card shows (no indicator items, no
 *   repeats);
 * - `shared(flag)`: `[{ evidence, owner }]`, evidence this flag relies on that
 *   another card shows.
 */
export function groupFlags(verdict) {
  const flags = verdict.flags ?? [];
  const byId = new Map(flags.map((f) => [f.indicator, f]));
  const typologies = flags.filter(isCombination);
  const facts = flags.filter((f) => !isCombination(f));

  const combinesOf = new Map();
  const combinedInOf = new Map();
  for (const t of typologies) {
    const ids = [];
    for (const e of t.evidence) {
      if (e.kind !== 'indicator' || ids.includes(e.value)) continue;
      ids.push(e.value);
      if (!combinedInOf.has(e.value)) combinedInOf.set(e.value, []);
      combinedInOf.get(e.value).push(t.indicator);
    }
    combinesOf.set(t.indicator, ids);
  }

  const owner = new Map();
  const claim = (flag) => {
    for (const e of flag.evidence) {
      if (e.kind === 'indicator') continue;
      const key = evidenceKey(e);
      if (!owner.has(key)) owner.set(key, flag.indicator);
    }
  };
  facts
    .map((flag, i) => ({ flag, i, n: flag.evidence.length }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .forEach(({ flag }) => claim(flag));
  typologies.forEach(claim);

  const split = new Map();
  for (const flag of flags) {
    const own = [];
    const shared = [];
    const seen = new Set();
    for (const e of flag.evidence) {
      if (e.kind === 'indicator') continue;
      const key = evidenceKey(e);
      if (seen.has(key)) continue;
      seen.add(key);
      const by = owner.get(key);
      if (by === flag.indicator) own.push(e);
      else shared.push({ evidence: e, owner: by });
    }
    split.set(flag.indicator, { own, shared });
  }

  return {
    typologies,
    facts,
    // In the order the combinations name them (the headline's order).
    combinedFacts: [...new Set(typologies.flatMap((t) => combinesOf.get(t.indicator)))]
      .map((id) => byId.get(id))
      .filter((f) => f && !isCombination(f)),
    otherFacts: facts.filter((f) => !combinedInOf.has(f.indicator)),
    byId,
    combines: (flag) => combinesOf.get(flag.indicator) ?? [],
    combinedIn: (id) => combinedInOf.get(id) ?? [],
    own: (flag) => split.get(flag.indicator)?.own ?? [],
    shared: (flag) => split.get(flag.indicator)?.shared ?? [],
  };
}

/** The link text of a source reference: `AUSTRAC-CSE-04 · AUSTRAC 2024`, or `FinCEN 2025` without a ref. */
export function referenceLabel(src) {
  const who = `${src.publisher} ${src.year}`;
  return src.ref ? `${src.ref} · ${who}` : who;
}
