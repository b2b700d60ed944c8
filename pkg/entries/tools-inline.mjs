// `jejak/tools` in Deno and edge runtimes: the pack tools' module inline as
// base64, compiled synchronously (see inline.mjs).
import * as glue from '../dist/tools/web/jejak_tools.js';
import packText from '../dist/default-pack.mjs';
import { wasmBase64 } from '../dist/tools/inline-wasm.mjs';
import { fromBase64 } from './base64.mjs';
import { TOOLS } from '../lib/wrap.mjs';
import { toolsApi } from '../lib/tools-api.mjs';

glue.initSync({ module: fromBase64(wasmBase64) });

const api = (globalThis[TOOLS] = toolsApi(glue, () => packText));
export const { compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, defaultPack } = api;
