// Errors of the credential commands. Their messages describe the input (empty, too
// large, has spaces) and never quote it: the input is a secret.
import { FlynnError, isFlynnError, profileOption, type Remedy } from '@flynn/core';

/** A remedy given as CLI text becomes one advice step (these errors never reach the TUI). */
export function cliRemedy(remedy: string | Remedy | undefined): Remedy {
  if (remedy === undefined) return [];
  return typeof remedy === 'string'
    ? [{ kind: 'advice', text: remedy.replace(/\.$/, '') }]
    : remedy;
}

/** Codes of {@link CredentialInputError}. */
export type CredentialInputErrorCode = 'INPUT_EMPTY' | 'INPUT_INVALID' | 'INPUT_UNAVAILABLE';

/** The secret the user gave cannot be used; nothing was stored. */
export class CredentialInputError extends FlynnError<CredentialInputErrorCode> {
  constructor(code: CredentialInputErrorCode, message: string, remedy?: string | Remedy) {
    super(code, message, { remedy: cliRemedy(remedy) });
    this.name = 'CredentialInputError';
  }
}

/** Bad usage found after parsing (conflicting or ambiguous flags); the handler exits 2. */
export class UsageError extends FlynnError<'USAGE'> {
  constructor(message: string, remedy?: string | Remedy) {
    super('USAGE', message, { remedy: cliRemedy(remedy) });
    this.name = 'UsageError';
  }
}

/** The user pressed Ctrl-C (at a prompt or while waiting); commands turn it into exit 130. */
export class InterruptedError extends FlynnError<'INTERRUPTED'> {
  constructor() {
    super('INTERRUPTED', 'Interrupted.');
    this.name = 'InterruptedError';
  }
}

/** True for an {@link InterruptedError}, by brand and code. */
export function isInterrupted(error: unknown): boolean {
  return isFlynnError(error, 'INTERRUPTED');
}

/**
 * The named profile of a `--profile` value: `undefined` for none or `default` (the provider's
 * own entry).
 * @throws UsageError for a name that cannot be a profile (the one message of every command).
 */
export function namedProfile(value: string | undefined): string | undefined {
  const checked = profileOption(value);
  if ('error' in checked) throw new UsageError(checked.error);
  return checked.profile;
}
