// The registry's OpenAI-compatible API-key providers need no code in @flynn/models: for each
// of them a tier streams over the OpenAI chat wire with its env var's key as
// `Authorization: Bearer`, at the registry's default URL when the tier names none (with the
// registry's app headers), and without a credential the error's remedy names the env var and
// `flynn login <id>`. The six providers added with the registry are listed explicitly, so
// losing one from the registry fails here too.
import { join } from 'node:path';
import { isFlynnError } from '@flynn/auth-store';
import { type FlynnConfig, flynnConfigSchema } from '@flynn/config';
import {
  credentialSpec,
  PROVIDER_IDS,
  type ProviderId,
  providerSpec,
  renderRemedy,
  wireFormat,
} from '@flynn/core';
import {
  createTempHome,
  type OpenAIApiServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectEvents, credentialHeaders, rejectionOf, textOf } from '../test/collect-events.js';
import { createTierClient } from './create-tier-client.js';

/** The providers added with the registry, with the env var the wire facts give each. */
const NEW_PROVIDERS = [
  ['gemini', 'GEMINI_API_KEY'],
  ['mistral', 'MISTRAL_API_KEY'],
  ['openrouter', 'OPENROUTER_API_KEY'],
  ['groq', 'GROQ_API_KEY'],
  ['deepseek', 'DEEPSEEK_API_KEY'],
  ['xai', 'XAI_API_KEY'],
] as const satisfies ReadonlyArray<readonly [ProviderId, string]>;

/** Every non-keyless provider whose API key talks the OpenAI chat wire, with its env vars. */
const OPENAI_CHAT_KEY_PROVIDERS = PROVIDER_IDS.filter(
  (id) => !providerSpec(id).keyless && wireFormat(id, 'api_key') === 'openai-chat',
).map((id) => [id, credentialSpec(id, 'api_key')?.envVars ?? []] as const);

let home: TempHome;
let storePath: string;
let server: OpenAIApiServer | undefined;

beforeEach(() => {
  home = createTempHome();
  storePath = join(home.configDir, 'auth.json');
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  server = undefined;
  home.cleanup();
});

function config(models: Record<string, unknown>): FlynnConfig {
  return flynnConfigSchema.parse({ models });
}

async function ask(cfg: FlynnConfig, env: Record<string, string>) {
  const { client, resolution } = await createTierClient({
    config: cfg,
    tier: 'fast',
    env,
    store: { version: 1 },
    storePath,
    maxRetries: 0,
  });
  const events = await collectEvents(
    client.stream({ messages: [{ role: 'user', content: 'hi' }] }),
  );
  return { text: textOf(events), resolution };
}

function missingCredential(provider: ProviderId) {
  return rejectionOf(
    createTierClient({
      config: config({ fast: { provider, model: 'm' } }),
      tier: 'fast',
      env: {},
      store: { version: 1 },
      storePath,
    }),
  );
}

