import {
  type AuthStoreData,
  type CredentialResolution,
  defaultAuthStorePath,
  readAuthStoreSync,
  resolveCredential,
} from '@flynn/auth-store';
import { type Env, type FlynnConfig, findTier, listTiers, type TierEntry } from '@flynn/config';
import { ModelError } from './model-error.js';

export interface TierCredentialOptions {
  config: FlynnConfig;
  /** A tier (`default`, `fast`, `complex`, `local`) or a local provider's name. */
  tier: string;
  /** Default `process.env`. */
  env?: Env;
  /** The store as already read; default: read once from `storePath` (sync). */
  store?: AuthStoreData;
  /** Default `defaultAuthStorePath(env)`. */
  storePath?: string;
}

/** The tier entry called `name`, or a `MODEL_UNKNOWN_TIER` error listing the configured ones. */
export function requireTier(config: FlynnConfig, name: string): TierEntry {
  const entry = findTier(config, name);
  if (entry) return entry;
  const names = listTiers(config).map((tier) => tier.name);
  const known = names.length > 0 ? names.join(', ') : 'none';
  throw new ModelError(
    'MODEL_UNKNOWN_TIER',
    `Unknown tier "${name}". Configured tiers: ${known}.`,
    {
      tier: name,
      remedy:
        names.length > 0
          ? `Use one of: ${known}; or add "${name}" to models in config.yaml`
          : 'Add a tier under models in config.yaml',
    },
  );
}

/**
 * Picks the credential one tier uses (DESIGN section 5): the tier's effective
 * `auth_mode` (with `auth_mode` winning over `use_oauth`) decides the chain, and
 * each kind is looked for in config, env, then the store. Synchronous; reads the
 * store file only when `store` is not given. The result holds no raw secret in
 * any printable form (see `Secret`).
 * @throws ModelError `MODEL_UNKNOWN_TIER`; MissingCredentialError `CREDENTIAL_MISSING`
 *   (naming the tier, the kind expected, every place tried and the remedy);
 *   AuthModeUnsupportedError; AuthStoreError for an unreadable store.
 */
export function resolveTierCredential(options: TierCredentialOptions): CredentialResolution {
  const env = options.env ?? process.env;
  const entry = requireTier(options.config, options.tier);
  const storePath = options.storePath ?? defaultAuthStorePath(env);
  const store = options.store ?? readAuthStoreSync({ path: storePath, env });
  return resolveCredential({
    tier: entry.name,
    provider: entry.model.provider,
    mode: entry.authMode.mode,
    modeOrigin: entry.authMode.origin,
    config: { api_key: entry.model.api_key, auth_token: entry.model.auth_token },
    configPath: entry.configPath,
    env,
    store,
    storePath,
  });
}
