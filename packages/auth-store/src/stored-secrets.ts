/**
 * One table of every string secret the store holds, so that apps (the CLI's store commands,
 * the TUI's `/login`, doctor's redaction) read labels, fields and env vars from here instead
 * of writing them out again. Fields and env vars come from `PROVIDER_CREDENTIALS` (the same
 * facts resolution uses); load/store/clear are the per-provider functions.
 */
import {
  ANTHROPIC_API_KEY_FIELD,
  ANTHROPIC_AUTH_TOKEN_FIELD,
  clearAnthropicApiKey,
  clearAnthropicAuthToken,
  loadStoredAnthropicApiKey,
  loadStoredAnthropicAuthToken,
  storeAnthropicApiKey,
  storeAnthropicAuthToken,
} from './anthropic.js';
import {
  clearGitHubToken,
  GITHUB_TOKEN_FIELD,
  loadStoredGitHubToken,
  storeGitHubToken,
} from './github.js';
import {
  clearOpenAIApiKey,
  loadStoredOpenAIApiKey,
  OPENAI_API_KEY_FIELD,
  storeOpenAIApiKey,
} from './openai.js';
import type { SecretField } from './provider-credentials.js';
import type { CredentialKind, StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';
import { clearZaiApiKey, loadStoredZaiApiKey, storeZaiApiKey, ZAI_API_KEY_FIELD } from './zai.js';

/** Providers with a string secret in the store. */
export type StoredSecretProvider = 'openai' | 'anthropic' | 'zai' | 'github';

/**
 * A string secret kept in `auth.json` (OpenAI's OAuth tokens are an object and are not one).
 * Entries and their `envVars` are frozen.
 */
export interface StoredSecret {
  readonly provider: StoredSecretProvider;
  /** As in resolution and doctor: a GitHub token is GitHub's `api_key` kind. */
  readonly kind: CredentialKind;
  /** For people: 'OpenAI API key'. */
  readonly label: string;
  /** Where it lives in auth.json: 'openai.api_key'. */
  readonly field: string;
  /** Env vars that override the stored value, in the order they are read. */
  readonly envVars: readonly string[];
  /** The stored value (store only, trimmed), or `undefined`. */
  load(options?: StoreOptions): Promise<string | undefined>;
  /** Stores `value` trimmed. @throws AuthStoreError `AUTH_STORE_INVALID_INPUT` when blank. */
  store(value: string, options?: WriteOptions): Promise<void>;
  /** Removes this field only. Resolves to whether it was stored. */
  clear(options?: WriteOptions): Promise<boolean>;
}

function secret(
  place: SecretField<StoredSecretProvider>,
  functions: Pick<StoredSecret, 'load' | 'store' | 'clear'>,
): StoredSecret {
  return Object.freeze({
    provider: place.provider,
    kind: place.kind,
    label: place.label,
    field: `${place.provider}.${place.field}`,
    envVars: Object.freeze([...place.envVars]),
    ...functions,
  });
}

/**
 * Every string secret the store holds: label, `auth.json` field, overriding env vars (in
 * order) and the functions that load, store and clear it.
 *
 * @example
 * for (const secret of STORED_SECRETS) console.log(secret.label, secret.field, secret.envVars);
 */
export const STORED_SECRETS: readonly StoredSecret[] = Object.freeze([
  secret(OPENAI_API_KEY_FIELD, {
    load: loadStoredOpenAIApiKey,
    store: storeOpenAIApiKey,
    clear: clearOpenAIApiKey,
  }),
  secret(ANTHROPIC_API_KEY_FIELD, {
    load: loadStoredAnthropicApiKey,
    store: storeAnthropicApiKey,
    clear: clearAnthropicApiKey,
  }),
  secret(ANTHROPIC_AUTH_TOKEN_FIELD, {
    load: loadStoredAnthropicAuthToken,
    store: storeAnthropicAuthToken,
    clear: clearAnthropicAuthToken,
  }),
  secret(ZAI_API_KEY_FIELD, {
    load: loadStoredZaiApiKey,
    store: storeZaiApiKey,
    clear: clearZaiApiKey,
  }),
  secret(GITHUB_TOKEN_FIELD, {
    load: loadStoredGitHubToken,
    store: storeGitHubToken,
    clear: clearGitHubToken,
  }),
]);

/**
 * The entry of {@link STORED_SECRETS} for `provider`'s `kind`.
 * @throws Error when the store holds no such string secret (e.g. `openai`'s `oauth_tokens`).
 *
 * @example
 * await storedSecret('github', 'api_key').store(token); // github.token
 */
export function storedSecret(provider: StoredSecretProvider, kind: CredentialKind): StoredSecret {
  const found = STORED_SECRETS.find((entry) => entry.provider === provider && entry.kind === kind);
  if (!found) throw new Error(`The auth store holds no string ${kind} for ${provider}.`);
  return found;
}
