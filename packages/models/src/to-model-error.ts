import type { ProviderId } from '@flynn/config';
import type { Remedy } from '@flynn/core';
import { providerSpec, redactSecrets, sanitizeText } from '@flynn/core';
import { isModelError, ModelError, type ModelErrorCode } from './model-error.js';
import {
  displayURL,
  KEYLESS_PROVIDERS,
  PROVIDER_LABELS,
  withoutURLCredentials,
} from './provider-info.js';

/** What a client knows when a call fails, to turn the failure into a `ModelError`. */
export interface ErrorContext {
  provider: ProviderId;
  tier?: string;
  baseURL: string;
  /** Every secret the client holds; none of them may appear in the message. */
  secrets: readonly (string | undefined)[];
  /** What to do about a rejected credential, e.g. "Run `flynn openai-key` or set OPENAI_API_KEY". */
  authRemedy?: Remedy | string;
  /** The caller's signal: once it fired, any failure is reported as an abort. */
  signal?: AbortSignal;
}

interface SdkErrorShape {
  name?: string;
  status?: number;
  message?: string;
  error?: unknown;
  cause?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Provider error types (Anthropic's `error.type`, OpenAI's `code`) that say what went wrong without a status. */
const TYPE_CODES: Record<string, ModelErrorCode> = {
  authentication_error: 'MODEL_AUTH',
  permission_error: 'MODEL_AUTH',
  invalid_api_key: 'MODEL_AUTH',
  rate_limit_error: 'MODEL_RATE_LIMIT',
  rate_limit_exceeded: 'MODEL_RATE_LIMIT',
  overloaded_error: 'MODEL_SERVER',
  api_error: 'MODEL_SERVER',
  server_error: 'MODEL_SERVER',
  invalid_request_error: 'MODEL_BAD_REQUEST',
  not_found_error: 'MODEL_BAD_REQUEST',
};

function codeForStatus(status: number): ModelErrorCode {
  if (status === 401 || status === 403) return 'MODEL_AUTH';
  if (status === 429) return 'MODEL_RATE_LIMIT';
  if (status >= 500) return 'MODEL_SERVER';
  return 'MODEL_BAD_REQUEST';
}

/** The provider's own message and code from an SDK error body (OpenAI or Anthropic shape). */
function providerDetails(error: SdkErrorShape): { message?: string; code?: string } {
  const body = error.error as Record<string, unknown> | undefined;
  const inner = (body && typeof body.error === 'object' ? body.error : body) as
    | Record<string, unknown>
    | undefined;
  const message = typeof inner?.message === 'string' ? inner.message : undefined;
  const code =
    (typeof inner?.code === 'string' && inner.code) ||
    (typeof inner?.type === 'string' && inner.type) ||
    undefined;
  return { message, code };
}

/** The system error code (ECONNREFUSED, ...) somewhere in a chain of causes. */
function systemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The message of the innermost cause (undici's own reason, e.g. 'bad port'), if any, with
 * any URL in it made credential-free: undici quotes a URL with `user:password@` in full.
 */
function rootCauseMessage(error: unknown): string | undefined {
  let current = (error as { cause?: unknown }).cause;
  let message: string | undefined;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const text = (current as { message?: unknown }).message;
    if (typeof text === 'string' && text !== '' && text !== 'fetch failed') message = text;
    current = (current as { cause?: unknown }).cause;
  }
  return message === undefined ? undefined : withoutURLCredentials(message);
}

/** Longest server text kept in a message. */
const MAX_SERVER_TEXT = 300;

/**
 * A server's error text as one line a person can read: the first line that says something
 * (not blank, not markup alone, not a stack frame such as `at handler (server.js:10:5)`),
 * HTML tags dropped, control characters escaped, at most {@link MAX_SERVER_TEXT} characters.
 * A gateway's stack trace or error page never reaches the terminal whole.
 */
export function firstMeaningfulLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((line) => line !== '' && !/^at\s+\S/.test(line) && !/^\W+$/.test(line));
  const line = lines[0] ?? text.trim();
  const clean = sanitizeText(line, { singleLine: true });
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT - 1)}…` : clean;
}

/** Whether `baseURL` points at this machine (a local server the user starts). */
function isLoopback(baseURL: string): boolean {
  try {
    const host = new URL(baseURL).hostname;
    return host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}

/**
 * The wait a response asked for, in ms: `retry-after-ms`, else `retry-after` in seconds or as
 * an HTTP date. `undefined` when absent or unreadable.
 */
export function retryAfter(headers: unknown): number | undefined {
  const get = (name: string): string | null | undefined =>
    headers && typeof (headers as Headers).get === 'function'
      ? (headers as Headers).get(name)
      : undefined;
  const ms = Number.parseFloat(get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  const value = get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const REMEDIES: Partial<Record<ModelErrorCode, string>> = {
  MODEL_RATE_LIMIT: 'Wait a moment and try again, or check the rate limits of your plan.',
  MODEL_SERVER: 'The provider had a problem; try again later.',
  MODEL_NETWORK: "Check your network connection and the tier's base_url.",
  MODEL_BAD_REQUEST: "Check the tier's model and base_url.",
};

/**
 * What to do about a rejected credential: the caller's `authRemedy`, then the registry's
 * `rejectedHint` for the provider, the usual reason a credential that looks right is refused
 * there (GitHub Models: the `models: read` permission).
 */
function rejectedRemedy(context: ErrorContext): Remedy | string | undefined {
  const hint = providerSpec(context.provider).rejectedHint;
  if (hint === undefined) return context.authRemedy;
  if (context.authRemedy === undefined) return [{ kind: 'advice', text: hint }];
  if (typeof context.authRemedy === 'string') return `${context.authRemedy}. ${hint}.`;
  return [...context.authRemedy, { kind: 'advice', text: hint }];
}

/**
 * Turns whatever an SDK threw into a `ModelError` with a stable code: 401/403 ->
 * `MODEL_AUTH` (with `authRemedy`), 429 -> `MODEL_RATE_LIMIT`, 5xx -> `MODEL_SERVER`,
 * other 4xx -> `MODEL_BAD_REQUEST`, no connection -> `MODEL_NETWORK`, cancelled ->
 * `MODEL_ABORTED`. The provider's message is kept, after `redactSecrets`. A
 * `ModelError` passes through unchanged. Errors that are not the SDK's (bugs) are
 * returned as they are, so the CLI reports them as internal errors.
 */
export function toModelError(error: unknown, context: ErrorContext): unknown {
  if (isModelError(error)) return error;
  const label = PROVIDER_LABELS[context.provider];
  const forTier = context.tier ? ` (tier "${context.tier}")` : '';
  const details = { provider: context.provider, tier: context.tier };
  const shape = (error ?? {}) as SdkErrorShape;
  // Stainless SDK errors keep `name` as 'Error'; their class names tell them apart.
  const name =
    typeof error === 'object' && error !== null
      ? `${shape.name ?? ''} ${(error as object).constructor?.name ?? ''}`
      : '';
  if (context.signal?.aborted || /\b(AbortError|APIUserAbortError)\b/.test(name)) {
    return new ModelError(
      'MODEL_ABORTED',
      `The request to ${label}${forTier} was cancelled.`,
      details,
    );
  }
  if (typeof error !== 'object' || error === null) return error;
  const { message: providerMessage, code: providerCode } = providerDetails(shape);
  // Provider and undici text: no secret the client holds, no URL with user info or query.
  const clean = (text: string) =>
    redactSecrets(withoutURLCredentials(firstMeaningfulLine(text)), context.secrets);

  if (typeof shape.status === 'number') {
    const code = codeForStatus(shape.status);
    // The SDK's message of a body that is not JSON is `<status> <body>`: the body is the news.
    const sdkText = shape.message?.replace(new RegExp(`^${shape.status}\\s+`), '');
    const text = clean(providerMessage ?? (sdkText || undefined) ?? `HTTP ${shape.status}`);
    const what =
      code === 'MODEL_AUTH'
        ? `${label} rejected the credential${forTier}`
        : `${label} answered HTTP ${shape.status}${forTier}`;
    const remedy = code === 'MODEL_AUTH' ? rejectedRemedy(context) : REMEDIES[code];
    const retryAfterMs = retryAfter((error as { headers?: unknown }).headers);
    return new ModelError(code, `${what}: ${text}`, {
      ...details,
      status: shape.status,
      providerCode,
      remedy,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  const network = systemCode(error);
  // A local server (Ollama, LM Studio) that is not running: say so, and how to start it.
  if (
    network === 'ECONNREFUSED' &&
    KEYLESS_PROVIDERS.includes(context.provider) &&
    isLoopback(context.baseURL)
  ) {
    const start =
      context.provider === 'ollama'
        ? 'start it with `ollama serve`'
        : 'start the server (e.g. LM Studio: Developer > Start Server)';
    return new ModelError(
      'MODEL_NETWORK',
      `${label} is not running at ${displayURL(context.baseURL)}${forTier}; ${start}.`,
      {
        ...details,
        remedy: context.provider === 'ollama' ? 'Run `ollama serve`' : 'Start the local server',
        cause: shape.cause,
      },
    );
  }
  if (network || /APIConnection(Timeout)?Error/.test(name)) {
    const reason =
      network ??
      (name.includes('Timeout')
        ? 'timed out'
        : clean(rootCauseMessage(error) ?? 'connection error'));
    return new ModelError(
      'MODEL_NETWORK',
      `Cannot reach ${label} at ${displayURL(context.baseURL)}${forTier}: ${reason}.`,
      { ...details, remedy: REMEDIES.MODEL_NETWORK, cause: network ? shape.cause : undefined },
    );
  }

  // An error event inside an otherwise successful stream (no HTTP status).
  if (providerCode || /\bAPIError\b/.test(name)) {
    const code = (providerCode && TYPE_CODES[providerCode]) || 'MODEL_SERVER';
    const text = clean(providerMessage ?? shape.message ?? 'unknown error');
    const remedy = code === 'MODEL_AUTH' ? rejectedRemedy(context) : REMEDIES[code];
    return new ModelError(code, `${label} reported an error${forTier}: ${text}`, {
      ...details,
      providerCode,
      remedy,
    });
  }
  return error;
}
