// Browsers and bundlers (Vite, webpack, Rollup): the module is fetched and
// compiled asynchronously (browsers forbid synchronous compilation of large
// modules on the main thread), behind a top-level await, so importers need
// no init call.
import init, { Screener, defaultPack, validatePack, memoryBytes, jejakErrorClass, engineVersion as version } from '../dist/web/jejak.js';

await init({ module_or_path: new URL('../dist/jejak_bg.wasm', import.meta.url) });

export { Screener, defaultPack, validatePack, memoryBytes };
export const JejakError = jejakErrorClass();
export const engineVersion = version();
