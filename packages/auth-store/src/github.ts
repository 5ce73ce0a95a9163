/** The GitHub token in the store, at `github.token`; env `GH_TOKEN`, then `GITHUB_TOKEN`, override it. */
import { secretField } from './provider-credentials.js';
import { clearEntry, getField, loadField, storeField } from './stored-field.js';
import type { StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** The token's place in the store and its env vars (from the provider registry). */
export const GITHUB_TOKEN_FIELD = secretField('github', 'api_key');

/** The stored GitHub token (store only, trimmed), or `undefined`. */
export function loadStoredGitHubToken(options?: StoreOptions): Promise<string | undefined> {
  return loadField(GITHUB_TOKEN_FIELD, options);
}

/** Stores the GitHub token (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeGitHubToken(token: string, options?: WriteOptions): Promise<void> {
  return storeField(GITHUB_TOKEN_FIELD, token, options);
}

/** Removes `github.token` only. Resolves to whether it was stored. */
export function clearGitHubToken(options?: WriteOptions): Promise<boolean> {
  return clearEntry('github', GITHUB_TOKEN_FIELD.field, options);
}

/** `GH_TOKEN`, else `GITHUB_TOKEN` (first non-blank), else the stored token, trimmed; or `undefined`. */
export function getGitHubToken(options?: StoreOptions): Promise<string | undefined> {
  return getField(GITHUB_TOKEN_FIELD, options);
}
