import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CredentialResolution } from '@flynn/auth-store';
import { afterEach, expect, test } from 'vitest';
import { failoverClient } from './failover-client.js';
import { ModelError } from './model-error.js';
import type { ModelClient, StreamEvent } from './types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function storePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flynn-failover-'));
  dirs.push(dir);
  return join(dir, 'auth.json');
}

function resolution(profile: string): CredentialResolution {
  return {
    provider: 'openai',
    kind: 'api_key',
    source: 'store',
    location: `auth.json (openai:${profile})`,
    fingerprint: `sk-...${profile}`,
    profile,
  } as unknown as CredentialResolution;
}

/** A client that answers `text`, or throws `error` before any output. */
function fakeClient(answer: string | Error, extra: object = {}): ModelClient & { calls: number } {
  const client = {
    provider: 'openai' as const,
    model: 'gpt-test',
    supportsTools: true,
    baseURL: 'http://127.0.0.1:1/v1',
    calls: 0,
    async *stream(): AsyncGenerator<StreamEvent> {
      client.calls += 1;
      if (answer instanceof Error) throw answer;
      yield { type: 'text', text: answer } as StreamEvent;
    },
    probe: async () => {},
    ...extra,
  };
  return client;
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<string> {
  let text = '';
  for await (const event of stream) if (event.type === 'text') text += event.text;
  return text;
}

test('exposes everything the first client does, not a copied list of fields', () => {
  const first = fakeClient('hi', { timeoutLabel: 'gateway.example' });
  const client = failoverClient({
    tier: 'default',
    first: { tier: 'default', resolution: resolution('work'), client: () => first },
    candidates: () => [],
    fallbacks: [],
    openFallback: () => Promise.reject(new Error('no fallback')),
    store: { path: storePath() },
  });
  expect(client.provider).toBe('openai');
  expect(client.model).toBe('gpt-test');
  expect(client.supportsTools).toBe(true);
  expect(client.baseURL).toBe('http://127.0.0.1:1/v1');
  expect((client as unknown as { timeoutLabel: string }).timeoutLabel).toBe('gateway.example');
});

test('a 429 before any output moves the same request to the next credential', async () => {
  const work = fakeClient(new ModelError('MODEL_RATE_LIMIT', 'Rate limited (429).'));
  const personal = fakeClient('from personal');
  const client = failoverClient({
    tier: 'default',
    first: { tier: 'default', resolution: resolution('work'), client: () => work },
    candidates: () => [
      { tier: 'default', resolution: resolution('work'), client: () => work },
      { tier: 'default', resolution: resolution('personal'), client: () => personal },
    ],
    fallbacks: [],
    openFallback: () => Promise.reject(new Error('no fallback')),
    store: { path: storePath() },
  });
  expect(await collect(client.stream({ messages: [{ role: 'user', content: 'hi' }] }))).toBe(
    'from personal',
  );
  expect([work.calls, personal.calls]).toEqual([1, 1]);
  expect(client.answered()).toMatchObject({
    credential: 'profile personal',
    first: false,
    refused: [{ credential: 'profile work', reason: 'rate_limited' }],
  });
});
