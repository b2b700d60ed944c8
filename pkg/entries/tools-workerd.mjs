// `jejak/tools` in Cloudflare Workers: the pack tools' module imported as a
// compiled module (see workerd.mjs).
import wasm from '../dist/tools/jejak_tools_bg.wasm';
import * as glue from '../dist/tools/web/jejak_tools.js';
import packText from '../dist/default-pack.mjs';
import { TOOLS } from '../lib/wrap.mjs';
import { toolsApi } from '../lib/tools-api.mjs';

glue.initSync({ module: wasm });

const api = (globalThis[TOOLS] = toolsApi(glue, () => packText));
export const { compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, defaultPack } = api;
