import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import {
  clearAnthropicApiKey,
  clearAnthropicAuthToken,
  getAnthropicApiKey,
  getAnthropicAuthToken,
  loadStoredAnthropicApiKey,
  loadStoredAnthropicAuthToken,
  storeAnthropicApiKey,
  storeAnthropicAuthToken,
} from './anthropic.js';

const store = useTempStore();
const KEY = 'sk-ant-api03-stored-key-aaaa';
const TOKEN = 'sk-ant-oat01-stored-token-bbbb';
const onDisk = () => JSON.parse(readFileSync(store.path, 'utf8'));

describe('Anthropic API key', () => {
  it('stores (trimmed, 0600), loads, gets and clears the key', async () => {
    expect(await loadStoredAnthropicApiKey(store.options)).toBeUndefined();
    await storeAnthropicApiKey(` ${KEY} `, store.options);
    expect(onDisk()).toEqual({ version: 1, anthropic: { api_key: KEY } });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(await loadStoredAnthropicApiKey(store.options)).toBe(KEY);
    expect(await getAnthropicApiKey(store.options)).toBe(KEY);
    expect(await clearAnthropicApiKey(store.options)).toBe(true);
    expect(await loadStoredAnthropicApiKey(store.options)).toBeUndefined();
  });

  it('ANTHROPIC_API_KEY overrides the stored key; blank counts as absent', async () => {
    await storeAnthropicApiKey(KEY, store.options);
    const withEnv = (value: string) => ({ ...store.options, env: { ANTHROPIC_API_KEY: value } });
    expect(await getAnthropicApiKey(withEnv(' sk-ant-env '))).toBe('sk-ant-env');
    expect(await getAnthropicApiKey(withEnv('   '))).toBe(KEY);
    // The auth token's env var is not an API key.
    const tokenEnv = { ...store.options, env: { ANTHROPIC_AUTH_TOKEN: 'sk-ant-oat01-x' } };
    expect(await getAnthropicApiKey(tokenEnv)).toBe(KEY);
  });

  it('refuses a blank key', async () => {
    await expect(storeAnthropicApiKey('  ', store.options)).rejects.toMatchObject({
      code: 'AUTH_STORE_INVALID_INPUT',
    });
  });
});

describe('Anthropic auth token', () => {
  it('stores the auth token without touching the API key, and resolves it without YAML', async () => {
    await storeAnthropicApiKey(KEY, store.options);
    await storeAnthropicAuthToken(`${TOKEN}\n`, store.options);
    expect(onDisk()).toEqual({ version: 1, anthropic: { api_key: KEY, auth_token: TOKEN } });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(await loadStoredAnthropicAuthToken(store.options)).toBe(TOKEN);
    expect(await getAnthropicAuthToken(store.options)).toBe(TOKEN);
  });

  it('ANTHROPIC_AUTH_TOKEN overrides the stored token; blank counts as absent', async () => {
    await storeAnthropicAuthToken(TOKEN, store.options);
    const withEnv = (value: string) => ({ ...store.options, env: { ANTHROPIC_AUTH_TOKEN: value } });
    expect(await getAnthropicAuthToken(withEnv('  env-token-123 '))).toBe('env-token-123');
    expect(await getAnthropicAuthToken(withEnv(''))).toBe(TOKEN);
    expect(await loadStoredAnthropicAuthToken(withEnv('env-token-123'))).toBe(TOKEN);
    const keyEnv = { ...store.options, env: { ANTHROPIC_API_KEY: 'sk-ant-api03-x' } };
    expect(await getAnthropicAuthToken(keyEnv)).toBe(TOKEN);
  });

  it('clearAnthropicAuthToken removes only the token', async () => {
    await storeAnthropicApiKey(KEY, store.options);
    await storeAnthropicAuthToken(TOKEN, store.options);
    expect(await clearAnthropicAuthToken(store.options)).toBe(true);
    expect(onDisk()).toEqual({ version: 1, anthropic: { api_key: KEY } });
    expect(await clearAnthropicAuthToken(store.options)).toBe(false);
    expect(await clearAnthropicApiKey(store.options)).toBe(true);
    expect(onDisk()).toEqual({ version: 1 });
  });

  it('a file written before auth tokens existed still loads and gains one', async () => {
    mkdirSync(store.dir, { recursive: true });
    writeFileSync(store.path, JSON.stringify({ anthropic: { api_key: KEY } }));
    expect(await loadStoredAnthropicAuthToken(store.options)).toBeUndefined();
    await storeAnthropicAuthToken(TOKEN, store.options);
    expect(onDisk()).toEqual({ version: 1, anthropic: { api_key: KEY, auth_token: TOKEN } });
  });

  it('refuses a blank token', async () => {
    await expect(storeAnthropicAuthToken('', store.options)).rejects.toMatchObject({
      code: 'AUTH_STORE_INVALID_INPUT',
    });
  });
});
