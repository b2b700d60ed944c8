// The pack tools' side of the package's JavaScript API (wrap.mjs is the
// runtime's): what `jejak/tools` exports and leaves for the main entry to
// find. Apart from wrap.mjs so that a process that only screens never reads
// it. The Node entry uses dist/tools-api.cjs, this file as CommonJS.

/**
 * The tools' internal API over their glue: what the main entry calls and
 * the functions `jejak/tools` exports. `defaultPackText()` is the default
 * pack's JSON text.
 */
export function toolsApi(glue, defaultPackText) {
  return {
    compilePack: glue.compilePack,
    validatePack: glue.validatePack,
    signablePayload: glue.signablePayload,
    verifySigned: glue.verifySigned,
    termForms: glue.termForms,
    normalizeIdentifier: glue.normalizeIdentifier,
    openSigned: glue.openSigned,
    applyDeltaTo: glue.applyDeltaTo,
    // For the CLI: the engine's envelopes and hashes.
    signPack: glue.signPack,
    publicKeyOf: glue.publicKeyOf,
    hashTermList: glue.hashTermList,
    hashWatchlist: glue.hashWatchlist,
    // jejak/cases (lib/cases.mjs).
    CaseLog: glue.CaseLog,
    goamlReport: glue.goamlReport,
    defaultPackText,
    defaultPack: () => JSON.parse(defaultPackText()),
  };
}
