import { afterEach, describe, expect, it } from 'vitest';
import { type AnthropicServerOptions, startAnthropicServer } from './anthropic-server.js';
import type { LoopbackServer } from './loopback-server.js';
import { parseSse } from './parse-sse.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: AnthropicServerOptions = {}) {
  const server = await startAnthropicServer(options);
  servers.push(server);
  return server;
}

const VERSION = { 'anthropic-version': '2023-06-01' };
const message = {
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'hi' }],
};

function postMessages(url: string, headers: Record<string, string>, body: unknown = message) {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('startAnthropicServer', () => {
  it('requires anthropic-version (400) and a credential (401)', async () => {
    const server = await start();
    expect(server.baseURL).toBe(server.url);
    const noVersion = await postMessages(server.url, { 'x-api-key': 'sk-ant-api03-x' });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'anthropic-version: header is required' },
    });
    const noCredential = await postMessages(server.url, VERSION);
    expect(noCredential.status).toBe(401);
    expect(await noCredential.json()).toMatchObject({ error: { type: 'authentication_error' } });
  });

  it('accepts API keys from x-api-key or bearer, auth tokens from bearer only', async () => {
    const server = await start({ apiKeys: ['sk-ant-api03-good'], authTokens: ['gateway-token'] });
    const cases: [Record<string, string>, number][] = [
      [{ 'x-api-key': 'sk-ant-api03-good' }, 200],
      [{ authorization: 'Bearer sk-ant-api03-good' }, 200],
      [{ authorization: 'Bearer gateway-token' }, 200],
      [{ 'x-api-key': 'gateway-token' }, 401],
      [{ 'x-api-key': 'sk-ant-api03-other' }, 401],
    ];
    for (const [headers, status] of cases) {
      const response = await postMessages(server.url, { ...VERSION, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(status);
      if (status === 401) {
        expect(await response.json()).toEqual({
          type: 'error',
          error: { type: 'authentication_error', message: 'invalid x-api-key' },
          request_id: expect.stringMatching(/^req_/),
        });
      }
    }
    expect(server.requests[1]?.headers.authorization).toBe('Bearer sk-ant-api03-good');
    expect(server.requests[1]?.headers['x-api-key']).toBeUndefined();
  });

  it('with echoCredential, echoes the rejected credential (whole or truncated) in the 401 message', async () => {
    const key = 'sk-ant-api03-ABCDechoKey7Tq2Wn6Kz4Xv1Hm9WXYZ';
    const token = 'gateway-token-0123456789';
    const expected = {
      full: [`invalid x-api-key: ${key}`, `invalid x-api-key: ${token}`],
      truncated: ['invalid x-api-key: sk-ant-api03-ABCD...WXYZ', 'invalid x-api-key: gate...6789'],
    };
    for (const mode of ['full', 'truncated'] as const) {
      const server = await start({ apiKeys: ['sk-ant-api03-good'], echoCredential: mode });
      type ErrorBody = { error: { type: string; message: string } };
      const messages: string[] = [];
      const credentials: Record<string, string>[] = [
        { 'x-api-key': key },
        { authorization: `Bearer ${token}` },
      ];
      for (const headers of credentials) {
        const response = await postMessages(server.url, { ...VERSION, ...headers });
        expect(response.status).toBe(401);
        const body = (await response.json()) as ErrorBody;
        expect(body.error.type).toBe('authentication_error');
        messages.push(body.error.message);
      }
      const models = await fetch(`${server.url}/v1/models`, {
        headers: { ...VERSION, 'x-api-key': key },
      });
      messages.push(((await models.json()) as ErrorBody).error.message);
      expect(messages).toEqual([...expected[mode], expected[mode][0]]);
    }
  });

  it('refuses sk-ant-oat tokens unless anthropic-beta includes oauth-2025-04-20', async () => {
    const server = await start({ authTokens: ['sk-ant-oat01-token'] });
    const bearer = { ...VERSION, authorization: 'Bearer sk-ant-oat01-token' };
    for (const beta of [undefined, 'prompt-caching-2024-07-31']) {
      const response = await postMessages(
        server.url,
        beta ? { ...bearer, 'anthropic-beta': beta } : bearer,
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        type: 'error',
        error: {
          type: 'authentication_error',
          message: 'OAuth authentication is currently not supported.',
        },
      });
    }
    const withBeta = await postMessages(server.url, {
      ...bearer,
      'anthropic-beta': 'prompt-caching-2024-07-31, oauth-2025-04-20',
    });
    expect(withBeta.status).toBe(200);
  });

  it('streams the Messages event sequence with text deltas and usage', async () => {
    const server = await start({ text: 'Hello Claude here', chunkSize: 6 });
    const response = await postMessages(
      server.url,
      { ...VERSION, 'x-api-key': 'k' },
      { ...message, stream: true },
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await response.text());
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const data = events.map((event) => JSON.parse(event.data));
    for (const [index, payload] of data.entries()) expect(payload.type).toBe(events[index]?.event);
    expect(data[0].message).toMatchObject({ role: 'assistant', model: 'claude-sonnet-4-6' });
    expect(data.filter((payload) => payload.type === 'content_block_delta')).toEqual([
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Claude' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' here' } },
    ]);
    expect(data[7]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 5 },
    });
  });

  it('answers non-streaming messages, tool_use for "weather", and lists models', async () => {
    const server = await start();
    const headers = { ...VERSION, 'x-api-key': 'k' };
    const plain = await postMessages(server.url, headers);
    expect(await plain.json()).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'Hello from anthropic' }],
      stop_reason: 'end_turn',
      usage: { input_tokens: 1, output_tokens: 5 },
    });
    const tool = await postMessages(server.url, headers, {
      ...message,
      stream: true,
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: 'weather in Paris?' }],
    });
    const data = parseSse(await tool.text()).map((event) => JSON.parse(event.data));
    expect(data[1].content_block).toMatchObject({ type: 'tool_use', name: 'get_weather' });
    const json = data
      .filter((payload) => payload.delta?.type === 'input_json_delta')
      .map((payload) => payload.delta.partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ location: 'Paris' });
    expect(data.find((payload) => payload.type === 'message_delta').delta.stop_reason).toBe(
      'tool_use',
    );

    const models = await fetch(`${server.url}/v1/models`, { headers });
    expect(await models.json()).toMatchObject({
      data: [{ type: 'model', id: 'claude-sonnet-4-6' }, { id: 'claude-haiku-4-5' }],
      has_more: false,
    });
  });

  it('rejects bodies without max_tokens and fails on demand with Anthropic error types', async () => {
    const server = await start();
    const headers = { ...VERSION, 'x-api-key': 'k' };
    const invalid = await postMessages(server.url, headers, { model: 'x', messages: [] });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { message: 'max_tokens: Field required' },
    });
    const overloaded = await start({ errorStatus: 529 });
    const response = await postMessages(overloaded.url, headers);
    expect(response.status).toBe(529);
    expect(await response.json()).toMatchObject({ error: { type: 'overloaded_error' } });
  });
});
