import { credentialLabel, FlynnError, type Remedy } from '@flynn/core';
import type { CredentialKind, CredentialSource, ProviderId } from './types.js';

/** How to fix a value at `source`/`location`. */
function remedyFor(
  provider: ProviderId,
  kind: CredentialKind,
  source: CredentialSource,
  location: string,
): Remedy {
  switch (source) {
    case 'env':
      return [{ kind: 'advice', text: `Set ${location} to the credential alone, on one line` }];
    case 'config':
      return [{ kind: 'config', path: location, change: 'Put the credential alone, on one line' }];
    case 'store':
      return [{ kind: 'login', provider, credential: kind }];
    default: {
      const never: never = source;
      return never;
    }
  }
}

/**
 * The credential a tier would use holds a control character (a line break, ESC, a NUL):
 * it cannot go into a header and is never sent. The message names the tier, the kind, the
 * source and the location, never the value or any part of it.
 */
export class CredentialInvalidError extends FlynnError<'CREDENTIAL_INVALID'> {
  readonly tier: string;
  readonly provider: ProviderId;
  readonly kind: CredentialKind;
  readonly source: CredentialSource;
  readonly location: string;

  constructor(details: {
    tier: string;
    provider: ProviderId;
    kind: CredentialKind;
    source: CredentialSource;
    location: string;
  }) {
    super(
      'CREDENTIAL_INVALID',
      `Tier "${details.tier}": the ${credentialLabel(details.provider, details.kind)} from ${details.location} (${details.source}) contains a line break or another control character, so it cannot be sent.`,
      { remedy: remedyFor(details.provider, details.kind, details.source, details.location) },
    );
    this.name = 'CredentialInvalidError';
    this.tier = details.tier;
    this.provider = details.provider;
    this.kind = details.kind;
    this.source = details.source;
    this.location = details.location;
  }
}
