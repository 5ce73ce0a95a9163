import type { StreamEvent } from '../src/types.js';

/** Reads a whole stream into an array of events. */
export async function collectEvents(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The text of a stream's text events, joined. */
export function textOf(events: StreamEvent[]): string {
  return events.map((event) => (event.type === 'text' ? event.text : '')).join('');
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Sets process.env entries for one test; returns a function that restores them. */
export function setProcessEnv(values: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  return () => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

/** Headers that carry a credential; a request must carry at most one. */
const CREDENTIAL_HEADERS = ['authorization', 'x-api-key', 'api-key'];

/** The credential-bearing headers of request `index` a loopback server recorded. */
export function credentialHeaders(
  server: { requests: ReadonlyArray<{ headers: Record<string, unknown> }> },
  index = 0,
): Record<string, unknown> {
  const headers = server.requests[index]?.headers ?? {};
  return Object.fromEntries(
    CREDENTIAL_HEADERS.filter((name) => headers[name] !== undefined).map((name) => [
      name,
      headers[name],
    ]),
  );
}
