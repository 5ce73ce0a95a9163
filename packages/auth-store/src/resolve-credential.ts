import { inspect } from 'node:util';
import { AuthModeUnsupportedError } from './auth-mode-unsupported-error.js';
import { maskSecret } from './mask-secret.js';
import { MissingCredentialError } from './missing-credential-error.js';
import {
  PROVIDER_CREDENTIALS,
  type Probe,
  probeKind,
  providerKinds,
} from './provider-credentials.js';
import { credentialRemedy } from './remedy.js';
import type { CredentialResolution, ResolveRequest } from './resolution-types.js';
import { Secret } from './secret.js';
import type { CredentialKind } from './types.js';

function kindsFor(request: ResolveRequest): CredentialKind[] {
  const [apiKey, token] = providerKinds(request.provider) as [CredentialKind, CredentialKind?];
  if (request.mode === 'api_key') return [apiKey];
  if (request.mode === 'auto') return token ? [apiKey, token] : [apiKey];
  if (!token) {
    const { tier, provider, mode, modeOrigin, configPath } = request;
    throw new AuthModeUnsupportedError({ tier, provider, mode, modeOrigin, configPath });
  }
  return [token];
}

function resolved(request: ResolveRequest, probe: Probe, value: string): CredentialResolution {
  const resolution: CredentialResolution = {
    tier: request.tier,
    provider: request.provider,
    mode: request.mode,
    modeOrigin: request.modeOrigin,
    kind: probe.kind,
    source: probe.source,
    location: probe.location,
    fingerprint: maskSecret(value),
  };
  if (probe.oauth) {
    // Non-enumerable, so spreads, `Object.keys` and equality checks do not see it; printing
    // is handled by `printSafely`.
    const tokens = probe.oauth;
    Object.defineProperty(resolution, 'oauth', { get: () => tokens, enumerable: false });
  } else {
    resolution.secret = new Secret(value);
  }
  return printSafely(resolution);
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
    if (resolution.oauth) fields.oauth = REDACTED_TOKENS;
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
 * source, location and fingerprint. Local providers (`ollama`, `openai-compatible`) use a
 * config `api_key` if set and otherwise resolve to kind `none`. Pure: reads only `request`.
 * @throws MissingCredentialError (`CREDENTIAL_MISSING`) when nothing was found;
 *   AuthModeUnsupportedError (`AUTH_MODE_UNSUPPORTED`) for `oauth` on a provider without it.
 */
export function resolveCredential(request: ResolveRequest): CredentialResolution {
  const spec = PROVIDER_CREDENTIALS[request.provider];
  if (!spec) throw new TypeError(`Unknown provider: ${String(request.provider)}`);
  const kinds = kindsFor(request);
  const tried: string[] = [];
  for (const kind of kinds) {
    for (const probe of probeKind(request, kind)) {
      if (probe.value !== undefined) return resolved(request, probe, probe.value);
      tried.push(probe.location);
    }
  }
  if (spec.optional) {
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
    providerLabel: spec.label,
    mode: request.mode,
    modeOrigin: request.modeOrigin,
    kinds,
    tried,
    remedy: credentialRemedy(request.provider, kinds),
  });
}
