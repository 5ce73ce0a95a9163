// Errors of the credential commands. Their messages describe the input (empty, too
// large, has spaces) and never quote it: the input is a secret.

/** Codes of {@link CredentialInputError}; the `INPUT_` prefix makes the top-level handler exit 1. */
export type CredentialInputErrorCode = 'INPUT_EMPTY' | 'INPUT_INVALID' | 'INPUT_UNAVAILABLE';

/** The secret the user gave cannot be used; nothing was stored. */
export class CredentialInputError extends Error {
  readonly code: CredentialInputErrorCode;
  readonly remedy?: string;

  constructor(code: CredentialInputErrorCode, message: string, remedy?: string) {
    super(message);
    this.name = 'CredentialInputError';
    this.code = code;
    this.remedy = remedy;
  }
}

/** Bad usage found after parsing (conflicting or ambiguous flags); the handler exits 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The user pressed Ctrl-C (at a prompt or while waiting); commands turn it into exit 130. */
export class InterruptedError extends Error {
  readonly code = 'INTERRUPTED';

  constructor() {
    super('Interrupted.');
    this.name = 'InterruptedError';
  }
}

/** True for an {@link InterruptedError}, by code. */
export function isInterrupted(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'INTERRUPTED'
  );
}
