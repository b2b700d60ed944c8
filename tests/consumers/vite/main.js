import * as jejak from 'jejak';
import { run } from './screen.mjs';
import transactions from './transactions.json';

const result = run(jejak, transactions);
document.getElementById('out').textContent = result;
window.__result = result;
