import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Env var names that could carry a real credential or point at real config. */
export const SCRUBBED_ENV_PATTERN =
  /^(OPENAI_|ANTHROPIC_|ZAI_|GH_|GITHUB_|FLYNN_|CLAUDE_|AWS_|XDG_CONFIG_HOME$|HTTPS?_PROXY$|NO_PROXY$)/i;

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
