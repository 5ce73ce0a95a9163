import { FLYNN_ERROR } from './flynn-error.js';

/** Stable codes of `AuthStoreError`. */
export type AuthStoreErrorCode =
  | 'AUTH_STORE_CORRUPT'
  | 'AUTH_STORE_LOCK_TIMEOUT'
  | 'AUTH_STORE_IO'
  | 'AUTH_STORE_INVALID_INPUT';

/**
 * A problem with the store file itself (never with a credential's value):
 * - `AUTH_STORE_CORRUPT`: the file is not valid JSON or not the expected shape; it is left untouched;
 * - `AUTH_STORE_LOCK_TIMEOUT`: another live process held the lock for too long;
 * - `AUTH_STORE_IO`: the file or its directory could not be read or written;
 * - `AUTH_STORE_INVALID_INPUT`: a caller passed an empty value or a wrongly shaped store.
 * The message names the path and ends with the remedy; it never contains a stored value.
 */
export class AuthStoreError extends Error {
  readonly code: AuthStoreErrorCode;
  /** The store file (or its lock file) concerned. */
  readonly path: string;
  /** What the user can do about it. */
  readonly remedy: string;

  constructor(
    code: AuthStoreErrorCode,
    details: { path: string; problem: string; remedy: string; cause?: unknown },
  ) {
    super(
      `${details.problem} ${details.remedy}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'AuthStoreError';
    this.code = code;
    this.path = details.path;
    this.remedy = details.remedy;
  }

  /** Brand shared by Flynn errors (on the prototype, so it does not clutter inspect output). */
  get [FLYNN_ERROR](): true {
    return true;
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
