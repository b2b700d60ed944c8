'use strict';
// `jejak/tools` in Node (CommonJS and, through tools-node.mjs, ESM): the
// pack tools' module, instantiated synchronously. The main entry requires
// this file on first use, so importing it is optional in Node.
const glue = require('../dist/tools/node/jejak_tools.js');
const { TOOLS } = require('../dist/wrap.cjs');
const { toolsApi } = require('../dist/tools-api.cjs');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const api = toolsApi(glue, () => readFileSync(join(__dirname, '..', 'dist', 'default-pack.json'), 'utf8'));
globalThis[TOOLS] = api;

module.exports = {
  api,
  compilePack: api.compilePack,
  validatePack: api.validatePack,
  signablePayload: api.signablePayload,
  verifySigned: api.verifySigned,
  termForms: api.termForms,
  normalizeIdentifier: api.normalizeIdentifier,
  defaultPack: api.defaultPack,
};
