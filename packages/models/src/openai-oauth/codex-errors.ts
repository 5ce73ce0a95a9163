import type { Remedy } from '@flynn/core';
import { redactSecrets } from '@flynn/core';
import { ModelError, type ModelErrorCode } from '../model-error.js';
import { type ProviderErrorInfo, providerErrorInfo } from './oauth-http.js';

const LOGIN_AGAIN: Remedy = [
  { kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true },
];

/** `ModelError` codes for the Codex backend's `response.failed` / `error` codes. */
const FAILURE_CODES: Record<string, ModelErrorCode> = {
  rate_limit_exceeded: 'MODEL_RATE_LIMIT',
  usage_limit_reached: 'MODEL_RATE_LIMIT',
  insufficient_quota: 'MODEL_RATE_LIMIT',
  usage_not_included: 'MODEL_AUTH',
  context_length_exceeded: 'MODEL_BAD_REQUEST',
  invalid_prompt: 'MODEL_BAD_REQUEST',
  invalid_request_error: 'MODEL_BAD_REQUEST',
  server_error: 'MODEL_SERVER',
  server_is_overloaded: 'MODEL_SERVER',
};

const REMEDIES: Partial<Record<string, string>> = {
  rate_limit_exceeded: 'Wait a moment and try again.',
  usage_limit_reached: 'Wait until your ChatGPT usage limit resets, or use an API key tier.',
  usage_not_included:
    'Your ChatGPT plan does not include this model on the Codex backend; pick another model or use an API key tier.',
  context_length_exceeded: 'Shorten the conversation and try again.',
};

interface Context {
  tier?: string;
  secrets: readonly (string | undefined)[];
  /** A 429's `retry-after(-ms)`, for the cooldown of a tier that fails over. */
  retryAfterMs?: number;
}

function describe(info: ProviderErrorInfo, context: Context): string {
  return info.message ? ` ${redactSecrets(info.message, context.secrets)}` : '';
}

/** The error for a `response.failed` (or `error`) event in the Codex stream. */
export function codexStreamFailure(info: ProviderErrorInfo, context: Context): ModelError {
  const code = (info.code ? FAILURE_CODES[info.code] : undefined) ?? 'MODEL_SERVER';
  return new ModelError(
    code,
    `The ChatGPT Codex backend failed the request (${info.code ?? 'unknown error'}).${describe(info, context)}`,
    {
      provider: 'openai',
      tier: context.tier,
      providerCode: info.code,
      remedy: info.code ? REMEDIES[info.code] : undefined,
    },
  );
}

/** The error for a non-2xx answer from `/responses` (the body already parsed). */
export function codexHttpFailure(status: number, body: unknown, context: Context): ModelError {
  const info = providerErrorInfo(body);
  let code: ModelErrorCode;
  let remedy: Remedy | string | undefined;
  if (status === 401 || status === 403) {
    code = 'MODEL_AUTH';
    remedy = LOGIN_AGAIN;
  } else if (status === 429) {
    code = 'MODEL_RATE_LIMIT';
    remedy = (info.code ? REMEDIES[info.code] : undefined) ?? 'Wait a moment and try again.';
  } else if (status >= 500) {
    code = 'MODEL_SERVER';
  } else {
    code = (info.code ? FAILURE_CODES[info.code] : undefined) ?? 'MODEL_BAD_REQUEST';
    remedy = info.code ? REMEDIES[info.code] : undefined;
  }
  return new ModelError(
    code,
    `The ChatGPT Codex backend answered HTTP ${status}${info.code ? ` (${info.code})` : ''}.${describe(info, context)}`,
    {
      provider: 'openai',
      tier: context.tier,
      status,
      providerCode: info.code,
      remedy,
      ...(status === 429 && context.retryAfterMs !== undefined
        ? { retryAfterMs: context.retryAfterMs }
        : {}),
    },
  );
}

/** The error for a stream that ended (or broke, `cause`) before `response.completed`. */
export function codexIncomplete(tier: string | undefined, cause?: unknown): ModelError {
  return new ModelError(
    'MODEL_STREAM_INCOMPLETE',
    'The ChatGPT Codex backend closed the stream before the response was complete.',
    { provider: 'openai', tier, remedy: 'Try again.', cause },
  );
}
