'use strict';
// `jejak/cases` from CommonJS in Node: the pack tools' module, instantiated
// synchronously.
require('./tools-node.cjs');
const { CaseLog, buildCases, goamlReport } = require('../dist/cases.cjs');

module.exports = { CaseLog, buildCases, goamlReport };
