/**
 * `bytes` random bytes as hex, from the global Web Crypto object. Unlike importing
 * `node:crypto`, this loads nothing until a write actually needs a random name, so
 * read-only commands (`flynn doctor`) do not pay for it at start-up.
 */
export function randomHex(bytes: number): string {
  const buffer = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return Buffer.from(buffer).toString('hex');
}
