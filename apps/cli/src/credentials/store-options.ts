// The options every CLI write to the store uses: the store in the Flynn config directory
// (FLYNN_CONFIG_DIR, ...; never beside --config), the lock-wait notice, and the config's
// `credential_store`, which says where new credentials go (FLYNN_CREDENTIAL_STORE wins).
import { credentialStoreStatus, defaultAuthStorePath, type WriteOptions } from '@flynn/auth-store';
import { type FlynnConfig, loadConfig } from '@flynn/config';
import type { CommandIO } from '../io.js';
import { lockWaitNotice } from './lock-wait-notice.js';

/** `credential_store` from the config at `configPath` (the default location without one); unset when the file cannot be used. */
export function configuredCredentialStore(
  configPath: string | undefined,
  env: NodeJS.ProcessEnv,
  config?: FlynnConfig,
): FlynnConfig['credential_store'] {
  if (config) return config.credential_store;
  const loaded = loadConfig(configPath, { env });
  return loaded.ok ? loaded.config.credential_store : undefined;
}

/**
 * Store options for a CLI write: path, env, lock-wait progress (none with `quiet`, i.e.
 * `--json`), the config's `credential_store`.
 */
export function cliStoreOptions(
  io: CommandIO,
  configPath: string | undefined,
  config?: FlynnConfig,
  quiet?: boolean,
): WriteOptions & { path: string } {
  return {
    path: defaultAuthStorePath(io.env),
    env: io.env,
    onLockWait: lockWaitNotice(io, { quiet }),
    credentialStore: configuredCredentialStore(configPath, io.env, config),
  };
}

/**
 * Where the secrets of store entry `key` (`openai`, `local_providers`) are now, for the
 * message after a write: their keyring entry (`keyring:flynn/openai@3f2a9c1b0d4e`) when the
 * store keeps them there, else the store file. Reads auth.json only.
 */
export async function storedLocation(io: CommandIO, path: string, key: string): Promise<string> {
  const { inKeyring } = await credentialStoreStatus({ path, env: io.env });
  return inKeyring.find((entry) => entry.key === key)?.location ?? path;
}
