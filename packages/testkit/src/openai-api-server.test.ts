import { afterEach, describe, expect, it } from 'vitest';
import type { LoopbackServer } from './loopback-server.js';
import { startOpenAIApiServer } from './openai-api-server.js';
import { parseSse } from './parse-sse.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Parameters<typeof startOpenAIApiServer>[0] = {}) {
  const server = await startOpenAIApiServer(options);
  servers.push(server);
  return server;
}

function post(url: string, body: unknown, key = 'sk-test-key') {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const weatherTools = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
];

describe('startOpenAIApiServer', () => {
  it('serves models under /v1 and under any other prefix', async () => {
    const server = await start({ name: 'zai', models: ['glm-4.6'] });
    expect(server.baseURL).toBe(`${server.url}/v1`);
    for (const prefix of ['/v1', '/inference', '/api/paas/v4']) {
      const response = await fetch(`${server.url}${prefix}/models`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        object: 'list',
        data: [{ id: 'glm-4.6', object: 'model', created: 1_700_000_000, owned_by: 'zai' }],
      });
    }
    expect((await fetch(`${server.url}/v1/models/glm-4.6`)).status).toBe(200);
    expect((await fetch(`${server.url}/v1/models/nope`)).status).toBe(404);
  });

  it('answers 401 invalid_api_key for a wrong key without echoing it, and records the header', async () => {
    const server = await start({ apiKeys: ['sk-good-key-0001'] });
    const wrong = await fetch(`${server.baseURL}/models`, {
      headers: { authorization: 'Bearer sk-wrong-secret-9999' },
    });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(text).not.toContain('sk-wrong-secret-9999');
    expect(JSON.parse(text)).toMatchObject({
      error: { type: 'invalid_request_error', code: 'invalid_api_key' },
    });
    const missing = await fetch(`${server.baseURL}/models`);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { type: 'invalid_request_error' } });
    const good = await fetch(`${server.baseURL}/models`, {
      headers: { authorization: 'Bearer sk-good-key-0001' },
    });
    expect(good.status).toBe(200);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer sk-wrong-secret-9999',
      undefined,
      'Bearer sk-good-key-0001',
    ]);
  });

  const echoKey = 'sk-proj-ABCDechoKey7Tq2Wn6Kz4Xv1Hm9Lp3WXYZ';
  it.each([
    ['full', echoKey],
    ['truncated', 'sk-proj-ABCD...WXYZ'],
  ] as const)(
    'with echoCredential %s, echoes the rejected key in the 401 message',
    async (mode, echo) => {
      const key = echoKey;
      const server = await start({ apiKeys: ['sk-good-key-0001'], echoCredential: mode });
      for (const response of [
        await fetch(`${server.baseURL}/models`, { headers: { authorization: `Bearer ${key}` } }),
        await post(`${server.baseURL}/chat/completions`, { model: 'm', messages: [] }, key),
      ]) {
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({
          error: {
            message: `Incorrect API key provided: ${echo}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        });
      }
    },
  );

  it('streams chat.completion.chunk objects, a usage chunk on request, then [DONE]', async () => {
    const server = await start({ text: 'Hello streaming world', chunkSize: 5 });
    const response = await post(`${server.url}/api/paas/v4/chat/completions`, {
      model: 'glm-4.6',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await response.text());
    expect(events.every((event) => event.event === undefined)).toBe(true);
    expect(events.at(-1)?.data).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.data));
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ object: 'chat.completion.chunk', model: 'glm-4.6' });
    }
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Hello streaming world');
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    const usageChunk = chunks.at(-1);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual({ prompt_tokens: 1, completion_tokens: 6, total_tokens: 7 });

    const plain = await post(`${server.baseURL}/chat/completions`, {
      model: 'gpt-4.1',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    const plainChunks = parseSse(await plain.text()).slice(0, -1);
    expect(plainChunks.some((event) => 'usage' in JSON.parse(event.data))).toBe(false);
  });

  it('answers non-streaming chat completions with a chat.completion and usage', async () => {
    const server = await start({ name: 'github' });
    const response = await post(`${server.url}/inference/chat/completions`, {
      model: 'openai/gpt-4.1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(await response.json()).toMatchObject({
      object: 'chat.completion',
      model: 'openai/gpt-4.1',
      choices: [
        { message: { role: 'assistant', content: 'Hello from github' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 5, total_tokens: 6 },
    });
  });

  it('streams a tool call for "weather" with tools, and text once the tool result is in', async () => {
    const server = await start();
    const messages = [{ role: 'user', content: [{ type: 'text', text: 'What is the weather?' }] }];
    const response = await post(`${server.baseURL}/chat/completions`, {
      model: 'gpt-4.1',
      stream: true,
      tools: weatherTools,
      messages,
    });
    const chunks = parseSse(await response.text())
      .slice(0, -1)
      .map((event) => JSON.parse(event.data));
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather' },
    });
    expect(calls[0].id).toMatch(/^call_/);
    expect(calls.map((call) => call.function.arguments).join('')).toBe('{"location":"Paris"}');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');

    const followUp = await post(`${server.baseURL}/chat/completions`, {
      model: 'gpt-4.1',
      tools: weatherTools,
      messages: [
        ...messages,
        { role: 'assistant', tool_calls: [{ id: calls[0].id, type: 'function' }] },
        { role: 'tool', tool_call_id: calls[0].id, content: 'sunny' },
      ],
    });
    expect(await followUp.json()).toMatchObject({
      choices: [{ message: { content: 'Hello from openai' }, finish_reason: 'stop' }],
    });
  });

  it('streams /responses typed events ending with response.completed and usage', async () => {
    const server = await start({ text: 'Hi there', chunkSize: 3 });
    const response = await post(`${server.baseURL}/responses`, {
      model: 'gpt-4.1',
      stream: true,
      input: 'hello',
    });
    const events = parseSse(await response.text());
    const types = events.map((event) => event.event);
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
    const deltas = events
      .filter((event) => event.event === 'response.output_text.delta')
      .map((event) => JSON.parse(event.data).delta);
    expect(deltas).toEqual(['Hi ', 'the', 're']);
    const completed = JSON.parse(events.at(-1)?.data ?? '{}');
    expect(completed.response).toMatchObject({
      status: 'completed',
      usage: { input_tokens: 2, output_tokens: 2, total_tokens: 4 },
    });
    expect(completed.response.id).toMatch(/^resp_/);

    const plain = await post(`${server.baseURL}/responses`, { model: 'gpt-4.1', input: 'hello' });
    expect(await plain.json()).toMatchObject({
      object: 'response',
      status: 'completed',
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi there' }] }],
    });
  });

  it('rejects unknown routes and bad bodies like OpenAI, and fails on demand', async () => {
    const server = await start();
    const unknown = await fetch(`${server.baseURL}/chat/completions`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { message: expect.stringContaining('Invalid URL') },
    });
    expect((await post(`${server.baseURL}/chat/completions`, { messages: [] })).status).toBe(400);
    expect((await post(`${server.baseURL}/chat/completions`, { model: 'x' })).status).toBe(400);

    const limited = await start({ errorStatus: 429 });
    const response = await post(`${limited.baseURL}/chat/completions`, {
      model: 'x',
      messages: [],
    });
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
  });
});
