// A loopback stand-in for the OpenAI API and every OpenAI-compatible service (Z.AI,
// GitHub Models, Ollama, LM Studio): models list, chat completions and Responses,
// under any path prefix so each service's base URL shape works.
import type { ServerResponse } from 'node:http';
import { type EchoCredential, echoedCredential } from './echo-credential.js';
import { type LoopbackServer, openSse, sendJson, startLoopbackServer } from './loopback-server.js';
import {
  completedResponse,
  planFromResponsesRequest,
  writeResponsesStream,
} from './responses-stream.js';
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

export interface OpenAIApiServerOptions extends StreamOptions {
  /** Accepted bearer keys; `undefined` accepts any request, with or without a key. */
  apiKeys?: string[];
  /** Service name for the default text (`Hello from <name>`) and `owned_by`; default 'openai'. */
  name?: string;
  /** Model ids listed by `/models`; default `['gpt-4.1-mini', 'gpt-4.1']`. */
  models?: string[];
  /** Answer every chat/responses request with this status and OpenAI's error body for it. */
  errorStatus?: number;
  /**
   * A gateway without a models route: every GET `…/models` and `…/models/{id}` answers this
   * status (404 or 405) with a plain-text body, before any key check, while chat and
   * responses requests work as usual.
   */
  modelsRouteStatus?: number;
  /**
   * Put the rejected key in the 401 message (`Incorrect API key provided: <key>`), whole
   * (`full`) or as `sk-proj-ABCD...WXYZ` (`truncated`), instead of OpenAI's masked form.
   * For leak tests: Flynn must redact what a server echoes.
   */
  echoCredential?: EchoCredential;
  /**
   * Per key: answer its chat/responses requests with this status (429: OpenAI's rate-limit
   * body; 401: `invalid_api_key`) and these headers (`retry-after`). Read on every request,
   * so a test may change it while the server runs (a key that recovers, one revoked later).
   */
  refuseKeys?: Record<string, { status: number; headers?: Record<string, string> }>;
}

export interface OpenAIApiServer extends LoopbackServer {
  /** `${url}/v1`, the SDK's `baseURL`. */
  baseURL: string;
}

type Fields = Record<string, unknown>;

function apiError(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

/** Masks a key as OpenAI's 401 message does: first 3 and last 4 characters. */
function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 3)}${'*'.repeat(8)}${key.slice(-4)}`;
}

const ERROR_BODIES: Record<number, ReturnType<typeof apiError>> = {
  429: apiError('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'),
  500: apiError(
    'The server had an error while processing your request. Sorry about that!',
    'server_error',
    null,
  ),
  503: apiError('The engine is currently overloaded, please try again later', 'server_error', null),
};

/**
 * Starts the server. Routes (any prefix): GET `…/models`, GET `…/models/{id}`,
 * POST `…/chat/completions`, POST `…/responses`. With tools in the request and a
 * last message from the user containing "weather", the answer is a call of the
 * first tool with arguments `{"location":"Paris"}` instead of text.
 */
export async function startOpenAIApiServer(
  options: OpenAIApiServerOptions = {},
): Promise<OpenAIApiServer> {
  const name = options.name ?? 'openai';
  const text = options.text ?? `Hello from ${name}`;
  const models = options.models ?? ['gpt-4.1-mini', 'gpt-4.1'];
  const server = await startLoopbackServer((request, response) => {
    const headers = { 'x-request-id': randomId('req_') };
    const send = (status: number, body: unknown) => sendJson(response, status, body, headers);
    if (
      options.modelsRouteStatus !== undefined &&
      request.method === 'GET' &&
      /\/models(\/[^/]+)?$/.test(request.pathname)
    ) {
      response.writeHead(options.modelsRouteStatus, { 'content-type': 'text/plain', ...headers });
      response.end(
        options.modelsRouteStatus === 405 ? 'Method Not Allowed' : `Cannot GET ${request.pathname}`,
      );
      return;
    }
    const key = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
    if (options.apiKeys && !key) {
      return send(
        401,
        apiError(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          'invalid_request_error',
          null,
        ),
      );
    }
    if (options.apiKeys && key && !options.apiKeys.includes(key)) {
      return send(
        401,
        apiError(
          `Incorrect API key provided: ${options.echoCredential ? echoedCredential(key, options.echoCredential) : maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    const { method, pathname } = request;
    if (method === 'GET' && pathname.endsWith('/models')) {
      return send(200, { object: 'list', data: models.map((id) => modelObject(id, name)) });
    }
    const retrieve = /\/models\/(.+)$/.exec(pathname);
    if (method === 'GET' && retrieve?.[1]) {
      const id = decodeURIComponent(retrieve[1]);
      if (models.includes(id)) return send(200, modelObject(id, name));
      return send(
        404,
        apiError(`The model '${id}' does not exist`, 'invalid_request_error', 'model_not_found'),
      );
    }
    const isChat = method === 'POST' && pathname.endsWith('/chat/completions');
    const isResponses = method === 'POST' && pathname.endsWith('/responses');
    if (!isChat && !isResponses) {
      return send(
        404,
        apiError(`Invalid URL (${method} ${pathname})`, 'invalid_request_error', null),
      );
    }
    const refusal = key ? options.refuseKeys?.[key] : undefined;
    if (refusal) {
      const body =
        refusal.status === 401
          ? apiError(
              `Incorrect API key provided: ${maskKey(key ?? '')}.`,
              'invalid_request_error',
              'invalid_api_key',
            )
          : (ERROR_BODIES[refusal.status] ??
            apiError(`Error ${refusal.status}`, 'server_error', null));
      return sendJson(response, refusal.status, body, { ...headers, ...refusal.headers });
    }
    if (options.errorStatus !== undefined) {
      const body =
        ERROR_BODIES[options.errorStatus] ??
        apiError(`Error ${options.errorStatus}`, 'server_error', null);
      return send(options.errorStatus, body);
    }
    const body = request.json;
    if (!isRecord(body)) {
      return send(
        400,
        apiError(
          'We could not parse the JSON body of your request.',
          'invalid_request_error',
          null,
        ),
      );
    }
    if (typeof body.model !== 'string' || body.model === '') {
      return send(
        400,
        apiError('you must provide a model parameter', 'invalid_request_error', null),
      );
    }
    if (isResponses) {
      const plan = planFromResponsesRequest(body, text, options.chunkSize);
      if (body.stream !== true) return send(200, completedResponse(plan));
      return writeResponsesStream(openSse(response, { delayMs: options.delayMs, headers }), plan);
    }
    if (!Array.isArray(body.messages)) {
      return send(
        400,
        apiError(
          "Missing required parameter: 'messages'.",
          'invalid_request_error',
          'missing_required_parameter',
          'messages',
        ),
      );
    }
    return answerChat(response, body, body.messages.filter(isRecord), {
      ...options,
      text,
      headers,
    });
  });
  return { ...server, baseURL: `${server.url}/v1` };
}

