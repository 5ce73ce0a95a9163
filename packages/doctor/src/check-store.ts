// Doctor only reads the store: a corrupt or wrongly shaped file is reported with its path
// and the fix, never repaired or rewritten, and permissions are reported, never changed.
// Synchronous: a few stat(2) calls of local files, faster than the thread pool and without
// loading node:fs/promises (docs/performance.md).
import { lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type AuthStoreData,
  isFlynnError,
  readAuthStore,
  readStoreText,
  storeTextWarnings,
} from '@flynn/auth-store';
import type { Check } from './types.js';

export interface StoreCheckResult {
  /** The store's contents; `{ version: 1 }` when missing or unreadable. */
  store: AuthStoreData;
  exists: boolean;
  /** True when the file exists but could not be used (corrupt, wrong shape, unreadable). */
  unreadable: boolean;
  checks: Check[];
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

/** The mode of `path`, `undefined` when it cannot be read (one local `stat(2)`). */
export function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode;
  } catch {
    return undefined;
  }
}

/**
 * Reads the store once and checks it: the `store` check (absent, readable, or `fail` with
 * the path and remedy for a corrupt or unreadable file), then `store-file-mode` (0600;
 * `fail` when group or others can access the secrets) and `store-dir-mode` (0700; `warn`
 * otherwise), each with the `chmod` that fixes it. Modes are not checked on Windows.
 */
export async function checkStore(storePath: string): Promise<StoreCheckResult> {
  const fileMode = modeOf(storePath);
  const empty: AuthStoreData = { version: 1 };
  if (fileMode === undefined) {
    return {
      store: empty,
      exists: false,
      unreadable: false,
      checks: [
        { id: 'store', status: 'ok', message: `${storePath} does not exist yet (nothing stored)` },
      ],
    };
  }

  let store = empty;
  let unreadable = false;
  const checks: Check[] = [];
  try {
    store = await readAuthStore({ path: storePath });
    const providers = Object.keys(store).filter((key) => key !== 'version');
    checks.push({
      id: 'store',
      status: 'ok',
      message: `${storePath}: readable (${providers.length ? providers.join(', ') : 'no credentials'})`,
    });
    checks.push(...(await fileWarnings(storePath)));
  } catch (error) {
    if (!isFlynnError(error)) throw error;
    unreadable = true;
    // AuthStoreError messages name the path, never quote the file; the remedy is data.
    checks.push({ id: 'store', status: 'fail', message: error.message, remedy: error.remedy });
  }

  if (process.platform !== 'win32') checks.push(...(await permissionChecks(storePath, fileMode)));
  return { store, exists: true, unreadable, checks };
}

async function permissionChecks(storePath: string, fileMode: number): Promise<Check[]> {
  const checks: Check[] = [];
  if ((fileMode & 0o777) === 0o600) {
    checks.push({ id: 'store-file-mode', status: 'ok', message: `${storePath}: mode 0600` });
  } else {
    const othersCanAccess = (fileMode & 0o077) !== 0;
    checks.push({
      id: 'store-file-mode',
      status: othersCanAccess ? 'fail' : 'warn',
      message:
        `${storePath}: mode ${octal(fileMode)}, expected 0600` +
        (othersCanAccess ? ' (other users can read your credentials)' : '') +
        `; run \`chmod 600 ${storePath}\``,
    });
  }
  const dir = dirname(storePath);
  const dirMode = modeOf(dir);
  if (dirMode !== undefined && (dirMode & 0o777) !== 0o700) {
    checks.push({
      id: 'store-dir-mode',
      status: 'warn',
      message: `${dir}: mode ${octal(dirMode)}, expected 0700; run \`chmod 700 ${dir}\``,
    });
  } else if (dirMode !== undefined) {
    checks.push({ id: 'store-dir-mode', status: 'ok', message: `${dir}: mode 0700` });
  }
  return checks;
}

/**
 * What a readable store file hides: duplicate keys (only the last value counts, and the next
 * write drops the others), a byte-order mark, and a symlink that the next write replaces
 * with a regular file (atomic writes rename over the link, not through it).
 */
async function fileWarnings(storePath: string): Promise<Check[]> {
  const checks: Check[] = [];
  const text = await readStoreText(storePath);
  for (const warning of text === undefined ? [] : storeTextWarnings(text)) {
    checks.push({
      id: 'store-content',
      status: 'warn',
      message:
        warning.code === 'duplicate_key'
          ? `${storePath}: the key ${warning.key} appears more than once; only the last value is used, and the next write keeps only that one`
          : `${storePath}: the file starts with a byte-order mark; the next write removes it`,
    });
  }
  if (lstatSync(storePath).isSymbolicLink()) {
    checks.push({
      id: 'store-symlink',
      status: 'warn',
      message: `${storePath} is a symbolic link; the next write replaces the link with a regular file (the target stays as it is)`,
    });
  }
  return checks;
}
