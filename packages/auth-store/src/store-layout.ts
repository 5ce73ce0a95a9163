/**
 * Which parts of the store are secrets, and how a store is laid out when they live in the
 * keyring. The logical store (`AuthStoreData`) is the same whatever the backend; on disk:
 * - file backend: `auth.json` holds everything, as it always has;
 * - keyring backend: each top-level entry's secrets (a provider's credential fields, the
 *   OAuth tokens' `access_token`/`refresh_token`/`id_token`, `local_providers.<name>.api_key`)
 *   are one keyring entry holding their JSON; `auth.json` keeps the rest (expiry times, the
 *   account id, unknown fields) and a `keyring` section saying which entries exist:
 *   `"keyring": { "service": "flynn", "entries": { "openai": "openai@3f2a9c1b0d4e" } }`.
 * Unknown fields and unknown providers are not known to be secrets and stay in the file.
 */
import { PROFILE_NAME_PATTERN, PROVIDER_IDS, providerSpec } from '@flynn/core';
import { parseProfileKey } from './profiles.js';
import type { AuthStoreData } from './types.js';

/** The OAuth token fields that are secrets; `account_id`, `expires_at`, `last_refresh` are not. */
const OAUTH_SECRET_FIELDS = ['access_token', 'refresh_token', 'id_token'];

/** Per registry provider: its credential fields, and whether each is the OAuth object. */
const SECRET_FIELDS: Record<string, Array<{ field: string; oauth: boolean }>> = Object.fromEntries(
  PROVIDER_IDS.map((id) => [
    id,
    providerSpec(id).credentials.map((spec) => ({
      field: spec.storeField,
      oauth: spec.kind === 'oauth_tokens',
    })),
  ]),
);

/** The secret fields of a top-level key: a provider's, or a named profile's of it (`openai:work`). */
function secretFieldsOf(key: string): Array<{ field: string; oauth: boolean }> | undefined {
  const parsed = parseProfileKey(key);
  return parsed ? SECRET_FIELDS[parsed.provider] : undefined;
}

/** The store's top-level key for local providers' keys. */
export const LOCAL_PROVIDERS_KEY = 'local_providers';

type Entry = Record<string, unknown>;

