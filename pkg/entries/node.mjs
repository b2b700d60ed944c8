import jejak from './node.cjs';

export const { Screener, JejakError, defaultPack, compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, memoryBytes, timestampKey, engineVersion } = jejak;
