// Cloudflare Workers (workerd): Workers refuse to compile WebAssembly from
// bytes at run time, but import `.wasm` files as compiled modules; wrangler
// and esbuild's workerd condition resolve this file.
import wasm from '../dist/jejak_bg.wasm';
import { initSync, Screener, defaultPack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes, setDefaultPack, jejakErrorClass, engineVersion as version } from '../dist/web/jejak.js';
import defaultPackJson from '../dist/default-pack.mjs';

initSync({ module: wasm });
// The default pack ships beside the module, which checks it by digest.
setDefaultPack(defaultPackJson);

export { Screener, defaultPack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes };
export const JejakError = jejakErrorClass();
export const engineVersion = version();
