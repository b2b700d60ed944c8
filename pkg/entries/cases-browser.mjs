// `jejak/cases` in browsers and bundlers: the pack tools' module, fetched
// and compiled asynchronously as `jejak/tools` loads it.
import './tools-browser.mjs';

export { CaseLog, buildCases, goamlReport } from '../lib/cases.mjs';
