// A Cloudflare Worker. Bundled for the `workerd` condition, the package's
// entry imports its `.wasm` file, which Workers load as a compiled module.
import * as jejak from 'jejak';
import { run } from './screen.mjs';
import transactions from './transactions.json';
import corpus from './corpus.json';

export default {
  async fetch() {
    return new Response(run(jejak, transactions, corpus), {
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  },
};
