// `jejak/cases` in a Cloudflare Worker: the pack tools' module imported as a
// compiled module (the `workerd` condition), building the cases of the
// demo's bundled log (cases.json, copied in by the test).
import { buildCases } from 'jejak/cases';
import log from './cases.json';

export default {
  async fetch() {
    return new Response(JSON.stringify(buildCases(log)), { headers: { 'content-type': 'application/json; charset=utf-8' } });
  },
};
