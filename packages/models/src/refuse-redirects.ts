/**
 * Credentials never follow a redirect. Every request that carries one (API calls through the
 * SDKs, the ChatGPT backend, the OAuth token endpoints) goes through this `fetch`, which asks
 * for `redirect: 'manual'` and turns any 3xx answer into an error: a redirect to another origin
 * would otherwise carry the key (and a tier's own credential headers such as `X-Gateway-Key`,
 * which fetch does not strip) there, and a token endpoint that redirects is not the issuer.
 * The error names the host and the status, never the Location (it may hold anything).
 */
import { displayURL } from '@flynn/core';
import { withConnectTimeout } from './connect-timeout.js';
import { ModelError } from './model-error.js';
import { NETWORK_TIMEOUTS } from './stream-with-timeouts.js';

export type FetchLike = typeof fetch;

function urlOf(input: Parameters<FetchLike>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/** `fetchImpl` (default the global `fetch`), refusing every redirect, with the connect limit. */
export function refuseRedirects(fetchImpl: FetchLike = fetch): FetchLike {
  // Every such request also has Flynn's connect limit (connect-timeout.ts).
  const guarded = withConnectTimeout(fetchImpl, NETWORK_TIMEOUTS.connectMs);
  return async (input, init) => {
    const response = await guarded(input, { ...init, redirect: 'manual' });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => {});
      throw new ModelError(
        'MODEL_NETWORK',
        `${displayURL(urlOf(input))} answered with a redirect (HTTP ${response.status}); Flynn does not follow redirects with credentials, so nothing was sent on.`,
        {
          status: response.status,
          remedy: [{ kind: 'advice', text: 'Point base_url (or the issuer) at the final address' }],
        },
      );
    }
    return response;
  };
}

/**
 * `fetchImpl` with 401, 403 and 429 answers marked `x-should-retry: false`, which the SDKs
 * obey: a tier with another credential to try moves to it at once instead of the SDK retrying
 * the refused one (and sleeping out a `retry-after`).
 */
export function noRetryOnRefusal(fetchImpl: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    if (![401, 403, 429].includes(response.status)) return response;
    const headers = new Headers(response.headers);
    headers.set('x-should-retry', 'false');
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
