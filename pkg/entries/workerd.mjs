// Cloudflare Workers (workerd): Workers refuse to compile WebAssembly from
// bytes at run time, but import `.wasm` files as compiled modules; wrangler
// and esbuild's workerd condition resolve this file. A Worker that passes
// JSON packs or uses the pack tools imports `jejak/tools` first.
import wasm from '../dist/jejak_bg.wasm';
import * as glue from '../dist/web/jejak.js';
import { imageBase64 } from '../dist/default-pack.jjk.mjs';
import { fromBase64 } from './base64.mjs';
import { wrap, TOOLS } from '../lib/wrap.mjs';

glue.initSync({ module: wasm });
// The default pack's image ships beside the module, which checks it by SHA-256.
glue.setDefaultPack(fromBase64(imageBase64));

export const { Screener, JejakError, defaultPack, compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes, timestampKey, engineVersion } =
  wrap(glue, () => globalThis[TOOLS]);
