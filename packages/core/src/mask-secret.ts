/**
 * The one masking rule for the whole project. A fingerprint shows at most a short,
 * well-known prefix (which says what kind of credential it is) and the last 4 characters
 * (which tell two credentials apart), and never the length: the output for a given prefix
 * is always the same size. Values too short to hide at least 8 characters give '****'.
 */
import { PROVIDER_CREDENTIALS } from './providers.js';

/**
 * Publicly documented prefixes: every registry credential's own (`sk-proj-`, `ghp_`, `AIza`),
 * plus the generic families they belong to, longest first so the most specific one wins.
 */
const KNOWN_PREFIXES = [
  ...new Set([
    ...PROVIDER_CREDENTIALS.flatMap(({ spec }) => spec.prefixes),
    'sk-ant-ort01-',
    'sk-ant-admin01-',
    'sk-ant-',
    'sk-',
  ]),
].sort((a, b) => b.length - a.length);

/** The longest publicly documented prefix `value` starts with (`sk-proj-`), or ''. */
export function knownSecretPrefix(value: string): string {
  return KNOWN_PREFIXES.find((candidate) => value.startsWith(candidate)) ?? '';
}

const VISIBLE_SUFFIX = 4;
const MIN_HIDDEN = 8;

/**
 * Masks a secret for display: `sk-…a1b2`, `sk-ant-api03-…9f3c`, `…c0de` without a known
 * prefix, `****` for short values. The value is trimmed first.
 */
export function maskSecret(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length < VISIBLE_SUFFIX + MIN_HIDDEN) return '****';
  const suffix = trimmed.slice(-VISIBLE_SUFFIX);
  // Only the most specific prefix, and none if it would hide too little: falling back to a
  // shorter prefix would hint at the length.
  const prefix = knownSecretPrefix(trimmed);
  const hidden = trimmed.length - prefix.length - VISIBLE_SUFFIX;
  return `${hidden >= MIN_HIDDEN ? prefix : ''}…${suffix}`;
}
