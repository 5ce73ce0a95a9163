// The checklist's factory test: auth_mode precedence over use_oauth, auto -> API key,
// oauth -> token, and failures that name the tier, kind and remedy. What reaches the
// wire for every provider and mode is in create-tier-client.test.ts.
import { join } from 'node:path';
import { type AuthStoreData, isFlynnError, storeOpenAIOAuth } from '@flynn/auth-store';
import { type FlynnConfig, flynnConfigSchema } from '@flynn/config';
import { type Remedy, renderRemedy } from '@flynn/core';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf } from '../test/collect-events.js';
import { createTierClient } from './create-tier-client.js';
import { resolveTierCredential } from './resolve-tier-credential.js';

const OPENAI_KEY = 'sk-proj-store-openai-key-0001';
const ANTHROPIC_KEY = 'sk-ant-api03-store-anthropic-key-0001';
const ANTHROPIC_OAT = 'sk-ant-oat01-env-anthropic-token-0001';

let home: TempHome;
let storePath: string;

beforeEach(() => {
  home = createTempHome();
  storePath = join(home.configDir, 'auth.json');
});

afterEach(() => home.cleanup());

function config(models: Record<string, unknown>, oauth?: unknown): FlynnConfig {
  return flynnConfigSchema.parse({ models, ...(oauth ? { oauth } : {}) });
}

const bothOpenAI: AuthStoreData = {
  version: 1,
  openai: { api_key: OPENAI_KEY, oauth: { access_token: 'at-store', refresh_token: 'rt-store' } },
};

describe('auth_mode and use_oauth', () => {
  it('auth_mode wins over use_oauth: true', () => {
    const resolution = resolveTierCredential({
      config: config({
        fast: { provider: 'openai', model: 'gpt-5-mini', auth_mode: 'api_key', use_oauth: true },
      }),
      tier: 'fast',
      env: {},
      store: bothOpenAI,
      storePath,
    });
    expect(resolution).toMatchObject({ mode: 'api_key', modeOrigin: 'auth_mode', kind: 'api_key' });
    expect(resolution.secret?.reveal()).toBe(OPENAI_KEY);
  });

  it('use_oauth: true alone means oauth', async () => {
    const { client, resolution } = await createTierClient({
      config: config({ complex: { provider: 'openai', model: 'gpt-5', use_oauth: true } }),
      tier: 'complex',
      env: {},
      store: bothOpenAI,
      storePath,
    });
    expect(resolution).toMatchObject({
      mode: 'oauth',
      modeOrigin: 'use_oauth',
      kind: 'oauth_tokens',
    });
    expect(client.supportsTools).toBe(false);
  });

  it('auto takes the API key when both kinds exist (OpenAI and Anthropic)', async () => {
    const openai = await createTierClient({
      config: config({ default: { provider: 'openai', model: 'gpt-5' } }),
      tier: 'default',
      env: {},
      store: bothOpenAI,
      storePath,
    });
    expect(openai.resolution).toMatchObject({
      mode: 'auto',
      modeOrigin: 'default',
      kind: 'api_key',
    });
    expect(openai.client.supportsTools).toBe(true);
    const anthropic = resolveTierCredential({
      config: config({ default: { provider: 'anthropic', model: 'claude-sonnet-4-5' } }),
      tier: 'default',
      env: { ANTHROPIC_AUTH_TOKEN: ANTHROPIC_OAT },
      store: { version: 1, anthropic: { api_key: ANTHROPIC_KEY } },
      storePath,
    });
    expect(anthropic).toMatchObject({ kind: 'api_key', source: 'store' });
  });

  it('auto falls back to the OAuth/token chain when there is no API key', () => {
    const resolution = resolveTierCredential({
      config: config({ default: { provider: 'anthropic', model: 'claude-sonnet-4-5' } }),
      tier: 'default',
      env: { ANTHROPIC_AUTH_TOKEN: ANTHROPIC_OAT },
      store: { version: 1 },
      storePath,
    });
    expect(resolution).toMatchObject({
      kind: 'auth_token',
      source: 'env',
      location: 'ANTHROPIC_AUTH_TOKEN',
    });
  });

  it('oauth takes the token even when an API key exists', () => {
    const resolution = resolveTierCredential({
      config: config({ default: { provider: 'anthropic', model: 'm', auth_mode: 'oauth' } }),
      tier: 'default',
      env: { ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_AUTH_TOKEN: ANTHROPIC_OAT },
      store: { version: 1 },
      storePath,
    });
    expect(resolution).toMatchObject({
      mode: 'oauth',
      kind: 'auth_token',
      location: 'ANTHROPIC_AUTH_TOKEN',
    });
    expect(JSON.stringify(resolution)).not.toContain(ANTHROPIC_OAT);
  });

  it('reads the store file at storePath when no store is given', async () => {
    await storeOpenAIOAuth(
      { access_token: 'at-file', refresh_token: 'rt-file' },
      { path: storePath },
    );
    const resolution = resolveTierCredential({
      config: config({ fast: { provider: 'openai', model: 'm', auth_mode: 'oauth' } }),
      tier: 'fast',
      env: {},
      storePath,
    });
    expect(resolution).toMatchObject({ kind: 'oauth_tokens', source: 'store' });
    expect(resolution.location).toContain(storePath);
  });
});

