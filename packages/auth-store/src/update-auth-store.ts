import { resolve } from 'node:path';
import { AuthStoreError } from './auth-store-error.js';
import { storePathFrom } from './default-auth-store-path.js';
import { findShapeProblem, serializeAuthStore } from './parse-auth-store.js';
import { parseStoreText, readStoreText } from './read-auth-store.js';
import type { AuthStoreData } from './types.js';
import { type WriteOptions, withAuthStoreLock } from './with-auth-store-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Read-modify-write of the store under the cross-process lock: re-reads the file, passes a
 * fresh copy to `mutate` (which edits it in place or returns a replacement), checks the
 * result and writes it atomically (directory 0700, file 0600). Unknown providers and fields
 * survive unless `mutate` removes them. Nothing is written when there was no file and the
 * result is still empty. Returns the data as written.
 * @throws AuthStoreError `AUTH_STORE_CORRUPT` when the existing file cannot be used (it is
 *   left byte-identical), `AUTH_STORE_INVALID_INPUT` when `mutate` produced a wrongly shaped
 *   store, `AUTH_STORE_LOCK_TIMEOUT` or `AUTH_STORE_IO`; anything `mutate` throws, unchanged.
 */
export async function updateAuthStore(
  // biome-ignore lint/suspicious/noConfusingVoidType: the contract lets mutate edit in place and return nothing.
  mutate: (data: AuthStoreData) => void | AuthStoreData,
  options: WriteOptions = {},
): Promise<AuthStoreData> {
  const path = resolve(storePathFrom(options));
  return withAuthStoreLock(async () => {
    const text = await readStoreText(path);
    const current = parseStoreText(text, path);
    const next = mutate(current) ?? current;
    const problem = findShapeProblem(next);
    if (problem) {
      throw new AuthStoreError('AUTH_STORE_INVALID_INPUT', {
        path,
        problem: `Refusing to write the auth store ${path}: ${problem}.`,
        remedy: 'This is a bug in the caller; the file was left unchanged.',
      });
    }
    const written: AuthStoreData = { ...next, version: 1 };
    const empty = Object.keys(written).every((key) => key === 'version');
    if (text === undefined && empty) return written;
    await writeFileAtomic(path, serializeAuthStore(written));
    return written;
  }, options);
}
