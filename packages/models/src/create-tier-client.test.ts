// createTierClient on the wire: for every provider and mode, the loopback server
// receives exactly the resolved secret in the right header and nothing else, whatever
// OPENAI_*/ANTHROPIC_* variables (in the env given and in process.env) say.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AuthStoreData, storeOpenAIOAuth } from '@flynn/auth-store';
import { type FlynnConfig, flynnConfigSchema, loadConfigOrThrow } from '@flynn/config';
import { type Remedy, renderRemedy } from '@flynn/core';
import {
  ANTHROPIC_OAUTH_BETA,
  createTempHome,
  type LoopbackServer,
  startAnthropicServer,
  startCodexBackendServer,
  startOpenAIApiServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  collectEvents,
  credentialHeaders,
  rejectionOf,
  setProcessEnv,
  textOf,
} from '../test/collect-events.js';
import { authRemedy, createTierClient } from './create-tier-client.js';

const OPENAI_KEY = 'sk-proj-store-openai-key-0001';
const ANTHROPIC_KEY = 'sk-ant-api03-store-anthropic-key-0001';
const ANTHROPIC_OAT = 'sk-ant-oat01-env-anthropic-token-0001';
const ZAI_KEY = 'zai-store-key-0001.abcdef';
const GITHUB_TOKEN = 'github_pat_env_token_0001_abcdefghijkl';

/** Variables that would send a different credential or endpoint if any SDK read them. */
const DECOY_ENV = {
  OPENAI_ORG_ID: 'org-decoy',
  OPENAI_PROJECT_ID: 'proj_decoy',
  OPENAI_CUSTOM_HEADERS: 'Authorization: Bearer sk-decoy-custom-header\nX-Decoy: 1',
  ANTHROPIC_CUSTOM_HEADERS: 'x-api-key: sk-ant-api03-decoy-custom-header\nX-Decoy: 1',
  ANTHROPIC_PROFILE: 'decoy',
};

let home: TempHome;
let storePath: string;
const servers: LoopbackServer[] = [];
let restoreEnv: (() => void) | undefined;

beforeEach(() => {
  home = createTempHome();
  storePath = join(home.configDir, 'auth.json');
});

afterEach(async () => {
  restoreEnv?.();
  restoreEnv = undefined;
  await Promise.all(servers.splice(0).map((server) => server.close()));
  home.cleanup();
});

function config(models: Record<string, unknown>, oauth?: unknown): FlynnConfig {
  return flynnConfigSchema.parse({ models, ...(oauth ? { oauth } : {}) });
}

async function track<T extends LoopbackServer>(server: Promise<T>): Promise<T> {
  const started = await server;
  servers.push(started);
  return started;
}

