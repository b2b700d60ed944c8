import jejak from './node.cjs';

export const { Screener, JejakError, defaultPack, validatePack, memoryBytes, engineVersion } = jejak;
