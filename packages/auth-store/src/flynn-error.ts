/**
 * Marks an error as Flynn's. It is a registered symbol so two copies of this package (or
 * another Flynn package that sets it) still recognise each other's errors.
 */
export const FLYNN_ERROR = Symbol.for('flynn.error');

/** Code prefixes used by Flynn packages, for errors that predate or omit the brand. */
const FLYNN_CODE_PATTERN = /^(AUTH|CREDENTIAL|CONFIG|OAUTH|MODEL|DOCTOR|FLYNN)_[A-Z0-9_]+$/;

/**
 * True when `error` is a Flynn error; with `code`, true only when its `code` equals it.
 * Checks the `code` property (and the `Symbol.for('flynn.error')` brand), never
 * `instanceof`, so errors from a duplicated copy of a package still match.
 */
export function isFlynnError(error: unknown, code?: string): error is Error & { code: string } {
  if (typeof error !== 'object' || error === null) return false;
  const actual = (error as { code?: unknown }).code;
  if (typeof actual !== 'string') return false;
  if (code !== undefined) return actual === code;
  return (
    (error as { [FLYNN_ERROR]?: unknown })[FLYNN_ERROR] === true || FLYNN_CODE_PATTERN.test(actual)
  );
}
