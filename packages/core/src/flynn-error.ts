/**
 * The one error base. Every expected failure in Flynn is a `FlynnError` with a `code` from
 * {@link FlynnErrorCode} and an optional structured {@link Remedy}; the apps turn the code
 * into an exit code and render the remedy (`flynn ...` in the CLI, `/login ...` in the TUI).
 * The brand is a registered symbol, so errors from two copies of a package still recognise
 * each other, and {@link isFlynnError} checks the brand and the code, never `instanceof`.
 */
import type { Remedy } from './remedy.js';

/** Every code a Flynn error can carry, by package. */
export const FLYNN_ERROR_CODES = [
  // @flynn/config
  'CONFIG_INVALID',
  'SECRET_REFERENCE_FAILED',
  // @flynn/auth-store
  'AUTH_STORE_CORRUPT',
  'AUTH_STORE_LOCK_TIMEOUT',
  'AUTH_STORE_IO',
  'AUTH_STORE_INVALID_INPUT',
  'AUTH_STORE_UNSAFE',
  'AUTH_STORE_KEYRING',
  'CREDENTIAL_INVALID',
  'CREDENTIAL_MISSING',
  'AUTH_MODE_UNSUPPORTED',
  // @flynn/models
  'MODEL_AUTH',
  'MODEL_RATE_LIMIT',
  'MODEL_NETWORK',
  'MODEL_SERVER',
  'MODEL_BAD_REQUEST',
  'MODEL_ABORTED',
  'MODEL_TOOLS_UNSUPPORTED',
  'MODEL_STREAM_INCOMPLETE',
  'MODEL_UNKNOWN_TIER',
  'OAUTH_REFRESH_FAILED',
  'OAUTH_DEVICE_LOGIN_DISABLED',
  'OAUTH_DEVICE_LOGIN_TIMEOUT',
  'OAUTH_DEVICE_LOGIN_FAILED',
  'OAUTH_BROWSER_LOGIN_FAILED',
  'OAUTH_BROWSER_LOGIN_TIMEOUT',
  'OAUTH_CALLBACK_PORT_IN_USE',
  'OAUTH_ABORTED',
  // the apps
  'USAGE',
  'INTERRUPTED',
  'INPUT_EMPTY',
  'INPUT_INVALID',
  'INPUT_UNAVAILABLE',
  'DEVICE_LOGIN_FAILED',
  'DEVICE_LOGIN_EXPIRED',
  'DEVICE_LOGIN_DENIED',
  'DEVICE_LOGIN_ABORTED',
] as const;

/** A stable error code. */
export type FlynnErrorCode = (typeof FLYNN_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(FLYNN_ERROR_CODES);

/** True when `value` is one of {@link FLYNN_ERROR_CODES}. */
export function isFlynnErrorCode(value: unknown): value is FlynnErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** The brand every Flynn error carries (a registered symbol: shared across package copies). */
export const FLYNN_ERROR = Symbol.for('flynn.error');

/** Options of a {@link FlynnError}. */
export interface FlynnErrorOptions {
  /** What the user can do about it, as data. */
  remedy?: Remedy;
  cause?: unknown;
}

/**
 * Base of every expected Flynn failure. The message states the problem for people and
 * never holds a secret or remedy text (that is {@link FlynnError.remedy}, rendered by the app).
 */
export class FlynnError<Code extends FlynnErrorCode = FlynnErrorCode> extends Error {
  readonly code: Code;
  /** What to do about it; empty when there is nothing to suggest. */
  readonly remedy: Remedy;

  constructor(code: Code, message: string, options: FlynnErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FlynnError';
    this.code = code;
    this.remedy = options.remedy ?? [];
  }

  /** The brand, on the prototype so it does not clutter inspect output. */
  get [FLYNN_ERROR](): true {
    return true;
  }

  /** True for any Flynn error, from any copy of any Flynn package. */
  static isInstance(error: unknown): error is FlynnError {
    return isFlynnError(error);
  }
}

/**
 * True when `error` carries the Flynn brand and a known code; with `code`, only when its code
 * is that one. Works across duplicated package copies (no `instanceof`).
 */
export function isFlynnError<Code extends FlynnErrorCode>(
  error: unknown,
  code?: Code,
): error is FlynnError<Code> {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { [FLYNN_ERROR]?: unknown })[FLYNN_ERROR] !== true) return false;
  const actual = (error as { code?: unknown }).code;
  if (!isFlynnErrorCode(actual)) return false;
  return code === undefined || actual === code;
}
