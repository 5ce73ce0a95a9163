/**
 * Anthropic credentials in the store: an API key at `anthropic.api_key` (env
 * `ANTHROPIC_API_KEY` overrides it) and an auth token, sent as a bearer token, at
 * `anthropic.auth_token` (env `ANTHROPIC_AUTH_TOKEN` overrides it).
 */
import { secretField } from './provider-credentials.js';
import { clearEntry, getField, loadField, storeField } from './stored-field.js';
import type { StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** The API key's place in the store and its env vars (from the provider registry). */
export const ANTHROPIC_API_KEY_FIELD = secretField('anthropic', 'api_key');
/** The auth token's place in the store and its env vars (from the provider registry). */
export const ANTHROPIC_AUTH_TOKEN_FIELD = secretField('anthropic', 'auth_token');

/** The stored Anthropic API key (store only, trimmed), or `undefined`. */
export function loadStoredAnthropicApiKey(options?: StoreOptions): Promise<string | undefined> {
  return loadField(ANTHROPIC_API_KEY_FIELD, options);
}

/** Stores the Anthropic API key (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeAnthropicApiKey(key: string, options?: WriteOptions): Promise<void> {
  return storeField(ANTHROPIC_API_KEY_FIELD, key, options);
}

/** Removes `anthropic.api_key` only. Resolves to whether it was stored. */
export function clearAnthropicApiKey(options?: WriteOptions): Promise<boolean> {
  return clearEntry('anthropic', ANTHROPIC_API_KEY_FIELD.field, options);
}

/** `ANTHROPIC_API_KEY` when non-blank, else the stored key, trimmed; or `undefined`. */
export function getAnthropicApiKey(options?: StoreOptions): Promise<string | undefined> {
  return getField(ANTHROPIC_API_KEY_FIELD, options);
}

/** The stored Anthropic auth token (store only, trimmed), or `undefined`. */
export function loadStoredAnthropicAuthToken(options?: StoreOptions): Promise<string | undefined> {
  return loadField(ANTHROPIC_AUTH_TOKEN_FIELD, options);
}

/** Stores the Anthropic auth token (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeAnthropicAuthToken(token: string, options?: WriteOptions): Promise<void> {
  return storeField(ANTHROPIC_AUTH_TOKEN_FIELD, token, options);
}

/** Removes `anthropic.auth_token` only. Resolves to whether it was stored. */
export function clearAnthropicAuthToken(options?: WriteOptions): Promise<boolean> {
  return clearEntry('anthropic', ANTHROPIC_AUTH_TOKEN_FIELD.field, options);
}

/** `ANTHROPIC_AUTH_TOKEN` when non-blank, else the stored token, trimmed; or `undefined`. */
export function getAnthropicAuthToken(options?: StoreOptions): Promise<string | undefined> {
  return getField(ANTHROPIC_AUTH_TOKEN_FIELD, options);
}
