import * as jejak from 'jejak';
import { run } from './screen.mjs';
import transactions from './transactions.json';
import corpus from './corpus.json';

const result = run(jejak, transactions, corpus);
document.getElementById('out').textContent = result;
window.__result = result;
