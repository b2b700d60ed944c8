// Deno and edge runtimes (Vercel's edge-light condition): the module ships
// inline as base64 and compiles synchronously, so it needs no file or
// network permission and no bundler support for `.wasm`. Code that passes
// JSON packs or uses the pack tools imports `jejak/tools` first.
import * as glue from '../dist/web/jejak.js';
import { imageBase64 } from '../dist/default-pack.jjk.mjs';
import { wasmBase64 } from '../dist/inline-wasm.mjs';
import { fromBase64 } from './base64.mjs';
import { wrap, TOOLS } from '../lib/wrap.mjs';

glue.initSync({ module: fromBase64(wasmBase64) });
// The default pack's image ships beside the module, which checks it by SHA-256.
glue.setDefaultPack(fromBase64(imageBase64));

export const { Screener, JejakError, defaultPack, compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes, timestampKey, engineVersion } =
  wrap(glue, () => globalThis[TOOLS]);
