/**
 * One table of every string secret the store holds, derived from `@flynn/core`'s provider
 * registry (every provider kind that is not an interactive login), so that apps (the CLI's
 * store commands, the TUI's `/login`, doctor's redaction) read labels, fields and env vars
 * from here instead of writing them out again. A provider added to the registry is here too.
 */
import { PROVIDER_CREDENTIALS, type ProviderId } from '@flynn/core';
import { AuthStoreError } from './auth-store-error.js';
import { cleanValue } from './clean-value.js';
import { storePathFrom } from './default-auth-store-path.js';
import { DEFAULT_PROFILE, profileStoreKey } from './profiles.js';
import { localProviderStoreField, secretField } from './provider-credentials.js';
import { readAuthStore } from './read-auth-store.js';
import { clearEntry, loadField, type StoreValueOptions, storeField } from './stored-field.js';
import type { CredentialKind, StoreOptions } from './types.js';
import { updateAuthStore } from './update-auth-store.js';
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
  /**
   * Stores `value` trimmed (with `options.expiresAt`, its expiry beside it).
   * @throws AuthStoreError `AUTH_STORE_INVALID_INPUT` when blank.
   */
  store(value: string, options?: StoreValueOptions): Promise<void>;
  /** Removes this field only. Resolves to whether it was stored. */
  clear(options?: WriteOptions): Promise<boolean>;
}

function secret(provider: ProviderId, kind: CredentialKind, profile?: string): StoredSecret {
  const key = profileStoreKey(provider, profile);
  // The store functions address the entry by its key: the provider's, or `openai:work`.
  const place = { ...secretField(provider, kind), provider: key };
  return Object.freeze({
    provider,
    kind,
    label:
      profile && profile !== DEFAULT_PROFILE ? `${place.label} (profile ${profile})` : place.label,
    field: `${key}.${place.field}`,
    envVars: Object.freeze([...place.envVars]),
    load: (options?: StoreOptions) => loadField(place, options),
    store: (value: string, options?: StoreValueOptions) => storeField(place, value, options),
    clear: (options?: WriteOptions) => clearEntry(key, place.field, options),
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

/**
 * {@link storedSecret} of one named profile: the same credential kept at
 * `<provider>:<profile>.<field>` (`openai:work.api_key`); `default` is the provider's own entry.
 * Its label names the profile (`OpenAI API key (profile work)`).
 * @throws Error as `storedSecret`; TypeError for a name that is not a profile name.
 */
export function profileSecret(
  provider: StoredSecretProvider,
  kind: CredentialKind,
  profile: string,
): StoredSecret {
  storedSecret(provider, kind);
  return secret(provider, kind, profile);
}

type Entries = Record<string, Record<string, unknown>>;

function localEntries(data: Record<string, unknown>): Entries {
  const entries = data.local_providers;
  return typeof entries === 'object' && entries !== null && !Array.isArray(entries)
    ? { ...(entries as Entries) }
    : {};
}

/**
 * The key of a local provider (a `local_providers` entry of the config, e.g. `lmstudio`),
 * stored by `flynn login <name>` at `local_providers.<name>.api_key`, beside the registry
 * providers' entries. Resolution looks for it before the provider's own store field.
 * `provider` is the entry's provider (`openai-compatible`); no env var overrides it.
 */
export function localProviderSecret(name: string, provider: ProviderId): StoredSecret {
  const label = `${name} API key`;
  const entryOf = (data: Record<string, unknown>) => {
    const entry = localEntries(data)[name];
    return typeof entry === 'object' && entry !== null ? entry : undefined;
  };
  return Object.freeze({
    provider,
    kind: 'api_key' as const,
    label,
    field: localProviderStoreField(name),
    envVars: Object.freeze([]) as readonly string[],
    load: async (options?: StoreOptions) =>
      cleanValue(entryOf((await readAuthStore(options)) as Record<string, unknown>)?.api_key),
    store: async (value: string, options?: WriteOptions) => {
      const clean = cleanValue(value);
      if (clean === undefined) {
        throw new AuthStoreError('AUTH_STORE_INVALID_INPUT', {
          path: storePathFrom(options),
          problem: `Refusing to store an empty ${label}.`,
          remedy: 'Pass the credential itself (it was empty or whitespace).',
        });
      }
      await updateAuthStore((data) => {
        const entries = localEntries(data);
        entries[name] = { ...entryOf(data), api_key: clean };
        data.local_providers = entries;
      }, options);
    },
    clear: async (options?: WriteOptions) => {
      let removed = false;
      await updateAuthStore((data) => {
        const entry = entryOf(data);
        if (!entry || !('api_key' in entry)) return;
        removed = true;
        const entries = localEntries(data);
        const { api_key: _dropped, ...rest } = entry;
        if (Object.keys(rest).length === 0) delete entries[name];
        else entries[name] = rest;
        if (Object.keys(entries).length === 0) delete data.local_providers;
        else data.local_providers = entries;
      }, options);
      return removed;
    },
  });
}
