import { renderRemedy } from '@flynn/core';
import {
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
  startOpenAIApiServer,
} from '@flynn/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  collectEvents,
  credentialHeaders,
  rejectionOf,
  setProcessEnv,
  textOf,
} from '../test/collect-events.js';
import { createOpenAIClient } from './create-openai-client.js';
import { isModelError, type ModelError } from './model-error.js';

const KEY = 'sk-test-flynn-resolved-key-0001';
const servers: LoopbackServer[] = [];
let restoreEnv: (() => void) | undefined;

async function openaiServer(options: Parameters<typeof startOpenAIApiServer>[0] = {}) {
  const server = await startOpenAIApiServer(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const ask = { messages: [{ role: 'user' as const, content: 'Say hello' }] };

describe('createOpenAIClient', () => {
  it('streams text deltas, then usage, then done, sending only the given key', async () => {
    const server = await openaiServer({
      apiKeys: [KEY],
      text: 'Hello from the loopback',
      chunkSize: 3,
    });
    const client = createOpenAIClient({
      model: 'gpt-4.1-mini',
      apiKey: KEY,
      baseURL: server.baseURL,
    });
    const events = await collectEvents(
      client.stream({ ...ask, system: 'Be brief.', maxOutputTokens: 50 }),
    );

    expect(textOf(events)).toBe('Hello from the loopback');
    expect(events.filter((event) => event.type === 'text').length).toBeGreaterThan(3);
    expect(events.at(-2)).toMatchObject({
      type: 'usage',
      inputTokens: expect.any(Number),
      outputTokens: 6,
    });
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'stop' });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(credentialHeaders(server)).toEqual({ authorization: `Bearer ${KEY}` });
    expect(request?.headers['openai-organization']).toBeUndefined();
    expect(request?.headers['openai-project']).toBeUndefined();
    expect(request?.json).toMatchObject({
      model: 'gpt-4.1-mini',
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 50,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
    });
  });

  it('assembles a tool call from its deltas', async () => {
    const server = await openaiServer({ chunkSize: 4 });
    const client = createOpenAIClient({ model: 'gpt-4.1', apiKey: KEY, baseURL: server.baseURL });
    const events = await collectEvents(
      client.stream({
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: [
          {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
          },
        ],
      }),
    );
    const calls = events.filter((event) => event.type === 'tool_call');
    expect(calls).toEqual([
      {
        type: 'tool_call',
        id: expect.stringMatching(/^call_/),
        name: 'get_weather',
        arguments: '{"location":"Paris"}',
      },
    ]);
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'tool_calls' });
    expect(server.requests[0]?.json).toMatchObject({
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
    });
  });

  it.each([
    ['zai', '/api/paas/v4', 'max_tokens'],
    ['github', '/inference', 'max_tokens'],
    ['ollama', '/v1', 'max_tokens'],
    ['openai-compatible', '/v1', 'max_tokens'],
  ] as const)(
    'talks to %s at its base URL path (%s) with the key as bearer',
    async (provider, prefix, limit) => {
      const server = await openaiServer({ name: provider, apiKeys: [KEY] });
      const client = createOpenAIClient({
        provider,
        model: 'm',
        apiKey: KEY,
        baseURL: `${server.url}${prefix}`,
      });
      const events = await collectEvents(client.stream({ ...ask, maxOutputTokens: 10 }));
      expect(textOf(events)).toBe(`Hello from ${provider}`);
      expect(server.requests[0]?.path).toBe(`${prefix}/chat/completions`);
      expect(credentialHeaders(server)).toEqual({ authorization: `Bearer ${KEY}` });
      expect(server.requests[0]?.json).toHaveProperty(limit, 10);
    },
  );

  it('sends no Authorization header at all to a keyless local server', async () => {
    const server = await openaiServer({ name: 'ollama' });
    const client = createOpenAIClient({
      provider: 'ollama',
      model: 'llama3.2',
      baseURL: server.baseURL,
    });
    expect(textOf(await collectEvents(client.stream(ask)))).toBe('Hello from ollama');
    expect(credentialHeaders(server)).toEqual({});
  });

  it('a keyless local server gets a configured Authorization header as it is', async () => {
    const server = await openaiServer({ name: 'ollama', apiKeys: ['proxy-token-0001'] });
    const client = createOpenAIClient({
      provider: 'ollama',
      model: 'llama3.2',
      baseURL: server.baseURL,
      headers: { Authorization: 'Bearer proxy-token-0001' },
    });
    await collectEvents(client.stream(ask));
    expect(credentialHeaders(server)).toEqual({ authorization: 'Bearer proxy-token-0001' });
  });

  it('sends the tier headers as given', async () => {
    const server = await openaiServer();
    const client = createOpenAIClient({
      model: 'm',
      apiKey: KEY,
      baseURL: server.baseURL,
      headers: { 'X-Gateway-Route': 'team-a', 'HTTP-Referer': 'https://flynn.local' },
    });
    await collectEvents(client.stream(ask));
    expect(server.requests[0]?.headers['x-gateway-route']).toBe('team-a');
    expect(server.requests[0]?.headers['http-referer']).toBe('https://flynn.local');
  });

  it('ignores every OPENAI_* variable: the resolved key and base URL reach the wire', async () => {
    const server = await openaiServer({ apiKeys: [KEY] });
    const decoy = await openaiServer();
    restoreEnv = setProcessEnv({
      OPENAI_API_KEY: 'sk-env-decoy-key-should-never-be-sent',
      OPENAI_BASE_URL: decoy.baseURL,
      OPENAI_ORG_ID: 'org-env-decoy',
      OPENAI_PROJECT_ID: 'proj_env_decoy',
      OPENAI_ADMIN_KEY: 'sk-admin-env-decoy',
      OPENAI_CUSTOM_HEADERS: 'Authorization: Bearer sk-env-header-decoy\nX-Env-Injected: yes',
      OPENAI_LOG: 'debug',
    });
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: server.baseURL });
    await collectEvents(client.stream(ask));
    await client.probe();
    expect(decoy.requests).toHaveLength(0);
    for (const index of [0, 1]) {
      expect(credentialHeaders(server, index)).toEqual({ authorization: `Bearer ${KEY}` });
      const headers = server.requests[index]?.headers ?? {};
      expect(headers['openai-organization']).toBeUndefined();
      expect(headers['openai-project']).toBeUndefined();
      expect(headers['x-env-injected']).toBeUndefined();
    }
  });

  it('probes with GET /models, and GitHub Models with its catalog', async () => {
    const server = await openaiServer({ apiKeys: [KEY] });
    await createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: server.baseURL }).probe();
    await createOpenAIClient({
      provider: 'github',
      model: 'openai/gpt-4.1',
      apiKey: KEY,
      baseURL: `${server.url}/inference`,
    }).probe();
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/models',
      'GET /catalog/models',
    ]);
  });

  it('refuses a missing base URL for openai-compatible and a missing key for hosted providers', () => {
    expect(() => createOpenAIClient({ provider: 'openai-compatible', model: 'm' })).toThrow(
      expect.objectContaining({ code: 'MODEL_BAD_REQUEST' }),
    );
    expect(() => createOpenAIClient({ provider: 'zai', model: 'm', apiKey: '  ' })).toThrow(
      expect.objectContaining({ code: 'MODEL_AUTH' }),
    );
  });
});

