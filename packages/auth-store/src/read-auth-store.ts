import { dirname } from 'node:path';
import { AuthStoreError, ioError } from './auth-store-error.js';
import { storePathFrom } from './default-auth-store-path.js';
import { type Keyring, keyringLocation, openKeyring } from './keyring.js';
import { checkedStore, corruptError, parseStoreJson } from './parse-auth-store.js';
import { checkStoreDirectorySync, readRegularFileSync } from './safe-file.js';
import {
  KEYRING_SECTION_KEY,
  type KeyringSection,
  keyringSectionOf,
  mergeEntry,
  type StoreOrigin,
  withOrigin,
  withoutEmptyTokens,
} from './store-layout.js';
import type { AuthStoreData, StoreOptions } from './types.js';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Reads the raw text of the store, `undefined` when the file does not exist. The directory
 * and the file are checked first (safe-file.ts): a special file, a foreign owner or a
 * directory others can write to is refused (`AUTH_STORE_UNSAFE`), never read or waited on.
 */
export async function readStoreText(path: string): Promise<string | undefined> {
  return readStoreTextSync(path);
}

function readStoreTextSync(path: string): string | undefined {
  try {
    checkStoreDirectorySync(dirname(path), path);
    return readRegularFileSync(path, 'auth store');
  } catch (error) {
    if (error instanceof AuthStoreError) throw error;
    if (isMissing(error)) return undefined;
    throw ioError(path, 'read', error);
  }
}

/** The file as found: its parsed JSON (`{ version: 1 }` when there is none) and keyring section. */
export interface RawStore {
  text: string | undefined;
  raw: Record<string, unknown>;
  section: KeyringSection | undefined;
}

/** Parses store text read from `path` (`undefined`: no file) without touching the keyring. */
export function rawStore(text: string | undefined, path: string): RawStore {
  const raw = text === undefined ? { version: 1 } : parseStoreJson(text, path);
  return { text, raw, section: keyringSectionOf(raw) };
}

/** The keyring entries a raw store lists, as read: store key to value (`null`: not there). */
export type FetchedEntries = Record<string, string | null>;

/** Reads every entry `section` lists, in one keyring batch. */
export async function fetchEntries(
  keyring: Keyring | undefined,
  section: KeyringSection | undefined,
): Promise<FetchedEntries> {
  const listed = Object.entries(section?.entries ?? {});
  if (!keyring || listed.length === 0) return {};
  return byKey(listed, await keyring.get(listed.map(([, account]) => account)));
}

function byKey(listed: Array<[string, string]>, values: Array<string | null>): FetchedEntries {
  return Object.fromEntries(listed.map(([key], index) => [key, values[index] ?? null]));
}

/** True when `section` lists at least one keyring entry. */
export function listsEntries(section: KeyringSection | undefined): boolean {
  return section !== undefined && Object.keys(section.entries).length > 0;
}

/**
 * The logical store: the file without its `keyring` section, each listed entry's secrets
 * merged back in (an entry the keyring no longer has is noted in the origin, not an error),
 * shape-checked as a whole.
 * @throws AuthStoreError `AUTH_STORE_CORRUPT` when the result is not a store, or a keyring
 *   entry is not the JSON object Flynn writes (never quoting it).
 */
export function assembleStore(
  { raw, section }: RawStore,
  fetched: FetchedEntries,
  path: string,
): AuthStoreData {
  const { [KEYRING_SECTION_KEY]: _section, ...data } = raw;
  const origin: StoreOrigin = { keyring: {}, missing: [] };
  for (const [key, account] of Object.entries(section?.entries ?? {})) {
    const value = fetched[key];
    if (value === null || value === undefined) {
      origin.missing.push(account);
      data[key] = withoutEmptyTokens(key, data[key]);
      if (data[key] === undefined) delete data[key];
      continue;
    }
    data[key] = mergeEntry(data[key], entrySecrets(value, account, path));
    origin.keyring[key] = account;
  }
  return withOrigin(checkedStore(data, path), origin);
}

function entrySecrets(value: string, account: string, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corruptError(
      path,
      `the keyring entry ${keyringLocation(account)} it lists is not the JSON object Flynn writes`,
    );
  }
  return parsed as Record<string, unknown>;
}

/**
 * Reads the auth store. No lock is needed: writes replace the file atomically, so a read
 * sees a whole version. A missing file is an empty store, `{ version: 1 }`. When the file
 * lists keyring entries (the keyring backend), their secrets are read from the keyring and
 * merged in (one keyring call, in a child process, only then).
 * @throws AuthStoreError `AUTH_STORE_CORRUPT` (not JSON or wrongly shaped; names the path
 *   and the fix, never a value), `AUTH_STORE_IO`, or `AUTH_STORE_KEYRING` (the keyring holds
 *   the secrets and did not answer, is locked, or refused).
 */
export async function readAuthStore(options: StoreOptions = {}): Promise<AuthStoreData> {
  const path = storePathFrom(options);
  const store = rawStore(readStoreTextSync(path), path);
  const keyring = listsEntries(store.section)
    ? openKeyring(path, options.env ?? process.env)
    : undefined;
  return assembleStore(store, await fetchEntries(keyring, store.section), path);
}

/**
 * Synchronous `readAuthStore`, for callers that cannot await (same result and errors, the
 * keyring read bounded the same way).
 */
export function readAuthStoreSync(options: StoreOptions = {}): AuthStoreData {
  const path = storePathFrom(options);
  const store = rawStore(readStoreTextSync(path), path);
  const listed = Object.entries(store.section?.entries ?? {});
  const fetched =
    listed.length === 0
      ? {}
      : byKey(
          listed,
          openKeyring(path, options.env ?? process.env).getSync(listed.map(([, a]) => a)),
        );
  return assembleStore(store, fetched, path);
}
