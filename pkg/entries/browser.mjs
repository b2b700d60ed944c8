// Browsers and bundlers (Vite, webpack, Rollup): the module is fetched and
// compiled asynchronously (browsers forbid synchronous compilation of large
// modules on the main thread), behind a top-level await, so importers need
// no init call.
import init, { Screener, defaultPack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes, setDefaultPack, jejakErrorClass, engineVersion as version } from '../dist/web/jejak.js';
import defaultPackJson from '../dist/default-pack.mjs';

await init({ module_or_path: new URL('../dist/jejak_bg.wasm', import.meta.url) });
// The default pack ships beside the module, which checks it by digest.
setDefaultPack(defaultPackJson);

export { Screener, defaultPack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes };
export const JejakError = jejakErrorClass();
export const engineVersion = version();
