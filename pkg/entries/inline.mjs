// Deno and edge runtimes (Vercel's edge-light condition): the module ships
// inline as base64 and compiles synchronously, so it needs no file or
// network permission and no bundler support for `.wasm`.
import { initSync, Screener, defaultPack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes, setDefaultPack, jejakErrorClass, engineVersion as version } from '../dist/web/jejak.js';
import defaultPackJson from '../dist/default-pack.mjs';
import { wasmBase64 } from '../dist/inline-wasm.mjs';

const binary = atob(wasmBase64);
const bytes = new Uint8Array(binary.length);
for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
initSync({ module: bytes });
// The default pack ships beside the module, which checks it by digest.
setDefaultPack(defaultPackJson);

export { Screener, defaultPack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes };
export const JejakError = jejakErrorClass();
export const engineVersion = version();
