import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import {
  clearOpenAIApiKey,
  clearOpenAIOAuth,
  getOpenAIApiKey,
  loadStoredOpenAIApiKey,
  loadStoredOpenAIOAuth,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
} from './openai.js';
import { readAuthStore } from './read-auth-store.js';

const store = useTempStore();
const KEY = 'sk-proj-stored-key-0000aaaa';
const TOKENS = {
  access_token: 'eyJ.access.token-1111',
  refresh_token: 'rt-refresh-2222',
  id_token: 'eyJ.id.token',
  account_id: 'acct-123',
  expires_at: 1_900_000_000_000,
  last_refresh: 1_800_000_000_000,
};
const onDisk = () => JSON.parse(readFileSync(store.path, 'utf8'));

describe('OpenAI API key', () => {
  it('loads nothing from a missing store', async () => {
    expect(await loadStoredOpenAIApiKey(store.options)).toBeUndefined();
    expect(await getOpenAIApiKey(store.options)).toBeUndefined();
  });

  it('stores the key trimmed in auth.json with mode 0600 and loads it back', async () => {
    await storeOpenAIApiKey(`  ${KEY}\n`, store.options);
    expect(onDisk()).toEqual({ version: 1, openai: { api_key: KEY } });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(await loadStoredOpenAIApiKey(store.options)).toBe(KEY);
  });

  it('replaces an earlier key', async () => {
    await storeOpenAIApiKey('sk-old-key-0000000000', store.options);
    await storeOpenAIApiKey(KEY, store.options);
    expect(await loadStoredOpenAIApiKey(store.options)).toBe(KEY);
  });

  it('refuses an empty or whitespace-only key and leaves the store as it was', async () => {
    await storeOpenAIApiKey(KEY, store.options);
    for (const blank of ['', '   ', '\n\t']) {
      await expect(storeOpenAIApiKey(blank, store.options)).rejects.toMatchObject({
        code: 'AUTH_STORE_INVALID_INPUT',
      });
    }
    expect(await loadStoredOpenAIApiKey(store.options)).toBe(KEY);
  });

  it('getOpenAIApiKey: OPENAI_API_KEY overrides the store, trimmed', async () => {
    await storeOpenAIApiKey(KEY, store.options);
    const env = { OPENAI_API_KEY: '  sk-from-env-1234  ' };
    expect(await getOpenAIApiKey({ ...store.options, env })).toBe('sk-from-env-1234');
    expect(await loadStoredOpenAIApiKey({ ...store.options, env })).toBe(KEY);
  });

  it('getOpenAIApiKey: an empty or whitespace-only OPENAI_API_KEY counts as absent', async () => {
    await storeOpenAIApiKey(KEY, store.options);
    for (const blank of ['', '  ']) {
      expect(await getOpenAIApiKey({ ...store.options, env: { OPENAI_API_KEY: blank } })).toBe(KEY);
    }
  });

  it('getOpenAIApiKey reads process.env when no env is given', async () => {
    await storeOpenAIApiKey(KEY, store.options);
    process.env.OPENAI_API_KEY = 'sk-process-env-5678';
    try {
      expect(await getOpenAIApiKey({ path: store.path })).toBe('sk-process-env-5678');
    } finally {
      delete process.env.OPENAI_API_KEY;
    }
    expect(await getOpenAIApiKey({ path: store.path })).toBe(KEY);
  });

  it('a blank stored key loads as absent', async () => {
    mkdirSync(store.dir, { recursive: true });
    writeFileSync(store.path, JSON.stringify({ version: 1, openai: { api_key: '  ' } }));
    expect(await loadStoredOpenAIApiKey(store.options)).toBeUndefined();
  });

  it('clearOpenAIApiKey removes only the key and reports whether it was there', async () => {
    await storeOpenAIApiKey(KEY, store.options);
    await storeOpenAIOAuth(TOKENS, store.options);
    expect(await clearOpenAIApiKey(store.options)).toBe(true);
    expect(onDisk()).toEqual({ version: 1, openai: { oauth: TOKENS } });
    expect(await clearOpenAIApiKey(store.options)).toBe(false);
  });

  it('clearing the last OpenAI field removes the openai entry but keeps other providers', async () => {
    await storeOpenAIApiKey(KEY, store.options);
    mkdirSync(store.dir, { recursive: true });
    const data = { ...onDisk(), zai: { api_key: 'z' } };
    writeFileSync(store.path, JSON.stringify(data));
    await clearOpenAIApiKey(store.options);
    expect(onDisk()).toEqual({ version: 1, zai: { api_key: 'z' } });
  });
});

describe('OpenAI OAuth tokens', () => {
  it('stores, loads and clears the tokens with account id and expiry', async () => {
    await storeOpenAIOAuth(TOKENS, store.options);
    expect(await loadStoredOpenAIOAuth(store.options)).toEqual(TOKENS);
    expect(await clearOpenAIOAuth(store.options)).toBe(true);
    expect(await loadStoredOpenAIOAuth(store.options)).toBeUndefined();
    expect(await clearOpenAIOAuth(store.options)).toBe(false);
  });

  it('clearOpenAIOAuth keeps the API key', async () => {
    await storeOpenAIOAuth(TOKENS, store.options);
    await storeOpenAIApiKey(KEY, store.options);
    await clearOpenAIOAuth(store.options);
    expect(onDisk()).toEqual({ version: 1, openai: { api_key: KEY } });
  });

  it('refuses tokens with a blank token or a wrongly typed field', async () => {
    const bad = [
      { ...TOKENS, access_token: ' ' },
      { ...TOKENS, refresh_token: '' },
      { ...TOKENS, expires_at: '2030-01-01' as unknown as number },
    ];
    for (const tokens of bad) {
      await expect(storeOpenAIOAuth(tokens, store.options)).rejects.toMatchObject({
        code: 'AUTH_STORE_INVALID_INPUT',
        remedy: [{ kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true }],
      });
    }
  });

  it('loads incomplete stored tokens as absent', async () => {
    mkdirSync(store.dir, { recursive: true });
    const oauth = { access_token: '', refresh_token: 'r' };
    writeFileSync(store.path, JSON.stringify({ version: 1, openai: { oauth } }));
    expect(await loadStoredOpenAIOAuth(store.options)).toBeUndefined();
  });
});

describe('backward compatibility', () => {
  it('a file with only OpenAI OAuth data gains an API key without losing the OAuth entry', async () => {
    mkdirSync(store.dir, { recursive: true });
    const legacy = {
      openai: { oauth: { access_token: 'acc-legacy', refresh_token: 'ref-legacy' } },
    };
    writeFileSync(store.path, JSON.stringify(legacy));
    expect(await loadStoredOpenAIOAuth(store.options)).toEqual(legacy.openai.oauth);
    expect(await loadStoredOpenAIApiKey(store.options)).toBeUndefined();
    await storeOpenAIApiKey(KEY, store.options);
    expect(await readAuthStore(store.options)).toEqual({
      version: 1,
      openai: { oauth: legacy.openai.oauth, api_key: KEY },
    });
    expect(await loadStoredOpenAIOAuth(store.options)).toEqual(legacy.openai.oauth);
  });
});
