import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import { storeOpenAIApiKey } from './openai.js';
import { clearZaiApiKey, getZaiApiKey, loadStoredZaiApiKey, storeZaiApiKey } from './zai.js';

const store = useTempStore();
const KEY = '0123456789abcdef.ZaiSecretKey';

describe('Z.AI API key', () => {
  it('stores (trimmed), loads and clears only zai.api_key', async () => {
    await storeOpenAIApiKey('sk-other-provider-1234', store.options);
    await storeZaiApiKey(`\t${KEY} `, store.options);
    expect(await loadStoredZaiApiKey(store.options)).toBe(KEY);
    expect(await clearZaiApiKey(store.options)).toBe(true);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      version: 1,
      openai: { api_key: 'sk-other-provider-1234' },
    });
    expect(await clearZaiApiKey(store.options)).toBe(false);
  });

  it('ZAI_API_KEY overrides the store; blank counts as absent', async () => {
    expect(await getZaiApiKey(store.options)).toBeUndefined();
    await storeZaiApiKey(KEY, store.options);
    expect(await getZaiApiKey(store.options)).toBe(KEY);
    expect(await getZaiApiKey({ ...store.options, env: { ZAI_API_KEY: ' env-zai ' } })).toBe(
      'env-zai',
    );
    expect(await getZaiApiKey({ ...store.options, env: { ZAI_API_KEY: ' ' } })).toBe(KEY);
  });

  it('refuses a blank key', async () => {
    await expect(storeZaiApiKey(' ', store.options)).rejects.toMatchObject({
      code: 'AUTH_STORE_INVALID_INPUT',
    });
  });
});
