import { resolve } from 'node:path';
import { AuthStoreError } from './auth-store-error.js';
import { type CredentialBackend, chooseBackend } from './credential-store.js';
import { storePathFrom } from './default-auth-store-path.js';
import { type Keyring, keyringAccount, keyringScope, openKeyring } from './keyring.js';
import { findShapeProblem, serializeAuthStore } from './parse-auth-store.js';
import {
  assembleStore,
  type FetchedEntries,
  fetchEntries,
  listsEntries,
  type RawStore,
  rawStore,
  readStoreText,
} from './read-auth-store.js';
import {
  KEYRING_SECTION_KEY,
  type KeyringSection,
  type StoreOrigin,
  splitEntry,
  withOrigin,
} from './store-layout.js';
import type { AuthStoreData } from './types.js';
import { type WriteOptions, withAuthStoreLock } from './with-auth-store-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** The store as read under the lock: the file, the keyring entries it lists, the logical data. */
export interface LockedStore {
  path: string;
  file: RawStore;
  fetched: FetchedEntries;
  data: AuthStoreData;
  /** Open only when the file lists entries (or once a write needs it). */
  keyring: Keyring | undefined;
}

/** Reads the store inside the lock (the caller holds it). */
export async function readLocked(path: string, options: WriteOptions): Promise<LockedStore> {
  const file = rawStore(await readStoreText(path), path);
  const keyring = listsEntries(file.section)
    ? openKeyring(path, options.env ?? process.env)
    : undefined;
  const fetched = await fetchEntries(keyring, file.section);
  return { path, file, fetched, data: assembleStore(file, fetched, path), keyring };
}

/** The secrets of each top-level entry, as JSON, to see which ones a write changed. */
function secretsByKey(data: AuthStoreData): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, entry] of Object.entries(data)) {
    const { secrets } = splitEntry(key, entry);
    if (secrets) map.set(key, JSON.stringify(secrets));
  }
  return map;
}

/** What a write does: the keyring entries to set first, the file, the entries to remove last. */
export interface WritePlan {
  sets: Array<{ key: string; account: string; value: string }>;
  file: Record<string, unknown>;
  deletes: string[];
  origin: StoreOrigin;
}

/**
 * Lays `next` out for writing. An entry whose secrets changed (or every entry, with `force`)
 * goes to `target`; an unchanged one stays where it was. Keyring entries are written under
 * this store's own account; an entry that left the keyring is removed from it only when it
 * is this store's own (an account of another directory is never touched).
 */
export function planWrite(
  locked: LockedStore,
  next: AuthStoreData,
  target: CredentialBackend,
  force = false,
): WritePlan {
  const before = secretsByKey(locked.data);
  const scope = keyringScope(locked.path);
  const listed = locked.file.section?.entries ?? {};
  const entries: Record<string, string> = {};
  const plan: WritePlan = { sets: [], file: {}, deletes: [], origin: { keyring: {}, missing: [] } };
  const keys = new Set([...Object.keys(next), ...Object.keys(listed)]);
  for (const key of keys) {
    const entry = next[key];
    const { rest, secrets } = splitEntry(key, entry);
    const account = listed[key];
    const inKeyring = account !== undefined && typeof locked.fetched[key] === 'string';
    const json = secrets ? JSON.stringify(secrets) : undefined;
    const changed = force || json !== before.get(key);
    const to = json === undefined ? undefined : changed ? target : inKeyring ? 'keyring' : 'file';
    if (to === 'keyring' && json !== undefined) {
      const own = changed ? keyringAccount(key, locked.path) : (account as string);
      if (changed) plan.sets.push({ key, account: own, value: json });
      entries[key] = own;
      plan.origin.keyring[key] = own;
      if (!isEmptyObject(rest)) plan.file[key] = rest;
    } else if (entry !== undefined) {
      plan.file[key] = entry;
    }
    if (account !== undefined && to !== 'keyring' && account.endsWith(`@${scope}`)) {
      plan.deletes.push(account);
    }
  }
  if (Object.keys(entries).length > 0) {
    const section: KeyringSection = { service: 'flynn', entries };
    plan.file[KEYRING_SECTION_KEY] = section;
  }
  plan.file.version = 1;
  return plan;
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(isEmptyObject)
  );
}

/** Carries out `plan` (the caller holds the lock): keyring sets, the file, then removals. */
export async function applyPlan(
  locked: LockedStore,
  plan: WritePlan,
  options: WriteOptions,
): Promise<void> {
  const needsKeyring = plan.sets.length > 0 || plan.deletes.length > 0;
  const keyring =
    locked.keyring ??
    (needsKeyring ? openKeyring(locked.path, options.env ?? process.env) : undefined);
  if (plan.sets.length > 0) await keyring?.set(plan.sets);
  await writeFileAtomic(locked.path, serializeAuthStore(plan.file as unknown as AuthStoreData));
  if (plan.deletes.length > 0) await keyring?.delete(plan.deletes);
}

/**
 * Read-modify-write of the store under the cross-process lock: re-reads the file (and the
 * keyring entries it lists), passes a fresh copy of the logical store to `mutate` (which edits
 * it in place or returns a replacement), checks the result and writes it: the secrets of
 * entries that changed go to the backend in force (`credential_store`, see
 * credential-store.ts), keyring entries first, then `auth.json` atomically (directory 0700,
 * file 0600), then keyring entries no longer needed are removed. A crash at any point leaves
 * a store that reads as the old or the new version of each entry. Unknown providers and
 * fields survive unless `mutate` removes them. Nothing is written when there was no file and
 * the result is still empty. Returns the data as written.
 * @throws AuthStoreError `AUTH_STORE_CORRUPT` when the existing file (or a keyring entry it
 *   lists) cannot be used (it is left byte-identical), `AUTH_STORE_INVALID_INPUT` when
 *   `mutate` produced a wrongly shaped store, `AUTH_STORE_LOCK_TIMEOUT`, `AUTH_STORE_IO`,
 *   `AUTH_STORE_KEYRING`; anything `mutate` throws, unchanged.
 */
export async function updateAuthStore(
  // biome-ignore lint/suspicious/noConfusingVoidType: the contract lets mutate edit in place and return nothing.
  mutate: (data: AuthStoreData) => void | AuthStoreData,
  options: WriteOptions = {},
): Promise<AuthStoreData> {
  const path = resolve(storePathFrom(options));
  return withAuthStoreLock(async () => {
    const locked = await readLocked(path, options);
    const copy: AuthStoreData = JSON.parse(JSON.stringify(locked.data));
    const next = mutate(copy) ?? copy;
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
    if (locked.file.text === undefined && empty) return written;
    const changed = secretsChanged(locked.data, written);
    const target = changed
      ? (await chooseBackend(locked.file, { ...options, path, writeProbe: true })).backend
      : 'file';
    const plan = planWrite(locked, written, target);
    await applyPlan(locked, plan, options);
    return withOrigin(written, plan.origin);
  }, options);
}

function secretsChanged(before: AuthStoreData, after: AuthStoreData): boolean {
  const a = secretsByKey(before);
  const b = secretsByKey(after);
  return a.size !== b.size || [...b].some(([key, json]) => a.get(key) !== json);
}
