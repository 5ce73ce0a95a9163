import { profileOption } from '@flynn/core';

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
    // The same check and words as `flynn login --profile`.
    const checked = profileOption(value);
    if ('error' in checked) return { rest, error: checked.error };
    profile = checked.profile;
  }
  return profile === undefined ? { rest } : { rest, profile };
}

/** ` (profile work)` for a named profile, else nothing: how the CLI names one. */
export function inProfile(profile: string | undefined): string {
  return profile ? ` (profile ${profile})` : '';
}
