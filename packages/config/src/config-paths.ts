import { homedir } from 'node:os';
import { join } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

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
 * `~/.config/flynn` (HOME from `env`, falling back to the OS). The one place that
 * decides this for config; `@flynn/auth-store` applies the same rule to `auth.json`.
 */
export function resolveConfigPaths(env: Env = process.env): ConfigPaths {
  const explicit = env.FLYNN_CONFIG_DIR?.trim();
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const dir = explicit
    ? explicit
    : xdg
      ? join(xdg, 'flynn')
      : join(env.HOME?.trim() || homedir(), '.config', 'flynn');
  return { dir, configFile: join(dir, 'config.yaml'), authFile: join(dir, 'auth.json') };
}
