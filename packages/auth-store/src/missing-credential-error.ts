import { credentialLabel, describeMode, FlynnError, type Remedy, withArticle } from '@flynn/core';
import type { AuthMode, AuthModeOrigin, CredentialKind, ProviderId } from './types.js';

/**
 * No credential of the kind(s) a tier needs was found anywhere. The message names the tier,
 * provider, mode, expected kind(s) and every place tried; the fix is `remedy` (data: the
 * login command and env vars, rendered by the app). It never contains a credential value
 * (none was found, and none of the places hold a value in their name).
 */
export class MissingCredentialError extends FlynnError<'CREDENTIAL_MISSING'> {
  readonly tier: string;
  readonly provider: ProviderId;
  readonly mode: AuthMode;
  readonly modeOrigin: AuthModeOrigin;
  /** Kinds expected, in the order tried. */
  readonly kinds: CredentialKind[];
  /** Every location tried, in order: config paths, env var names, store path and field. */
  readonly tried: string[];

  constructor(details: {
    tier: string;
    provider: ProviderId;
    mode: AuthMode;
    modeOrigin: AuthModeOrigin;
    kinds: CredentialKind[];
    tried: string[];
    remedy: Remedy;
  }) {
    const wanted = details.kinds
      .map((kind) => withArticle(credentialLabel(details.provider, kind)))
      .join(' or ');
    super(
      'CREDENTIAL_MISSING',
      `Tier "${details.tier}" (provider ${details.provider}, ${describeMode(details.mode, details.modeOrigin)}) ` +
        `needs ${wanted}, but none was found. Tried: ${details.tried.join(', ')}.`,
      { remedy: details.remedy },
    );
    this.name = 'MissingCredentialError';
    this.tier = details.tier;
    this.provider = details.provider;
    this.mode = details.mode;
    this.modeOrigin = details.modeOrigin;
    this.kinds = details.kinds;
    this.tried = details.tried;
  }
}
