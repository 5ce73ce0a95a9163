import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CREDENTIAL_ENV_VARS } from '@flynn/core';

/** Prefixes of every registry credential env var (`GEMINI_API_KEY` gives `GEMINI_`). */
const CREDENTIAL_PREFIXES = [
  ...new Set(CREDENTIAL_ENV_VARS.map((name) => name.slice(0, name.indexOf('_') + 1) || name)),
];

/**
 * Env vars a test never inherits: every provider's credential variables (from the registry,
 * so a new provider is scrubbed without touching this file) and their families, Flynn's own,
 * other tools' credentials, the XDG config and cache dirs, proxies, NODE_PATH (pnpm sets
 * it for scripts; a user's shell does not, so a module that resolves only through it must fail)
 * and the D-Bus session bus, through which the keyring backend would reach the developer's
 * real keyring (keyring tests start a Secret Service of their own: secret-service.ts).
 */
export const SCRUBBED_ENV_PATTERN = new RegExp(
  `^(${[
    ...CREDENTIAL_PREFIXES,
    'OPENAI_',
    'ANTHROPIC_',
    'GH_',
    'GITHUB_',
    'FLYNN_',
    'CLAUDE_',
    'AWS_',
  ]
    .map((prefix) => prefix.replace(/[^A-Z0-9_]/gi, ''))
    .join(
      '|',
    )}|XDG_CONFIG_HOME$|XDG_CACHE_HOME$|NODE_PATH$|HTTPS?_PROXY$|NO_PROXY$|DBUS_SESSION_BUS_ADDRESS$)`,
  'i',
);

export interface TempHome {
  /** The fake home directory (`HOME`). */
  home: string;
  /** The Flynn config directory (`FLYNN_CONFIG_DIR`), inside `home`. */
  configDir: string;
  /** A scrubbed copy of `process.env` pointing at this home; pass it to children. */
  env: NodeJS.ProcessEnv;
  /** Removes the directory tree. */
  cleanup(): void;
}

/** Returns `base` without any credential-bearing or config-locating variables. */
export function scrubEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (!SCRUBBED_ENV_PATTERN.test(key)) env[key] = value;
  }
  return env;
}

/**
 * Creates a private home for one test: a temp `HOME` with a `FLYNN_CONFIG_DIR`
 * inside, and an env that names them and nothing of the developer's.
 */
export function createTempHome(extraEnv: NodeJS.ProcessEnv = {}): TempHome {
  const home = mkdtempSync(join(tmpdir(), 'flynn-test-'));
  const configDir = join(home, '.config', 'flynn');
  const env: NodeJS.ProcessEnv = {
    ...scrubEnv(),
    HOME: home,
    USERPROFILE: home,
    FLYNN_CONFIG_DIR: configDir,
    NO_COLOR: '1',
    ...extraEnv,
  };
  return { home, configDir, env, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}
