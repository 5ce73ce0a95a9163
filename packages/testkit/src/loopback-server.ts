// A real `node:http` server on 127.0.0.1:0 that records every request it receives.
// Guarantees: it never listens beyond loopback, every request is recorded before its
// handler runs (so a test can assert on what reached the wire even when the handler
// rejects it), and close() destroys open sockets (keep-alive and streaming ones), so
// a test that forgot to consume a stream still ends promptly.
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it reached the server. */
export interface RecordedRequest {
  method: string;
  /** Path including the query string, e.g. `/v1/models?limit=2`. */
  path: string;
  /** Headers as Node parsed them (names lower-cased). */
  headers: IncomingHttpHeaders;
  /** The raw body, decoded as UTF-8 ('' when empty). */
  body: string;
  /** The body parsed as JSON, or `undefined` when it is empty or not JSON. */
  json: unknown;
}

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  url: string;
  /** Every request received so far, in arrival order. */
  requests: RecordedRequest[];
  /** Stops listening and destroys open connections. Safe to call twice. */
  close(): Promise<void>;
}

/** Handles one recorded request; `pathname` is `path` without the query string. */
export type LoopbackHandler = (
  request: RecordedRequest & { pathname: string; query: URLSearchParams },
  response: ServerResponse,
) => void | Promise<void>;

/**
 * Starts a server on 127.0.0.1 with an ephemeral port. Handler errors become a 500
 * JSON answer `{"error":{"message":...}}` rather than an unhandled rejection.
 */
export async function startLoopbackServer(handler: LoopbackHandler): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming, response) => {
    try {
      const recorded = await recordRequest(incoming);
      requests.push(recorded);
      const parsed = new URL(recorded.path, 'http://127.0.0.1');
      await handler(
        { ...recorded, pathname: parsed.pathname, query: parsed.searchParams },
        response,
      );
    } catch (error) {
      if (!response.headersSent) {
        sendJson(response, 500, { error: { message: `testkit handler failed: ${error}` } });
      } else {
        response.destroy();
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function recordRequest(incoming: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  return {
    method: incoming.method ?? 'GET',
    path: incoming.url ?? '/',
    headers: incoming.headers,
    body,
    json: parseJson(body),
  };
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Sends `body` as JSON with the given status and extra headers. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Writes Server-Sent Events to one response. */
export interface SseWriter {
  /**
   * Writes one event: an `event:` line when `event` is given, then `data:` lines
   * (objects as JSON, strings as is, split on newlines), then a blank line. Waits
   * `delayMs` first unless this is the first event. Resolves `false`, without
   * writing, once the client has gone.
   */
  send(data: unknown, event?: string): Promise<boolean>;
  /** Ends the stream cleanly (no-op when the client has gone). */
  end(): void;
  /** True once the client disconnected or the stream ended. */
  readonly closed: boolean;
}

/**
 * Sends the SSE status line and headers (200, `text/event-stream`) and returns a
 * writer. Honours back-pressure, so long streams cost memory only as fast as the
 * client reads.
 */
export function openSse(
  response: ServerResponse,
  options: { delayMs?: number; headers?: OutgoingHttpHeaders } = {},
): SseWriter {
  const delayMs = options.delayMs ?? 0;
  let closed = false;
  let sent = 0;
  const waiters = new Set<() => void>();
  response.once('close', () => {
    closed = true;
    for (const wake of waiters) wake();
  });
  response.writeHead(200, {
    ...options.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  response.flushHeaders();

  const wait = (register: (wake: () => void) => void) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        waiters.delete(wake);
        resolve();
      };
      waiters.add(wake);
      register(wake);
    });

  return {
    get closed() {
      return closed;
    },
    async send(data, event) {
      if (sent > 0 && delayMs > 0 && !closed) {
        let timer: NodeJS.Timeout | undefined;
        await wait((wake) => {
          timer = setTimeout(wake, delayMs);
        });
        clearTimeout(timer);
      }
      if (closed) return false;
      sent += 1;
      const payload = typeof data === 'string' ? data : JSON.stringify(data);
      let frame = event === undefined ? '' : `event: ${event}\n`;
      for (const line of payload.split('\n')) frame += `data: ${line}\n`;
      if (!response.write(`${frame}\n`) && !closed) {
        await wait((wake) => response.once('drain', wake));
      }
      return !closed;
    },
    end() {
      if (closed) return;
      closed = true;
      response.end();
    },
  };
}
