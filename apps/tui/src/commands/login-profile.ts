import { DEFAULT_PROFILE, isProfileName } from '@flynn/auth-store';

/** The same words as `flynn login --profile` for a name that cannot be a profile. */
const BAD_PROFILE_NAME =
  '--profile takes a name of lowercase letters, digits, "-" or "_" (at most 32), e.g. work.';

/**
 * `--profile NAME` (or `--profile=NAME`) taken out of a command's arguments (issue 17):
 * `rest` is what is left, `profile` the named profile (`undefined` for none or `default`, the
 * provider's own entry), `error` the message when the flag has no name or a bad one.
 */
export function takeProfile(args: readonly string[]): {
  rest: string[];
  profile?: string;
  error?: string;
} {
  const rest: string[] = [];
  let profile: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    let value: string | undefined;
    if (arg === '--profile') value = args[++index] ?? '';
    else if (arg.startsWith('--profile=')) value = arg.slice('--profile='.length);
    else {
      rest.push(arg);
      continue;
    }
    if (!isProfileName(value)) return { rest, error: BAD_PROFILE_NAME };
    profile = value === DEFAULT_PROFILE ? undefined : value;
  }
  return profile === undefined ? { rest } : { rest, profile };
}

/** ` (profile work)` for a named profile, else nothing: how the CLI names one. */
export function inProfile(profile: string | undefined): string {
  return profile ? ` (profile ${profile})` : '';
}
