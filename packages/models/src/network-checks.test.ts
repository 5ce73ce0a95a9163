import {
  type LoopbackServer,
  openSse,
  type SilentServer,
  startAnthropicServer,
  startLoopbackServer,
  startOpenAIApiServer,
  startSilentServer,
} from '@flynn/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { checkCredential, describeCredentialCheck } from './check-credential.js';
import { createAnthropicClient } from './create-anthropic-client.js';
import { createOpenAIClient } from './create-openai-client.js';
import { isModelError, type ModelError } from './model-error.js';
import { streamWithTimeouts } from './stream-with-timeouts.js';

const KEY = 'sk-test-flynn-network-checks-0001';
const servers: Array<LoopbackServer | SilentServer> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isModelError(error)) throw new Error(`expected a ModelError, got ${String(error)}`);
  return error;
}

async function drain(events: AsyncIterable<unknown>): Promise<unknown[]> {
  const seen: unknown[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

describe('streamWithTimeouts', () => {
  it('gives up on a server that accepts the connection and never answers, naming the host', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: `${silent.url}/v1` });
    const started = Date.now();
    const error = await failure(
      drain(
        streamWithTimeouts(
          client,
          { messages: [{ role: 'user', content: 'hi' }] },
          { firstByteMs: 300 },
        ),
      ),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe('MODEL_NETWORK');
    expect(error.message).toContain(silent.host);
    expect(error.message).toContain('No answer');
    expect(error.message).toContain('0.3 s');
    expect(error.message).not.toMatch(/cancel/i);
  });

  it('gives up when the stream falls silent in the middle, and says so', async () => {
    const server = await startLoopbackServer(async (_request, response) => {
      const sse = openSse(response);
      await sse.send(
        JSON.stringify({
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 0,
          model: 'm',
          choices: [{ index: 0, delta: { content: 'Hel' }, finish_reason: null }],
        }),
      );
      // ...and nothing more, with the connection open.
    });
    servers.push(server);
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: `${server.url}/v1` });
    const seen: unknown[] = [];
    const error = await failure(
      (async () => {
        for await (const event of streamWithTimeouts(
          client,
          { messages: [{ role: 'user', content: 'hi' }] },
          { firstByteMs: 5000, silenceMs: 300 },
        ))
          seen.push(event);
      })(),
    );
    expect(seen).toEqual([{ type: 'text', text: 'Hel' }]);
    expect(error.code).toBe('MODEL_NETWORK');
    expect(error.message).toContain('mid-stream');
    expect(error.message).toContain(server.url.replace('http://', ''));
  });

  it('reports a cancel by the caller as cancelled, not as a timeout', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: `${silent.url}/v1` });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(
      drain(
        streamWithTimeouts(
          client,
          { messages: [{ role: 'user', content: 'hi' }], signal: controller.signal },
          { firstByteMs: 10_000 },
        ),
      ),
    );
    expect(error.code).toBe('MODEL_ABORTED');
  });

  it('passes a complete answer through unchanged', async () => {
    const server = await startOpenAIApiServer({ text: 'all of it' });
    servers.push(server);
    const client = createOpenAIClient({ model: 'm', apiKey: KEY, baseURL: server.baseURL });
    const events = await drain(
      streamWithTimeouts(
        client,
        { messages: [{ role: 'user', content: 'hi' }] },
        { firstByteMs: 5000 },
      ),
    );
    expect(events.at(-1)).toMatchObject({ type: 'done' });
  });
});

