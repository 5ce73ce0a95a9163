// A loopback stand-in for the ChatGPT Codex backend (chatgpt.com/backend-api/codex),
// the endpoint behind OpenAI OAuth logins. It enforces what the real backend does:
// a valid bearer access token, a ChatGPT-Account-ID header, `stream: true`, no
// `system`-role input items and no `max_output_tokens`; errors use its `{"detail"}` shape.
import { type LoopbackServer, openSse, sendJson, startLoopbackServer } from './loopback-server.js';
import { planFromResponsesRequest, writeResponsesStream } from './responses-stream.js';
import { isRecord, type StreamOptions } from './stream-options.js';
import { decodeJwtPayload } from './unsigned-jwt.js';

export interface CodexBackendServerOptions extends StreamOptions {
  /** Decides which bearer tokens are valid; pass the OpenAI auth server itself. */
  auth: { isValidAccessToken(token: string): boolean };
  /** When set, `ChatGPT-Account-ID` must equal it (else 403); otherwise any value passes. */
  accountId?: string;
  /** Stream `response.failed` with this error code (e.g. 'rate_limit_exceeded'). */
  failWith?: { code: string; message?: string };
  /** End the stream after the text deltas, without `response.completed`. */
  truncate?: boolean;
  /**
   * Access tokens answered with this status (and headers) instead of a stream, e.g.
   * `{ [token]: { status: 429, headers: { 'retry-after': '120' } } }`; read on every request.
   */
  refuseTokens?: Record<string, { status: number; headers?: Record<string, string> }>;
}

export interface CodexBackendServer extends LoopbackServer {
  /** `${url}/backend-api/codex`; requests go to `${baseURL}/responses`. */
  baseURL: string;
}

/** Starts the backend; only POST `/backend-api/codex/responses` exists. */
export async function startCodexBackendServer(
  options: CodexBackendServerOptions,
): Promise<CodexBackendServer> {
  const text = options.text ?? 'Hello from codex';
  const server = await startLoopbackServer((request, response) => {
    const detail = (status: number, message: string) =>
      sendJson(response, status, { detail: message });
    if (request.method !== 'POST' || request.pathname !== '/backend-api/codex/responses') {
      return detail(404, 'Not Found');
    }
    const token = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (!token || !options.auth.isValidAccessToken(token)) {
      const exp = token ? decodeJwtPayload(token)?.exp : undefined;
      if (typeof exp === 'number' && exp * 1000 <= Date.now()) {
        return sendJson(response, 401, {
          error: {
            message: 'Provided authentication token is expired. Please try signing in again.',
            type: null,
            code: 'token_expired',
            param: null,
          },
          status: 401,
        });
      }
      return detail(401, 'Unauthorized');
    }
    const refusal = options.refuseTokens?.[token];
    if (refusal) {
      const body =
        refusal.status === 429
          ? { error: { type: 'usage_limit_reached', message: 'The usage limit has been reached' } }
          : { detail: 'Refused by the test server' };
      return sendJson(response, refusal.status, body, refusal.headers);
    }
    const account = request.headers['chatgpt-account-id'];
    if (typeof account !== 'string' || account === '') {
      return detail(400, 'Missing ChatGPT-Account-ID header');
    }
    if (options.accountId !== undefined && account !== options.accountId) {
      return detail(403, 'You do not have access to this account');
    }
    const body = request.json;
    if (!isRecord(body)) return detail(400, 'Request body must be a JSON object');
    if (body.stream !== true) return detail(400, 'Stream must be set to true');
    if (body.store === true) return detail(400, 'Store must be set to false');
    if (body.max_output_tokens !== undefined) {
      return detail(400, 'Unsupported parameter: max_output_tokens');
    }
    const input = Array.isArray(body.input) ? body.input : [];
    if (input.some((item) => isRecord(item) && item.role === 'system')) {
      return detail(400, 'System messages are not allowed');
    }
    const plan = planFromResponsesRequest(body, text, options.chunkSize);
    return writeResponsesStream(openSse(response, { delayMs: options.delayMs }), {
      ...plan,
      failWith: options.failWith,
      truncate: options.truncate,
    });
  });
  return { ...server, baseURL: `${server.url}/backend-api/codex` };
}
