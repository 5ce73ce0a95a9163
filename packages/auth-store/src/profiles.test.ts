// Named profiles (issue 17): `default` is the provider's own entry, a named profile is the
// top-level entry `<provider>:<profile>`, on both backends; old stores load unchanged.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSecretService } from '../test/support/secret-service.js';
import { useTempStore } from '../test/support/temp-store.js';
import { keyringAccount } from './keyring.js';
import {
  clearOpenAIOAuth,
  loadStoredOpenAIOAuth,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
} from './openai.js';
import { parseProfileKey, profileStoreKey, storedProfiles } from './profiles.js';
import { readAuthStore } from './read-auth-store.js';
import type { ResolveRequest } from './resolution-types.js';
import { resolveCredential } from './resolve-credential.js';
import { resolveCredentials } from './resolve-credentials.js';
import { profileSecret } from './stored-secrets.js';

const store = useTempStore();
const fileText = () => readFileSync(store.path, 'utf8');
function writeStore(value: unknown) {
  mkdirSync(store.dir, { recursive: true });
  writeFileSync(store.path, JSON.stringify(value), { mode: 0o600 });
}

function request(
  data: Record<string, unknown>,
  extra: Partial<ResolveRequest> = {},
): ResolveRequest {
  return {
    tier: 'default',
    provider: 'openai',
    mode: 'api_key',
    modeOrigin: 'auth_mode',
    config: {},
    configPath: 'models.default',
    env: {},
    store: data as ResolveRequest['store'],
    storePath: store.path,
    ...extra,
  };
}

describe('profile keys', () => {
  it('maps default to the provider entry and names to <provider>:<profile>', () => {
    expect(profileStoreKey('openai')).toBe('openai');
    expect(profileStoreKey('openai', 'default')).toBe('openai');
    expect(profileStoreKey('openai', 'work')).toBe('openai:work');
    expect(() => profileStoreKey('openai', 'Work Key')).toThrow(TypeError);
    expect(parseProfileKey('openai:work')).toEqual({ provider: 'openai', profile: 'work' });
    expect(parseProfileKey('openai')).toEqual({ provider: 'openai', profile: 'default' });
    expect(parseProfileKey('openai:default')).toBeUndefined();
    expect(parseProfileKey('acme:work')).toBeUndefined();
    expect(
      storedProfiles({ 'openai:b': {}, openai: {}, 'anthropic:x': {}, 'openai:a': {} }, 'openai'),
    ).toEqual(['default', 'b', 'a']);
  });
});

describe('profiles in auth.json', () => {
  it('loads a store written before profiles unchanged and resolves it as before', async () => {
    const old = {
      version: 1,
      openai: { api_key: 'sk-old-key-0001', note: 'kept' },
      future: { x: 1 },
    };
    writeStore(old);
    const data = await readAuthStore({ path: store.path });
    expect(data).toEqual(old);
    expect(resolveCredentials(request(data))).toEqual([resolveCredential(request(data))]);
  });

  it('stores a named profile beside the default one, keeping every other field', async () => {
    writeStore({ version: 1, openai: { api_key: 'sk-default-0001' }, future: { x: 1 } });
    await profileSecret('openai', 'api_key', 'work').store('sk-work-key-0001', {
      path: store.path,
    });
    const raw = JSON.parse(fileText());
    expect(raw).toEqual({
      version: 1,
      openai: { api_key: 'sk-default-0001' },
      future: { x: 1 },
      'openai:work': { api_key: 'sk-work-key-0001' },
    });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(await profileSecret('openai', 'api_key', 'work').load({ path: store.path })).toBe(
      'sk-work-key-0001',
    );
    expect(profileSecret('openai', 'api_key', 'work').field).toBe('openai:work.api_key');
    expect(await profileSecret('openai', 'api_key', 'work').clear({ path: store.path })).toBe(true);
    expect(JSON.parse(fileText())['openai:work']).toBeUndefined();
    expect(JSON.parse(fileText()).openai).toEqual({ api_key: 'sk-default-0001' });
  });

  it('reports a wrongly shaped profile entry as corrupt and never overwrites it', async () => {
    writeStore({ version: 1, 'openai:work': { api_key: 42 } });
    const before = fileText();
    await expect(readAuthStore({ path: store.path })).rejects.toMatchObject({
      code: 'AUTH_STORE_CORRUPT',
    });
    await expect(storeOpenAIApiKey('sk-new-0001', { path: store.path })).rejects.toMatchObject({
      code: 'AUTH_STORE_CORRUPT',
    });
    expect(fileText()).toBe(before);
  });
});

