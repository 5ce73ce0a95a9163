// Secrets must never reach a message, log or JSON output. Provider error bodies
// sometimes echo what they received (a key, a token, the first characters of one),
// so every provider text passes through here before it becomes part of an error.

const REDACTED = '[redacted]';

/** Runs of characters that can make up a key or token. */
const TOKEN_RUN = /[A-Za-z0-9._~+/=-]{8,}/g;

/** Shapes of well-known secrets, redacted even when they are not the one in use. */
const KNOWN_SECRET_SHAPES = [
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]{8,}/gi,
];

/**
 * Returns `text` with every secret in `secrets` removed: the whole value, and any
 * run of 8 or more token characters that is part of a secret (a truncated echo) or
 * contains one. Well-known key and token shapes (`sk-…`, `ghp_…`, JWTs, bearer
 * values) are removed too, whoever they belong to. Values shorter than 4 characters
 * are ignored (they cannot be told apart from ordinary text).
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const values = secrets.filter((secret): secret is string => !!secret && secret.length >= 4);
  let result = text;
  for (const secret of values) result = result.split(secret).join(REDACTED);
  result = result.replace(TOKEN_RUN, (run) =>
    values.some((secret) => secret.includes(run) || run.includes(secret)) ? REDACTED : run,
  );
  for (const shape of KNOWN_SECRET_SHAPES) result = result.replace(shape, REDACTED);
  return result;
}
