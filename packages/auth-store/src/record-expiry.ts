import { credentialSpec } from '@flynn/core';
import { cleanValue } from './clean-value.js';
import { profileStoreKey } from './profiles.js';
import { readAuthStore } from './read-auth-store.js';
import { expiryField } from './stored-field.js';
import type { CredentialKind, ProviderId } from './types.js';
import { updateAuthStore } from './update-auth-store.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** Which stored credential an expiry belongs to. */
export interface ExpiryTarget {
  provider: ProviderId;
  kind: CredentialKind;
  /** Default `default` (the provider's own entry). */
  profile?: string;
}

/**
 * Records `expiresAt` (epoch ms) beside a stored string credential (`github.token_expires_at`,
 * `github:work.token_expires_at`) when a server told it (GitHub's
 * `github-authentication-token-expiration` header), under the store's lock. It is recorded
 * only while the profile still holds `value`: a credential replaced meanwhile keeps its own
 * expiry. The secret itself is not rewritten (its entry's secrets are unchanged, so it stays
 * where it is, file or keyring); an expiry already recorded is not written again (doctor
 * --online sees the header on every run). Resolves to whether the expiry is recorded.
 * @throws Error when the registry gives `provider` no such string kind; AuthStoreError as
 *   `updateAuthStore` (a corrupt store is never overwritten).
 */
export async function recordCredentialExpiry(
  target: ExpiryTarget,
  value: string,
  expiresAt: number,
  options?: WriteOptions,
): Promise<boolean> {
  const spec = credentialSpec(target.provider, target.kind);
  if (!spec || spec.kind === 'oauth_tokens') {
    throw new Error(`The auth store holds no string ${target.kind} for ${target.provider}.`);
  }
  if (!Number.isFinite(expiresAt)) return false;
  const key = profileStoreKey(target.provider, target.profile);
  const field = spec.storeField;
  const wanted = cleanValue(value);
  const holds = (entry: unknown): entry is Record<string, unknown> =>
    typeof entry === 'object' &&
    entry !== null &&
    wanted !== undefined &&
    cleanValue((entry as Record<string, unknown>)[field]) === wanted;
  // Read first, without the lock: nothing to do when it is recorded already or the token is gone.
  const seen = (await readAuthStore(options))[key];
  if (!holds(seen)) return false;
  if (seen[expiryField(field)] === expiresAt) return true;
  let recorded = false;
  await updateAuthStore((data) => {
    const entry = data[key];
    if (!holds(entry)) return; // replaced while we waited for the lock
    data[key] = { ...entry, [expiryField(field)]: expiresAt };
    recorded = true;
  }, options);
  return recorded;
}

/**
 * GitHub's `github-authentication-token-expiration` header value as epoch ms: the
 * `2026-12-31 23:59:59 UTC` form, or with a numeric offset (`2026-12-31 23:59:59 -0800`);
 * `undefined` for anything else (the header is outside text: never trusted further).
 */
export function parseGitHubTokenExpiration(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match =
    /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})$/.exec(
      text.trim(),
    );
  if (!match) return undefined;
  const [, date, time, zone] = match as unknown as [string, string, string, string];
  const offset =
    zone === 'UTC' || zone === 'GMT' || zone === 'Z'
      ? 'Z'
      : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const value = Date.parse(`${date}T${time}${offset}`);
  return Number.isFinite(value) ? value : undefined;
}

/** What a credential's responses said about its expiry ({@link watchCredentialExpiry}). */
export interface ExpiryWatch {
  /** For the client's `onResponseHeaders`; absent when the provider sends no such header. */
  onResponseHeaders?: (headers: Headers) => void;
  /**
   * When the last answer says the credential that got it expires (epoch ms); undefined when
   * that answer said nothing (an earlier answer may have been to another credential, refused
   * before a failover).
   */
  expiresAt(): number | undefined;
}

/**
 * Watches the responses a client gets for the header in which `provider` says when its
 * `kind` of credential expires (the registry's `expiryHeader`: GitHub's
 * `github-authentication-token-expiration`). Providers without one get no callback.
 */
export function watchCredentialExpiry(provider: ProviderId, kind: CredentialKind): ExpiryWatch {
  const header = credentialSpec(provider, kind)?.expiryHeader;
  if (header === undefined) return { expiresAt: () => undefined };
  let seen: string | undefined;
  return {
    onResponseHeaders: (headers) => {
      seen = headers.get(header) ?? undefined;
    },
    expiresAt: () => parseGitHubTokenExpiration(seen),
  };
}
