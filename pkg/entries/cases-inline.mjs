// `jejak/cases` in Deno and edge runtimes: the pack tools' module inline as
// base64, as `jejak/tools` loads it.
import './tools-inline.mjs';

export { CaseLog, buildCases, goamlReport } from '../lib/cases.mjs';
