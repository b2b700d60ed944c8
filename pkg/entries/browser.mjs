// Browsers and bundlers (Vite, webpack, Rollup): the runtime module is
// fetched and compiled asynchronously (browsers forbid synchronous
// compilation of large modules on the main thread), behind a top-level
// await, so importers need no init call. A page that passes JSON packs or
// uses the pack tools imports `jejak/tools` first.
import init, * as glue from '../dist/web/jejak.js';
import { imageBase64 } from '../dist/default-pack.jjk.mjs';
import { fromBase64 } from './base64.mjs';
import { wrap, TOOLS } from '../lib/wrap.mjs';

await init({ module_or_path: new URL('../dist/jejak_bg.wasm', import.meta.url) });
// The default pack's image ships beside the module, which checks it by SHA-256.
glue.setDefaultPack(fromBase64(imageBase64));

export const { Screener, JejakError, defaultPack, compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes, timestampKey, engineVersion } =
  wrap(glue, () => globalThis[TOOLS]);