describe('resolveCredentials', () => {
  const data = {
    version: 1,
    'openai:work': { api_key: 'sk-work-key-0001' },
    'openai:personal': { api_key: 'sk-personal-key-0002' },
  };

  it('orders env and config first, then the stored profiles in the tier order', () => {
    const list = resolveCredentials(request(data, { env: { OPENAI_API_KEY: 'sk-env-key-0003' } }), [
      'personal',
      'work',
    ]);
    expect(list.map((entry) => [entry.source, entry.profile, entry.secret?.reveal()])).toEqual([
      ['env', undefined, 'sk-env-key-0003'],
      ['store', 'personal', 'sk-personal-key-0002'],
      ['store', 'work', 'sk-work-key-0001'],
    ]);
    expect(list[1]?.location).toBe(`${store.path} openai:personal.api_key`);
    expect(JSON.stringify(list)).not.toContain('sk-work-key-0001');
  });

  it('skips profiles that hold nothing, and names them all when none does', () => {
    expect(
      resolveCredentials(request(data), ['missing', 'work']).map((entry) => entry.profile),
    ).toEqual(['work']);
    let thrown: unknown;
    try {
      resolveCredentials(request({ version: 1 }), ['work', 'personal']);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'CREDENTIAL_MISSING' });
    const message = (thrown as Error).message;
    expect(message).toContain('openai:work.api_key');
    expect(message).toContain('openai:personal.api_key');
    expect(JSON.stringify((thrown as { remedy: unknown }).remedy)).toContain('--profile work');
  });
});

describe('ChatGPT logins in profiles', () => {
  const tokens = (name: string) => ({
    access_token: `at-${name}-0123456789abcdef`,
    refresh_token: `rt-${name}-0123456789abcdef`,
    expires_at: 1_780_000_000_000,
  });

  it('stores, loads and clears openai:<profile>.oauth beside the default login and the API key', async () => {
    writeStore({
      version: 1,
      openai: { api_key: 'sk-default-key-0001', oauth: tokens('default') },
    });
    await storeOpenAIOAuth(tokens('work'), { path: store.path, profile: 'work' });
    expect(JSON.parse(fileText())).toEqual({
      version: 1,
      openai: { api_key: 'sk-default-key-0001', oauth: tokens('default') },
      'openai:work': { oauth: tokens('work') },
    });
    expect(await loadStoredOpenAIOAuth({ path: store.path, profile: 'work' })).toEqual(
      tokens('work'),
    );
    expect(await loadStoredOpenAIOAuth({ path: store.path, profile: 'default' })).toEqual(
      tokens('default'),
    );
    expect(await loadStoredOpenAIOAuth({ path: store.path, profile: 'personal' })).toBeUndefined();
    const data = await readAuthStore({ path: store.path });
    const [work] = resolveCredentials(request(data, { mode: 'oauth' }), ['work']);
    expect(work).toMatchObject({ kind: 'oauth_tokens', profile: 'work' });
    expect(work?.location).toBe(`${store.path} openai:work.oauth`);

    expect(await clearOpenAIOAuth({ path: store.path, profile: 'work' })).toBe(true);
    expect(await clearOpenAIOAuth({ path: store.path, profile: 'work' })).toBe(false);
    expect(JSON.parse(fileText())).toEqual({
      version: 1,
      openai: { api_key: 'sk-default-key-0001', oauth: tokens('default') },
    });
    await expect(
      storeOpenAIOAuth(tokens('x'), { path: store.path, profile: 'Not A Name' }),
    ).rejects.toThrow(TypeError);
  });
});

describe('profiles in the keyring', () => {
  const secrets = useSecretService();

  it('keeps each profile in its own keyring entry whose account names the profile', async () => {
    const options = {
      path: store.path,
      env: secrets.keyringEnv(),
    };
    await storeOpenAIApiKey('sk-default-key-0001', options);
    await profileSecret('openai', 'api_key', 'work').store('sk-work-key-0002', options);
    const raw = JSON.parse(fileText());
    const workAccount = keyringAccount('openai:work', store.path);
    expect(workAccount).toMatch(/^openai:work@[0-9a-f]{12}$/);
    expect(raw.keyring.entries).toEqual({
      openai: keyringAccount('openai', store.path),
      'openai:work': workAccount,
    });
    expect(fileText()).not.toContain('sk-work-key-0002');
    expect(await secrets.service.lookup({ service: 'flynn', username: workAccount })).toBe(
      JSON.stringify({ api_key: 'sk-work-key-0002' }),
    );
    const data = await readAuthStore(options);
    expect(resolveCredentials(request(data), ['work', 'default']).map((r) => r.location)).toEqual([
      `keyring:flynn/${workAccount} (openai:work.api_key)`,
      `keyring:flynn/${keyringAccount('openai', store.path)} (openai.api_key)`,
    ]);
  });

  it('keeps a profile’s ChatGPT login in its own keyring entry; only the expiry stays in the file', async () => {
    const options = {
      path: store.path,
      env: secrets.keyringEnv(),
    };
    const tokens = {
      access_token: 'at-work-0123456789abcdef',
      refresh_token: 'rt-work-0123456789abcdef',
      expires_at: 1_780_000_000_000,
    };
    await storeOpenAIOAuth(tokens, { ...options, profile: 'work' });
    const raw = JSON.parse(fileText());
    const account = keyringAccount('openai:work', store.path);
    expect(raw.keyring.entries).toEqual({ 'openai:work': account });
    expect(raw['openai:work']).toEqual({ oauth: { expires_at: tokens.expires_at } });
    expect(fileText()).not.toContain('at-work-');
    expect(fileText()).not.toContain('rt-work-');
    expect(await loadStoredOpenAIOAuth({ ...options, profile: 'work' })).toEqual(tokens);
  });
});
