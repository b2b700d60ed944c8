// CommonJS consumers get the same types through the `require` condition.
import jejak = require('jejak');

const screener: jejak.Screener = new jejak.Screener();
const verdict: jejak.Verdict = screener.screen({ timestamp: '2026-11-20T02:10:00+10:00', amount: 1, currency: 'AUD' });
console.log(verdict.score, jejak.engineVersion);
