// What every consumer does with the package: screen the shared transactions
// with screenMany and with screen, screen the sample corpus twice, and return
// one JSON string. The runtimes' strings must be identical byte for byte.
export function run(jejak, transactions, corpus) {
  const { Screener, JejakError, engineVersion } = jejak;
  const screener = new Screener();
  const many = screener.screenMany(transactions);
  const one = transactions.map((tx) => {
    try {
      return { ok: true, verdict: screener.screen(tx) };
    } catch (e) {
      return { ok: false, jejakError: e instanceof JejakError, code: e.code, path: e.path };
    }
  });
  return JSON.stringify({ engineVersion, pack: screener.pack, many, one, corpus: screenCorpus(screener, corpus) });
}

// The corpus's verdicts are too big to pass around (4 MB), so each runtime
// reports a hash of their JSON text; the two passes must agree, and the test
// compares the hash across runtimes.
function screenCorpus(screener, corpus) {
  const pass = () => {
    const hash = new Fnv1a();
    const levels = {};
    for (const tx of corpus) {
      const verdict = screener.screen(tx);
      levels[verdict.level] = (levels[verdict.level] ?? 0) + 1;
      hash.update(JSON.stringify(verdict));
    }
    return { rows: corpus.length, levels, hash: hash.hex() };
  };
  const first = pass();
  const second = pass();
  return { ...first, twice: first.hash === second.hash };
}

// 64-bit FNV-1a over UTF-16 code units, in two 32-bit halves: synchronous
// and the same everywhere (crypto.subtle is async, and not in every runtime
// the same way). It detects differences; it is not a security hash.
//
// Plain arithmetic, no Math.imul or Math.floor: each partial product stays
// below 2^53, so doubles hold it exactly. In Edge Runtime's VM context a
// call to a Math builtin is not inlined, and the 8 million characters of
// the corpus's two passes took 7 s with them (50 ms in Node) this way.
class Fnv1a {
  hi = 0xcbf29ce4;
  lo = 0x84222325;
  update(text) {
    let { hi, lo } = this;
    for (let i = 0; i < text.length; i++) {
      lo = (lo ^ text.charCodeAt(i)) >>> 0;
      // Multiply by the 64-bit prime 0x100000001b3 = 2^40 + 0x1b3: the low
      // word times 0x1b3 (at most 2^41), its carry, and the high word times
      // 0x1b3 plus the low word shifted by 40 - 32 = 8 bits.
      const product = (lo & 0xffff) * 0x1b3 + (lo >>> 16) * 0x1b3 * 0x10000;
      const low = product >>> 0;
      hi = (hi * 0x1b3 + (lo << 8) + (product - low) / 0x100000000) >>> 0;
      lo = low;
    }
    this.hi = hi;
    this.lo = lo;
  }
  hex() {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}
