import {
  type AuthStoreData,
  type CredentialResolution,
  credentialPresence,
  type Env,
  isFlynnError,
  type MissingCredentialError,
  resolveCredential,
  resolveCredentials,
} from '@flynn/auth-store';
import {
  type FlynnConfig,
  materializeTierSecretsSync,
  type SecretResolver,
  type TierEntry,
  type TierSecrets,
  tierProfiles,
} from '@flynn/config';
import type { Remedy } from '@flynn/core';
import {
  describeKind,
  describeMode,
  formatDuration,
  formatTime,
  shortLocation,
  withArticle,
} from './describe.js';
import { oauthTokenState } from './oauth-expiry.js';
import { probeTier } from './probe-tier.js';
import { tierRequest } from './tier-credentials.js';
import type { TierReport } from './types.js';

export interface ModelConnectivityInput {
  /** The parsed config (needed by the online call to build the client). */
  config: FlynnConfig;
  /** The tier, as `listTiers(config)` returns it. */
  tier: TierEntry;
  env: Env;
  /** The store as read once by the caller; `{ version: 1 }` when it could not be read. */
  store: AuthStoreData;
  storePath: string;
  /** True when the store exists but could not be read (corrupt, unreadable). */
  storeUnreadable?: boolean;
  /** Epoch ms, for OAuth expiry (default `Date.now()`). */
  now?: number;
  /** Also make one cheap authenticated call (lazy-loads `@flynn/models`). */
  online?: boolean;
  /** Time limit of the online call in ms (default 5000). */
  timeoutMs?: number;
  /** Values that must never appear in messages (see `collectSecrets`). */
  secrets?: readonly string[];
  /**
   * The tier's credential fields and headers as materialized (`materializeTierSecrets`);
   * default: materialized without running commands (a command reference then fails).
   */
  tierSecrets?: TierSecrets;
  /** Runs command references again for the online call when the first value is rejected. */
  resolver?: SecretResolver;
}

/** The tier's materialized secrets: as given, or everything but commands. */
export function tierSecretsOf(input: ModelConnectivityInput): TierSecrets {
  return (
    input.tierSecrets ?? materializeTierSecretsSync(input.tier, input.config, { env: input.env })
  );
}

/**
 * Checks one tier as `auth_mode` asks (checklist PR 7): `api_key` fails without an API key
 * in config, env or store; `oauth` fails without OAuth tokens / an auth token; `auto` says
 * which kind won and why; local providers without a credential are fine. With `online`,
 * makes one cheap authenticated call (`ModelClient.probe`) and reflects it in `status`.
 * Never throws for a missing credential or a failed call: both are part of the report.
 */
export async function checkModelConnectivity(input: ModelConnectivityInput): Promise<TierReport> {
  const report = describeTierCredential(input);
  if (!input.online) return report;
  const { remedy, ...online } = await probeTier(report, input);
  if (online.status !== 'fail') return { ...report, online };
  return {
    ...report,
    online,
    status: 'fail',
    remedy: remedy.length > 0 ? remedy : report.remedy,
  };
}

