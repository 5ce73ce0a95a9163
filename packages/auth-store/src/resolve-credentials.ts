import { isFlynnError } from '@flynn/core';
import { MissingCredentialError } from './missing-credential-error.js';
import { DEFAULT_PROFILE } from './profiles.js';
import type { CredentialResolution, ResolveRequest } from './resolution-types.js';
import { resolveCredential } from './resolve-credential.js';

/** `request` with only its store left: config and env are the same for every profile. */
function storeOnly(request: ResolveRequest): ResolveRequest {
  return { ...request, config: {}, configOrigins: {}, configErrors: {}, env: {} };
}

function sameCredential(a: CredentialResolution, b: CredentialResolution): boolean {
  return a.source === b.source && a.location === b.location;
}

/**
 * Every credential a tier may use, in the order to try them (issue 17): first what
 * {@link resolveCredential} picks for the first profile (a config or env credential wins
 * over the store, as ever), then each profile's stored credential in `profiles` order (the
 * first kind the mode allows that the profile holds). `profiles` defaults to the one profile
 * of `request` (`default`); a profile that holds nothing is skipped, one whose value is
 * unusable (a control character) is skipped after the first. Pure: reads only its arguments.
 * With named `profiles`, store resolutions carry `profile`.
 * @throws as `resolveCredential` for the first profile; MissingCredentialError
 *   (`CREDENTIAL_MISSING`) naming every place tried when no profile holds anything.
 */
export function resolveCredentials(
  request: ResolveRequest,
  profiles?: readonly string[],
): CredentialResolution[] {
  const names = profiles && profiles.length > 0 ? profiles : [request.profile];
  const found: CredentialResolution[] = [];
  const tried: string[] = [];
  let missing: MissingCredentialError | undefined;
  const add = (resolution: CredentialResolution) => {
    if (resolution.kind === 'none' && found.length > 0) return;
    if (!found.some((other) => sameCredential(other, resolution))) found.push(resolution);
  };
  names.forEach((profile, index) => {
    const asked: ResolveRequest = { ...request, profile };
    const attempts = index === 0 ? [asked, storeOnly(asked)] : [storeOnly(asked)];
    for (const attempt of attempts) {
      try {
        const resolution = resolveCredential(attempt);
        if (attempt === asked || resolution.source === 'store') add(resolution);
      } catch (error) {
        if (isFlynnError(error, 'CREDENTIAL_MISSING')) {
          missing ??= error as MissingCredentialError;
          for (const place of (error as MissingCredentialError).tried) {
            if (!tried.includes(place)) tried.push(place);
          }
        } else if (index === 0 && attempt === asked) throw error;
      }
    }
  });
  if (found.length > 0) return found;
  const first = missing as MissingCredentialError;
  const named = names.filter((name): name is string => !!name && name !== DEFAULT_PROFILE);
  throw new MissingCredentialError({
    tier: first.tier,
    provider: first.provider,
    mode: first.mode,
    modeOrigin: first.modeOrigin,
    kinds: first.kinds,
    tried,
    remedy: named.length
      ? [
          ...first.remedy,
          {
            kind: 'advice',
            text: `Store a profile with \`flynn login ${first.provider} --profile ${named[0]}\``,
          },
        ]
      : first.remedy,
  });
}
