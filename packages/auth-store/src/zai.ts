/** The Z.AI API key in the store, at `zai.api_key`; env `ZAI_API_KEY` overrides it. */
import { clearEntry, getField, loadField, type StoredField, storeField } from './stored-field.js';
import type { StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

const API_KEY: StoredField = {
  provider: 'zai',
  field: 'api_key',
  envVars: ['ZAI_API_KEY'],
  label: 'Z.AI API key',
};

/** The stored Z.AI API key (store only, trimmed), or `undefined`. */
export function loadStoredZaiApiKey(options?: StoreOptions): Promise<string | undefined> {
  return loadField(API_KEY, options);
}

/** Stores the Z.AI API key (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeZaiApiKey(key: string, options?: WriteOptions): Promise<void> {
  return storeField(API_KEY, key, options);
}

/** Removes `zai.api_key` only. Resolves to whether it was stored. */
export function clearZaiApiKey(options?: WriteOptions): Promise<boolean> {
  return clearEntry('zai', 'api_key', options);
}

/** `ZAI_API_KEY` when non-blank, else the stored key, trimmed; or `undefined`. */
export function getZaiApiKey(options?: StoreOptions): Promise<string | undefined> {
  return getField(API_KEY, options);
}
