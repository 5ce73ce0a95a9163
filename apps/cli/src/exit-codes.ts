import type { FlynnErrorCode } from '@flynn/core';

/** Exit codes of `flynn`: stable, documented in the README. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem (invalid config, a failing tier, a missing credential). */
  failure: 1,
  /** Bad usage: unknown command or option, missing argument. */
  usage: 2,
  /** `flynn doctor --check`: a credential a tier uses expires within 7 days (for cron and CI). */
  expiring: 3,
  /** A bug in Flynn: an error no code describes (EX_SOFTWARE). */
  internal: 70,
  /** Interrupted with Ctrl-C. */
  interrupted: 130,
} as const;

/** An exit code `flynn` uses. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The exit code of every error code, written out so that a new code does not compile until
 * it is given one.
 */
export const EXIT_CODE_OF: Readonly<Record<FlynnErrorCode, ExitCode>> = {
  CONFIG_INVALID: EXIT.failure,
  AUTH_STORE_CORRUPT: EXIT.failure,
  AUTH_STORE_LOCK_TIMEOUT: EXIT.failure,
  AUTH_STORE_IO: EXIT.failure,
  AUTH_STORE_INVALID_INPUT: EXIT.failure,
  AUTH_STORE_UNSAFE: EXIT.failure,
  AUTH_STORE_KEYRING: EXIT.failure,
  CREDENTIAL_INVALID: EXIT.failure,
  SECRET_REFERENCE_FAILED: EXIT.failure,
  CREDENTIAL_MISSING: EXIT.failure,
  AUTH_MODE_UNSUPPORTED: EXIT.failure,
  MODEL_AUTH: EXIT.failure,
  MODEL_RATE_LIMIT: EXIT.failure,
  MODEL_NETWORK: EXIT.failure,
  MODEL_SERVER: EXIT.failure,
  MODEL_BAD_REQUEST: EXIT.failure,
  MODEL_ABORTED: EXIT.failure,
  MODEL_TOOLS_UNSUPPORTED: EXIT.failure,
  MODEL_STREAM_INCOMPLETE: EXIT.failure,
  MODEL_UNKNOWN_TIER: EXIT.failure,
  OAUTH_REFRESH_FAILED: EXIT.failure,
  OAUTH_DEVICE_LOGIN_DISABLED: EXIT.failure,
  OAUTH_DEVICE_LOGIN_TIMEOUT: EXIT.failure,
  OAUTH_DEVICE_LOGIN_FAILED: EXIT.failure,
  OAUTH_BROWSER_LOGIN_FAILED: EXIT.failure,
  OAUTH_BROWSER_LOGIN_TIMEOUT: EXIT.failure,
  OAUTH_CALLBACK_PORT_IN_USE: EXIT.failure,
  OAUTH_ABORTED: EXIT.failure,
  USAGE: EXIT.usage,
  INTERRUPTED: EXIT.interrupted,
  INPUT_EMPTY: EXIT.failure,
  INPUT_INVALID: EXIT.failure,
  INPUT_UNAVAILABLE: EXIT.failure,
  DEVICE_LOGIN_FAILED: EXIT.failure,
  DEVICE_LOGIN_EXPIRED: EXIT.failure,
  DEVICE_LOGIN_DENIED: EXIT.failure,
  DEVICE_LOGIN_ABORTED: EXIT.failure,
};
