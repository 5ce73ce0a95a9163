/** The GitHub token in the store, at `github.token`; env `GH_TOKEN`, then `GITHUB_TOKEN`, override it. */
import { clearEntry, getField, loadField, type StoredField, storeField } from './stored-field.js';
import type { StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

const TOKEN: StoredField = {
  provider: 'github',
  field: 'token',
  envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
  label: 'GitHub token',
};

/** The stored GitHub token (store only, trimmed), or `undefined`. */
export function loadStoredGitHubToken(options?: StoreOptions): Promise<string | undefined> {
  return loadField(TOKEN, options);
}

/** Stores the GitHub token (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeGitHubToken(token: string, options?: WriteOptions): Promise<void> {
  return storeField(TOKEN, token, options);
}

/** Removes `github.token` only. Resolves to whether it was stored. */
export function clearGitHubToken(options?: WriteOptions): Promise<boolean> {
  return clearEntry('github', 'token', options);
}

/** `GH_TOKEN`, else `GITHUB_TOKEN` (first non-blank), else the stored token, trimmed; or `undefined`. */
export function getGitHubToken(options?: StoreOptions): Promise<string | undefined> {
  return getField(TOKEN, options);
}