/** The offline part of `checkModelConnectivity`: resolution only, no network, synchronous. */
export function describeTierCredential(input: ModelConnectivityInput): TierReport {
  const { tier, env, store, storePath } = input;
  const { model } = tier;
  const secrets = tierSecretsOf(input);
  const request = tierRequest(tier, secrets, env, store, storePath);
  const profiles = tierProfiles(tier);
  const base = {
    tier: tier.name,
    configPath: tier.configPath,
    provider: model.provider,
    model: model.model,
    authMode: tier.authMode.mode,
    authModeOrigin: tier.authMode.origin,
  };
  const presence = credentialPresence(request);
  const short = (location: string) => shortLocation(location, storePath);
  const modeText = describeMode(tier.authMode.mode, tier.authMode.origin);

  let resolution: CredentialResolution;
  try {
    // A tier that names profiles: the first of its ordered list (as a request tries them).
    resolution = profiles
      ? (resolveCredentials(request, profiles)[0] as CredentialResolution)
      : resolveCredential(request);
  } catch (error) {
    if (isFlynnError(error, 'CREDENTIAL_MISSING')) {
      const missing = error as MissingCredentialError;
      const wanted = missing.kinds.map((kind) => describeKind(model.provider, kind)).join(' or ');
      const unused = presence.find((row) => row.present && !missing.kinds.includes(row.kind));
      const notes = [
        unused
          ? `${withArticle(describeKind(model.provider, unused.kind))} is available (${short(unused.location)}), but ${modeText} does not use it`
          : '',
        input.storeUnreadable ? `${short(storePath)} could not be read (see the store check)` : '',
      ].filter(Boolean);
      return {
        ...base,
        credential: 'none',
        source: 'none',
        location: '',
        fingerprint: '',
        status: 'fail',
        message:
          `no ${wanted} found (${modeText}; looked in ${missing.tried.map(short).join(', ')})` +
          notes.map((note) => `; ${note}`).join(''),
        remedy: missing.remedy,
      };
    }
    if (
      isFlynnError(error, 'AUTH_MODE_UNSUPPORTED') ||
      isFlynnError(error, 'CREDENTIAL_INVALID') ||
      isFlynnError(error, 'SECRET_REFERENCE_FAILED')
    ) {
      // These messages name the tier and the place (and a reference's program), never a value.
      return {
        ...base,
        credential: 'none',
        source: 'none',
        location: '',
        fingerprint: '',
        status: 'fail',
        message: error.message,
        remedy: error.remedy,
      };
    }
    throw error;
  }

  const found = {
    ...base,
    credential: resolution.kind,
    source: resolution.source,
    location: resolution.location,
    fingerprint: resolution.fingerprint,
    status: 'ok' as const,
    remedy: [] as Remedy,
  };
  const [headerError] = secrets.headerErrors;
  if (headerError) {
    return { ...found, status: 'fail', message: headerError.message, remedy: headerError.remedy };
  }
  if (resolution.kind === 'none') {
    return { ...found, message: 'no credential needed (local provider without an api_key)' };
  }
  const what = `${describeKind(model.provider, resolution.kind)} from ${short(resolution.location)}`;
  const reasons: string[] = [];
  if (tier.authMode.mode === 'auto') {
    if (resolution.kind === 'api_key') {
      const token = presence.find((row) => row.present && row.kind !== 'api_key');
      reasons.push('auto tries API keys first');
      if (token) {
        reasons.push(
          `the ${describeKind(model.provider, token.kind)} (${short(token.location)}) is not used; set auth_mode: oauth to use it`,
        );
      }
    } else {
      const tried = presence
        .filter((row) => row.kind === 'api_key')
        .map((row) => short(row.location));
      reasons.push(`auto found no API key (looked in ${tried.join(', ')})`);
    }
  } else {
    reasons.push(modeText);
  }
  if (resolution.kind === 'oauth_tokens' && resolution.oauth) {
    reasons.push(expiryNote(resolution.oauth, input.now ?? Date.now()));
  }
  return { ...found, message: `${what}; ${reasons.join('; ')}` };
}

function expiryNote(tokens: NonNullable<CredentialResolution['oauth']>, now: number): string {
  const state = oauthTokenState(tokens, now);
  switch (state.state) {
    case 'valid':
      return `access token valid until ${formatTime(state.expiresAt)}`;
    case 'refresh-soon':
      return `access token expires in ${formatDuration(state.expiresAt - now)}; it will refresh on next use`;
    case 'implausible-expiry':
      return 'access token expiry is impossible; it is refreshed when the server rejects it';
    case 'expired':
      return `access token expired ${formatDuration(now - state.expiresAt)} ago; it will refresh on next use`;
    default:
      return 'access token expiry unknown; it is refreshed when the server rejects it';
  }
}
