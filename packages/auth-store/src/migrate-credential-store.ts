import { resolve } from 'node:path';
import type { CredentialBackend } from './credential-store.js';
import { storePathFrom } from './default-auth-store-path.js';
import { type Keyring, keyringLocation, keyringScope, openKeyring } from './keyring.js';
import { serializeAuthStore } from './parse-auth-store.js';
import { KEYRING_SECTION_KEY, splitEntry } from './store-layout.js';
import type { AuthStoreData } from './types.js';
import { type LockedStore, planWrite, readLocked } from './update-auth-store.js';
import { type WriteOptions, withAuthStoreLock } from './with-auth-store-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** One store entry `migrateCredentialStore` moved (or found already in place). */
export interface MigratedEntry {
  /** The store key: `openai`, `anthropic`, `local_providers`. */
  key: string;
  /** Where its secrets are now: `keyring:flynn/openai@3f2a9c1b0d4e` or `<path> openai`. */
  location: string;
  /** False when it was already there. */
  moved: boolean;
}

/** What `migrateCredentialStore` did. */
export interface MigrationReport {
  to: CredentialBackend;
  path: string;
  entries: MigratedEntry[];
  /** Keyring entries of this store that `auth.json` no longer listed, removed. */
  orphansRemoved: number;
}

/**
 * Moves every stored credential to `to`, under the store's lock. To the keyring: each entry's
 * secrets are written, read back and compared, and only then does `auth.json` drop its plain
 * copies (one atomic write); stray entries of this store are removed last. To the file:
 * `auth.json` first gets every secret in plain text while still listing the keyring entries
 * (so an interruption leaves both copies, which doctor reports), then the keyring entries are
 * removed, then the list. An interruption at any point loses nothing, and running it again
 * finishes the job. Unknown fields and providers are kept; a corrupt file is never written.
 * @throws AuthStoreError `AUTH_STORE_KEYRING` (with the file fallback named), `AUTH_STORE_CORRUPT`,
 *   `AUTH_STORE_LOCK_TIMEOUT`, `AUTH_STORE_IO`.
 */
export async function migrateCredentialStore(
  to: CredentialBackend,
  options: WriteOptions = {},
): Promise<MigrationReport> {
  const path = resolve(storePathFrom(options));
  const env = options.env ?? process.env;
  return withAuthStoreLock(async () => {
    const locked = await readLocked(path, options);
    const before = locked.file.section?.entries ?? {};
    const plan = planWrite(locked, locked.data, to, true);
    const report: MigrationReport = { to, path, entries: [], orphansRemoved: 0 };
    for (const key of Object.keys(locked.data)) {
      if (splitEntry(key, locked.data[key]).secrets === undefined) continue;
      const account = plan.origin.keyring[key];
      const moved =
        to === 'keyring'
          ? before[key] !== account || !isPlainFree(locked, key)
          : before[key] !== undefined;
      report.entries.push({
        key,
        location: account ? keyringLocation(account) : `${path} ${key}`,
        moved,
      });
    }
    if (locked.file.text === undefined) return report;
    const keyring = locked.keyring ?? openKeyring(path, env);
    if (to === 'keyring') {
      // Written, read back and compared (set with verify) before auth.json drops its copies.
      if (plan.sets.length > 0) await keyring.set(plan.sets, true);
      await writeFileAtomic(path, serializeAuthStore(plan.file as unknown as AuthStoreData));
      if (plan.deletes.length > 0) await keyring.delete(plan.deletes);
      report.orphansRemoved = await removeOrphans(keyring, path, plan.origin.keyring);
      return report;
    }
    // To the file: both copies first (auth.json still lists the keyring entries), then the
    // keyring's copies go, then the list. Any stray entry of this store goes too: after this
    // run, the keyring holds nothing of it.
    if (locked.file.section) {
      const both = { ...plan.file, [KEYRING_SECTION_KEY]: locked.file.section };
      await writeFileAtomic(path, serializeAuthStore(both as unknown as AuthStoreData));
    }
    if (plan.deletes.length > 0) await keyring.delete(plan.deletes);
    report.orphansRemoved = locked.file.section ? await removeOrphans(keyring, path, {}) : 0;
    await writeFileAtomic(path, serializeAuthStore(plan.file as unknown as AuthStoreData));
    return report;
  }, options);
}

/** True when `auth.json` holds none of `key`'s secrets itself. */
function isPlainFree(locked: LockedStore, key: string): boolean {
  return splitEntry(key, locked.file.raw[key]).secrets === undefined;
}

/** Removes this store's keyring entries that are not in `kept` (store key to account). */
async function removeOrphans(
  keyring: Keyring,
  path: string,
  kept: Record<string, string>,
): Promise<number> {
  const scope = `@${keyringScope(path)}`;
  const keep = new Set(Object.values(kept));
  const orphans = (await keyring.accounts()).filter(
    (account) => account.endsWith(scope) && !keep.has(account),
  );
  if (orphans.length === 0) return 0;
  return (await keyring.delete(orphans)).filter(Boolean).length;
}
