import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import {
  clearGitHubToken,
  getGitHubToken,
  loadStoredGitHubToken,
  storeGitHubToken,
} from './github.js';

const store = useTempStore();
const TOKEN = 'gho_storedGitHubToken0000';

describe('GitHub token', () => {
  it('stores (trimmed) at github.token, loads and clears it', async () => {
    await storeGitHubToken(` ${TOKEN}\n`, store.options);
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      version: 1,
      github: { token: TOKEN },
    });
    expect(await loadStoredGitHubToken(store.options)).toBe(TOKEN);
    expect(await clearGitHubToken(store.options)).toBe(true);
    expect(await loadStoredGitHubToken(store.options)).toBeUndefined();
  });

  it('GH_TOKEN wins over GITHUB_TOKEN, which wins over the store', async () => {
    await storeGitHubToken(TOKEN, store.options);
    const get = (env: Record<string, string>) => getGitHubToken({ ...store.options, env });
    expect(await get({ GH_TOKEN: 'gh-env', GITHUB_TOKEN: 'github-env' })).toBe('gh-env');
    expect(await get({ GITHUB_TOKEN: ' github-env ' })).toBe('github-env');
    expect(await get({})).toBe(TOKEN);
  });

  it('a blank GH_TOKEN falls through to GITHUB_TOKEN, then to the store', async () => {
    await storeGitHubToken(TOKEN, store.options);
    const get = (env: Record<string, string>) => getGitHubToken({ ...store.options, env });
    expect(await get({ GH_TOKEN: '  ', GITHUB_TOKEN: 'github-env' })).toBe('github-env');
    expect(await get({ GH_TOKEN: '', GITHUB_TOKEN: ' ' })).toBe(TOKEN);
  });

  it('refuses a blank token', async () => {
    await expect(storeGitHubToken('', store.options)).rejects.toMatchObject({
      code: 'AUTH_STORE_INVALID_INPUT',
    });
  });
});
