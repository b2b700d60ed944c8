'use strict';
// Node (CommonJS and, through node.mjs, ESM): the glue instantiates the
// module synchronously from the file next to it, so no init call is needed.
// ESM imports go through this file too, so `require` and `import` share one
// instance and one JejakError class.
const glue = require('../dist/node/jejak.js');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The default pack ships beside the module, which checks it by digest.
glue.setDefaultPack(readFileSync(join(__dirname, '..', 'dist', 'default-pack.json'), 'utf8'));

module.exports = {
  Screener: glue.Screener,
  JejakError: glue.jejakErrorClass(),
  defaultPack: glue.defaultPack,
  validatePack: glue.validatePack,
  signablePayload: glue.signablePayload,
  verifySigned: glue.verifySigned,
  termForms: glue.termForms,
  normalizeIdentifier: glue.normalizeIdentifier,
  memoryBytes: glue.memoryBytes,
  engineVersion: glue.engineVersion(),
};
