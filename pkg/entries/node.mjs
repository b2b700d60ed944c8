import jejak from './node.cjs';

export const { Screener, JejakError, defaultPack, validatePack, signablePayload, termForms, normalizeIdentifier, memoryBytes, engineVersion } = jejak;
