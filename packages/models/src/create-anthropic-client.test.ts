import { renderRemedy } from '@flynn/core';
import {
  ANTHROPIC_OAUTH_BETA,
  type AnthropicServer,
  type LoopbackServer,
  startAnthropicServer,
} from '@flynn/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  collectEvents,
  credentialHeaders,
  rejectionOf,
  setProcessEnv,
  textOf,
} from '../test/collect-events.js';
import { createAnthropicClient } from './create-anthropic-client.js';
import { isModelError, type ModelError } from './model-error.js';

const API_KEY = 'sk-ant-api03-flynn-resolved-key-0001';
const OAUTH_TOKEN = 'sk-ant-oat01-flynn-resolved-token-0001';
const GATEWAY_TOKEN = 'gw-flynn-resolved-token-0001';
const servers: LoopbackServer[] = [];
let restoreEnv: (() => void) | undefined;

async function anthropicServer(options: Parameters<typeof startAnthropicServer>[0] = {}) {
  const server = await startAnthropicServer(options);
  servers.push(server);
  return server;
}

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const ask = { messages: [{ role: 'user' as const, content: 'Say hello' }] };

function wire(server: AnthropicServer, index = 0) {
  return {
    credentials: credentialHeaders(server, index),
    beta: server.requests[index]?.headers['anthropic-beta'],
  };
}

describe('createAnthropicClient', () => {
  it('streams text, usage and done with an API key as the only credential and no beta header', async () => {
    const server = await anthropicServer({
      apiKeys: [API_KEY],
      text: 'Hello from claude',
      chunkSize: 4,
    });
    const client = createAnthropicClient({
      model: 'claude-sonnet-4-5',
      apiKey: API_KEY,
      baseURL: server.baseURL,
    });
    const events = await collectEvents(client.stream({ ...ask, system: 'Be brief.' }));
    expect(textOf(events)).toBe('Hello from claude');
    expect(events.at(-2)).toEqual({
      type: 'usage',
      inputTokens: expect.any(Number),
      outputTokens: 5,
    });
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'end_turn' });
    expect(server.requests[0]?.path).toBe('/v1/messages');
    expect(wire(server)).toEqual({
      credentials: { authorization: `Bearer ${API_KEY}` },
      beta: undefined,
    });
    expect(server.requests[0]?.headers['anthropic-version']).toBeTruthy();
    expect(server.requests[0]?.json).toMatchObject({
      model: 'claude-sonnet-4-5',
      stream: true,
      system: 'Be brief.',
      max_tokens: 4096,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
  });

  it('sends an sk-ant-oat token as bearer with the OAuth beta flag', async () => {
    const server = await anthropicServer({ authTokens: [OAUTH_TOKEN] });
    const client = createAnthropicClient({
      model: 'claude-sonnet-4-5',
      authToken: OAUTH_TOKEN,
      baseURL: server.baseURL,
    });
    expect(textOf(await collectEvents(client.stream(ask)))).toBe('Hello from anthropic');
    expect(wire(server)).toEqual({
      credentials: { authorization: `Bearer ${OAUTH_TOKEN}` },
      beta: ANTHROPIC_OAUTH_BETA,
    });
  });

  it('sends any other auth token as bearer without the beta flag', async () => {
    const server = await anthropicServer({ authTokens: [GATEWAY_TOKEN] });
    const client = createAnthropicClient({
      model: 'm',
      authToken: GATEWAY_TOKEN,
      baseURL: server.baseURL,
    });
    await collectEvents(client.stream(ask));
    expect(wire(server)).toEqual({
      credentials: { authorization: `Bearer ${GATEWAY_TOKEN}` },
      beta: undefined,
    });
  });

  it('merges configured betas with the OAuth flag, and keeps them alone for API keys', async () => {
    const server = await anthropicServer();
    const headers = {
      'Anthropic-Beta': 'fine-grained-tool-streaming-2025-05-14',
      'X-Gateway': 'on',
    };
    await collectEvents(
      createAnthropicClient({
        model: 'm',
        authToken: OAUTH_TOKEN,
        baseURL: server.baseURL,
        headers,
      }).stream(ask),
    );
    await collectEvents(
      createAnthropicClient({
        model: 'm',
        apiKey: API_KEY,
        baseURL: server.baseURL,
        headers,
      }).stream(ask),
    );
    expect(wire(server, 0).beta).toBe(
      `fine-grained-tool-streaming-2025-05-14,${ANTHROPIC_OAUTH_BETA}`,
    );
    expect(wire(server, 1).beta).toBe('fine-grained-tool-streaming-2025-05-14');
    expect(server.requests[1]?.headers['x-gateway']).toBe('on');
  });

  it('assembles a tool_use block into one tool call', async () => {
    const server = await anthropicServer({ chunkSize: 5 });
    const client = createAnthropicClient({ model: 'm', apiKey: API_KEY, baseURL: server.baseURL });
    const events = await collectEvents(
      client.stream({
        messages: [{ role: 'user', content: 'weather in Paris?' }],
        tools: [
          {
            name: 'get_weather',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
          },
        ],
      }),
    );
    expect(events.filter((event) => event.type === 'tool_call')).toEqual([
      {
        type: 'tool_call',
        id: expect.stringMatching(/^toolu_/),
        name: 'get_weather',
        arguments: '{"location":"Paris"}',
      },
    ]);
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'tool_use' });
    expect(server.requests[0]?.json).toMatchObject({
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
    });
  });

  it.each([
    ['API key', { apiKey: API_KEY }, API_KEY],
    ['auth token', { authToken: OAUTH_TOKEN }, OAUTH_TOKEN],
  ])(
    'ignores every ANTHROPIC_* variable (%s): the resolved credential and base URL reach the wire',
    async (_name, credential, expected) => {
      const server = await anthropicServer();
      const decoy = await anthropicServer();
      restoreEnv = setProcessEnv({
        ANTHROPIC_API_KEY: 'sk-ant-api03-env-decoy-never-sent',
        ANTHROPIC_AUTH_TOKEN: 'sk-ant-oat01-env-decoy-never-sent',
        ANTHROPIC_BASE_URL: decoy.baseURL,
        ANTHROPIC_CUSTOM_HEADERS: 'x-api-key: sk-ant-api03-env-header-decoy\nX-Env-Injected: yes',
        ANTHROPIC_PROFILE: 'decoy-profile',
        ANTHROPIC_LOG: 'debug',
      });
      const client = createAnthropicClient({ model: 'm', ...credential, baseURL: server.baseURL });
      await collectEvents(client.stream(ask));
      await client.probe();
      expect(decoy.requests).toHaveLength(0);
      expect(server.requests.map((request) => request.path)).toEqual([
        '/v1/messages',
        '/v1/models?limit=1',
      ]);
      for (const index of [0, 1]) {
        expect(wire(server, index).credentials).toEqual({ authorization: `Bearer ${expected}` });
        expect(server.requests[index]?.headers['x-env-injected']).toBeUndefined();
      }
    },
  );

  it('prints nothing, even for a model the SDK would warn about', async () => {
    const server = await anthropicServer();
    const printed: unknown[] = [];
    const spies = (['warn', 'error', 'log', 'info'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args) => printed.push(args)),
    );
    try {
      const client = createAnthropicClient({
        model: 'claude-sonnet-4-5',
        apiKey: API_KEY,
        baseURL: server.baseURL,
      });
      await collectEvents(client.stream(ask));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed).toEqual([]);
  });

  it('refuses zero or two credentials', () => {
    expect(() => createAnthropicClient({ model: 'm' })).toThrow(TypeError);
    expect(() =>
      createAnthropicClient({ model: 'm', apiKey: API_KEY, authToken: OAUTH_TOKEN }),
    ).toThrow(TypeError);
  });
});

