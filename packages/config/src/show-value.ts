// What a config message may repeat of what the user typed. A pasted key can land in any
// field (`auth_mode: sk-ant-…`), or even become a key name, so a value is echoed only when
// it is short, plain and does not look like a secret; anything else is described, never shown.

/** Short, plain text: the only shape a message may quote. */
const PLAIN = /^[A-Za-z0-9._:/-]{1,40}$/;

/** Prefixes of well-known keys and tokens (OpenAI, Anthropic, GitHub, Stripe, GitLab, Slack, AWS, Google, JWTs). */
const SECRET_PREFIX =
  /(?:^|[^A-Za-z0-9])(?:sk-|sk_|rk_|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|glpat-|xox[abposr]-|AKIA|AIza|eyJ)/;

/** A run of 16+ token characters with no separator: the body of a random key. */
const LONG_RUN = /[A-Za-z0-9_]{16,}/g;

function mixesClasses(run: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(run)).length;
  return classes >= 2;
}

/**
 * True when `text` looks like a key or token: a well-known secret prefix (`sk-`, `sk-ant-`,
 * `ghp_`, `gho_`, `github_pat_`, ...), or 20+ characters that mix letters and digits, or
 * that hold a long random-looking run. Deliberately eager: masking a harmless value costs a
 * little clarity, echoing a secret costs the secret.
 */
export function looksLikeSecret(text: string): boolean {
  if (SECRET_PREFIX.test(text)) return true;
  if (text.length < 20) return false;
  if (/[0-9]/.test(text) && /[A-Za-z]/.test(text)) return true;
  return (text.match(LONG_RUN) ?? []).some(mixesClasses);
}

/** True when `text` may be quoted in a message: short, plain, and not secret-shaped. */
export function isEchoable(text: string): boolean {
  return PLAIN.test(text) && !looksLikeSecret(text);
}

/**
 * A value for a message: quoted when it is a short, plain, harmless string (`"token"`),
 * else described (`a string`, `a number`, `a list`, `a mapping`).
 */
export function showValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return isEchoable(value) ? JSON.stringify(value) : 'a string';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    return isEchoable(String(value)) ? String(value) : 'a number';
  }
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return 'a value';
}

/** What stands in for a key name that must not be repeated. */
export const MASKED_KEY = '<a key that looks like a secret>';

/** A key name for a path or message: as written when it is harmless, else `MASKED_KEY`. */
export function showKey(key: string): string {
  // Keys may hold spaces (`base url` is a plausible typo); each word must be harmless.
  const words = key.split(' ');
  return key.length <= 40 && words.every((word) => word === '' || isEchoable(word))
    ? key
    : MASKED_KEY;
}
