/**
 * Named credential profiles (issue 17). Every stored credential belongs to a profile of its
 * provider. The `default` profile is the provider's own entry (`openai: { api_key }`), exactly
 * today's layout, so stores written before profiles load unchanged; a named profile is a
 * top-level entry `<provider>:<profile>` (`"openai:work": { api_key }`) with the same shape as
 * the provider's. Each top-level entry is one keyring entry on the keyring backend, so a named
 * profile's keyring account carries its profile (`openai:work@3f2a9c1b0d4e`).
 */
import {
  DEFAULT_PROFILE,
  isProfileName,
  isProviderId,
  PROFILE_NAME_PATTERN,
  type ProviderId,
} from '@flynn/core';

// The name rules live in @flynn/core (the config schema checks them too); the store's API
// keeps offering them.
export { DEFAULT_PROFILE, isProfileName, PROFILE_NAME_PATTERN };

/**
 * The store's top-level key of `provider`'s `profile`: the provider id for `default` (or no
 * profile), `<provider>:<profile>` otherwise.
 * @throws TypeError when `profile` is not a profile name (a caller's bug: check it first).
 */
export function profileStoreKey(provider: string, profile: string = DEFAULT_PROFILE): string {
  if (profile === DEFAULT_PROFILE) return provider;
  if (!isProfileName(profile)) throw new TypeError('Not a profile name');
  return `${provider}:${profile}`;
}

/**
 * The provider and profile a top-level store key stands for (`openai` -> openai/default,
 * `openai:work` -> openai/work), or `undefined` for any other key (unknown providers,
 * `local_providers`, `version`).
 */
export function parseProfileKey(
  key: string,
): { provider: ProviderId; profile: string } | undefined {
  const colon = key.indexOf(':');
  const provider = colon === -1 ? key : key.slice(0, colon);
  if (!isProviderId(provider)) return undefined;
  if (colon === -1) return { provider, profile: DEFAULT_PROFILE };
  const profile = key.slice(colon + 1);
  return isProfileName(profile) && profile !== DEFAULT_PROFILE ? { provider, profile } : undefined;
}

/**
 * The profiles `store` holds for `provider`: `default` first when the provider's own entry
 * exists, then named ones in the order the store lists them. An entry counts whatever it holds.
 */
export function storedProfiles(store: Record<string, unknown>, provider: ProviderId): string[] {
  const profiles: string[] = [];
  for (const [key, entry] of Object.entries(store)) {
    const parsed = parseProfileKey(key);
    if (!parsed || parsed.provider !== provider) continue;
    if (typeof entry !== 'object' || entry === null) continue;
    if (parsed.profile === DEFAULT_PROFILE) profiles.unshift(DEFAULT_PROFILE);
    else profiles.push(parsed.profile);
  }
  return profiles;
}
