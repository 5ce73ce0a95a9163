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
  | 'OAUTH_ABORTED';

export interface ModelErrorDetails {
  provider?: string;
  tier?: string;
  /** HTTP status from the provider, when there was one. */
  status?: number;
  /** The provider's own error code (`invalid_api_key`, `refresh_token_reused`, ...). */
  providerCode?: string;
  /** What the user can do: a command or env var. */
  remedy?: string;
  cause?: unknown;
}

/**
 * Every expected failure of a model call or OAuth flow. The message carries the
 * provider's own message but never a secret: clients build it from status, code
 * and the provider text after `redactSecrets`.
 */
export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly provider?: string;
  readonly tier?: string;
  readonly status?: number;
  readonly providerCode?: string;
  readonly remedy?: string;

  constructor(code: ModelErrorCode, message: string, details: ModelErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ModelError';
    this.code = code;
    this.provider = details.provider;
    this.tier = details.tier;
    this.status = details.status;
    this.providerCode = details.providerCode;
    this.remedy = details.remedy;
  }
}

/** True for a `ModelError` (optionally with this code), also across duplicate package copies. */
export function isModelError(error: unknown, code?: ModelErrorCode): error is ModelError {
  if (typeof error !== 'object' || error === null) return false;
  const value = (error as { code?: unknown; name?: unknown }).code;
  if (typeof value !== 'string' || !/^(MODEL|OAUTH)_/.test(value)) return false;
  return code === undefined || value === code;
}
