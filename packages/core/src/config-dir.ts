import { join } from 'node:path';
import type { Env } from './types.js';

/**
 * The Flynn config directory, the one rule every package uses: `$FLYNN_CONFIG_DIR`, else
 * `$XDG_CONFIG_HOME/flynn`, else `$HOME/.config/flynn` (HOME from `env`, then the OS).
 * Empty or whitespace-only variables count as unset. `config.yaml` and `auth.json` live here.
 */
export function flynnConfigDir(env: Env = process.env): string {
  const explicit = env.FLYNN_CONFIG_DIR?.trim();
  if (explicit) return explicit;
  const xdg = env.XDG_CONFIG_HOME?.trim();
  if (xdg) return join(xdg, 'flynn');
  return join(homeDirectory(env), '.config', 'flynn');
}

/**
 * The user's home directory: `$HOME` from `env`, else the OS's. An empty or whitespace-only
 * HOME counts as unset, so `~` in a config means the same directory as the config's own.
 */
export function homeDirectory(env: Env = process.env): string {
  // node:os only without HOME: loading it is a cost every start would pay.
  return env.HOME?.trim() || process.getBuiltinModule('node:os').homedir();
}
