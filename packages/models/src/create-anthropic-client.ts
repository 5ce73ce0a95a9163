// Guarantees: `@anthropic-ai/sdk` gets exactly one credential and the base URL
// explicitly, so it never reads ANTHROPIC_API_KEY / ANTHROPIC_AUTH_TOKEN /
// ANTHROPIC_BASE_URL or profile files; ANTHROPIC_CUSTOM_HEADERS cannot add a header;
// the credential goes out as `Authorization: Bearer` and nowhere else; the OAuth beta
// flag is added only for `sk-ant-oat` tokens. The SDK is loaded on first use.
import type Anthropic from '@anthropic-ai/sdk';
import type { Stream } from '@anthropic-ai/sdk/core/streaming';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Remedy } from '@flynn/core';
import { anthropicBetaHeader } from './anthropic-beta-header.js';
import { DEFAULT_BASE_URLS, displayURL } from './provider-info.js';
import { noRetryOnRefusal, refuseRedirects } from './refuse-redirects.js';
import { sdkDefaultHeaders } from './sdk-default-headers.js';
import { streamAnthropicMessages } from './stream-anthropic-messages.js';
import { toAnthropicRequest } from './to-anthropic-request.js';
import { type ErrorContext, toModelError } from './to-model-error.js';
import type { ChatRequest, ModelClient, StreamEvent } from './types.js';

export interface AnthropicClientOptions {
  model: string;
  /** Default `https://api.anthropic.com` (the SDK adds `/v1`). */
  baseURL?: string;
  /**
   * Extra headers, sent as given, except that a configured `anthropic-beta` is merged
   * (not replaced) and credential headers (`authorization`, `x-api-key`) carry only the
   * one credential given here.
   */
  headers?: Readonly<Record<string, string>>;
  /** An API key. Exactly one of `apiKey` and `authToken`. */
  apiKey?: string;
  /** An auth token (Console OAuth token or a gateway's bearer token). */
  authToken?: string;
  /** Named in error messages. */
  tier?: string;
  /** The remedy on a rejected credential (401/403). */
  authRemedy?: Remedy | string;
  /** SDK retries on 429/5xx/connection errors before giving up; default 1. */
  maxRetries?: number;
  /** Never let the SDK retry a 401/403/429: the caller has another credential to try. */
  failover?: boolean;
  /** Per-request timeout in ms; default the SDK's (10 minutes). */
  timeoutMs?: number;
}

/**
 * A `ModelClient` for the Anthropic Messages API, streaming, with tools. Throws a
 * `TypeError` unless exactly one of `apiKey` / `authToken` is a non-empty string.
 */
export function createAnthropicClient(options: AnthropicClientOptions): ModelClient {
  const apiKey = options.apiKey?.trim() || undefined;
  const authToken = options.authToken?.trim() || undefined;
  if ((apiKey === undefined) === (authToken === undefined)) {
    throw new TypeError('createAnthropicClient needs exactly one of apiKey and authToken.');
  }
  const secret = (apiKey ?? authToken) as string;
  const baseURL = options.baseURL ?? (DEFAULT_BASE_URLS.anthropic as string);
  const context: ErrorContext = {
    provider: 'anthropic',
    tier: options.tier,
    baseURL,
    secrets: [secret],
    authRemedy: options.authRemedy,
  };
  const beta = anthropicBetaHeader(options.headers, authToken);

  let sdk: Promise<Anthropic> | undefined;
  const getSdk = () => {
    sdk ??= import('@anthropic-ai/sdk').then(
      ({ Anthropic: AnthropicClass }) =>
        new AnthropicClass({
          // `null` for the other option keeps its environment variable unread.
          apiKey: apiKey ?? null,
          authToken: authToken ?? null,
          baseURL,
          webhookKey: null,
          logLevel: 'off',
          fetch: options.failover ? noRetryOnRefusal(refuseRedirects()) : refuseRedirects(),
          maxRetries: options.maxRetries ?? 1,
          ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
          defaultHeaders: sdkDefaultHeaders({
            customHeadersVar: 'ANTHROPIC_CUSTOM_HEADERS',
            tierHeaders: options.headers,
            fixed: {
              authorization: `Bearer ${secret}`,
              'x-api-key': null,
              'anthropic-beta': beta ?? null,
            },
          }),
        }),
    );
    return sdk;
  };

  function stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const body = toAnthropicRequest(options.model, request);
    // `client.post` rather than `messages.create`: the latter prints deprecation
    // warnings with console.warn, and a library must not print.
    const open = async (signal: AbortSignal) =>
      (await getSdk()).post<Stream<RawMessageStreamEvent>>('/v1/messages', {
        body,
        stream: true,
        signal,
      });
    return streamAnthropicMessages(open, request.signal, context);
  }

  return {
    provider: 'anthropic',
    model: options.model,
    supportsTools: true,
    baseURL: displayURL(baseURL),
    stream,
    async probe(signal?: AbortSignal) {
      try {
        const client = await getSdk();
        await client.models.list({ limit: 1 }, { signal });
      } catch (error) {
        throw toModelError(error, { ...context, signal });
      }
    },
  };
}
