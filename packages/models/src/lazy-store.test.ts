// The store is read only when resolution needs it: a corrupt auth.json must not break a
// tier whose key comes from config or env, or a tier that needs no credential, while a
// tier that does need the store still gets the typed AUTH_STORE_CORRUPT error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FlynnConfig, flynnConfigSchema } from '@flynn/config';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf } from '../test/collect-events.js';
import { createTierClient } from './create-tier-client.js';
import { resolveTierCredential } from './resolve-tier-credential.js';

const ENV_KEY = 'sk-proj-env-openai-key-0001';
const STORED_KEY = 'sk-ant-api03-stored-anthropic-key-0001';
const ENV_TOKEN = 'sk-ant-oat01-env-anthropic-token-0001';

let home: TempHome;
let storePath: string;

beforeEach(() => {
  home = createTempHome();
  storePath = join(home.configDir, 'auth.json');
  mkdirSync(home.configDir, { recursive: true });
});
afterEach(() => home.cleanup());

function config(models: Record<string, unknown>): FlynnConfig {
  return flynnConfigSchema.parse({ models });
}

function corruptStore() {
  writeFileSync(storePath, '{"version": 1, "openai": {"api_key": "sk-broken', { mode: 0o600 });
}

/** As `flynn ask` does it: no store passed in, the store path from the env. */
function ask(cfg: FlynnConfig, tier: string, env: Record<string, string | undefined> = {}) {
  return createTierClient({ config: cfg, tier, env: { ...home.env, ...env } });
}

describe('with a corrupt auth.json', () => {
  beforeEach(corruptStore);

  it('a key from env still builds the client, resolved from env', async () => {
    const { client, resolution } = await ask(
      config({ fast: { provider: 'openai', model: 'gpt-5' } }),
      'fast',
      { OPENAI_API_KEY: ENV_KEY },
    );
    expect(client.provider).toBe('openai');
    expect(resolution).toMatchObject({
      kind: 'api_key',
      source: 'env',
      location: 'OPENAI_API_KEY',
    });
    expect(resolution.secret?.reveal()).toBe(ENV_KEY);
  });

  it('a key from config still builds the client, resolved from config', async () => {
    const { resolution } = await ask(
      config({ fast: { provider: 'zai', model: 'glm', api_key: 'zai-inline-key-0001' } }),
      'fast',
    );
    expect(resolution).toMatchObject({ source: 'config', location: 'models.fast.api_key' });
  });

  it('a tier that needs no credential (ollama) is fine', async () => {
    const { resolution } = await ask(
      config({ local: { provider: 'ollama', model: 'llama3.2' } }),
      'local',
    );
    expect(resolution).toMatchObject({ kind: 'none', source: 'none' });
  });

  it('an auth_mode the provider lacks is reported as such, not as a store problem', async () => {
    await expect(
      ask(config({ fast: { provider: 'zai', model: 'glm', auth_mode: 'oauth' } }), 'fast'),
    ).rejects.toMatchObject({ code: 'AUTH_MODE_UNSUPPORTED' });
  });

  it.each([
    ['openai auto, nothing in config or env', { provider: 'openai', model: 'm' }, {}],
    ['openai oauth (store only)', { provider: 'openai', model: 'm', auth_mode: 'oauth' }, {}],
    // The store's API key comes before ANTHROPIC_AUTH_TOKEN in auto mode.
    [
      'anthropic auto with only ANTHROPIC_AUTH_TOKEN',
      { provider: 'anthropic', model: 'm' },
      { ANTHROPIC_AUTH_TOKEN: ENV_TOKEN },
    ],
  ])('a tier that needs the store gets AUTH_STORE_CORRUPT (%s)', async (_name, tier, env) => {
    await expect(ask(config({ fast: tier }), 'fast', env)).rejects.toMatchObject({
      code: 'AUTH_STORE_CORRUPT',
      path: storePath,
    });
  });
});

describe('the resolution is the one the full store gives', () => {
  it('auto: a stored API key beats ANTHROPIC_AUTH_TOKEN from env', () => {
    writeFileSync(storePath, JSON.stringify({ version: 1, anthropic: { api_key: STORED_KEY } }));
    const resolution = resolveTierCredential({
      config: config({ default: { provider: 'anthropic', model: 'm' } }),
      tier: 'default',
      env: { ...home.env, ANTHROPIC_AUTH_TOKEN: ENV_TOKEN },
    });
    expect(resolution).toMatchObject({
      kind: 'api_key',
      source: 'store',
      location: `${storePath} anthropic.api_key`,
    });
    expect(resolution.secret?.reveal()).toBe(STORED_KEY);
  });

  it('auto: with no stored API key, ANTHROPIC_AUTH_TOKEN from env', () => {
    writeFileSync(storePath, JSON.stringify({ version: 1 }));
    const resolution = resolveTierCredential({
      config: config({ default: { provider: 'anthropic', model: 'm' } }),
      tier: 'default',
      env: { ...home.env, ANTHROPIC_AUTH_TOKEN: ENV_TOKEN },
    });
    expect(resolution).toMatchObject({ kind: 'auth_token', source: 'env' });
  });

  it('a missing credential still names every place tried, the store included', async () => {
    const error = (await rejectionOf(
      ask(config({ fast: { provider: 'openai', model: 'm' } }), 'fast'),
    )) as Error & { code: string; tried: string[] };
    expect(error.code).toBe('CREDENTIAL_MISSING');
    expect(error.tried).toEqual([
      'models.fast.api_key',
      'OPENAI_API_KEY',
      `${storePath} openai.api_key`,
      `${storePath} openai.oauth`,
    ]);
  });
});
