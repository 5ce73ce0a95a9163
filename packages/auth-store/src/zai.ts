/** The Z.AI API key in the store, at `zai.api_key`; env `ZAI_API_KEY` overrides it. */
import { secretField } from './provider-credentials.js';
import { clearEntry, getField, loadField, storeField } from './stored-field.js';
import type { StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** The API key's place in the store and its env vars (from the provider registry). */
export const ZAI_API_KEY_FIELD = secretField('zai', 'api_key');

/** The stored Z.AI API key (store only, trimmed), or `undefined`. */
export function loadStoredZaiApiKey(options?: StoreOptions): Promise<string | undefined> {
  return loadField(ZAI_API_KEY_FIELD, options);
}

/** Stores the Z.AI API key (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeZaiApiKey(key: string, options?: WriteOptions): Promise<void> {
  return storeField(ZAI_API_KEY_FIELD, key, options);
}

/** Removes `zai.api_key` only. Resolves to whether it was stored. */
export function clearZaiApiKey(options?: WriteOptions): Promise<boolean> {
  return clearEntry('zai', ZAI_API_KEY_FIELD.field, options);
}

/** `ZAI_API_KEY` when non-blank, else the stored key, trimmed; or `undefined`. */
export function getZaiApiKey(options?: StoreOptions): Promise<string | undefined> {
  return getField(ZAI_API_KEY_FIELD, options);
}
