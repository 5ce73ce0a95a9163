/**
 * `${NAME}` in credential fields and header values, from the environment, so that a gateway
 * header like `Authorization: Bearer ${GATEWAY_TOKEN}` needs no token in the file. `$$` is a
 * literal `$`; any other `$` is kept as written. Results never say a value, only names.
 */
import type { Env } from './config-paths.js';

const PATTERN = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The outcome: the expanded text and the names used, or the names that are not set. */
export type Expansion =
  | { ok: true; value: string; variables: string[] }
  | { ok: false; missing: string[] };

/** True when `text` holds `${NAME}` or `$$`, i.e. expanding may change it. */
export function hasVariables(text: string): boolean {
  PATTERN.lastIndex = 0;
  return PATTERN.test(text);
}

/** `text` as written in the file, without its `${NAME}` parts (their values are not in it). */
export function withoutVariables(text: string): string {
  return text.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, '');
}

/**
 * Expands every `${NAME}` from `env` and every `$$` to `$`. A variable that is not set is an
 * error naming it (a set but empty variable expands to nothing).
 */
export function expandVariables(text: string, env: Env): Expansion {
  const variables: string[] = [];
  const missing: string[] = [];
  const value = text.replace(PATTERN, (match, name: string | undefined) => {
    if (name === undefined) return '$';
    const found = env[name];
    if (found === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return match;
    }
    if (!variables.includes(name)) variables.push(name);
    return found;
  });
  return missing.length > 0 ? { ok: false, missing } : { ok: true, value, variables };
}
