// Deno 2 with a package.json: `jejak` comes from ./node_modules, through the
// package's `deno` condition (the wasm module is inlined, so no --allow-read
// is needed). Local modules and the JSON import need no permission either.
import * as jejak from 'jejak';
import { run } from './screen.mjs';
import transactions from './transactions.json' with { type: 'json' };
import corpus from './corpus.json' with { type: 'json' };

const out: string = run(jejak, transactions, corpus);
await Deno.stdout.write(new TextEncoder().encode(out));
