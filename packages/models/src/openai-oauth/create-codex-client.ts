import { randomUUID } from 'node:crypto';
import type { LockWait } from '@flynn/auth-store';
import type { Env } from '@flynn/config';
import { ModelError } from '../model-error.js';
import { displayURL } from '../provider-info.js';
import { refuseRedirects } from '../refuse-redirects.js';
import { retryAfter } from '../to-model-error.js';
import type { ChatRequest, ModelClient, StreamEvent } from '../types.js';
import { codexHttpFailure, codexIncomplete, codexStreamFailure } from './codex-errors.js';
import { codexRequestBody, codexRequestHeaders } from './codex-request.js';
import { FLYNN_MODELS_VERSION } from './flynn-version.js';
import {
  type FreshAccessToken,
  getFreshOpenAIAccessToken,
} from './get-fresh-openai-access-token.js';
import { type FetchLike, isAbort, networkError, parseJsonSafely } from './oauth-http.js';
import type { OpenAIOAuthSettings } from './openai-oauth-settings.js';
import { SseParser } from './sse-parser.js';

export interface CodexClientOptions {
  model: string;
  settings: OpenAIOAuthSettings;
  storePath?: string;
  env?: Env;
  /** The tier's extra headers; they cannot replace the credential or framing headers. */
  headers?: Record<string, string>;
  fetch?: FetchLike;
  /** For error messages. */
  tier?: string;
  /** Version in `User-Agent: flynn/<version>`; default this package's version. */
  version?: string;
  /** Told once when a token refresh has waited a second on another process's lock. */
  onLockWait?: (wait: LockWait) => void | (() => void);
  /** The profile whose ChatGPT login is used and refreshed (default: `openai.oauth`). */
  profile?: string;
}

/** Events worth parsing; everything else (item and part bookkeeping) is skipped unparsed. */
const HANDLED_EVENTS = new Set([
  'response.output_text.delta',
  'response.completed',
  'response.incomplete',
  'response.failed',
  'error',
]);

interface CodexEvent {
  type?: string;
  delta?: unknown;
  code?: string;
  message?: string;
  response?: {
    status?: string;
    usage?: { input_tokens?: number; output_tokens?: number } | null;
    error?: { code?: string; message?: string } | null;
    incomplete_details?: { reason?: string } | null;
  };
}

function aborted(tier: string | undefined): ModelError {
  return new ModelError('MODEL_ABORTED', 'The request was cancelled.', {
    provider: 'openai',
    tier,
  });
}

/**
 * A `ModelClient` for the OpenAI OAuth path: the ChatGPT Codex backend over SSE.
 * - `supportsTools` is false: a request with tools throws `MODEL_TOOLS_UNSUPPORTED` before
 *   anything is sent.
 * - Each request first gets a fresh access token (refreshed under the store lock when within
 *   5 minutes of expiry); a 401 answer triggers exactly one forced refresh and one retry.
 * - `stream` yields text deltas, then usage, then done; errors are `ModelError`s (a
 *   `response.failed` carries the backend's code as `providerCode`; a stream that ends before
 *   `response.completed` is `MODEL_STREAM_INCOMPLETE`; a fired signal is `MODEL_ABORTED`).
 * - `probe` has no cheap endpoint to call (the backend offers none), so it sends a minimal
 *   streamed request and cancels it as soon as the backend accepts it (HTTP 200): this
 *   proves token, account id and backend together at the cost of one tiny request.
 */
