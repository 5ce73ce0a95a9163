// Flynn's own limit on opening a connection (10 s, NETWORK_TIMEOUTS.connectMs), apart from
// the first byte of an answer (60 s). The global fetch gives no hook for "connected", but
// Node's fetch (undici) publishes `undici:client:sendHeaders` on diagnostics_channel once a
// request's headers are written to a socket, which is after TCP (and TLS) are up, on a new
// connection and on a reused one alike. Until that event for the request's origin, a timer
// runs; when it fires the request is aborted and a `MODEL_NETWORK` error names the host and
// says no connection was made. Only the global fetch is guarded: another fetch (a test's)
// publishes nothing. One request at a time per origin is the CLI's pattern; a concurrent
// request to the same origin could only end the wait early, never cut a connected one.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { ModelError } from './model-error.js';

type FetchLike = typeof fetch;
const SEND_HEADERS = 'undici:client:sendHeaders';

function urlOf(input: Parameters<FetchLike>[0]): URL {
  if (typeof input === 'string') return new URL(input);
  if (input instanceof URL) return input;
  return new URL(input.url);
}

/**
 * `fetchImpl` with a limit of `connectMs` on making the connection (until the request's
 * headers are sent). Other fetches than the global one are returned as they are.
 * @throws ModelError `MODEL_NETWORK` "No connection to HOST within 10 s" when it fires.
 */
export function withConnectTimeout(fetchImpl: FetchLike, connectMs: number): FetchLike {
  if (fetchImpl !== globalThis.fetch) return fetchImpl;
  return async (input, init) => {
    const url = urlOf(input);
    const outer = init?.signal ?? undefined;
    if (outer?.aborted) return fetchImpl(input, init);
    const controller = new AbortController();
    // The caller's cancel reaches the request for as long as it lives (the body too).
    const onOuterAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    const onHeaders = (message: unknown) => {
      const origin = (message as { request?: { origin?: unknown } })?.request?.origin;
      if (typeof origin === 'string' && new URL(origin).origin === url.origin) connected();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, connectMs);
    const connected = () => {
      clearTimeout(timer);
      unsubscribe(SEND_HEADERS, onHeaders);
    };
    subscribe(SEND_HEADERS, onHeaders);
    try {
      return await fetchImpl(input, { ...init, signal: controller.signal });
    } catch (error) {
      outer?.removeEventListener('abort', onOuterAbort);
      if (timedOut && !outer?.aborted) {
        // Not "timed out": the SDKs turn that wording into a bare timeout and drop the host.
        const seconds = connectMs / 1000;
        throw new ModelError(
          'MODEL_NETWORK',
          `no connection to ${url.host} within ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`,
          {
            remedy:
              'Check that the server is up and that nothing (a firewall, a VPN) drops the connection',
          },
        );
      }
      throw error;
    } finally {
      connected();
    }
  };
}