describe('the six OpenAI-compatible providers of the registry', () => {
  it('are all in the registry as non-keyless openai-chat API-key providers', () => {
    const listed = OPENAI_CHAT_KEY_PROVIDERS.map(([id]) => id);
    for (const [provider, envVar] of NEW_PROVIDERS) {
      expect(listed).toContain(provider);
      expect(credentialSpec(provider, 'api_key')?.envVars).toEqual([envVar]);
    }
  });

  it.each(NEW_PROVIDERS)(
    '%s: a tier with %s streams from its base_url with the key as bearer',
    async (provider, envVar) => {
      server = await startOpenAIApiServer({ name: provider, apiKeys: ['key'] });
      const cfg = config({ fast: { provider, model: 'm', base_url: server.baseURL } });
      const { text, resolution } = await ask(cfg, { [envVar]: 'key' });
      expect(text).toBe(`Hello from ${provider}`);
      expect(resolution).toMatchObject({
        provider,
        kind: 'api_key',
        source: 'env',
        location: envVar,
      });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.path).toBe('/v1/chat/completions');
      expect(credentialHeaders(server)).toEqual({ authorization: 'Bearer key' });
    },
  );

  it.each(NEW_PROVIDERS)(
    '%s: without a credential the remedy names %s and flynn login',
    async (provider, envVar) => {
      const error = await missingCredential(provider);
      expect(isFlynnError(error)).toBe(true);
      expect(error).toMatchObject({ name: 'MissingCredentialError', code: 'CREDENTIAL_MISSING' });
      const { message, remedy } = error as Error & { remedy: Parameters<typeof renderRemedy>[0] };
      const cli = renderRemedy(remedy, 'cli');
      expect(cli).toContain(envVar);
      expect(cli).toContain(`flynn login ${provider}`);
      expect(renderRemedy(remedy, 'tui')).toContain(`/login ${provider}`);
      // The remedy is data: no command text in the message.
      expect(message).not.toContain('flynn ');
      expect(message).toContain(envVar);
    },
  );

  it.each(NEW_PROVIDERS)(
    '%s: with no base_url the registry default URL is used, with its app headers',
    async (provider, envVar) => {
      const seen: Array<{ url: string; headers: Headers }> = [];
      vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
        const request = new Request(input, init);
        seen.push({ url: request.url, headers: request.headers });
        const chunk = {
          id: 'c1',
          object: 'chat.completion.chunk',
          created: 0,
          model: 'm',
          choices: [{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }],
        };
        return new Response(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`, {
          headers: { 'content-type': 'text/event-stream' },
        });
      });
      const { text } = await ask(config({ fast: { provider, model: 'm' } }), { [envVar]: 'key' });
      expect(text).toBe('ok');
      expect(seen).toHaveLength(1);
      expect(seen[0]?.url).toBe(`${providerSpec(provider).defaultBaseUrl}/chat/completions`);
      expect(seen[0]?.headers.get('authorization')).toBe('Bearer key');
      for (const [name, value] of Object.entries(providerSpec(provider).appHeaders ?? {})) {
        expect(seen[0]?.headers.get(name)).toBe(value);
      }
    },
  );

  it('openrouter names the app with the registry header, and a tier header overrides it', async () => {
    expect(providerSpec('openrouter').appHeaders).toEqual({ 'X-Title': 'Flynn' });
    server = await startOpenAIApiServer({ name: 'openrouter', apiKeys: ['key'] });
    await ask(config({ fast: { provider: 'openrouter', model: 'm', base_url: server.baseURL } }), {
      OPENROUTER_API_KEY: 'key',
    });
    expect(server.requests[0]?.headers['x-title']).toBe('Flynn');
    await ask(
      config({
        fast: {
          provider: 'openrouter',
          model: 'm',
          base_url: server.baseURL,
          headers: { 'X-Title': 'My app' },
        },
      }),
      { OPENROUTER_API_KEY: 'key' },
    );
    expect(server.requests[1]?.headers['x-title']).toBe('My app');
  });
});

describe('every non-keyless openai-chat provider of the registry', () => {
  it.each(OPENAI_CHAT_KEY_PROVIDERS)(
    '%s: streams with its first env var as bearer, and names its env vars when missing',
    async (provider, envVars) => {
      const [first] = envVars;
      expect(first).toBeDefined();
      server = await startOpenAIApiServer({ name: provider, apiKeys: ['key'] });
      const cfg = config({ fast: { provider, model: 'm', base_url: server.baseURL } });
      const { text } = await ask(cfg, { [first as string]: 'key' });
      expect(text).toBe(`Hello from ${provider}`);
      expect(credentialHeaders(server)).toEqual({ authorization: 'Bearer key' });

      const error = (await missingCredential(provider)) as { remedy: readonly never[] };
      const cli = renderRemedy(error.remedy, 'cli');
      for (const name of envVars) expect(cli).toContain(name);
    },
  );
});
