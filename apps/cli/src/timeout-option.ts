import { UsageError } from './credentials/credential-errors.js';

/**
 * `--timeout S` (the shared flag of `ask`, `doctor --online`, `--verify` and the logins) in
 * ms, or undefined when not given. Fractions are allowed (`0.5`).
 * @throws UsageError when it is not a positive number of seconds.
 */
export function parseTimeoutSeconds(
  value: string | undefined,
  flag = '--timeout',
): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new UsageError(
      `${flag} must be a positive number of seconds (got "${value}").`,
      `For example ${flag} 30`,
    );
  }
  return Math.round(seconds * 1000);
}
