import { FLYNN_ERROR } from './flynn-error.js';
import { type Remedy, remedyText } from './remedy.js';
import type { AuthMode, AuthModeOrigin, CredentialKind, ProviderId } from './types.js';

const KIND_LABELS: Record<CredentialKind, string> = {
  api_key: 'API key',
  oauth_tokens: 'ChatGPT OAuth login',
  auth_token: 'auth token',
};

/** How the mode reads in a message: `auth_mode: oauth`, `use_oauth: true`, `auto (default)`. */
export function describeMode(mode: AuthMode, origin: AuthModeOrigin): string {
  if (origin === 'use_oauth') return 'auth_mode oauth, from use_oauth: true';
  if (origin === 'default') return `auth_mode ${mode}, the default`;
  return `auth_mode ${mode}`;
}

/** `an OpenAI API key`, `a GitHub token`, `a ChatGPT OAuth login`. */
export function describeKind(providerLabel: string, provider: ProviderId, kind: CredentialKind) {
  if (kind === 'oauth_tokens') return `a ${KIND_LABELS[kind]}`;
  const label = provider === 'github' && kind === 'api_key' ? 'token' : KIND_LABELS[kind];
  return `${/^[AEIOU]/.test(providerLabel) ? 'an' : 'a'} ${providerLabel} ${label}`;
}

/**
 * No credential of the kind(s) a tier needs was found anywhere. The message names the tier,
 * provider, mode, expected kind(s), every place tried, and the CLI remedy; it never contains
 * a credential value (none was found, and none of the places hold a value in their name).
 */
export class MissingCredentialError extends Error {
  readonly code = 'CREDENTIAL_MISSING';
  readonly tier: string;
  readonly provider: ProviderId;
  readonly mode: AuthMode;
  readonly modeOrigin: AuthModeOrigin;
  /** Kinds expected, in the order tried. */
  readonly kinds: CredentialKind[];
  /** Every location tried, in order: config paths, env var names, store path and field. */
  readonly tried: string[];
  readonly remedy: Remedy;

  constructor(details: {
    tier: string;
    provider: ProviderId;
    providerLabel: string;
    mode: AuthMode;
    modeOrigin: AuthModeOrigin;
    kinds: CredentialKind[];
    tried: string[];
    remedy: Remedy;
  }) {
    const wanted = details.kinds
      .map((kind) => describeKind(details.providerLabel, details.provider, kind))
      .join(' or ');
    super(
      `Tier "${details.tier}" (provider ${details.provider}, ${describeMode(details.mode, details.modeOrigin)}) ` +
        `needs ${wanted}, but none was found. Tried: ${details.tried.join(', ')}. ` +
        `${remedyText(details.remedy, 'cli')}.`,
    );
    this.name = 'MissingCredentialError';
    this.tier = details.tier;
    this.provider = details.provider;
    this.mode = details.mode;
    this.modeOrigin = details.modeOrigin;
    this.kinds = details.kinds;
    this.tried = details.tried;
    this.remedy = details.remedy;
  }

  /** Brand shared by Flynn errors (on the prototype, so it does not clutter inspect output). */
  get [FLYNN_ERROR](): true {
    return true;
  }
}
