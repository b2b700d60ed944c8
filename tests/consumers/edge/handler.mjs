// An edge function (Vercel's Edge Runtime): bundled for the `edge-light`
// condition into one script, where the package's wasm module is inlined and
// compiled synchronously.
import * as jejak from 'jejak';
import { run } from './screen.mjs';
import transactions from './transactions.json';
import corpus from './corpus.json';

addEventListener('fetch', (event) => {
  event.respondWith(
    new Response(run(jejak, transactions, corpus), {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    }),
  );
});
