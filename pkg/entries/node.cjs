'use strict';
// Node (CommonJS and, through node.mjs, ESM): the glue instantiates the
// runtime module synchronously from the file next to it, so no init call
// is needed. ESM imports go through this file too, so `require` and
// `import` share one instance and one JejakError class. The pack tools
// (their own module) load synchronously on first use: a process that
// screens with the default pack or an image never compiles them.
const glue = require('../dist/node/jejak.js');
const { wrap } = require('../dist/wrap.cjs');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The default pack's image ships beside the module, which checks it by
// SHA-256; its JSON is read only when asked for (defaultPack, deltas).
glue.setDefaultPack(readFileSync(join(__dirname, '..', 'dist', 'default-pack.jjk')));
const defaultPackText = () => readFileSync(join(__dirname, '..', 'dist', 'default-pack.json'), 'utf8');

module.exports = wrap(glue, () => require('./tools-node.cjs').api, defaultPackText);
