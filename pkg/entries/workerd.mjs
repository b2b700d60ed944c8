// Cloudflare Workers (workerd): Workers refuse to compile WebAssembly from
// bytes at run time, but import `.wasm` files as compiled modules; wrangler
// and esbuild's workerd condition resolve this file.
import wasm from '../dist/jejak_bg.wasm';
import { initSync, Screener, defaultPack, validatePack, memoryBytes, jejakErrorClass, engineVersion as version } from '../dist/web/jejak.js';

initSync({ module: wasm });

export { Screener, defaultPack, validatePack, memoryBytes };
export const JejakError = jejakErrorClass();
export const engineVersion = version();