export function createCodexClient(options: CodexClientOptions): ModelClient {
  const { model, settings, tier } = options;
  const fetchImpl = refuseRedirects(options.fetch ?? fetch);
  const sessionId = randomUUID();
  const version = options.version ?? FLYNN_MODELS_VERSION;
  const url = `${settings.backendUrl}/responses`;
  const tokenOptions = {
    settings,
    storePath: options.storePath,
    env: options.env,
    fetch: options.fetch,
    tier,
    onLockWait: options.onLockWait,
    profile: options.profile,
  };

  async function send(token: FreshAccessToken, body: string, signal?: AbortSignal) {
    try {
      return await fetchImpl(url, {
        method: 'POST',
        headers: codexRequestHeaders({
          ...token,
          sessionId,
          version,
          tierHeaders: options.headers,
        }),
        body,
        signal,
      });
    } catch (error) {
      throw networkError(error, url, signal, 'MODEL_ABORTED');
    }
  }

  /** POSTs `body` with a fresh token; one forced refresh and retry on 401; throws on non-2xx. */
  async function open(body: string, signal?: AbortSignal) {
    let token = await getFreshOpenAIAccessToken({ ...tokenOptions, signal });
    let response = await send(token, body, signal);
    if (response.status === 401) {
      await response.body?.cancel().catch(() => {});
      token = await getFreshOpenAIAccessToken({
        ...tokenOptions,
        signal,
        force: true,
        rejectedAccessToken: token.accessToken,
      });
      response = await send(token, body, signal);
    }
    if (!response.ok) {
      let text = '';
      try {
        text = await response.text();
      } catch (error) {
        throw networkError(error, url, signal, 'MODEL_ABORTED');
      }
      throw codexHttpFailure(response.status, parseJsonSafely(text), {
        tier,
        secrets: [token.accessToken],
        retryAfterMs: retryAfter(response.headers),
      });
    }
    return { response, secrets: [token.accessToken] };
  }

  async function* stream(request: ChatRequest): AsyncGenerator<StreamEvent> {
    if (request.tools && request.tools.length > 0) {
      throw new ModelError(
        'MODEL_TOOLS_UNSUPPORTED',
        'Tools are not supported on the OpenAI OAuth path (ChatGPT Codex backend). ' +
          'Use an OpenAI API key for this tier (`auth_mode: api_key`) to use tools.',
        {
          provider: 'openai',
          tier,
          remedy: [
            { kind: 'login', provider: 'openai', credential: 'api_key' },
            { kind: 'advice', text: 'Set auth_mode: api_key on this tier' },
          ],
        },
      );
    }
    const { signal } = request;
    if (signal?.aborted) throw aborted(tier);
    const { response, secrets } = await open(
      JSON.stringify(codexRequestBody(model, request)),
      signal,
    );
    if (!response.body) throw codexIncomplete(tier);
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    let finished = false;
    try {
      while (!finished) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (isAbort(error, signal)) throw aborted(tier);
          throw codexIncomplete(tier, error);
        }
        if (chunk.done) break;
        const messages = parser.feed(decoder.decode(chunk.value, { stream: true }));
        for (let index = 0; index < messages.length && !finished; index++) {
          const message = messages[index] as (typeof messages)[number];
          if (message.event !== undefined && !HANDLED_EVENTS.has(message.event)) continue;
          let event: CodexEvent;
          try {
            event = JSON.parse(message.data) as CodexEvent;
          } catch {
            continue;
          }
          const type = event.type ?? message.event;
          if (type === 'response.output_text.delta') {
            if (typeof event.delta === 'string' && event.delta !== '') {
              yield { type: 'text', text: event.delta };
            }
          } else if (type === 'response.completed' || type === 'response.incomplete') {
            finished = true;
            const usage = event.response?.usage;
            if (usage) {
              yield {
                type: 'usage',
                inputTokens: usage.input_tokens,
                outputTokens: usage.output_tokens,
              };
            }
            const reason = event.response?.incomplete_details?.reason;
            yield { type: 'done', stopReason: reason ?? event.response?.status ?? 'completed' };
          } else if (type === 'response.failed') {
            const error = event.response?.error ?? {};
            throw codexStreamFailure(
              { code: error.code, message: error.message },
              { tier, secrets },
            );
          } else if (type === 'error') {
            throw codexStreamFailure(
              { code: event.code, message: event.message },
              { tier, secrets },
            );
          }
        }
      }
      if (!finished) throw signal?.aborted ? aborted(tier) : codexIncomplete(tier);
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  return {
    provider: 'openai',
    model,
    supportsTools: false,
    baseURL: displayURL(settings.backendUrl),
    stream,
    async probe(signal?: AbortSignal) {
      const body = codexRequestBody(model, {
        messages: [{ role: 'user', content: 'ping' }],
        system: 'Reply with OK.',
      });
      const { response } = await open(JSON.stringify(body), signal);
      await response.body?.cancel().catch(() => {});
    },
  };
}
