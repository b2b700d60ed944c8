// `jejak/tools`: the pack tools' module. Its functions are the main entry's
// (their documentation is in index.d.ts); importing it loads the tools, and
// in browsers, workers, Deno and edge runtimes lets the main entry take JSON
// packs and deltas.
export { compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, defaultPack } from './index.js';
