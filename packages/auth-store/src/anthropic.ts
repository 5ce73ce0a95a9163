/**
 * Anthropic credentials in the store: an API key at `anthropic.api_key` (env
 * `ANTHROPIC_API_KEY` overrides it) and an auth token, sent as a bearer token, at
 * `anthropic.auth_token` (env `ANTHROPIC_AUTH_TOKEN` overrides it).
 */
import { clearEntry, getField, loadField, type StoredField, storeField } from './stored-field.js';
import type { StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

const API_KEY: StoredField = {
  provider: 'anthropic',
  field: 'api_key',
  envVars: ['ANTHROPIC_API_KEY'],
  label: 'Anthropic API key',
};
const AUTH_TOKEN: StoredField = {
  provider: 'anthropic',
  field: 'auth_token',
  envVars: ['ANTHROPIC_AUTH_TOKEN'],
  label: 'Anthropic auth token',
};

/** The stored Anthropic API key (store only, trimmed), or `undefined`. */
export function loadStoredAnthropicApiKey(options?: StoreOptions): Promise<string | undefined> {
  return loadField(API_KEY, options);
}

/** Stores the Anthropic API key (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeAnthropicApiKey(key: string, options?: WriteOptions): Promise<void> {
  return storeField(API_KEY, key, options);
}

/** Removes `anthropic.api_key` only. Resolves to whether it was stored. */
export function clearAnthropicApiKey(options?: WriteOptions): Promise<boolean> {
  return clearEntry('anthropic', 'api_key', options);
}

/** `ANTHROPIC_API_KEY` when non-blank, else the stored key, trimmed; or `undefined`. */
export function getAnthropicApiKey(options?: StoreOptions): Promise<string | undefined> {
  return getField(API_KEY, options);
}

/** The stored Anthropic auth token (store only, trimmed), or `undefined`. */
export function loadStoredAnthropicAuthToken(options?: StoreOptions): Promise<string | undefined> {
  return loadField(AUTH_TOKEN, options);
}

/** Stores the Anthropic auth token (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeAnthropicAuthToken(token: string, options?: WriteOptions): Promise<void> {
  return storeField(AUTH_TOKEN, token, options);
}

/** Removes `anthropic.auth_token` only. Resolves to whether it was stored. */
export function clearAnthropicAuthToken(options?: WriteOptions): Promise<boolean> {
  return clearEntry('anthropic', 'auth_token', options);
}

/** `ANTHROPIC_AUTH_TOKEN` when non-blank, else the stored token, trimmed; or `undefined`. */
export function getAnthropicAuthToken(options?: StoreOptions): Promise<string | undefined> {
  return getField(AUTH_TOKEN, options);
}
