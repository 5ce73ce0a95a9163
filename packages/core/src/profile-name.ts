/**
 * Credential profile names (issue 17), checked the same way by the config schema, the store
 * and every `--profile` option. `@flynn/auth-store` re-exports these with the store layout.
 */

/** The profile a credential belongs to when none is named: the provider's own store entry. */
export const DEFAULT_PROFILE = 'default';

/** Profile names: short lowercase words (they become part of store keys and keyring accounts). */
export const PROFILE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** True when `name` can name a profile. */
export function isProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}

/** What `--profile` says of a name that cannot be a profile, in the CLI and the TUI alike. */
export const BAD_PROFILE_OPTION =
  '--profile takes a name of lowercase letters, digits, "-" or "_" (at most 32), e.g. work.';

/**
 * The value of a `--profile` option checked: `{ profile }` with the named profile, `undefined`
 * for no option or `default` (the provider's own entry), or `{ error }` (`BAD_PROFILE_OPTION`)
 * for a name that cannot be a profile.
 */
export function profileOption(
  value: string | undefined,
): { profile: string | undefined } | { error: string } {
  if (value === undefined || value === DEFAULT_PROFILE) return { profile: undefined };
  return isProfileName(value) ? { profile: value } : { error: BAD_PROFILE_OPTION };
}
