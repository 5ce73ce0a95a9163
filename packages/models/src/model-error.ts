import { FlynnError, type FlynnErrorCode, isFlynnError, type Remedy } from '@flynn/core';

/** Stable codes of errors thrown by @flynn/models. */
export type ModelErrorCode =
  | 'MODEL_AUTH'
  | 'MODEL_RATE_LIMIT'
  | 'MODEL_NETWORK'
  | 'MODEL_SERVER'
  | 'MODEL_BAD_REQUEST'
  | 'MODEL_ABORTED'
  | 'MODEL_TOOLS_UNSUPPORTED'
  | 'MODEL_STREAM_INCOMPLETE'
  | 'MODEL_UNKNOWN_TIER'
  | 'OAUTH_REFRESH_FAILED'
  | 'OAUTH_DEVICE_LOGIN_DISABLED'
  | 'OAUTH_DEVICE_LOGIN_TIMEOUT'
  | 'OAUTH_DEVICE_LOGIN_FAILED'
  | 'OAUTH_BROWSER_LOGIN_FAILED'
  | 'OAUTH_BROWSER_LOGIN_TIMEOUT'
  | 'OAUTH_CALLBACK_PORT_IN_USE'
  | 'OAUTH_ABORTED';

export interface ModelErrorDetails {
  provider?: string;
  tier?: string;
  /** HTTP status from the provider, when there was one. */
  status?: number;
  /** The provider's own error code (`invalid_api_key`, `refresh_token_reused`, ...). */
  providerCode?: string;
  /** How long the provider asked to wait (`retry-after-ms` / `retry-after`), in ms. */
  retryAfterMs?: number;
  /** What the user can do, as data (plain advice may be given as a string). */
  remedy?: Remedy | string;
  cause?: unknown;
}

/**
 * Every expected failure of a model call or OAuth flow. The message carries the
 * provider's own message but never a secret: clients build it from status, code
 * and the provider text after `redactSecrets`.
 */
export class ModelError extends FlynnError<ModelErrorCode> {
  readonly provider?: string;
  readonly tier?: string;
  readonly status?: number;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;

  constructor(code: ModelErrorCode, message: string, details: ModelErrorDetails = {}) {
    const remedy: Remedy =
      typeof details.remedy === 'string'
        ? [{ kind: 'advice', text: details.remedy.replace(/\.$/, '') }]
        : (details.remedy ?? []);
    super(code, message, { remedy, cause: details.cause });
    this.name = 'ModelError';
    this.provider = details.provider;
    this.tier = details.tier;
    this.status = details.status;
    this.providerCode = details.providerCode;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** True for a `ModelError` (optionally with this code), also across duplicate package copies. */
export function isModelError(error: unknown, code?: ModelErrorCode): error is ModelError {
  if (!isFlynnError(error)) return false;
  const actual: FlynnErrorCode = error.code;
  if (!/^(MODEL|OAUTH)_/.test(actual)) return false;
  return code === undefined || actual === code;
}
