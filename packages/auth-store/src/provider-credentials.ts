/**
 * Where each credential is looked for, read from `@flynn/core`'s provider registry: config
 * (the tier's `api_key`/`auth_token`), the kind's env vars in order, then its store field.
 */
import { credentialKinds, credentialSpec, isProviderId, providerSpec } from '@flynn/core';
import { cleanValue } from './clean-value.js';
import { keyringLocation } from './keyring.js';
import { DEFAULT_PROFILE, profileStoreKey } from './profiles.js';
import type { ResolveRequest } from './resolution-types.js';
import { LOCAL_PROVIDERS_KEY, storeOrigin } from './store-layout.js';
import type { StoredField } from './stored-field.js';
import type { CredentialKind, CredentialSource, OpenAIOAuthTokens, ProviderId } from './types.js';

/** A string credential's {@link StoredField}, with the provider and kind it was read for. */
export interface SecretField<P extends ProviderId = ProviderId> extends StoredField {
  provider: P;
  kind: CredentialKind;
}

/**
 * `provider`'s `kind` as a {@link StoredField}: the store field, env vars and label come from
 * the registry.
 * @throws Error when the registry gives `provider` no such kind (a programming error).
 */
export function secretField<P extends ProviderId>(
  provider: P,
  kind: CredentialKind,
): SecretField<P> {
  const spec = credentialSpec(provider, kind);
  if (!spec) throw new Error(`The provider registry has no ${kind} for ${provider}.`);
  return { provider, kind, field: spec.storeField, envVars: spec.envVars, label: spec.label };
}

/**
 * The kinds looked for for `provider`: its registry kinds, API key first; a keyless provider
 * still takes a config `api_key` (a local server behind a key).
 */
export function providerKinds(provider: ProviderId): CredentialKind[] {
  if (!isProviderId(provider)) throw new TypeError(`Unknown provider: ${String(provider)}`);
  const kinds = credentialKinds(provider);
  return kinds.length > 0 ? kinds : ['api_key'];
}

/** One place looked at, with the usable value found there (if any). */
export interface Probe {
  kind: CredentialKind;
  source: CredentialSource;
  location: string;
  value?: string;
  oauth?: OpenAIOAuthTokens;
  /** The value holds a control character (a line break, ESC, ...): it can never be sent. */
  invalid?: true;
  /** The config field is a reference that failed: resolution throws this. */
  error?: Error;
  /** When the stored credential expires (epoch ms), if recorded (`--expires`, a header seen). */
  expiresAt?: number;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** True when `value` (already trimmed) holds a character no header may carry. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

function checked(probe: Probe): Probe {
  return probe.value !== undefined && hasControlCharacter(probe.value)
    ? { ...probe, invalid: true }
    : probe;
}

function field(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

function storeEntry(request: Omit<ResolveRequest, 'mode' | 'modeOrigin'>, name: string) {
  return field(request.store[profileStoreKey(request.provider, request.profile)], name);
}

/** Where `flynn login <local provider>` stores its key: `local_providers.<name>.api_key`. */
export function localProviderStoreField(name: string): string {
  return `local_providers.${name}.api_key`;
}

/**
 * Stored ChatGPT tokens as a credential: both tokens clean, or nothing. `value` is the access
 * token; `oauth` a copy of the whole entry.
 */
export function oauthValue(raw: unknown): { value?: string; oauth?: OpenAIOAuthTokens } {
  if (typeof raw !== 'object' || raw === null) return {};
  const tokens = raw as OpenAIOAuthTokens;
  const access = cleanValue(tokens.access_token);
  if (!access || !cleanValue(tokens.refresh_token)) return {};
  return { value: access, oauth: { ...tokens } };
}

/**
 * Where a stored field is shown: `<store path> openai.api_key`, or for an entry whose secrets
 * live in the keyring `keyring:flynn/openai@3f2a9c1b0d4e (openai.api_key)`.
 */
function storeLocation(
  request: Omit<ResolveRequest, 'mode' | 'modeOrigin'>,
  key: string,
  fieldPath: string,
): string {
  const account = storeOrigin(request.store).keyring[key];
  return account
    ? `${keyringLocation(account)} (${fieldPath})`
    : `${request.storePath} ${fieldPath}`;
}

/** The places `kind` is looked for, in resolution order: config, env vars, store. */
export function probeKind(
  request: Omit<ResolveRequest, 'mode' | 'modeOrigin'>,
  kind: CredentialKind,
): Probe[] {
  const spec = providerSpec(request.provider).credentials.find((entry) => entry.kind === kind);
  const probes: Probe[] = [];
  if (kind !== 'oauth_tokens') {
    const origin = request.configOrigins?.[kind];
    const error = request.configErrors?.[kind];
    probes.push({
      kind,
      source: 'config',
      location: `${request.configPath}.${kind}${origin ? ` (${origin})` : ''}`,
      value: error ? undefined : cleanValue(request.config[kind]),
      ...(error ? { error } : {}),
    });
  }
  for (const name of spec?.envVars ?? []) {
    probes.push({ kind, source: 'env', location: name, value: cleanValue(request.env[name]) });
  }
  const named = request.profile !== undefined && request.profile !== DEFAULT_PROFILE;
  if (request.localProvider !== undefined && kind === 'api_key' && !named) {
    const raw = field(field(request.store.local_providers, request.localProvider), 'api_key');
    probes.push({
      kind,
      source: 'store',
      location: storeLocation(
        request,
        LOCAL_PROVIDERS_KEY,
        localProviderStoreField(request.localProvider),
      ),
      value: cleanValue(raw),
    });
  }
  if (spec) {
    const raw = storeEntry(request, spec.storeField);
    const found = kind === 'oauth_tokens' ? oauthValue(raw) : { value: cleanValue(raw) };
    const key = profileStoreKey(request.provider, request.profile);
    const location = storeLocation(request, key, `${key}.${spec.storeField}`);
    const expiresAt = field(
      request.store[profileStoreKey(request.provider, request.profile)],
      `${spec.storeField}_expires_at`,
    );
    probes.push({
      kind,
      source: 'store',
      location,
      ...found,
      ...(typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? { expiresAt } : {}),
    });
  }
  return probes.map(checked);
}
