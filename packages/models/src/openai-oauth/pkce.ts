// PKCE (RFC 7636) for the ChatGPT browser login. Guarantees: the verifier and the state
// come from the OS's CSPRNG (64 and 32 random bytes, base64url: 86 and 43 characters, within
// RFC 7636's 43-128), and the challenge is the S256 form, never `plain`.
import { createHash, randomBytes } from 'node:crypto';

/** One login's PKCE pair. The verifier is a secret: it never leaves the process but to the token endpoint. */
export interface Pkce {
  verifier: string;
  /** base64url(SHA-256(verifier)), sent in the authorize URL with `code_challenge_method=S256`. */
  challenge: string;
}

/** The S256 code challenge of `verifier`. */
export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** A fresh random verifier and its S256 challenge. */
export function createPkce(): Pkce {
  const verifier = randomBytes(64).toString('base64url');
  return { verifier, challenge: codeChallenge(verifier) };
}

/** A fresh random `state` (32 bytes, base64url), matched against the callback's before anything else. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
