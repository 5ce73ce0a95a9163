import { FlynnError, isFlynnError, type Remedy } from '@flynn/core';

/** Fields of a {@link SecretReferenceError}. */
export interface SecretReferenceErrorFields {
  /** The field: `models.fast.api_key`, `models.fast.headers.Authorization`. */
  path: string;
  /** The reference as named in messages: `command: pass`, `env: LMSTUDIO_KEY`, `${TOKEN}`. */
  origin: string;
  /** What went wrong, never the value or a command's output. */
  problem: string;
  remedy: Remedy;
  /** The tier or local provider the field belongs to. */
  tier?: string;
}

/**
 * A secret reference (or a `${NAME}` in a credential field or header) that did not give a
 * value: an unset variable, an unreadable file, a command that failed. The message is
 * `<path> (<origin>): <problem>`; it never holds the value or what the command printed.
 */
export class SecretReferenceError extends FlynnError<'SECRET_REFERENCE_FAILED'> {
  readonly path: string;
  readonly origin: string;
  readonly problem: string;
  readonly tier?: string;

  constructor(fields: SecretReferenceErrorFields) {
    super('SECRET_REFERENCE_FAILED', `${fields.path} (${fields.origin}): ${fields.problem}`, {
      remedy: fields.remedy,
    });
    this.name = 'SecretReferenceError';
    this.path = fields.path;
    this.origin = fields.origin;
    this.problem = fields.problem;
    if (fields.tier !== undefined) this.tier = fields.tier;
  }
}

/** True for a `SecretReferenceError`, also across duplicate copies of this package. */
export function isSecretReferenceError(error: unknown): error is SecretReferenceError {
  return isFlynnError(error, 'SECRET_REFERENCE_FAILED');
}
