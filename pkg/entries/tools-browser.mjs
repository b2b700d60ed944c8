// `jejak/tools` in browsers and bundlers: the pack tools' module, fetched
// and compiled asynchronously behind a top-level await. Importing it makes
// the main entry accept JSON packs and deltas too.
import init, * as glue from '../dist/tools/web/jejak_tools.js';
import packText from '../dist/default-pack.mjs';
import { TOOLS } from '../lib/wrap.mjs';
import { toolsApi } from '../lib/tools-api.mjs';

await init({ module_or_path: new URL('../dist/tools/jejak_tools_bg.wasm', import.meta.url) });

const api = (globalThis[TOOLS] = toolsApi(glue, () => packText));
export const { compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, defaultPack } = api;