describe('failures', () => {
  const cases = [
    [
      { provider: 'openai', model: 'm', auth_mode: 'api_key' },
      ['API key', '`flynn openai-key`', 'OPENAI_API_KEY'],
      ['openai-login'],
    ],
    [
      { provider: 'openai', model: 'm', auth_mode: 'oauth' },
      ['ChatGPT login', '`flynn openai-login`'],
      ['openai-key'],
    ],
    [
      { provider: 'openai', model: 'm', use_oauth: true },
      ['use_oauth', '`flynn openai-login`'],
      ['openai-key'],
    ],
    [
      { provider: 'openai', model: 'm' },
      ['`flynn openai-key`', '`flynn openai-login`', 'OPENAI_API_KEY'],
      [],
    ],
    [
      { provider: 'anthropic', model: 'm', auth_mode: 'oauth' },
      ['auth token', '`flynn anthropic-token`', 'ANTHROPIC_AUTH_TOKEN'],
      ['anthropic-auth`'],
    ],
    [
      { provider: 'anthropic', model: 'm', auth_mode: 'api_key' },
      ['API key', '`flynn anthropic-auth`', 'ANTHROPIC_API_KEY'],
      ['anthropic-token'],
    ],
    [{ provider: 'zai', model: 'glm-4.6' }, ['`flynn zai-key`', 'ZAI_API_KEY'], []],
    [
      { provider: 'github', model: 'openai/gpt-4.1' },
      ['`flynn github-login`', 'GH_TOKEN', 'GITHUB_TOKEN'],
      [],
    ],
  ] as const;

  it.each(cases)(
    'a missing credential for %o names the tier, kind and remedy',
    async (tier, wanted, unwanted) => {
      // The wrong kind is present, to show that the mode is enforced.
      const store: AuthStoreData =
        'auth_mode' in tier && tier.auth_mode === 'api_key'
          ? {
              version: 1,
              openai: { oauth: { access_token: 'a', refresh_token: 'r' } },
              anthropic: { auth_token: ANTHROPIC_OAT },
            }
          : {
              version: 1,
              openai:
                tier.provider === 'openai' && 'auth_mode' in tier ? { api_key: OPENAI_KEY } : {},
              anthropic: tier.provider === 'anthropic' ? { api_key: ANTHROPIC_KEY } : {},
            };
      const error = (await rejectionOf(
        createTierClient({
          config: config({ fast: tier }),
          tier: 'fast',
          env: {},
          store,
          storePath,
        }),
      )) as Error & { code: string; tier: string; remedy: unknown };
      expect(isFlynnError(error, 'CREDENTIAL_MISSING')).toBe(true);
      expect(error.tier).toBe('fast');
      expect(error.message).toContain('Tier "fast"');
      const shown = `${error.message} ${renderRemedy(error.remedy as Remedy, 'cli')}`;
      for (const text of wanted) expect(shown).toContain(text);
      for (const text of unwanted) expect(error.message).not.toContain(text);
      expect(error.message).not.toMatch(/sk-|rt-|at-store/);
    },
  );

  it('an unknown tier is MODEL_UNKNOWN_TIER listing the configured tiers', async () => {
    const error = (await rejectionOf(
      createTierClient({
        config: config({
          default: { provider: 'ollama', model: 'llama3.2' },
          local_providers: [
            {
              name: 'lmstudio',
              provider: 'openai-compatible',
              model: 'q',
              base_url: 'http://127.0.0.1:1234/v1',
            },
          ],
        }),
        tier: 'fats',
        env: {},
        store: { version: 1 },
        storePath,
      }),
    )) as Error & { code: string; remedy: Remedy };
    expect(error.code).toBe('MODEL_UNKNOWN_TIER');
    expect(error.message).toBe('Unknown tier "fats". Configured tiers: default, lmstudio.');
    expect(renderRemedy(error.remedy, 'cli')).toContain('default, lmstudio');
  });
});
