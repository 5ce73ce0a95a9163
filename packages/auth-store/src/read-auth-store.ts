import { dirname } from 'node:path';
import { AuthStoreError, ioError } from './auth-store-error.js';
import { storePathFrom } from './default-auth-store-path.js';
import { parseAuthStore } from './parse-auth-store.js';
import { checkStoreDirectorySync, readRegularFileSync } from './safe-file.js';
import type { AuthStoreData, StoreOptions } from './types.js';

/** Parses store text read from `path`; `undefined` (no file) is an empty store. */
export function parseStoreText(text: string | undefined, path: string): AuthStoreData {
  return text === undefined ? { version: 1 } : parseAuthStore(text, path);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Reads the raw text of the store, `undefined` when the file does not exist. The directory
 * and the file are checked first (safe-file.ts): a special file, a foreign owner or a
 * directory others can write to is refused (`AUTH_STORE_UNSAFE`), never read or waited on.
 */
export async function readStoreText(path: string): Promise<string | undefined> {
  try {
    checkStoreDirectorySync(dirname(path), path);
    return readRegularFileSync(path, 'auth store');
  } catch (error) {
    if (error instanceof AuthStoreError) throw error;
    if (isMissing(error)) return undefined;
    throw ioError(path, 'read', error);
  }
}

/**
 * Reads the auth store. No lock is needed: writes replace the file atomically, so a read
 * sees a whole version. A missing file is an empty store, `{ version: 1 }`.
 * @throws AuthStoreError `AUTH_STORE_CORRUPT` (not JSON or wrongly shaped; names the path
 *   and the fix, never a value) or `AUTH_STORE_IO`.
 */
export async function readAuthStore(options: StoreOptions = {}): Promise<AuthStoreData> {
  const path = storePathFrom(options);
  return parseStoreText(await readStoreText(path), path);
}

/** Synchronous `readAuthStore`, for callers that cannot await (same result and errors). */
export function readAuthStoreSync(options: StoreOptions = {}): AuthStoreData {
  const path = storePathFrom(options);
  let text: string | undefined;
  try {
    checkStoreDirectorySync(dirname(path), path);
    text = readRegularFileSync(path, 'auth store');
  } catch (error) {
    if (error instanceof AuthStoreError) throw error;
    if (!isMissing(error)) throw ioError(path, 'read', error);
  }
  return parseStoreText(text, path);
}
