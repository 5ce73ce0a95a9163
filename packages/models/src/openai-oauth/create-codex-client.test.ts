import { inspect } from 'node:util';
import { isFlynnError } from '@flynn/auth-store';
import { type Remedy, renderRemedy } from '@flynn/core';
import { afterEach, describe, expect, it } from 'vitest';
import { isModelError } from '../model-error.js';
import type { ChatRequest, StreamEvent } from '../types.js';
import { DEFAULT_CODEX_INSTRUCTIONS } from './codex-request.js';
import { createCodexClient } from './create-codex-client.js';
import { type OAuthWorld, startOAuthWorld } from './test-support.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function client(w: OAuthWorld, extra: { headers?: Record<string, string>; tier?: string } = {}) {
  return createCodexClient({
    model: 'gpt-5',
    settings: w.settings,
    storePath: w.storePath,
    env: w.env,
    ...extra,
  });
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const out: StreamEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

async function failure(events: AsyncIterable<StreamEvent>, seen: StreamEvent[] = []) {
  try {
    for await (const event of events) seen.push(event);
  } catch (error) {
    return error;
  }
  return expect.unreachable('the stream should have failed');
}

const hello: ChatRequest = { messages: [{ role: 'user', content: 'Say hello' }] };
const textOf = (events: StreamEvent[]) =>
  events.map((event) => (event.type === 'text' ? event.text : '')).join('');

