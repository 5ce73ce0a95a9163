import { join } from 'node:path';
import { type Env, flynnConfigDir } from '@flynn/core';

export type { Env };

export interface ConfigPaths {
  /** The Flynn config directory. */
  dir: string;
  /** `<dir>/config.yaml`. */
  configFile: string;
  /** `<dir>/auth.json`, the credential store. */
  authFile: string;
}

/**
 * Where Flynn's files live: `$FLYNN_CONFIG_DIR`, else `$XDG_CONFIG_HOME/flynn`, else
 * `~/.config/flynn` (HOME from `env`, falling back to the OS). The rule is
 * `@flynn/core`'s `flynnConfigDir`, which `@flynn/auth-store` uses for `auth.json` too.
 */
export function resolveConfigPaths(env: Env = process.env): ConfigPaths {
  const dir = flynnConfigDir(env);
  return { dir, configFile: join(dir, 'config.yaml'), authFile: join(dir, 'auth.json') };
}
