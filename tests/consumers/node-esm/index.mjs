import * as jejak from 'jejak';
import { readFileSync } from 'node:fs';
import { run } from './screen.mjs';

const transactions = JSON.parse(readFileSync(new URL('./transactions.json', import.meta.url), 'utf8'));
const corpus = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8'));
process.stdout.write(run(jejak, transactions, corpus));
