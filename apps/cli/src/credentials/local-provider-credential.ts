// `flynn login <local provider>` / `flynn logout <local provider>`: a `local_providers`
// entry of the config (an LM Studio or vLLM server behind a key) gets its own stored key,
// `local_providers.<name>.api_key` in auth.json, which resolution and doctor treat like any
// provider's stored key. The entry itself says where `--verify` calls and whether its own
// `api_key` in the config wins over the stored one.
import { localProviderSecret } from '@flynn/auth-store';
import {
  findTier,
  listTiers,
  loadConfig,
  materializeTierSecretsSync,
  type TierEntry,
} from '@flynn/config';
import { type CredentialConfigContext, fieldLocation, isSet } from './config-context.js';
import type { SecretCredentialSpec } from './credential-specs.js';

/** The local provider called `name` in the config, with its store spec and context. */
export interface LocalProviderCredential {
  tier: TierEntry;
  spec: SecretCredentialSpec;
  context: CredentialConfigContext;
}

/** Names of the config's local providers (empty when the config cannot be read). */
export function localProviderNames(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv,
): string[] {
  const loaded = loadConfig(configPath, { env });
  return loaded.ok
    ? listTiers(loaded.config)
        .filter((t) => t.isLocalProvider)
        .map((t) => t.name)
    : [];
}

/** The local provider `name` of the config at `configPath`, or undefined when there is none. */
export function localProviderCredential(
  name: string,
  configPath: string | undefined,
  env: NodeJS.ProcessEnv,
): LocalProviderCredential | undefined {
  const loaded = loadConfig(configPath, { env });
  if (!loaded.ok) return undefined;
  const tier = findTier(loaded.config, name);
  if (!tier?.isLocalProvider) return undefined;
  const secret = localProviderSecret(name, tier.model.provider);
  const spec: SecretCredentialSpec = { ...secret, command: `flynn login ${name}` };
  const context: CredentialConfigContext = { warnings: [] };
  if (isSet(tier.model.api_key, env)) {
    const location = fieldLocation(tier, 'api_key');
    context.warnings.push({
      code: 'config_override',
      location,
      message: `${location} is set in ${loaded.path} and takes precedence over the stored ${spec.label}; delete it to use the stored one.`,
    });
  }
  if (tier.model.base_url) {
    const secrets = materializeTierSecretsSync(tier, loaded.config, { env });
    context.verifyTarget = {
      baseUrl: tier.model.base_url,
      ...(secrets.headerErrors.length === 0 && secrets.headers ? { headers: secrets.headers } : {}),
      location: `${tier.configPath}.base_url`,
    };
  }
  return { tier, spec, context };
}
