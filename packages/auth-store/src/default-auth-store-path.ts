import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Env, StoreOptions } from './types.js';

/**
 * `auth.json` in the Flynn config directory: `$FLYNN_CONFIG_DIR`, else
 * `$XDG_CONFIG_HOME/flynn`, else `$HOME/.config/flynn` (HOME from `env`, then the OS).
 * Empty or whitespace-only variables count as unset. The same rule `@flynn/config` uses.
 */
export function defaultAuthStorePath(env: Env = process.env): string {
  const explicit = env.FLYNN_CONFIG_DIR?.trim();
  const xdg = env.XDG_CONFIG_HOME?.trim();
  const dir = explicit
    ? explicit
    : xdg
      ? join(xdg, 'flynn')
      : join(env.HOME?.trim() || homedir(), '.config', 'flynn');
  return join(dir, 'auth.json');
}

/** The store path `options` designate. */
export function storePathFrom(options: StoreOptions = {}): string {
  return options.path ?? defaultAuthStorePath(options.env ?? process.env);
}