describe('createOpenAIClient errors', () => {
  it('maps 401 to MODEL_AUTH with the remedy and without the key, even when the server echoes it', async () => {
    const canary = 'sk-canary-4f1e9d2c7b3a5e8f0d1c';
    const echo = await startLoopbackServer((request, response) =>
      sendJson(response, 401, {
        error: {
          message: `Incorrect API key provided: ${request.headers.authorization}; prefix ${canary.slice(0, 14)}`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      }),
    );
    servers.push(echo);
    const client = createOpenAIClient({
      model: 'm',
      apiKey: canary,
      baseURL: `${echo.url}/v1`,
      tier: 'fast',
      authRemedy: 'Run `flynn openai-key` or set OPENAI_API_KEY',
    });
    for (const attempt of [() => collectEvents(client.stream(ask)), () => client.probe()]) {
      const error = (await rejectionOf(attempt())) as ModelError;
      expect(isModelError(error, 'MODEL_AUTH')).toBe(true);
      expect(error).toMatchObject({
        status: 401,
        providerCode: 'invalid_api_key',
        tier: 'fast',
        provider: 'openai',
      });
      expect(renderRemedy(error.remedy, 'cli')).toBe(
        'Run `flynn openai-key` or set OPENAI_API_KEY',
      );
      expect(error.message).toContain('OpenAI rejected the credential (tier "fast")');
      expect(error.message).toContain('Incorrect API key provided');
      const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${String(error.cause)}`;
      expect(everything).not.toContain(canary);
      expect(everything).not.toContain(canary.slice(0, 14));
      expect(everything).not.toContain(canary.slice(-12));
    }
  });

  it.each([
    [429, 'MODEL_RATE_LIMIT'],
    [500, 'MODEL_SERVER'],
    [503, 'MODEL_SERVER'],
  ] as const)('maps HTTP %i to %s', async (status, code) => {
    const server = await openaiServer({ errorStatus: status });
    const client = createOpenAIClient({
      model: 'm',
      apiKey: KEY,
      baseURL: server.baseURL,
      maxRetries: 0,
    });
    const error = (await rejectionOf(collectEvents(client.stream(ask)))) as ModelError;
    expect(error).toMatchObject({ code, status });
    expect(error.remedy).toBeTruthy();
  });

  it('maps a refused connection to MODEL_NETWORK', async () => {
    const server = await openaiServer();
    const baseURL = server.baseURL;
    await server.close();
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL, maxRetries: 0 });
    const error = (await rejectionOf(collectEvents(client.stream(ask)))) as ModelError;
    expect(error.code).toBe('MODEL_NETWORK');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain(baseURL);
  });

  it('ends a stream with MODEL_ABORTED when the signal fires mid-stream, and closes the connection', async () => {
    const server = await openaiServer({ text: 'x'.repeat(400), chunkSize: 1, delayMs: 5 });
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: server.baseURL });
    const controller = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    const error = await rejectionOf(
      (async () => {
        for await (const event of client.stream({ ...ask, signal: controller.signal })) {
          if (event.type === 'text') seen.push(event.text);
          if (seen.length === 3) controller.abort();
        }
      })(),
    );
    expect(isModelError(error, 'MODEL_ABORTED')).toBe(true);
    expect(seen.length).toBeLessThan(10);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('fails at once with MODEL_ABORTED when the signal already fired, sending nothing', async () => {
    const server = await openaiServer();
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: server.baseURL });
    const error = await rejectionOf(
      collectEvents(client.stream({ ...ask, signal: AbortSignal.abort() })),
    );
    expect(isModelError(error, 'MODEL_ABORTED')).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('reports a stream that stops before its finish reason as MODEL_STREAM_INCOMPLETE', async () => {
    const cut = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(
        `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }] })}\n\n`,
      );
    });
    servers.push(cut);
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: cut.url });
    const error = await rejectionOf(collectEvents(client.stream(ask)));
    expect(isModelError(error, 'MODEL_STREAM_INCOMPLETE')).toBe(true);
  });
});
