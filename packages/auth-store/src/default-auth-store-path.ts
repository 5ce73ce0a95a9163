import { join } from 'node:path';
import { flynnConfigDir } from '@flynn/core';
import type { Env, StoreOptions } from './types.js';

/**
 * `auth.json` in the Flynn config directory: `$FLYNN_CONFIG_DIR`, else
 * `$XDG_CONFIG_HOME/flynn`, else `$HOME/.config/flynn` (HOME from `env`, then the OS).
 * Empty or whitespace-only variables count as unset: `@flynn/core`'s `flynnConfigDir`,
 * the rule `@flynn/config` uses too.
 */
export function defaultAuthStorePath(env: Env = process.env): string {
  return join(flynnConfigDir(env), 'auth.json');
}

/** The store path `options` designate. */
export function storePathFrom(options: StoreOptions = {}): string {
  return options.path ?? defaultAuthStorePath(options.env ?? process.env);
}
