// Every network wait of a model call has a limit, and the error says which host did not
// send what. The SDKs' own timeout (10 minutes) is one number for the whole request; a
// person waiting on a server that accepted the connection and never answered deserves
// to hear about it after a minute, naming the host, and "cancelled" is kept for the case
// where the person cancelled.
import { displayURL } from '@flynn/core';
import { linkAbortSignal } from './link-abort-signal.js';
import { isModelError, ModelError } from './model-error.js';
import { PROVIDER_LABELS } from './provider-info.js';
import type { ChatRequest, ModelClient, StreamEvent } from './types.js';

/**
 * The documented limits of each network wait, in ms: opening the connection (10 s), the
 * first byte of an answer (60 s), silence in the middle of a stream (60 s), and each
 * request of a login or credential check (30 s).
 */
export const NETWORK_TIMEOUTS = Object.freeze({
  connectMs: 10_000,
  firstByteMs: 60_000,
  silenceMs: 60_000,
  authMs: 30_000,
});

export interface StreamTimeouts {
  /** Longest wait for the first event of the answer (default {@link NETWORK_TIMEOUTS}.firstByteMs). */
  firstByteMs?: number;
  /** Longest silence between two events (default {@link NETWORK_TIMEOUTS}.silenceMs). */
  silenceMs?: number;
}

/** `ms` for people: "3 s", "1.5 s", "2 min". */
export function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/** The host (and port) of `baseURL` for a message; the whole display URL when it does not parse. */
export function hostOf(baseURL: string | undefined): string {
  if (!baseURL) return 'the server';
  try {
    return new URL(baseURL).host;
  } catch {
    return displayURL(baseURL);
  }
}

/**
 * `client.stream(request)` under {@link StreamTimeouts}: when the first event does not come
 * within `firstByteMs`, or the stream falls silent for `silenceMs`, the request is aborted
 * (the connection closed) and a `MODEL_NETWORK` error names the host and what did not
 * arrive. A cancel through `request.signal` still ends as the client's `MODEL_ABORTED`.
 */
export async function* streamWithTimeouts(
  client: ModelClient,
  request: ChatRequest,
  timeouts: StreamTimeouts = {},
): AsyncGenerator<StreamEvent> {
  const firstByteMs = timeouts.firstByteMs ?? NETWORK_TIMEOUTS.firstByteMs;
  const silenceMs = timeouts.silenceMs ?? NETWORK_TIMEOUTS.silenceMs;
  const link = linkAbortSignal(request.signal);
  let expired: ModelError | undefined;
  let timer: NodeJS.Timeout | undefined;
  const host = hostOf(client.baseURL);
  const label = PROVIDER_LABELS[client.provider] ?? client.provider;
  const arm = (ms: number, what: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      expired = new ModelError(
        'MODEL_NETWORK',
        `No ${what} from ${label} at ${host} within ${formatDuration(ms)}.`,
        {
          provider: client.provider,
          remedy:
            'Check that the server is up and reachable, or allow longer with --timeout SECONDS.',
        },
      );
      link.abort();
    }, ms);
  };
  arm(firstByteMs, 'answer');
  try {
    for await (const event of client.stream({ ...request, signal: link.signal })) {
      if (expired) throw expired;
      arm(silenceMs, 'further data (the answer stopped mid-stream)');
      yield event;
    }
    if (expired) throw expired;
  } catch (error) {
    if (expired && !request.signal?.aborted && (isModelError(error) || error === expired))
      throw expired;
    throw error;
  } finally {
    clearTimeout(timer);
    link.abort();
    link.dispose();
  }
}
