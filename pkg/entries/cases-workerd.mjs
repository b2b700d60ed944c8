// `jejak/cases` in Cloudflare Workers: the pack tools' module imported as a
// compiled module, as `jejak/tools` loads it.
import './tools-workerd.mjs';

export { CaseLog, buildCases, goamlReport } from '../lib/cases.mjs';
