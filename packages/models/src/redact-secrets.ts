// Secrets must never reach a message, log or JSON output. Provider error bodies
// sometimes echo what they received (a key, a token, the first characters of one),
// so every provider text passes through here before it becomes part of an error.
import { withoutURLCredentials } from './provider-info.js';

const REDACTED = '[redacted]';

/**
 * Pieces of text that could be (part of) a key or token. `.` is not one of their
 * characters: a truncated echo (`sk-proj-ABCD...1234`) must fall apart into its prefix
 * and suffix, each checked on its own.
 */
const TOKEN_PIECE = /[A-Za-z0-9_~+/=-]{4,}/g;

/** Shortest prefix or suffix of a secret that counts as revealing it. */
const MIN_EDGE = 4;
/** Shortest stretch of a secret that counts as revealing it, wherever it is. */
const MIN_STRETCH = 8;

/** True when `piece` reveals part of `secret`: one of its ends, or 8+ characters of it. */
function revealsPart(piece: string, secret: string): boolean {
  if (piece.length >= MIN_EDGE && (secret.startsWith(piece) || secret.endsWith(piece))) {
    return true;
  }
  for (let start = 0; start + MIN_STRETCH <= piece.length; start += 1) {
    if (secret.includes(piece.slice(start, start + MIN_STRETCH))) return true;
  }
  return false;
}

/** Shapes of well-known secrets, redacted even when they are not the one in use. */
const KNOWN_SECRET_SHAPES = [
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/**
 * Returns `text` with every secret in `secrets` removed: the whole value, and any piece
 * of token characters that reveals part of a secret (a truncated echo): a prefix or
 * suffix of 4+ characters, or 8+ characters from anywhere in it. Pieces are split at
 * `.`, so `sk-proj-ABCD...1234` loses both ends. Well-known key and token shapes
 * (`sk-…`, `ghp_…`, JWTs, bearer values) are removed too, whoever they belong to, and
 * URLs lose their user info and query (`withoutURLCredentials`). Values shorter than 4
 * characters are ignored (they cannot be told apart from ordinary text).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const values = secrets.filter((secret): secret is string => !!secret && secret.length >= 4);
  let result = text;
  for (const secret of values) result = result.split(secret).join(REDACTED);
  result = withoutURLCredentials(result);
  result = result.replace(TOKEN_PIECE, (piece) =>
    values.some((secret) => revealsPart(piece, secret)) ? REDACTED : piece,
  );
  for (const shape of KNOWN_SECRET_SHAPES) result = result.replace(shape, REDACTED);
  return result;
}