describe('on the wire, for every provider and mode', () => {
  /** Sets decoys in process.env too, for the duration of one test. */
  function withDecoys(extra: Record<string, string>) {
    const env = { ...home.env, ...DECOY_ENV, ...extra };
    restoreEnv = setProcessEnv({ ...DECOY_ENV, ...extra });
    return env;
  }

  async function askTier(
    cfg: FlynnConfig,
    tier: string,
    env: Record<string, string | undefined>,
    store: AuthStoreData = { version: 1 },
  ) {
    const { client, resolution } = await createTierClient({
      config: cfg,
      tier,
      env,
      store,
      storePath,
      maxRetries: 0,
    });
    const events = await collectEvents(
      client.stream({ messages: [{ role: 'user', content: 'hi' }] }),
    );
    return { text: textOf(events), resolution };
  }

  it('openai api_key: the config key beats OPENAI_API_KEY, and OPENAI_BASE_URL is ignored', async () => {
    const server = await track(startOpenAIApiServer({ apiKeys: ['sk-config-inline-0001'] }));
    const decoy = await track(startOpenAIApiServer({}));
    const env = withDecoys({ OPENAI_API_KEY: 'sk-env-decoy-0001', OPENAI_BASE_URL: decoy.baseURL });
    const cfg = config({
      fast: {
        provider: 'openai',
        model: 'gpt-5-mini',
        auth_mode: 'api_key',
        api_key: 'sk-config-inline-0001',
        base_url: server.baseURL,
      },
    });
    const { text, resolution } = await askTier(cfg, 'fast', env);
    expect(text).toBe('Hello from openai');
    expect(resolution).toMatchObject({ source: 'config', location: 'models.fast.api_key' });
    expect(server.requests).toHaveLength(1);
    expect(credentialHeaders(server)).toEqual({ authorization: 'Bearer sk-config-inline-0001' });
    expect(server.requests[0]?.headers['x-decoy']).toBeUndefined();
    expect(decoy.requests).toHaveLength(0);
  });

  it('openai auto with only a stored key: the store key, not OPENAI_* decoys', async () => {
    const server = await track(startOpenAIApiServer({ apiKeys: [OPENAI_KEY] }));
    const env = withDecoys({ OPENAI_ADMIN_KEY: 'sk-admin-decoy-0001' });
    const cfg = config({
      default: { provider: 'openai', model: 'gpt-5', base_url: server.baseURL },
    });
    const { resolution } = await askTier(cfg, 'default', env, {
      version: 1,
      openai: { api_key: OPENAI_KEY },
    });
    expect(resolution).toMatchObject({ kind: 'api_key', source: 'store' });
    expect(credentialHeaders(server)).toEqual({ authorization: `Bearer ${OPENAI_KEY}` });
    expect(server.requests[0]?.headers['openai-organization']).toBeUndefined();
  });

  it('openai oauth: the stored access token and account id go to the Codex backend, not OPENAI_API_KEY', async () => {
    const auth = await track(startOpenAIAuthServer());
    const backend = await track(startCodexBackendServer({ auth, accountId: auth.accountId }));
    const tokens = auth.issueTokens();
    await storeOpenAIOAuth(tokens, { path: storePath });
    const env = withDecoys({ OPENAI_API_KEY: 'sk-env-decoy-0001' });
    const cfg = config(
      {
        fast: { provider: 'openai', model: 'gpt-5', auth_mode: 'oauth', base_url: backend.baseURL },
      },
      { openai: { issuer: auth.issuer } },
    );
    const { client, resolution } = await createTierClient({
      config: cfg,
      tier: 'fast',
      env,
      storePath,
    });
    const text = textOf(
      await collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] })),
    );
    expect(text).toBe('Hello from codex');
    expect(resolution).toMatchObject({ kind: 'oauth_tokens', source: 'store' });
    expect(backend.requests).toHaveLength(1);
    expect(credentialHeaders(backend)).toEqual({ authorization: `Bearer ${tokens.access_token}` });
    expect(backend.requests[0]?.headers['chatgpt-account-id']).toBe(auth.accountId);
  });

  it('auto falling back to the ChatGPT login never sends the tokens to the tier base_url', async () => {
    const auth = await track(startOpenAIAuthServer());
    const backend = await track(startCodexBackendServer({ auth, accountId: auth.accountId }));
    const gateway = await track(startOpenAIApiServer({ name: 'gateway' }));
    const tokens = auth.issueTokens();
    await storeOpenAIOAuth(tokens, { path: storePath });
    const cfg = config(
      { fast: { provider: 'openai', model: 'gpt-5', base_url: gateway.baseURL } },
      { openai: { issuer: auth.issuer, backend_url: backend.baseURL } },
    );
    const { client, resolution } = await createTierClient({
      config: cfg,
      tier: 'fast',
      env: withDecoys({}),
      storePath,
    });
    expect(resolution).toMatchObject({ mode: 'auto', kind: 'oauth_tokens' });
    const text = textOf(
      await collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] })),
    );
    expect(text).toBe('Hello from codex');
    expect(gateway.requests).toEqual([]);
    expect(credentialHeaders(backend)).toEqual({ authorization: `Bearer ${tokens.access_token}` });
  });

  it('anthropic api_key: the stored key as the only credential, no beta header', async () => {
    const server = await track(startAnthropicServer({ apiKeys: [ANTHROPIC_KEY] }));
    const decoy = await track(startAnthropicServer({}));
    const env = withDecoys({
      ANTHROPIC_AUTH_TOKEN: ANTHROPIC_OAT,
      ANTHROPIC_BASE_URL: decoy.baseURL,
    });
    const cfg = config({
      default: {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        auth_mode: 'api_key',
        base_url: server.baseURL,
      },
    });
    const { text } = await askTier(cfg, 'default', env, {
      version: 1,
      anthropic: { api_key: ANTHROPIC_KEY },
    });
    expect(text).toBe('Hello from anthropic');
    expect(credentialHeaders(server)).toEqual({ authorization: `Bearer ${ANTHROPIC_KEY}` });
    expect(server.requests[0]?.headers['anthropic-beta']).toBeUndefined();
    expect(decoy.requests).toHaveLength(0);
  });

  it('anthropic oauth: the sk-ant-oat token as bearer with the beta flag, though ANTHROPIC_API_KEY is set', async () => {
    const server = await track(startAnthropicServer({ authTokens: [ANTHROPIC_OAT] }));
    const env = withDecoys({
      ANTHROPIC_API_KEY: 'sk-ant-api03-env-decoy-0001',
      ANTHROPIC_AUTH_TOKEN: ANTHROPIC_OAT,
    });
    const cfg = config({
      default: {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        auth_mode: 'oauth',
        base_url: server.baseURL,
      },
    });
    const { resolution } = await askTier(cfg, 'default', env);
    expect(resolution).toMatchObject({ kind: 'auth_token', source: 'env' });
    expect(credentialHeaders(server)).toEqual({ authorization: `Bearer ${ANTHROPIC_OAT}` });
    expect(server.requests[0]?.headers['anthropic-beta']).toBe(ANTHROPIC_OAUTH_BETA);
  });

  it('anthropic oauth with a gateway token: bearer, no beta flag, configured headers kept', async () => {
    const server = await track(startAnthropicServer({ authTokens: ['gw-store-token-0001'] }));
    const env = withDecoys({ ANTHROPIC_API_KEY: 'sk-ant-api03-env-decoy-0001' });
    const cfg = config({
      default: {
        provider: 'anthropic',
        model: 'm',
        use_oauth: true,
        base_url: server.baseURL,
        headers: { 'x-gateway-team': 'a' },
      },
    });
    await askTier(cfg, 'default', env, {
      version: 1,
      anthropic: { auth_token: 'gw-store-token-0001' },
    });
    expect(credentialHeaders(server)).toEqual({ authorization: 'Bearer gw-store-token-0001' });
    expect(server.requests[0]?.headers['anthropic-beta']).toBeUndefined();
    expect(server.requests[0]?.headers['x-gateway-team']).toBe('a');
  });

  it.each([
    ['zai', '/api/paas/v4', { version: 1, zai: { api_key: ZAI_KEY } }, {}, ZAI_KEY],
    [
      'github',
      '/inference',
      { version: 1 },
      { GH_TOKEN: GITHUB_TOKEN, GITHUB_TOKEN: 'ghp_decoy' },
      GITHUB_TOKEN,
    ],
  ] as const)(
    '%s: its key as bearer at its base URL path',
    async (provider, prefix, store, extraEnv, expected) => {
      const server = await track(startOpenAIApiServer({ name: provider, apiKeys: [expected] }));
      const env = withDecoys({ OPENAI_API_KEY: 'sk-env-decoy-0001', ...extraEnv });
      const cfg = config({ complex: { provider, model: 'm', base_url: `${server.url}${prefix}` } });
      const { text } = await askTier(cfg, 'complex', env, store as AuthStoreData);
      expect(text).toBe(`Hello from ${provider}`);
      expect(server.requests[0]?.path).toBe(`${prefix}/chat/completions`);
      expect(credentialHeaders(server)).toEqual({ authorization: `Bearer ${expected}` });
    },
  );

  it('ollama without a key sends no credential; a local provider with a configured key sends only that', async () => {
    const ollama = await track(startOpenAIApiServer({ name: 'ollama' }));
    const lmstudio = await track(
      startOpenAIApiServer({ name: 'lmstudio', apiKeys: ['lm-config-key-0001'] }),
    );
    const env = withDecoys({ OPENAI_API_KEY: 'sk-env-decoy-0001' });
    const cfg = config({
      local: { provider: 'ollama', model: 'llama3.2', base_url: ollama.baseURL },
      local_providers: [
        {
          name: 'lmstudio',
          provider: 'openai-compatible',
          model: 'qwen3',
          base_url: lmstudio.baseURL,
          api_key: 'lm-config-key-0001',
        },
      ],
    });
    const local = await askTier(cfg, 'local', env);
    expect(local.resolution).toMatchObject({ kind: 'none', source: 'none' });
    expect(credentialHeaders(ollama)).toEqual({});
    const lm = await askTier(cfg, 'lmstudio', env);
    expect(lm.resolution).toMatchObject({
      kind: 'api_key',
      location: 'models.local_providers[0].api_key',
    });
    expect(credentialHeaders(lmstudio)).toEqual({ authorization: 'Bearer lm-config-key-0001' });
  });

  describe('a rejected credential: the remedy fits where it came from', () => {
    // GitHub Models refuses a valid fine-grained token without this permission (issue 15).
    const GITHUB_PERMISSION =
      '. A fine-grained token or a GitHub App needs the `models: read` permission (Models: read-only); a classic or OAuth app token needs no scope';
    const WRONG = {
      openai: 'sk-proj-wrong-openai-key-000001',
      anthropic: 'sk-ant-api03-wrong-anthropic-key-01',
      token: 'sk-ant-oat01-wrong-anthropic-token-1',
      zai: 'zai-wrong-key-0001.abcdefgh',
      github: 'github_pat_wrong_token_0001_abcdefghij',
    };

    async function rejected(
      provider: string,
      source: 'config' | 'env' | 'store',
      setup: { kind?: 'api_key' | 'auth_token'; env?: Record<string, string>; store?: unknown },
    ) {
      const anthropic = provider === 'anthropic';
      const server = anthropic
        ? await track(startAnthropicServer({ apiKeys: ['right'], authTokens: ['right'] }))
        : await track(startOpenAIApiServer({ name: provider, apiKeys: ['right'] }));
      const inline = source === 'config' ? { [setup.kind ?? 'api_key']: WRONG.openai } : {};
      const cfg = config({
        fast: {
          provider,
          model: 'm',
          base_url: server.baseURL,
          ...(setup.kind === 'auth_token' ? { auth_mode: 'oauth' } : {}),
          ...inline,
        },
      });
      const error = (await rejectionOf(
        (async () => {
          const { client } = await createTierClient({
            config: cfg,
            tier: 'fast',
            env: setup.env ?? {},
            store: (setup.store ?? { version: 1 }) as AuthStoreData,
            storePath,
            configFile: '/home/me/.config/flynn/config.yaml',
            maxRetries: 0,
          });
          await collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] }));
        })(),
      )) as Error & { code: string; remedy: Remedy };
      expect(error.code).toBe('MODEL_AUTH');
      expect(error.message).toContain('tier "fast"');
      const everything = `${error.message} ${renderRemedy(error.remedy, 'cli')}`;
      for (const secret of Object.values(WRONG)) expect(everything).not.toContain(secret);
      return renderRemedy(error.remedy, 'cli');
    }

    it('config: fix or remove the inline key, in the config file', async () => {
      expect(await rejected('openai', 'config', {})).toBe(
        'Fix or remove it in /home/me/.config/flynn/config.yaml (models.fast.api_key)',
      );
      expect(await rejected('anthropic', 'config', { kind: 'auth_token' })).toBe(
        'Fix or remove it in /home/me/.config/flynn/config.yaml (models.fast.auth_token)',
      );
    });

    it.each([
      ['openai', undefined, { OPENAI_API_KEY: WRONG.openai }, 'OPENAI_API_KEY'],
      ['anthropic', undefined, { ANTHROPIC_API_KEY: WRONG.anthropic }, 'ANTHROPIC_API_KEY'],
      ['anthropic', 'auth_token', { ANTHROPIC_AUTH_TOKEN: WRONG.token }, 'ANTHROPIC_AUTH_TOKEN'],
      ['zai', undefined, { ZAI_API_KEY: WRONG.zai }, 'ZAI_API_KEY'],
      ['github', undefined, { GITHUB_TOKEN: WRONG.github }, 'GITHUB_TOKEN'],
    ] as const)('env (%s %s): fix or unset the variable', async (provider, kind, env, name) => {
      expect(await rejected(provider, 'env', { kind, env })).toBe(
        `Fix or unset ${name}${provider === 'github' ? GITHUB_PERMISSION : ''}`,
      );
    });

    it.each([
      ['openai', undefined, { openai: { api_key: WRONG.openai } }, 'openai-key', 'openai.api_key'],
      [
        'anthropic',
        undefined,
        { anthropic: { api_key: WRONG.anthropic } },
        'anthropic-auth',
        'anthropic.api_key',
      ],
      [
        'anthropic',
        'auth_token',
        { anthropic: { auth_token: WRONG.token } },
        'anthropic-token',
        'anthropic.auth_token',
      ],
      ['zai', undefined, { zai: { api_key: WRONG.zai } }, 'zai-key', 'zai.api_key'],
      ['github', undefined, { github: { token: WRONG.github } }, 'github-login', 'github.token'],
    ] as const)(
      'store (%s %s): replace it with the command that stored it',
      async (provider, kind, store, command, field) => {
        expect(await rejected(provider, 'store', { kind, store: { version: 1, ...store } })).toBe(
          `Run \`flynn ${command} --replace\`. The rejected credential is stored at ${storePath} ${field}${provider === 'github' ? GITHUB_PERMISSION : ''}`,
        );
      },
    );

    it('names the file the config was loaded from when no configFile is given', async () => {
      const server = await track(startOpenAIApiServer({ apiKeys: ['right'] }));
      const file = join(home.home, 'my-config.yaml');
      writeFileSync(
        file,
        `models:\n  fast: {provider: openai, model: m, base_url: "${server.baseURL}", api_key: ${WRONG.openai}}\n`,
      );
      const { config: loaded } = loadConfigOrThrow(file);
      const { client } = await createTierClient({
        config: loaded,
        tier: 'fast',
        env: {},
        store: { version: 1 },
        storePath,
        maxRetries: 0,
      });
      const error = (await rejectionOf(
        collectEvents(client.stream({ messages: [{ role: 'user', content: 'hi' }] })),
      )) as { remedy: Remedy };
      expect(renderRemedy(error.remedy, 'cli')).toBe(
        `Fix or remove it in ${file} (models.fast.api_key)`,
      );
    });

    it('OpenAI OAuth tokens from the store: log in again', () => {
      const resolution = {
        tier: 'fast',
        provider: 'openai',
        mode: 'oauth',
        modeOrigin: 'auth_mode',
        kind: 'oauth_tokens',
        source: 'store',
        location: `${storePath} openai.oauth`,
        fingerprint: '',
        oauth: { access_token: 'a', refresh_token: 'r' },
      } as const;
      expect(renderRemedy(authRemedy(resolution, undefined), 'cli')).toBe(
        `Run \`flynn openai-login --replace\`. The rejected credential is stored at ${storePath} openai.oauth`,
      );
    });
  });
});
