import { inspect } from 'node:util';
import { assertNever, credentialRemedy, maskSecret, providerSpec } from '@flynn/core';
import { AuthModeUnsupportedError } from './auth-mode-unsupported-error.js';
import { CredentialInvalidError } from './credential-invalid-error.js';
import { MissingCredentialError } from './missing-credential-error.js';
import { type Probe, probeKind, providerKinds } from './provider-credentials.js';
import type { CredentialResolution, ResolveRequest } from './resolution-types.js';
import { Secret } from './secret.js';
import type { CredentialKind } from './types.js';

function kindsFor(request: ResolveRequest): CredentialKind[] {
  const [apiKey = 'api_key'] = providerKinds(request.provider);
  const token = providerSpec(request.provider).oauthKind;
  switch (request.mode) {
    case 'api_key':
      return [apiKey];
    case 'auto':
      return token ? [apiKey, token] : [apiKey];
    case 'oauth':
      if (token) return [token];
      throw new AuthModeUnsupportedError({
        tier: request.tier,
        provider: request.provider,
        mode: request.mode,
        modeOrigin: request.modeOrigin,
        configPath: request.configPath,
      });
    default:
      return assertNever(request.mode, 'auth mode');
  }
}

function resolved(request: ResolveRequest, probe: Probe, value: string): CredentialResolution {
  const base = {
    tier: request.tier,
    provider: request.provider,
    mode: request.mode,
    modeOrigin: request.modeOrigin,
    kind: probe.kind,
    source: probe.source,
    location: probe.location,
    fingerprint: maskSecret(value),
    ...(probe.expiresAt === undefined ? {} : { expiresAt: probe.expiresAt }),
    // Only when asked for a profile: a request without one resolves exactly as before profiles.
    ...(probe.source === 'store' && request.profile !== undefined
      ? { profile: request.profile }
      : {}),
  };
  if (probe.kind === 'oauth_tokens' && probe.oauth) {
    // Non-enumerable, so spreads, `Object.keys` and equality checks do not see it; printing
    // is handled by `printSafely`.
    const tokens = probe.oauth;
    const resolution = { ...base, kind: probe.kind } as CredentialResolution;
    Object.defineProperty(resolution, 'oauth', { get: () => tokens, enumerable: false });
    return printSafely(resolution);
  }
  if (probe.kind === 'oauth_tokens') throw new TypeError('OAuth probe without tokens');
  return printSafely({ ...base, kind: probe.kind, secret: new Secret(value) });
}

/** Shown in place of the OAuth tokens when a resolution is inspected. */
const REDACTED_TOKENS = Object.freeze({ [inspect.custom]: () => '[redacted]' });

/**
 * Makes every way of printing `resolution` safe, whatever the options: `JSON.stringify` (and
 * so `%j`, `--json` output, pretty-format) uses `toJSON`, and `util.inspect` (`console.log`,
 * `%o`, `%s`, even with `getters` and `showHidden`) uses the custom inspector. Both show the
 * enumerable fields, where a `Secret` prints as its fingerprint, and never the OAuth tokens
 * (a getter on the object itself would be followed by `inspect(…, { getters: true })`).
 * Both are non-enumerable, so the object's visible shape is unchanged.
 */
function printSafely(resolution: CredentialResolution): CredentialResolution {
  const shown = () => {
    const fields: Record<string, unknown> = { ...resolution };
    if (resolution.kind === 'oauth_tokens') fields.oauth = REDACTED_TOKENS;
    return fields;
  };
  Object.defineProperty(resolution, 'toJSON', { value: () => ({ ...resolution }) });
  Object.defineProperty(resolution, inspect.custom, { value: shown });
  return resolution;
}

/**
 * Picks the credential a tier uses (DESIGN section 5). For each kind the mode allows (in
 * `auto`: the API-key chain, then the OAuth/token chain), tries the tier's config value,
 * the env var(s), then the store, and returns the first non-blank (trimmed) value with its
 * source, location and fingerprint. Keyless providers (registry `keyless`: `ollama`,
 * `openai-compatible`) use a config `api_key` if set and otherwise resolve to kind `none`. Pure: reads only `request`.
 * A config field whose secret reference failed (`request.configErrors`) throws that error
 * when the chain reaches it.
 * @throws MissingCredentialError (`CREDENTIAL_MISSING`) when nothing was found;
 *   CredentialInvalidError (`CREDENTIAL_INVALID`) when the first value found holds a control
 *   character (a line break, ESC: never sent, never shown);
 *   AuthModeUnsupportedError (`AUTH_MODE_UNSUPPORTED`) for `oauth` on a provider without it.
 */
export function resolveCredential(request: ResolveRequest): CredentialResolution {
  const kinds = kindsFor(request);
  const spec = providerSpec(request.provider);
  const tried: string[] = [];
  for (const kind of kinds) {
    for (const probe of probeKind(request, kind)) {
      if (probe.error) throw probe.error;
      if (probe.invalid) {
        throw new CredentialInvalidError({
          tier: request.tier,
          provider: request.provider,
          kind,
          source: probe.source,
          location: probe.location,
        });
      }
      if (probe.value !== undefined) return resolved(request, probe, probe.value);
      tried.push(probe.location);
    }
  }
  if (spec.keyless) {
    const { tier, provider, mode, modeOrigin } = request;
    return printSafely({
      tier,
      provider,
      mode,
      modeOrigin,
      kind: 'none',
      source: 'none',
      location: '',
      fingerprint: '',
    });
  }
  throw new MissingCredentialError({
    tier: request.tier,
    provider: request.provider,
    mode: request.mode,
    modeOrigin: request.modeOrigin,
    kinds,
    tried,
    remedy: credentialRemedy(request.provider, kinds),
  });
}
