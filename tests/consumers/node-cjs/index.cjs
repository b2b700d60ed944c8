const jejak = require('jejak');
const transactions = require('./transactions.json');
const corpus = require('./corpus.json');

// The shared screening routine is an ES module; CommonJS loads it with a
// dynamic import, while `jejak` itself comes through require().
import('./screen.mjs').then(({ run }) => process.stdout.write(run(jejak, transactions, corpus)));
