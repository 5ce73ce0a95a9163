import type { Env } from './types.js';

/** A usable credential value: trimmed, with empty, whitespace-only and non-strings absent. */
export function cleanValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The first of `names` set to a usable value in `env`, with its name. */
export function firstEnvValue(
  env: Env,
  names: readonly string[],
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = cleanValue(env[name]);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}
