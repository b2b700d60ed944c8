import tools from './tools-node.cjs';

export const { compilePack, validatePack, signablePayload, verifySigned, termForms, normalizeIdentifier, defaultPack } = tools;
