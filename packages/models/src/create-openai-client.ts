// Guarantees: the `openai` SDK gets every value it would otherwise read from the
// environment (key, base URL, organization, project, admin key, log level, custom
// headers), so OPENAI_* variables never reach the wire; exactly one credential header
// is sent (none for a keyless local server); the SDK is loaded on first use.
import type { ProviderId } from '@flynn/config';
import type { Remedy } from '@flynn/core';
import type OpenAI from 'openai';
import { ModelError } from './model-error.js';
import {
  DEFAULT_BASE_URLS,
  displayURL,
  KEYLESS_PROVIDERS,
  PROVIDER_LABELS,
} from './provider-info.js';
import { noRetryOnRefusal, refuseRedirects } from './refuse-redirects.js';
import { sdkDefaultHeaders } from './sdk-default-headers.js';
import { streamOpenAIChat } from './stream-openai-chat.js';
import { type ErrorContext, toModelError } from './to-model-error.js';
import { toOpenAIChatRequest } from './to-openai-chat-request.js';
import type { ChatRequest, ModelClient, StreamEvent } from './types.js';

/** A provider spoken to over the OpenAI chat wire (the registry's `openai-chat` providers). */
export type OpenAICompatibleProvider = ProviderId;

export interface OpenAIClientOptions {
  model: string;
  /**
   * The API key, sent as `Authorization: Bearer`. May be omitted only for `ollama` and
   * `openai-compatible`: then no Authorization header is sent at all (Ollama and LM
   * Studio accept requests without one).
   */
  apiKey?: string;
  /** Default: the provider's endpoint (`openai-compatible` has none and requires it). */
  baseURL?: string;
  /**
   * Extra headers, sent as given (gateways, local servers). With an `apiKey`, the
   * Authorization header is always the key's; without one, a configured
   * Authorization header is sent as it is.
   */
  headers?: Readonly<Record<string, string>>;
  /** Default `openai`. */
  provider?: OpenAICompatibleProvider;
  /** Named in error messages. */
  tier?: string;
  /** The remedy on a rejected credential (401/403), e.g. "Run `flynn openai-key` ...". */
  authRemedy?: Remedy | string;
  /** SDK retries on 429/5xx/connection errors before giving up; default 1. */
  maxRetries?: number;
  /** Never let the SDK retry a 401/403/429: the caller has another credential to try. */
  failover?: boolean;
  /** Per-request timeout in ms; default the SDK's (10 minutes). */
  timeoutMs?: number;
  /**
   * Told the headers of every HTTP answer (before the SDK reads it), e.g. to learn GitHub's
   * `github-authentication-token-expiration`. Must not throw.
   */
  onResponseHeaders?: (headers: Headers) => void;
}

/** `fetchImpl`, telling `observe` the headers of each answer. */
function observingHeaders(fetchImpl: typeof fetch, observe: (headers: Headers) => void) {
  return async (...args: Parameters<typeof fetch>) => {
    const response = await fetchImpl(...args);
    try {
      observe(response.headers);
    } catch {
      // An observer's bug must not fail the request.
    }
    return response;
  };
}

function withObserver(
  fetchImpl: typeof fetch,
  observe: ((headers: Headers) => void) | undefined,
): typeof fetch {
  return observe ? (observingHeaders(fetchImpl, observe) as typeof fetch) : fetchImpl;
}

/** A placeholder the SDK insists on when there is no key; never sent (Authorization is replaced). */
const NO_KEY = 'no-key';

/** Flynn's Authorization header: the key's, else the tier's own, else none at all. */
function credentialHeader(
  apiKey: string | undefined,
  tierHeaders: Readonly<Record<string, string>> | undefined,
): Record<string, string | null> {
  if (apiKey) return { authorization: `Bearer ${apiKey}` };
  const configured = Object.keys(tierHeaders ?? {}).some(
    (name) => name.toLowerCase() === 'authorization',
  );
  return configured ? {} : { authorization: null };
}

/**
 * A `ModelClient` for OpenAI and every OpenAI-compatible provider (Z.AI, GitHub
 * Models, Ollama, other compatible servers) over chat-completions streaming, with
 * tools. Throws a `ModelError` (`MODEL_BAD_REQUEST`) at once when `openai-compatible`
 * has no base URL, or (`MODEL_AUTH`) when a hosted provider has no key.
 */
export function createOpenAIClient(options: OpenAIClientOptions): ModelClient {
  const provider = options.provider ?? 'openai';
  const label = PROVIDER_LABELS[provider];
  const details = { provider, tier: options.tier };
  const baseURL = options.baseURL ?? DEFAULT_BASE_URLS[provider];
  if (!baseURL) {
    throw new ModelError('MODEL_BAD_REQUEST', `${label} needs a base_url.`, {
      ...details,
      remedy: 'Set base_url on the tier, e.g. "http://127.0.0.1:1234/v1".',
    });
  }
  const apiKey = options.apiKey?.trim() || undefined;
  if (!apiKey && !KEYLESS_PROVIDERS.includes(provider)) {
    throw new ModelError('MODEL_AUTH', `No API key was given for ${label}.`, {
      ...details,
      remedy: options.authRemedy,
    });
  }
  const context: ErrorContext = {
    provider,
    tier: options.tier,
    baseURL,
    secrets: [apiKey],
    authRemedy: options.authRemedy,
  };

  let sdk: Promise<OpenAI> | undefined;
  const getSdk = () => {
    sdk ??= import('openai').then(
      ({ OpenAI: OpenAIClass }) =>
        new OpenAIClass({
          apiKey: apiKey ?? NO_KEY,
          baseURL,
          organization: null,
          project: null,
          adminAPIKey: null,
          webhookSecret: null,
          logLevel: 'off',
          fetch: withObserver(
            options.failover ? noRetryOnRefusal(refuseRedirects()) : refuseRedirects(),
            options.onResponseHeaders,
          ),
          maxRetries: options.maxRetries ?? 1,
          ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
          defaultHeaders: sdkDefaultHeaders({
            customHeadersVar: 'OPENAI_CUSTOM_HEADERS',
            tierHeaders: options.headers,
            fixed: credentialHeader(apiKey, options.headers),
          }),
        }),
    );
    return sdk;
  };

  function stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    const body = toOpenAIChatRequest(options.model, provider, request);
    const open = async (signal: AbortSignal) =>
      (await getSdk()).chat.completions.create(body, { signal });
    return streamOpenAIChat(open, request.signal, context);
  }

  return {
    provider,
    model: options.model,
    supportsTools: true,
    baseURL: displayURL(baseURL),
    stream,
    async probe(signal?: AbortSignal) {
      try {
        const client = await getSdk();
        // GitHub Models lists models in its catalog, beside the inference endpoint.
        const catalog =
          provider === 'github' && /\/inference\/?$/.test(baseURL)
            ? baseURL.replace(/\/inference\/?$/, '/catalog/models')
            : undefined;
        if (catalog) await client.get(catalog, { signal });
        else await client.models.list({ signal });
      } catch (error) {
        throw toModelError(error, { ...context, signal });
      }
    },
  };
}
