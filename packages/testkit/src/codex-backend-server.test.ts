import { afterEach, describe, expect, it } from 'vitest';
import { type CodexBackendServerOptions, startCodexBackendServer } from './codex-backend-server.js';
import type { LoopbackServer } from './loopback-server.js';
import { type OpenAIAuthServer, startOpenAIAuthServer } from './openai-auth-server.js';
import { parseSse } from './parse-sse.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Partial<CodexBackendServerOptions> = {}) {
  const auth = await startOpenAIAuthServer();
  const backend = await startCodexBackendServer({ auth, accountId: auth.accountId, ...options });
  servers.push(auth, backend);
  return { auth, backend };
}

const body = {
  model: 'gpt-5-codex',
  instructions: 'You are Flynn.',
  input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] }],
  store: false,
  stream: true,
};

function headersFor(auth: OpenAIAuthServer, accessToken = auth.issueTokens().access_token) {
  return {
    authorization: `Bearer ${accessToken}`,
    'chatgpt-account-id': auth.accountId,
    accept: 'text/event-stream',
    'content-type': 'application/json',
    originator: 'flynn',
    'user-agent': 'flynn/0.1.0',
    session_id: 'session-123',
  };
}

const post = (url: string, headers: Record<string, string>, payload: unknown = body) =>
  fetch(`${url}/responses`, { method: 'POST', headers, body: JSON.stringify(payload) });

describe('startCodexBackendServer', () => {
  it('streams the Responses events and records the client headers', async () => {
    const { auth, backend } = await start({ text: 'Codex says hi', chunkSize: 5 });
    expect(backend.baseURL).toBe(`${backend.url}/backend-api/codex`);
    const response = await post(backend.baseURL, headersFor(auth));
    expect(response.status).toBe(200);
    const events = parseSse(await response.text());
    const types = events.map((event) => event.event);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const text = events
      .filter((event) => event.event === 'response.output_text.delta')
      .map((event) => JSON.parse(event.data).delta)
      .join('');
    expect(text).toBe('Codex says hi');
    const completed = JSON.parse(events.at(-1)?.data ?? '{}');
    expect(completed.response.id).toMatch(/^resp_/);
    expect(completed.response.usage).toMatchObject({ input_tokens: 5, output_tokens: 4 });
    const [recorded] = backend.requests;
    expect(recorded?.headers).toMatchObject({
      originator: 'flynn',
      'user-agent': 'flynn/0.1.0',
      session_id: 'session-123',
      'chatgpt-account-id': auth.accountId,
    });
  });

  it('answers 401 without a valid token, with token_expired for an expired one', async () => {
    const { auth, backend } = await start();
    const { authorization: _, ...noBearer } = headersFor(auth);
    const missing = await post(backend.baseURL, noBearer);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ detail: 'Unauthorized' });
    const stranger = await post(backend.baseURL, {
      ...noBearer,
      authorization: 'Bearer abc.def.ghi',
    });
    expect(stranger.status).toBe(401);
    const expired = await post(
      backend.baseURL,
      headersFor(auth, auth.issueTokens({ expiresInSeconds: -5 }).access_token),
    );
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: { code: 'token_expired' } });
  });

  it('rejects what the real backend rejects with 400 {"detail"}', async () => {
    const { auth, backend } = await start();
    const { 'chatgpt-account-id': _, ...noAccount } = headersFor(auth);
    const missingAccount = await post(backend.baseURL, noAccount);
    expect(missingAccount.status).toBe(400);
    expect(await missingAccount.json()).toEqual({
      detail: expect.stringContaining('ChatGPT-Account-ID'),
    });
    const wrongAccount = await post(backend.baseURL, {
      ...headersFor(auth),
      'chatgpt-account-id': 'someone-else',
    });
    expect(wrongAccount.status).toBe(403);
    const cases: [unknown, string][] = [
      [
        { ...body, input: [{ role: 'system', content: 'x' }, ...body.input] },
        'System messages are not allowed',
      ],
      [{ ...body, max_output_tokens: 100 }, 'Unsupported parameter: max_output_tokens'],
      [{ ...body, stream: false }, 'Stream must be set to true'],
    ];
    for (const [payload, detail] of cases) {
      const response = await post(backend.baseURL, headersFor(auth), payload);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ detail });
    }
    const wrongPath = await fetch(`${backend.url}/v1/responses`, {
      method: 'POST',
      headers: headersFor(auth),
      body: JSON.stringify(body),
    });
    expect(wrongPath.status).toBe(404);
  });

  it('streams response.failed with the configured code', async () => {
    const { auth, backend } = await start({ failWith: { code: 'usage_not_included' } });
    const events = parseSse(await (await post(backend.baseURL, headersFor(auth))).text());
    expect(events.map((event) => event.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.failed',
    ]);
    const failed = JSON.parse(events.at(-1)?.data ?? '{}');
    expect(failed.response).toMatchObject({
      status: 'failed',
      error: { code: 'usage_not_included' },
    });
  });

  it('ends the stream before response.completed when truncating', async () => {
    const { auth, backend } = await start({ truncate: true });
    const events = parseSse(await (await post(backend.baseURL, headersFor(auth))).text());
    expect(events.at(-1)?.event).toBe('response.output_text.delta');
    expect(events.some((event) => event.event === 'response.completed')).toBe(false);
  });
});
