// Small HTTP helpers for the OAuth endpoints and the Codex backend. Provider text that
// becomes part of an error passes through the package's `redactSecrets` first.
import { isModelError, ModelError, type ModelErrorCode } from '../model-error.js';

import { refuseRedirects } from '../refuse-redirects.js';

/** Every auth request (user code, polls, exchange, refresh) gives up after this long. */
export const AUTH_REQUEST_TIMEOUT_MS = 30_000;

/** The `fetch` signature the OAuth path uses; injectable for tests. */
export type FetchLike = typeof fetch;

/** What an error body said: the provider's code and message, either may be missing. */
export interface ProviderErrorInfo {
  code?: string;
  message?: string;
}

function stringField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' && field !== '' ? field : undefined;
}

/**
 * Reads the error shapes OpenAI's servers use: `{"error":{"code","message"}}`,
 * OAuth's `{"error":"invalid_grant","error_description"}`, and the backend's `{"detail"}`.
 */
export function providerErrorInfo(body: unknown): ProviderErrorInfo {
  if (typeof body !== 'object' || body === null) return {};
  const error = (body as Record<string, unknown>).error;
  if (typeof error === 'string') {
    return { code: error, message: stringField(body, 'error_description') };
  }
  const detail = (body as Record<string, unknown>).detail;
  return {
    code: stringField(error, 'code') ?? stringField(error, 'type'),
    message:
      stringField(error, 'message') ??
      (typeof detail === 'string' ? detail : stringField(detail, 'message')),
  };
}

/** Parses `text` as JSON; `undefined` when it is not JSON. */
export function parseJsonSafely(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True when `error` is (or was caused by) the caller's abort. */
export function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'AbortError';
}

export interface HttpResult {
  status: number;
  ok: boolean;
  body: unknown;
}

/**
 * POSTs and reads the whole answer as JSON. Network failures become `MODEL_NETWORK`
 * (or `abortCode` when `signal` fired); the status is returned, not thrown.
 */
export async function postForJson(
  fetchImpl: FetchLike,
  url: string,
  init: {
    body: string;
    contentType: string;
    signal?: AbortSignal;
    abortCode: ModelErrorCode;
    /** No answer within this long fails as `MODEL_NETWORK` naming the host (default 30 s). */
    timeoutMs?: number;
  },
): Promise<HttpResult> {
  const timeout = AbortSignal.timeout(init.timeoutMs ?? AUTH_REQUEST_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    const response = await refuseRedirects(fetchImpl)(url, {
      method: 'POST',
      headers: { 'Content-Type': init.contentType, Accept: 'application/json' },
      body: init.body,
      signal,
    });
    const text = await response.text();
    return { status: response.status, ok: response.ok, body: parseJsonSafely(text) };
  } catch (error) {
    if (isModelError(error)) throw error;
    throw networkError(
      error,
      url,
      signal,
      init.abortCode,
      init.timeoutMs ?? AUTH_REQUEST_TIMEOUT_MS,
    );
  }
}

/** The `ModelError` for a fetch that threw: aborted, or a network failure naming the host. */
export function networkError(
  error: unknown,
  url: string,
  signal: AbortSignal | undefined,
  abortCode: ModelErrorCode,
  timeoutMs?: number,
): ModelError {
  if (isModelError(error)) return error;
  const host = safeHost(url);
  if ((signal?.reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    const within = timeoutMs === undefined ? '' : ` (no answer within ${timeoutMs / 1000} s)`;
    return new ModelError('MODEL_NETWORK', `Timed out waiting for ${host}${within}.`, {
      provider: 'openai',
      remedy: 'Check your network connection and try again.',
    });
  }
  if (isAbort(error, signal)) {
    return new ModelError(abortCode, 'The request was cancelled.', { provider: 'openai' });
  }
  const reason = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return new ModelError(
    'MODEL_NETWORK',
    `Could not reach ${host}${typeof reason === 'string' ? ` (${reason})` : ''}.`,
    {
      provider: 'openai',
      // undici quotes a URL with user info in full in its message: keep such a cause out.
      cause: hasUserinfo(url) ? undefined : error,
      remedy: 'Check your network connection and try again.',
    },
  );
}

function hasUserinfo(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/** Rejects after `ms`, or at once with the signal's reason when it fires. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