function modelObject(id: string, ownedBy: string) {
  return { id, object: 'model', created: 1_700_000_000, owned_by: ownedBy };
}

async function answerChat(
  response: ServerResponse,
  body: Fields,
  messages: Fields[],
  options: StreamOptions & { text: string; headers: Record<string, string> },
): Promise<void> {
  const model = body.model as string;
  const last = messages.at(-1);
  const tool = Array.isArray(body.tools) ? body.tools.find(isRecord) : undefined;
  const toolName =
    tool && isRecord(tool.function) && typeof tool.function.name === 'string'
      ? tool.function.name
      : undefined;
  const callTool =
    toolName !== undefined && last?.role === 'user' && asksForWeather(contentText(last.content));
  const answer = callTool ? TOOL_CALL_ARGUMENTS : options.text;
  const promptTokens = countTokens(
    messages.map((message) => contentText(message.content)).join('\n'),
  );
  const completionTokens = countTokens(answer);
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const id = randomId('chatcmpl-');
  const created = Math.floor(Date.now() / 1000);
  const callId = randomId('call_');
  const finishReason = callTool ? 'tool_calls' : 'stop';

  if (body.stream !== true) {
    const message = callTool
      ? {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [
            { id: callId, type: 'function', function: { name: toolName, arguments: answer } },
          ],
        }
      : { role: 'assistant', content: answer, refusal: null };
    return sendJson(
      response,
      200,
      {
        id,
        object: 'chat.completion',
        created,
        model,
        system_fingerprint: 'fp_testkit',
        choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
        usage,
      },
      options.headers,
    );
  }

  const streamOptions = isRecord(body.stream_options) ? body.stream_options : {};
  const includeUsage = streamOptions.include_usage === true;
  const sse = openSse(response, { delayMs: options.delayMs, headers: options.headers });
  const chunk = (delta: Fields, finish: string | null = null, choices = true) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: 'fp_testkit',
    choices: choices ? [{ index: 0, delta, logprobs: null, finish_reason: finish }] : [],
    ...(includeUsage ? { usage: null } : {}),
  });
  const first = callTool
    ? {
        role: 'assistant',
        content: null,
        tool_calls: [
          { index: 0, id: callId, type: 'function', function: { name: toolName, arguments: '' } },
        ],
      }
    : { role: 'assistant', content: '', refusal: null };
  if (!(await sse.send(chunk(first)))) return;
  for (const piece of chunkText(answer, options.chunkSize)) {
    const delta = callTool
      ? { tool_calls: [{ index: 0, function: { arguments: piece } }] }
      : { content: piece };
    if (!(await sse.send(chunk(delta)))) return;
  }
  await sse.send(chunk({}, finishReason));
  if (includeUsage) await sse.send({ ...chunk({}, null, false), usage });
  await sse.send('[DONE]');
  sse.end();
}
