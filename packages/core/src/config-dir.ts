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
  // node:os only without HOME: loading it is a cost every start would pay.
  const home = env.HOME?.trim() || process.getBuiltinModule('node:os').homedir();
  return join(home, '.config', 'flynn');
}