function isRecord(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `key` is a top-level store key whose entry can hold secrets. */
export function holdsSecrets(key: string): boolean {
  return key === LOCAL_PROVIDERS_KEY || secretFieldsOf(key) !== undefined;
}

/**
 * Splits one top-level entry into what stays in `auth.json` (`rest`) and its secrets
 * (`undefined` when it holds none). Values of the wrong type are not secrets and stay in
 * `rest`, where the shape check reports them.
 */
export function splitEntry(key: string, entry: unknown): { rest: unknown; secrets?: Entry } {
  if (!isRecord(entry) || !holdsSecrets(key)) return { rest: entry };
  const rest: Entry = { ...entry };
  const secrets: Entry = {};
  if (key === LOCAL_PROVIDERS_KEY) {
    for (const [name, provider] of Object.entries(entry)) {
      if (!isRecord(provider) || typeof provider.api_key !== 'string') continue;
      const { api_key, ...others } = provider;
      secrets[name] = { api_key };
      rest[name] = others;
    }
  } else {
    for (const { field, oauth } of secretFieldsOf(key) ?? []) {
      const value = entry[field];
      if (oauth && isRecord(value)) {
        const tokenSecrets: Entry = {};
        const tokenRest: Entry = { ...value };
        for (const name of OAUTH_SECRET_FIELDS) {
          if (typeof value[name] !== 'string') continue;
          tokenSecrets[name] = value[name];
          delete tokenRest[name];
        }
        if (Object.keys(tokenSecrets).length > 0) {
          secrets[field] = tokenSecrets;
          rest[field] = tokenRest;
        }
      } else if (!oauth && typeof value === 'string') {
        secrets[field] = value;
        delete rest[field];
      }
    }
  }
  return Object.keys(secrets).length > 0 ? { rest, secrets } : { rest: entry };
}

/** `rest` with `secrets` put back (the inverse of {@link splitEntry}). */
export function mergeEntry(rest: unknown, secrets: Entry): Entry {
  const merged: Entry = isRecord(rest) ? { ...rest } : {};
  for (const [field, value] of Object.entries(secrets)) {
    merged[field] =
      isRecord(value) && isRecord(merged[field]) ? { ...merged[field], ...value } : value;
  }
  return merged;
}

/**
 * `entry` without the OAuth token objects that lost their tokens (their keyring entry is
 * gone): what is left of them is metadata that would fail the shape check.
 */
export function withoutEmptyTokens(key: string, entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  const kept: Entry = { ...entry };
  for (const { field, oauth } of secretFieldsOf(key) ?? []) {
    const value = kept[field];
    if (
      oauth &&
      isRecord(value) &&
      (typeof value.access_token !== 'string' || typeof value.refresh_token !== 'string')
    ) {
      delete kept[field];
    }
  }
  return kept;
}

/** True when the store holds at least one secret in its own entries (plain, in the file). */
export function hasPlainSecrets(data: Record<string, unknown>): boolean {
  return Object.entries(data).some(([key, entry]) => splitEntry(key, entry).secrets !== undefined);
}

/** The `keyring` section of `auth.json`. */
export interface KeyringSection {
  service: string;
  /** Store key (`openai`, `local_providers`) to keyring account. */
  entries: Record<string, string>;
}

/** The top-level key of the section (no provider is called that). */
export const KEYRING_SECTION_KEY = 'keyring';

// `<store key>@<scope>`; a named profile's key carries its profile (`openai:work@…`), by the
// one profile-name rule.
const ACCOUNT = new RegExp(
  `^[a-z0-9_-]{1,40}(:${PROFILE_NAME_PATTERN.source.slice(1, -1)})?@[0-9a-f]{12}$`,
);

/** What is wrong with a `keyring` section as found in the file, or `undefined`. */
export function keyringSectionProblem(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return 'keyring must be an object';
  if (value.service !== 'flynn') return 'keyring.service must be "flynn"';
  if (!isRecord(value.entries)) return 'keyring.entries must be an object';
  for (const [key, account] of Object.entries(value.entries)) {
    if (!holdsSecrets(key)) return 'keyring.entries names an entry that holds no credentials';
    if (typeof account !== 'string' || !ACCOUNT.test(account)) {
      return `keyring.entries.${key} must be a keyring account such as "${key}@0123456789ab"`;
    }
  }
  return undefined;
}

/** The section of a parsed (and checked) file, or `undefined` when it has none. */
export function keyringSectionOf(raw: Record<string, unknown>): KeyringSection | undefined {
  const section = raw[KEYRING_SECTION_KEY];
  return isRecord(section) ? (section as unknown as KeyringSection) : undefined;
}

/**
 * Where the secrets of each top-level entry of a store as read came from: the keyring
 * account, for entries that live there. Kept on the data under a non-enumerable symbol, so
 * `JSON.stringify` never writes it.
 */
export const STORE_ORIGIN = Symbol.for('flynn.auth-store.origin');

/** What {@link STORE_ORIGIN} holds. */
export interface StoreOrigin {
  /** Store key to keyring account, for the entries read from the keyring. */
  keyring: Record<string, string>;
  /** Accounts `auth.json` lists that the keyring did not have. */
  missing: string[];
}

/** The origin recorded on `data`, or an empty one (a store read from the file alone). */
export function storeOrigin(data: AuthStoreData): StoreOrigin {
  const origin = (data as unknown as Record<symbol, StoreOrigin | undefined>)[STORE_ORIGIN];
  return origin ?? { keyring: {}, missing: [] };
}

/**
 * Records `origin` on `data`, non-enumerable: equality checks and copies of the plain data
 * do not see it (a copy is a store without a known origin, shown with file locations).
 */
export function withOrigin(data: AuthStoreData, origin: StoreOrigin): AuthStoreData {
  Object.defineProperty(data, STORE_ORIGIN, { value: origin, configurable: true });
  return data;
}