describe('createCodexClient', () => {
  it('streams text, then usage, then done from the Codex backend', async () => {
    world = await startOAuthWorld({ backend: { text: 'Hello from the loopback codex' } });
    await world.seed();
    const codex = client(world);
    expect(codex).toMatchObject({ provider: 'openai', model: 'gpt-5', supportsTools: false });
    const events = await collect(codex.stream(hello));
    expect(textOf(events)).toBe('Hello from the loopback codex');
    expect(events.slice(-2)).toEqual([
      { type: 'usage', inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      { type: 'done', stopReason: 'completed' },
    ]);
  });

  it('sends the wire facts: bearer, ChatGPT-Account-ID, Flynn identity, session id, tier headers, body', async () => {
    world = await startOAuthWorld();
    const tokens = await world.seed();
    const codex = client(world, {
      headers: { 'X-Gateway': 'team-a', Authorization: 'Bearer not-this-one' },
    });
    await collect(
      codex.stream({
        system: 'Be brief.',
        maxOutputTokens: 50,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: 'How are you?' },
        ],
      }),
    );
    await collect(codex.stream(hello));
    await collect(client(world).stream(hello));

    const [first, second, other] = world.backend.requests;
    expect(first?.path).toBe('/backend-api/codex/responses');
    expect(first?.headers).toMatchObject({
      authorization: `Bearer ${tokens.access_token}`,
      'chatgpt-account-id': world.auth.accountId,
      accept: 'text/event-stream',
      'content-type': 'application/json',
      originator: 'flynn',
      'x-gateway': 'team-a',
    });
    expect(first?.headers['user-agent']).toMatch(/^flynn\/\d+\.\d+\.\d+$/);
    expect(first?.headers.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers.session_id).toBe(first?.headers.session_id);
    expect(other?.headers.session_id).not.toBe(first?.headers.session_id);
    expect(first?.json).toEqual({
      model: 'gpt-5',
      instructions: 'Be brief.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello!' }] },
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'How are you?' }] },
      ],
      store: false,
      stream: true,
    });
    expect((second!.json as { instructions: string }).instructions).toBe(
      DEFAULT_CODEX_INSTRUCTIONS,
    );
  });

  it('rejects tools with MODEL_TOOLS_UNSUPPORTED before anything reaches a server', async () => {
    world = await startOAuthWorld();
    await world.seed({ expiresInSeconds: -60 });
    const error = await failure(
      client(world, { tier: 'fast' }).stream({
        ...hello,
        tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
      }),
    );
    expect(isModelError(error, 'MODEL_TOOLS_UNSUPPORTED')).toBe(true);
    expect(error).toMatchObject({ tier: 'fast', provider: 'openai' });
    expect(String(error)).toMatch(/api_key|API key/);
    expect(world.backend.requests).toEqual([]);
    expect(world.auth.requests).toEqual([]);
  });

  it('refreshes an expired access token before the request', async () => {
    world = await startOAuthWorld();
    const expired = await world.seed({ expiresInSeconds: -60 });
    const events = await collect(client(world).stream(hello));
    expect(events.at(-1)).toEqual({ type: 'done', stopReason: 'completed' });
    expect(world.auth.refreshCount).toBe(1);
    expect(world.backend.requests).toHaveLength(1);
    const sent = world.backend.requests[0]?.headers.authorization;
    expect(sent).not.toBe(`Bearer ${expired.access_token}`);
    expect(sent).toBe(`Bearer ${(await world.stored()).access_token}`);
  });

  it('answers a 401 with exactly one refresh and one retry', async () => {
    world = await startOAuthWorld();
    const revoked = await world.seed({ expiresInSeconds: 3600 });
    world.auth.revokeToken(revoked.access_token);
    const events = await collect(client(world).stream(hello));
    expect(textOf(events)).toBe('Hello from codex');
    expect(world.auth.refreshCount).toBe(1);
    expect(world.backend.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${revoked.access_token}`,
      `Bearer ${(await world.stored()).access_token}`,
    ]);
  });

  it('gives up with MODEL_AUTH after the retry is refused too, without leaking tokens', async () => {
    world = await startOAuthWorld({ backend: { auth: { isValidAccessToken: () => false } } });
    const tokens = await world.seed({ expiresInSeconds: 3600 });
    const error = await failure(client(world).stream(hello));
    expect(isModelError(error, 'MODEL_AUTH')).toBe(true);
    expect(error).toMatchObject({ status: 401 });
    expect(renderRemedy((error as { remedy: Remedy }).remedy, 'cli')).toBe(
      'Run `flynn openai-login` again',
    );
    expect(world.backend.requests).toHaveLength(2);
    expect(world.auth.refreshCount).toBe(1);
    const stored = await world.stored();
    for (const text of [String(error), inspect(error), JSON.stringify(error)]) {
      for (const secret of [tokens.access_token, tokens.refresh_token, stored.access_token]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it.each([
    ['rate_limit_exceeded', 'MODEL_RATE_LIMIT'],
    ['usage_not_included', 'MODEL_AUTH'],
    ['context_length_exceeded', 'MODEL_BAD_REQUEST'],
    ['something_new', 'MODEL_SERVER'],
  ] as const)('maps response.failed %s to %s', async (providerCode, code) => {
    world = await startOAuthWorld({ backend: { failWith: { code: providerCode } } });
    await world.seed();
    const error = await failure(client(world).stream(hello));
    expect(isModelError(error, code)).toBe(true);
    expect(error).toMatchObject({ providerCode, provider: 'openai' });
    expect(String(error)).toContain(providerCode);
  });

  it('a stream that ends before response.completed is MODEL_STREAM_INCOMPLETE', async () => {
    world = await startOAuthWorld({ backend: { truncate: true, text: 'partial answer' } });
    await world.seed();
    const seen: StreamEvent[] = [];
    const error = await failure(client(world).stream(hello), seen);
    expect(isModelError(error, 'MODEL_STREAM_INCOMPLETE')).toBe(true);
    expect(textOf(seen)).toBe('partial answer');
    expect(seen.some((event) => event.type === 'done')).toBe(false);
  });

  it('cancels mid-stream with MODEL_ABORTED when the signal fires', async () => {
    world = await startOAuthWorld({
      backend: { text: 'a long answer '.repeat(50), chunkSize: 4, delayMs: 20 },
    });
    await world.seed();
    const controller = new AbortController();
    const seen: StreamEvent[] = [];
    const started = Date.now();
    const stream = client(world).stream({ ...hello, signal: controller.signal });
    const error = await failure(
      (async function* () {
        for await (const event of stream) {
          yield event;
          if (event.type === 'text') controller.abort();
        }
      })(),
      seen,
    );
    expect(isModelError(error, 'MODEL_ABORTED')).toBe(true);
    expect(seen.filter((event) => event.type === 'text')).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('probe refreshes when needed and checks the backend accepts the token', async () => {
    world = await startOAuthWorld();
    await world.seed({ expiresInSeconds: -60 });
    await expect(client(world).probe()).resolves.toBeUndefined();
    expect(world.auth.refreshCount).toBe(1);
    expect(world.backend.requests).toHaveLength(1);
    expect(world.backend.requests[0]?.headers['chatgpt-account-id']).toBe(world.auth.accountId);
  });

  it('probe without a login names flynn openai-login and sends nothing', async () => {
    world = await startOAuthWorld();
    const error = await client(world, { tier: 'complex' })
      .probe()
      .catch((caught: unknown) => caught);
    expect(isFlynnError(error, 'CREDENTIAL_MISSING')).toBe(true);
    expect(renderRemedy((error as { remedy: Remedy }).remedy, 'cli')).toContain(
      '`flynn openai-login`',
    );
    expect(world.backend.requests).toEqual([]);
  });
});
