// The seeded draws of the bundled scenarios' generators (make-history.mjs,
// make-cases.mjs) and of the evaluation corpus (tests/eval/corpus.mjs):
// mulberry32, a small generator, so that a file never changes unless its
// script does.

/** Draws from `seed`: `random()` in [0, 1), `int(lo, hi)` inclusive, `pick(items)`. */
export function seeded(seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    random,
    int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(random() * items.length)],
  };
}
