// `--verify` and `doctor --online`: one cheap authenticated call. Gateways (LiteLLM,
// corporate proxies) often forward only the inference routes, so a models route that
// answers 404/405 says nothing about the key: then one request for one token of the
// tier's model decides, and the result names which check was made.
import { isModelError, ModelError } from './model-error.js';
import { formatDuration, hostOf, NETWORK_TIMEOUTS } from './stream-with-timeouts.js';
import type { ModelClient } from './types.js';

/** Which call showed the credential works: the models route, or a one-token answer. */
export type CredentialCheck = 'models' | 'one-token';

export interface CheckCredentialOptions {
  /** Cancels the check (the error is then the client's `MODEL_ABORTED`). */
  signal?: AbortSignal;
  /** Limit of each call (default {@link NETWORK_TIMEOUTS}.authMs, 30 s). */
  timeoutMs?: number;
  /**
   * Fall back to a one-token request when the models route answers 404/405 (default true).
   * Off, that answer fails as a `MODEL_BAD_REQUEST` saying the server has no models route.
   */
  fallback?: boolean;
}

/**
 * Calls `client.probe()` (the models route); when that answers 404 or 405, sends one
 * request for one token of `client.model` instead. Resolves to the check that succeeded.
 * @throws ModelError: the failing call's error (`MODEL_AUTH` for a rejected credential), or
 *   `MODEL_NETWORK` naming the host when a call did not answer within `timeoutMs`.
 */
export async function checkCredential(
  client: ModelClient,
  options: CheckCredentialOptions = {},
): Promise<{ check: CredentialCheck }> {
  try {
    await withLimit(client, options, 'an answer to the credential check', (signal) =>
      client.probe(signal),
    );
    return { check: 'models' };
  } catch (error) {
    if (!isModelError(error) || (error.status !== 404 && error.status !== 405)) throw error;
    if (options.fallback === false) {
      throw new ModelError(
        'MODEL_BAD_REQUEST',
        `${hostOf(client.baseURL)} has no models route (HTTP ${error.status}), and no model was named for a one-token request instead.`,
        {
          provider: client.provider,
          status: error.status,
          remedy:
            'Configure a tier with this base_url and its model, then verify again (a one-token request is made then)',
        },
      );
    }
  }
  await withLimit(client, options, 'an answer to a one-token request', async (signal) => {
    for await (const _event of client.stream({
      messages: [{ role: 'user', content: 'ping' }],
      maxOutputTokens: 1,
      signal,
    })) {
      // Every event is drained: the stream's end proves the request was accepted.
    }
  });
  return { check: 'one-token' };
}

/**
 * What `check` was, for people, to follow "checked with": `the models route`, or
 * `a one-token request to gpt-4.1 (no models route)`.
 */
export function describeCredentialCheck(check: CredentialCheck, model?: string): string {
  switch (check) {
    case 'models':
      return 'the models route';
    case 'one-token':
      return `a one-token request${model ? ` to ${model}` : ''} (no models route)`;
    default: {
      const never: never = check;
      return never;
    }
  }
}

async function withLimit(
  client: ModelClient,
  options: CheckCredentialOptions,
  what: string,
  call: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? NETWORK_TIMEOUTS.authMs;
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  let expired = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      expired = true;
      controller.abort();
      reject(
        new ModelError(
          'MODEL_NETWORK',
          `No ${what} from ${hostOf(client.baseURL)} within ${formatDuration(timeoutMs)}.`,
          {
            provider: client.provider,
            remedy: 'Check that the server is up and reachable, or allow longer with --timeout',
          },
        ),
      );
    }, timeoutMs);
  });
  const running = call(controller.signal);
  running.catch(() => {});
  try {
    await Promise.race([running, timeout]);
  } catch (error) {
    if (expired && !options.signal?.aborted) {
      throw await timeout.catch((reason: unknown) => reason);
    }
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
