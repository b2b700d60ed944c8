// Bytes of base64 text, in every runtime the package supports (atob is in
// browsers, Workers, Deno, edge runtimes and Node).
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
