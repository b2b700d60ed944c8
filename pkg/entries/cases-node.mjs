// `jejak/cases` in Node: the pack tools' module, instantiated synchronously.
import './tools-node.mjs';

export { CaseLog, buildCases, goamlReport } from '../lib/cases.mjs';
