// `jejak/cases` in Deno: the pack tools' module through the `deno`
// condition (inlined, no permission), building the cases of the demo's
// bundled log (cases.json, copied in by the test).
import { buildCases } from 'jejak/cases';
import log from './cases.json' with { type: 'json' };

await Deno.stdout.write(new TextEncoder().encode(JSON.stringify(buildCases(log))));
