import { FlynnError, type Remedy } from '@flynn/core';

/** Stable codes of `AuthStoreError`. */
export type AuthStoreErrorCode =
  | 'AUTH_STORE_CORRUPT'
  | 'AUTH_STORE_LOCK_TIMEOUT'
  | 'AUTH_STORE_IO'
  | 'AUTH_STORE_INVALID_INPUT'
  | 'AUTH_STORE_UNSAFE'
  | 'AUTH_STORE_KEYRING';

/**
 * A problem with the store file itself (never with a credential's value):
 * - `AUTH_STORE_CORRUPT`: the file is not valid JSON or not the expected shape; it is left untouched;
 * - `AUTH_STORE_LOCK_TIMEOUT`: another live process held the lock for too long;
 * - `AUTH_STORE_IO`: the file or its directory could not be read or written;
 * - `AUTH_STORE_INVALID_INPUT`: a caller passed an empty value or a wrongly shaped store;
 * - `AUTH_STORE_UNSAFE`: the file is not a regular file, or the file or its directory belongs
 *   to another user, or the directory is writable by others; nothing there is used or changed;
 * - `AUTH_STORE_KEYRING`: the OS keyring did not answer in time, is locked, has no Secret
 *   Service, or refused; the remedy names the file fallback (`FLYNN_CREDENTIAL_STORE=file`).
 * The message names the path and the problem; `remedy` says what to do (advice given as a
 * string becomes one `advice` step). It never contains a stored value.
 */
export class AuthStoreError extends FlynnError<AuthStoreErrorCode> {
  /** The store file (or its lock file) concerned. */
  readonly path: string;

  constructor(
    code: AuthStoreErrorCode,
    details: { path: string; problem: string; remedy: string | Remedy; cause?: unknown },
  ) {
    const remedy: Remedy =
      typeof details.remedy === 'string'
        ? [{ kind: 'advice', text: details.remedy.replace(/\.$/, '') }]
        : details.remedy;
    super(code, details.problem, { remedy, cause: details.cause });
    this.name = 'AuthStoreError';
    this.path = details.path;
  }
}

/** Wraps a filesystem failure; the Node error (path and errno only, no content) is the cause. */
export function ioError(path: string, action: string, cause: unknown): AuthStoreError {
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'error';
  return new AuthStoreError('AUTH_STORE_IO', {
    path,
    problem: `Cannot ${action} the auth store ${path} (${errno}).`,
    remedy: 'Check that the file and its directory exist, belong to you and are writable.',
    cause,
  });
}
