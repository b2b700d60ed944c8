'use strict';
// Node (CommonJS and, through node.mjs, ESM): the glue instantiates the
// module synchronously from the file next to it, so no init call is needed.
// ESM imports go through this file too, so `require` and `import` share one
// instance and one JejakError class.
const glue = require('../dist/node/jejak.js');

module.exports = {
  Screener: glue.Screener,
  JejakError: glue.jejakErrorClass(),
  defaultPack: glue.defaultPack,
  validatePack: glue.validatePack,
  memoryBytes: glue.memoryBytes,
  engineVersion: glue.engineVersion(),
};