describe('createAnthropicClient errors', () => {
  it('maps a rejected credential to MODEL_AUTH with the remedy and without the secret', async () => {
    const server = await anthropicServer({ apiKeys: ['sk-ant-api03-some-other-key'] });
    const client = createAnthropicClient({
      model: 'm',
      apiKey: API_KEY,
      baseURL: server.baseURL,
      tier: 'default',
      authRemedy: 'Run `flynn anthropic-auth` or set ANTHROPIC_API_KEY',
    });
    for (const attempt of [() => collectEvents(client.stream(ask)), () => client.probe()]) {
      const error = (await rejectionOf(attempt())) as ModelError;
      expect(error).toMatchObject({
        code: 'MODEL_AUTH',
        status: 401,
        providerCode: 'authentication_error',
        tier: 'default',
      });
      expect(renderRemedy(error.remedy, 'cli')).toBe(
        'Run `flynn anthropic-auth` or set ANTHROPIC_API_KEY',
      );
      expect(error.message).toContain('invalid x-api-key');
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(API_KEY);
    }
  });

  it.each([
    [429, 'MODEL_RATE_LIMIT'],
    [529, 'MODEL_SERVER'],
  ] as const)('maps HTTP %i to %s', async (status, code) => {
    const server = await anthropicServer({ errorStatus: status });
    const client = createAnthropicClient({
      model: 'm',
      apiKey: API_KEY,
      baseURL: server.baseURL,
      maxRetries: 0,
    });
    const error = (await rejectionOf(collectEvents(client.stream(ask)))) as ModelError;
    expect(error).toMatchObject({ code, status, provider: 'anthropic' });
  });

  it('maps a refused connection to MODEL_NETWORK', async () => {
    const server = await anthropicServer();
    await server.close();
    const client = createAnthropicClient({
      model: 'm',
      apiKey: API_KEY,
      baseURL: server.baseURL,
      maxRetries: 0,
    });
    const error = (await rejectionOf(collectEvents(client.stream(ask)))) as ModelError;
    expect(error.code).toBe('MODEL_NETWORK');
  });

  it('ends with MODEL_ABORTED when the signal fires mid-stream', async () => {
    const server = await anthropicServer({ text: 'y'.repeat(400), chunkSize: 1, delayMs: 5 });
    const client = createAnthropicClient({ model: 'm', apiKey: API_KEY, baseURL: server.baseURL });
    const controller = new AbortController();
    let texts = 0;
    const error = await rejectionOf(
      (async () => {
        for await (const event of client.stream({ ...ask, signal: controller.signal })) {
          if (event.type === 'text' && ++texts === 3) controller.abort();
        }
      })(),
    );
    expect(isModelError(error, 'MODEL_ABORTED')).toBe(true);
    expect(texts).toBeLessThan(10);
  });
});
