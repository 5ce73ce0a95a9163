// What the config (`--config PATH`, else the default location) says about a credential
// the store commands and `flynn logout` handle: tiers whose own `api_key` / `auth_token`
// wins over the store, and where `--verify` should call. The store itself stays in the
// Flynn config directory whatever `--config` says. Values are only tested for presence.
import {
  describeSecretReference,
  isSecretReference,
  listTiers,
  loadConfig,
  materializeTierSecretsSync,
  type SecretValue,
  type TierEntry,
} from '@flynn/config';
import type { SecretCredentialSpec } from './credential-specs.js';
import type { CredentialWarning } from './credential-warnings.js';

/** Where `--verify` calls when `--base-url` is not given and a tier sets its own endpoint. */
export interface VerifyTarget {
  baseUrl: string;
  /** The tier's extra headers (a gateway may need them). */
  headers?: Readonly<Record<string, string>>;
  /** `models.fast.base_url`: where the URL came from. */
  location: string;
  /** The tier's model: what a one-token check asks when the endpoint has no models route. */
  model?: string;
}

export interface CredentialConfigContext {
  /** `config_override` per tier whose inline value wins, or `config_invalid`. */
  warnings: CredentialWarning[];
  verifyTarget?: VerifyTarget;
}

/** The inline field that holds `spec`'s kind on a tier. */
function inlineField(spec: SecretCredentialSpec): 'api_key' | 'auth_token' {
  return spec.kind === 'auth_token' ? 'auth_token' : 'api_key';
}

/** Tiers that would use `spec`'s kind: its provider, in an auth mode that reads that chain. */
function tiersUsing(spec: SecretCredentialSpec, tiers: readonly TierEntry[]): TierEntry[] {
  const excluded = spec.kind === 'auth_token' ? 'api_key' : 'oauth';
  return tiers.filter(
    (tier) => tier.model.provider === spec.provider && tier.authMode.mode !== excluded,
  );
}

/**
 * Reads the config for `spec`. Never throws for a bad config: an invalid file gives one
 * `config_invalid` warning (without quoting it) and no other context. With `after:
 * 'logout'` the override warnings say the tier keeps using its own value.
 */
export function credentialConfigContext(
  spec: SecretCredentialSpec,
  configPath: string | undefined,
  env: NodeJS.ProcessEnv,
  after: 'store' | 'logout' = 'store',
): CredentialConfigContext {
  const loaded = loadConfig(configPath, { env });
  if (!loaded.ok) {
    return {
      warnings: [
        {
          code: 'config_invalid',
          message: `The config file ${loaded.path} could not be used, so its tiers were not checked; run \`flynn config validate\` to see why.`,
        },
      ],
    };
  }
  const tiers = tiersUsing(spec, listTiers(loaded.config));
  const field = inlineField(spec);
  const warnings: CredentialWarning[] = [];
  for (const tier of tiers) {
    if (!isSet(tier.model[field], env)) continue;
    const location = fieldLocation(tier, field);
    warnings.push({
      code: 'config_override',
      location,
      message:
        after === 'store'
          ? `${location} is set in ${loaded.path} and takes precedence over the stored ${spec.label} for tier "${tier.name}"; delete it to use the stored one.`
          : `${location} is still set in ${loaded.path}; tier "${tier.name}" keeps using it until you delete it.`,
    });
  }
  const withUrl = tiers.find((tier) => (tier.model.base_url ?? '').trim() !== '');
  const verifyTarget: VerifyTarget | undefined = withUrl?.model.base_url
    ? {
        baseUrl: withUrl.model.base_url.trim(),
        // `${NAME}` expanded, as the tier would send them; left out when one is unset.
        headers: expandedHeaders(withUrl, loaded.config, env),
        location: `${withUrl.configPath}.base_url`,
        model: withUrl.model.model,
      }
    : undefined;
  return { warnings, verifyTarget };
}

/** `models.fast.api_key`, with the reference it holds: `models.fast.api_key (command: pass)`. */
export function fieldLocation(tier: TierEntry, field: 'api_key' | 'auth_token'): string {
  const value = tier.model[field];
  const origin = isSecretReference(value) ? ` (${describeSecretReference(value)})` : '';
  return `${tier.configPath}.${field}${origin}`;
}

/** True when the field gives a value: a non-blank string, a reference, an `{ env }` that is set. */
export function isSet(value: SecretValue | undefined, env: NodeJS.ProcessEnv): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return 'env' in value ? (env[value.env] ?? '').trim() !== '' : true;
}

function expandedHeaders(
  tier: TierEntry,
  config: Parameters<typeof materializeTierSecretsSync>[1],
  env: NodeJS.ProcessEnv,
): Readonly<Record<string, string>> | undefined {
  const secrets = materializeTierSecretsSync(tier, config, { env });
  return secrets.headerErrors.length > 0 ? undefined : secrets.headers;
}
