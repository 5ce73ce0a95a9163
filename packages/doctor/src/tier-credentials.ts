import {
  type AuthStoreData,
  type CooldownReason,
  type CooldownState,
  type CredentialKind,
  type CredentialResolution,
  type CredentialSource,
  type Env,
  resolveCredentials,
  storedProfiles,
} from '@flynn/auth-store';
import {
  type TierEntry,
  type TierSecrets,
  tierCredentialRequest,
  tierProfiles,
} from '@flynn/config';
import type { ProviderId, Remedy } from '@flynn/core';
import { formatDuration, formatTime, shortLocation } from './describe.js';
import type { Check, TierReport } from './types.js';

/** Credentials expiring within this window are warned about (and fail `doctor --check`). */
export const EXPIRY_WARNING_MS = 7 * 24 * 60 * 60_000;

/** One credential of a tier's ordered list, as doctor shows it. Never a value. */
export interface TierCredential {
  profile?: string;
  kind: CredentialKind | 'none';
  source: CredentialSource | 'none';
  location: string;
  fingerprint: string;
  /** When it expires (epoch ms), when known. */
  expiresAt?: number;
  /** Set aside after a refusal: until when (absent: until the value changes). */
  cooldown?: { reason: CooldownReason; until?: number };
}

/** The resolution request of a tier, with its first profile when it names any. */
export function tierRequest(
  tier: TierEntry,
  secrets: TierSecrets,
  env: Env,
  store: AuthStoreData,
  storePath: string,
) {
  const profiles = tierProfiles(tier);
  return {
    ...tierCredentialRequest(tier, secrets),
    ...(profiles ? { profile: profiles[0] } : {}),
    env,
    store,
    storePath,
  };
}

/**
 * The tier's credentials in the order a request tries them (`resolveCredentials`), each with
 * its expiry and its cooldown (matched by provider, location and fingerprint: no digest of the
 * value is computed here). Empty when the tier has none.
 */
export function tierCredentials(
  tier: TierEntry,
  secrets: TierSecrets,
  context: {
    env: Env;
    store: AuthStoreData;
    storePath: string;
    cooldowns: CooldownState;
    now: number;
  },
): TierCredential[] {
  let list: CredentialResolution[];
  try {
    list = resolveCredentials(
      tierRequest(tier, secrets, context.env, context.store, context.storePath),
      tierProfiles(tier),
    );
  } catch {
    return [];
  }
  const entries = Object.values(context.cooldowns.cooldowns);
  return list
    .filter((resolution) => resolution.kind !== 'none')
    .map((resolution) => {
      const cooldown = entries.find(
        (entry) =>
          entry.provider === resolution.provider &&
          entry.location === resolution.location &&
          entry.fingerprint === resolution.fingerprint &&
          (entry.until === undefined || entry.until > context.now),
      );
      return {
        ...(resolution.profile ? { profile: resolution.profile } : {}),
        kind: resolution.kind,
        source: resolution.source,
        location: resolution.location,
        fingerprint: resolution.fingerprint,
        ...(resolution.expiresAt === undefined ? {} : { expiresAt: resolution.expiresAt }),
        ...(cooldown
          ? {
              cooldown: {
                reason: cooldown.reason,
                ...(cooldown.until === undefined ? {} : { until: cooldown.until }),
              },
            }
          : {}),
      };
    });
}

/**
 * A `credential-expiry` warning per credential a tier uses that expires within 7 days (or
 * has expired), once per credential, naming the tiers that use it.
 */
export function expiryChecks(tiers: TierReport[], storePath: string, now: number): Check[] {
  const byLocation = new Map<
    string,
    { credential: TierCredential; provider: ProviderId; tiers: string[] }
  >();
  for (const tier of tiers) {
    for (const credential of tier.credentials ?? []) {
      if (credential.expiresAt === undefined || credential.expiresAt - now > EXPIRY_WARNING_MS)
        continue;
      const key = `${credential.location}\u0000${credential.fingerprint}`;
      const found = byLocation.get(key) ?? { credential, provider: tier.provider, tiers: [] };
      found.tiers.push(tier.tier);
      byLocation.set(key, found);
    }
  }
  return [...byLocation.values()].map(({ credential, provider, tiers: names }) => {
    const expiresAt = credential.expiresAt as number;
    const when =
      expiresAt <= now
        ? `expired ${formatDuration(now - expiresAt)} ago (${formatTime(expiresAt)})`
        : `expires in ${formatDuration(expiresAt - now)} (${formatTime(expiresAt)})`;
    const profile = credential.profile ? `profile ${credential.profile}, ` : '';
    const login = credential.kind === 'none' ? 'api_key' : credential.kind;
    const remedy: Remedy = [
      {
        kind: 'login',
        provider,
        credential: login,
        replace: true,
        ...(credential.profile ? { profile: credential.profile } : {}),
      },
    ];
    return {
      id: 'credential-expiry',
      status: 'warn' as const,
      message: `${credential.fingerprint} (${profile}${shortLocation(credential.location, storePath)}) ${when}; used by tier ${names.join(', ')}`,
      remedy,
    };
  });
}

/** The stored profiles of each provider the tiers use, `default` first. */
export function profilesByProvider(
  tiers: readonly TierEntry[],
  store: AuthStoreData,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const tier of tiers) {
    const provider = tier.model.provider;
    if (provider in result) continue;
    result[provider] = storedProfiles(store, provider);
  }
  return result;
}
