// What every consumer does with the package: screen the shared transactions
// with screenMany and with screen, and return one JSON string. The runtimes'
// strings must be identical byte for byte.
export function run(jejak, transactions) {
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
  return JSON.stringify({ engineVersion, pack: screener.pack, many, one });
}
