/**
 * What storing and removing a credential involves, shared by the CLI's commands and the
 * TUI's `/login` and `/logout`, returning data that each app words in its own way. Nothing
 * here quotes a value: warnings name env vars, kinds and public prefixes only.
 */
import {
  type CredentialSpec,
  credentialSpec,
  describeCredential,
  looksLikeOtherCredential,
  type ProviderId,
  providerSpec,
} from '@flynn/core';
import { firstEnvValue } from './clean-value.js';
import { storePathFrom } from './default-auth-store-path.js';
import { profileStoreKey } from './profiles.js';
import { readAuthStore } from './read-auth-store.js';
import { clearEntry } from './stored-field.js';
import type { CredentialKind, StoreOptions } from './types.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** A provider's credential kind. */
export interface CredentialTarget {
  provider: ProviderId;
  kind: CredentialKind;
}

/** Something to tell the user about a credential being stored. */
export type StoreWarning =
  /** The value's public prefix says it is `looksLike` (`description`: `an Anthropic auth token (sk-ant-oat…)`). */
  | { code: 'looks_like_other_kind'; looksLike: CredentialTarget; description: string }
  /** `variable` is set and wins over the stored value. */
  | { code: 'env_override'; variable: string }
  /**
   * The stored kind is the provider's OAuth/token kind, and an API key (from `variable`, or
   * stored) wins in `auth_mode: auto`: only tiers with `auth_mode: oauth` will use it.
   */
  | { code: 'auto_mode_prefers_api_key'; variable?: string; apiKeyStored?: true };

/**
 * The warnings for storing `value` (when known) as `target`: a value that looks like another
 * kind, env vars that override the store, and an API key that `auto` would prefer.
 */
export async function storeWarnings(
  target: CredentialTarget,
  value: string | undefined,
  options: StoreOptions = {},
): Promise<StoreWarning[]> {
  const env = options.env ?? process.env;
  const warnings: StoreWarning[] = [];
  const look =
    value === undefined ? undefined : looksLikeOtherCredential(target.provider, target.kind, value);
  if (look) {
    warnings.push({
      code: 'looks_like_other_kind',
      looksLike: { provider: look.provider, kind: look.spec.kind },
      description: describeCredential(look.provider, look.spec),
    });
  }
  const spec = credentialSpec(target.provider, target.kind);
  for (const variable of spec?.envVars ?? []) {
    if (firstEnvValue(env, [variable])) warnings.push({ code: 'env_override', variable });
  }
  const provider = providerSpec(target.provider);
  const apiKey = provider.credentials[0];
  if (apiKey && target.kind !== apiKey.kind && provider.oauthKind === target.kind) {
    const set = firstEnvValue(env, apiKey.envVars);
    if (set) warnings.push({ code: 'auto_mode_prefers_api_key', variable: set.name });
    const stored = (await readAuthStore({ ...options, path: storePathFrom(options) }))[
      target.provider
    ] as Record<string, unknown> | undefined;
    if (
      typeof stored?.[apiKey.storeField] === 'string' &&
      String(stored[apiKey.storeField]).trim()
    ) {
      warnings.push({ code: 'auto_mode_prefers_api_key', apiKeyStored: true });
    }
  }
  return warnings;
}

/**
 * The kinds `which` selects among `provider`'s for logging out: all of them for `undefined`
 * or `all`; else the kind whose id, `flynn login` flag word or logout name (`api-key`, `key`,
 * `oauth`, `token`, ...) it is. `allowed` lists the words to offer when it selects none.
 */
export function selectLogout(
  provider: ProviderId,
  which?: string,
): { kinds: CredentialSpec[]; allowed: string[] } {
  const kinds = providerSpec(provider).credentials;
  const allowed = [...kinds.map((spec) => spec.logoutNames[0] ?? spec.kind), 'all'];
  const word = which?.toLowerCase().replace(/^--/, '');
  if (word === undefined || word === 'all') return { kinds: [...kinds], allowed };
  return {
    kinds: kinds.filter((spec) => spec.kind === word || spec.logoutNames.includes(word)),
    allowed,
  };
}

/**
 * Removes `provider`'s stored `kind` only (and its recorded expiry), of `options.profile` when
 * named (`openai:work.api_key`, `openai:work.oauth`), else of the provider's own entry.
 * Resolves to whether it was stored. @throws TypeError for a name that cannot be a profile.
 */
export function clearStoredCredential(
  provider: ProviderId,
  kind: CredentialKind,
  options?: WriteOptions & { profile?: string },
): Promise<boolean> {
  const spec = credentialSpec(provider, kind);
  if (!spec) return Promise.resolve(false);
  const key = profileStoreKey(provider, options?.profile);
  return clearEntry(key, spec.storeField, options);
}