describe('checkCredential', () => {
  it('uses the models route where there is one', async () => {
    const server = await startOpenAIApiServer({ apiKeys: [KEY] });
    servers.push(server);
    const client = createOpenAIClient({
      model: 'gpt-4.1-mini',
      apiKey: KEY,
      baseURL: server.baseURL,
    });
    expect(await checkCredential(client)).toEqual({ check: 'models' });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/models',
    ]);
  });

  it.each([404, 405])(
    'falls back to a one-token request when the models route answers %i',
    async (status) => {
      const server = await startOpenAIApiServer({ apiKeys: [KEY], modelsRouteStatus: status });
      servers.push(server);
      const client = createOpenAIClient({
        model: 'gpt-4.1-mini',
        apiKey: KEY,
        baseURL: server.baseURL,
        maxRetries: 0,
      });
      expect(await checkCredential(client)).toEqual({ check: 'one-token' });
      const chat = server.requests.find((request) => request.path.endsWith('/chat/completions'));
      expect(chat?.json).toMatchObject({ model: 'gpt-4.1-mini' });
      expect(JSON.stringify(chat?.json)).toMatch(/"max_(completion_)?tokens":1/);
      expect(describeCredentialCheck('one-token', 'gpt-4.1-mini')).toContain(
        'one-token request to gpt-4.1-mini',
      );
    },
  );

  it('still fails a rejected key behind a gateway without a models route', async () => {
    const server = await startOpenAIApiServer({ apiKeys: ['sk-other'], modelsRouteStatus: 404 });
    servers.push(server);
    const client = createOpenAIClient({
      model: 'm',
      apiKey: KEY,
      baseURL: server.baseURL,
      maxRetries: 0,
    });
    const error = await failure(checkCredential(client));
    expect(error.code).toBe('MODEL_AUTH');
    expect(error.message).not.toContain(KEY);
  });

  it('falls back for Anthropic too', async () => {
    const server = await startAnthropicServer({ apiKeys: [KEY] });
    servers.push(server);
    const client = createAnthropicClient({
      model: 'claude-x',
      apiKey: KEY,
      baseURL: server.baseURL,
    });
    expect(await checkCredential(client)).toEqual({ check: 'models' });
  });

  it('gives up within its limit on a silent server, naming the host', async () => {
    const silent = await startSilentServer();
    servers.push(silent);
    const client = createOpenAIClient({
      model: 'm',
      apiKey: KEY,
      baseURL: `${silent.url}/v1`,
      maxRetries: 0,
    });
    const started = Date.now();
    const error = await failure(checkCredential(client, { timeoutMs: 300 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error.code).toBe('MODEL_NETWORK');
    expect(error.message).toContain(silent.host);
    expect(error.message).toContain('0.3 s');
  });
});

describe('server failures a person can act on', () => {
  it('an Ollama that is not running is reported as that, with the command that starts it', async () => {
    const server = await startOpenAIApiServer({ name: 'ollama' });
    const baseURL = server.baseURL;
    await server.close();
    const client = createOpenAIClient({
      model: 'llama3.2',
      provider: 'ollama',
      baseURL,
      maxRetries: 0,
    });
    const error = await failure(
      drain(client.stream({ messages: [{ role: 'user', content: 'hi' }] })),
    );
    expect(error.code).toBe('MODEL_NETWORK');
    expect(error.message).toContain(`Ollama is not running at ${baseURL}`);
    expect(error.message).toContain('`ollama serve`');
    expect(error.message).not.toMatch(/check your network/i);
  });

  it('a stack trace in an error body is cut to its first meaningful line, sanitized and redacted', async () => {
    const server = await startLoopbackServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(
        `\n  Error: upstream exploded for key ${KEY}\u001b]0;pwned\u0007\n    at handler (/srv/gateway/index.js:10:5)\n    at process (/srv/gateway/lib.js:3:1)\n`,
      );
    });
    servers.push(server);
    const client = createOpenAIClient({
      model: 'm',
      apiKey: KEY,
      baseURL: `${server.url}/v1`,
      maxRetries: 0,
    });
    const error = await failure(
      drain(client.stream({ messages: [{ role: 'user', content: 'hi' }] })),
    );
    expect(error.code).toBe('MODEL_SERVER');
    expect(error.message).toContain('upstream exploded');
    expect(error.message).not.toContain('/srv/gateway');
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain('\u001b');
    expect(error.message).not.toContain('\n');
  });
});
