// A loopback stand-in for the Anthropic API: `/v1/messages` (SSE and JSON) and
// `/v1/models`, with the real service's header rules: `anthropic-version` required,
// credentials from `x-api-key` or `Authorization: Bearer`, and OAuth tokens
// (`sk-ant-oat…`) refused unless `anthropic-beta` names `oauth-2025-04-20`.
import type { ServerResponse } from 'node:http';
import { type EchoCredential, echoedCredential } from './echo-credential.js';
import { type LoopbackServer, openSse, sendJson, startLoopbackServer } from './loopback-server.js';
import {
  asksForWeather,
  chunkText,
  contentText,
  countTokens,
  isRecord,
  randomId,
  type StreamOptions,
  TOOL_CALL_ARGUMENTS,
} from './stream-options.js';

export interface AnthropicServerOptions extends StreamOptions {
  /** Accepted API keys (from `x-api-key` or bearer). */
  apiKeys?: string[];
  /** Accepted auth tokens (bearer only). Both lists `undefined` = any credential. */
  authTokens?: string[];
  /** Model ids listed by `/v1/models`; default `['claude-sonnet-4-6', 'claude-haiku-4-5']`. */
  models?: string[];
  /** Answer every `/v1/messages` request with this status and Anthropic's error body for it. */
  errorStatus?: number;
  /**
   * Put the rejected credential in the 401 message (`invalid x-api-key: <credential>`),
   * whole (`full`) or as `sk-ant-api03-ABCD...WXYZ` (`truncated`); the real service does
   * not. For leak tests: Flynn must redact what a server echoes.
   */
  echoCredential?: EchoCredential;
}

export interface AnthropicServer extends LoopbackServer {
  /** The SDK's `baseURL` (the server root; the SDK adds `/v1`). */
  baseURL: string;
}

/** The beta flag Anthropic requires alongside OAuth access tokens. */
export const ANTHROPIC_OAUTH_BETA = 'oauth-2025-04-20';

const ERROR_TYPES: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found'],
  429: ['rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

/**
 * Starts the server. With tools in the request and a last user message containing
 * "weather", the answer is a `tool_use` block for the first tool (input streamed as
 * `input_json_delta`, stop reason `tool_use`) instead of text.
 */
export async function startAnthropicServer(
  options: AnthropicServerOptions = {},
): Promise<AnthropicServer> {
  const text = options.text ?? 'Hello from anthropic';
  const models = options.models ?? ['claude-sonnet-4-6', 'claude-haiku-4-5'];
  const restricted = options.apiKeys !== undefined || options.authTokens !== undefined;
  const server = await startLoopbackServer((request, response) => {
    const requestId = randomId('req_');
    const headers = { 'request-id': requestId };
    const fail = (status: number, type: string, message: string) =>
      sendJson(
        response,
        status,
        { type: 'error', error: { type, message }, request_id: requestId },
        headers,
      );
    const { method, pathname } = request;
    if (!request.headers['anthropic-version']) {
      return fail(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    const apiKeyHeader = header(request.headers['x-api-key']);
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    const credential = apiKeyHeader ?? bearer;
    if (!credential) return fail(401, 'authentication_error', 'x-api-key header is required');
    const betas = (header(request.headers['anthropic-beta']) ?? '')
      .split(',')
      .map((beta) => beta.trim());
    const rejected = (message: string) =>
      fail(
        401,
        'authentication_error',
        options.echoCredential
          ? `${message}: ${echoedCredential(credential, options.echoCredential)}`
          : message,
      );
    if (credential.startsWith('sk-ant-oat')) {
      if (apiKeyHeader !== undefined) return rejected('invalid x-api-key');
      if (!betas.includes(ANTHROPIC_OAUTH_BETA)) {
        return fail(
          401,
          'authentication_error',
          'OAuth authentication is currently not supported.',
        );
      }
    }
    const accepted =
      !restricted ||
      options.apiKeys?.includes(credential) ||
      (apiKeyHeader === undefined && options.authTokens?.includes(credential));
    if (!accepted) return rejected('invalid x-api-key');

    if (method === 'GET' && pathname === '/v1/models') {
      const data = models.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: '2025-01-01T00:00:00Z',
      }));
      return sendJson(
        response,
        200,
        { data, has_more: false, first_id: models[0] ?? null, last_id: models.at(-1) ?? null },
        headers,
      );
    }
    if (method !== 'POST' || pathname !== '/v1/messages') {
      return fail(404, 'not_found_error', 'Not Found');
    }
    if (options.errorStatus !== undefined) {
      const [type, message] = ERROR_TYPES[options.errorStatus] ?? ['api_error', 'Error'];
      return fail(options.errorStatus, type, message);
    }
    const body = request.json;
    if (!isRecord(body))
      return fail(400, 'invalid_request_error', 'Request body is not valid JSON');
    for (const field of ['model', 'max_tokens', 'messages']) {
      if (body[field] === undefined) {
        return fail(400, 'invalid_request_error', `${field}: Field required`);
      }
    }
    if (!Array.isArray(body.messages)) {
      return fail(400, 'invalid_request_error', 'messages: Input should be a valid list');
    }
    return answerMessages(response, body, body.messages.filter(isRecord), {
      ...options,
      text,
      headers,
    });
  });
  return { ...server, baseURL: server.url };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

async function answerMessages(
  response: ServerResponse,
  body: Record<string, unknown>,
  messages: Record<string, unknown>[],
  options: StreamOptions & { text: string; headers: Record<string, string> },
): Promise<void> {
  const model = String(body.model);
  const last = messages.at(-1);
  const tool = Array.isArray(body.tools) ? body.tools.find(isRecord) : undefined;
  const toolName = tool && typeof tool.name === 'string' ? tool.name : undefined;
  const callTool =
    toolName !== undefined && last?.role === 'user' && asksForWeather(contentText(last.content));
  const answer = callTool ? TOOL_CALL_ARGUMENTS : options.text;
  const inputTokens = countTokens(
    [contentText(body.system), ...messages.map((message) => contentText(message.content))].join(
      '\n',
    ),
  );
  const outputTokens = countTokens(answer);
  const id = randomId('msg_');
  const toolUseId = randomId('toolu_');
  const stopReason = callTool ? 'tool_use' : 'end_turn';

  if (body.stream !== true) {
    const block = callTool
      ? { type: 'tool_use', id: toolUseId, name: toolName, input: JSON.parse(answer) }
      : { type: 'text', text: answer };
    return sendJson(
      response,
      200,
      {
        id,
        type: 'message',
        role: 'assistant',
        model,
        content: [block],
        stop_reason: stopReason,
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: outputTokens },
      },
      options.headers,
    );
  }

  const sse = openSse(response, { delayMs: options.delayMs, headers: options.headers });
  const emit = (type: string, fields: Record<string, unknown> = {}) =>
    sse.send({ type, ...fields }, type);
  await emit('message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: {
        input_tokens: inputTokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 1,
      },
    },
  });
  await emit('content_block_start', {
    index: 0,
    content_block: callTool
      ? { type: 'tool_use', id: toolUseId, name: toolName, input: {} }
      : { type: 'text', text: '' },
  });
  await emit('ping');
  for (const piece of chunkText(answer, options.chunkSize)) {
    const delta = callTool
      ? { type: 'input_json_delta', partial_json: piece }
      : { type: 'text_delta', text: piece };
    if (!(await emit('content_block_delta', { index: 0, delta }))) return;
  }
  await emit('content_block_stop', { index: 0 });
  await emit('message_delta', {
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage: { output_tokens: outputTokens },
  });
  await emit('message_stop');
  sse.end();
}
