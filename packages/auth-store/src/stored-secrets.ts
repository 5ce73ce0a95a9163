/**
 * One table of every string secret the store holds, derived from `@flynn/core`'s provider
 * registry (every provider kind that is not an interactive login), so that apps (the CLI's
 * store commands, the TUI's `/login`, doctor's redaction) read labels, fields and env vars
 * from here instead of writing them out again. A provider added to the registry is here too.
 */
import { PROVIDER_CREDENTIALS, type ProviderId } from '@flynn/core';
import { secretField } from './provider-credentials.js';
import { clearEntry, loadField, storeField } from './stored-field.js';
import type { CredentialKind, StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** Providers with a string secret in the store. */
export type StoredSecretProvider = ProviderId;

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

function secret(provider: ProviderId, kind: CredentialKind): StoredSecret {
  const place = secretField(provider, kind);
  return Object.freeze({
    provider,
    kind,
    label: place.label,
    field: `${provider}.${place.field}`,
    envVars: Object.freeze([...place.envVars]),
    load: (options?: StoreOptions) => loadField(place, options),
    store: (value: string, options?: WriteOptions) => storeField(place, value, options),
    clear: (options?: WriteOptions) => clearEntry(provider, place.field, options),
  });
}

/**
 * Every string secret the store holds: label, `auth.json` field, overriding env vars (in
 * order) and the functions that load, store and clear it.
 *
 * @example
 * for (const secret of STORED_SECRETS) console.log(secret.label, secret.field, secret.envVars);
 */
export const STORED_SECRETS: readonly StoredSecret[] = Object.freeze(
  PROVIDER_CREDENTIALS.filter(({ spec }) => !spec.interactiveLogin).map(({ provider, spec }) =>
    secret(provider, spec.kind),
  ),
);

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
