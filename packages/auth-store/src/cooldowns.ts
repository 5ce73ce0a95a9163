/**
 * Credential cooldowns (issue 17): a credential the provider refused is set aside for a while,
 * in `auth-cooldowns.json` beside the store, so parallel Flynn processes agree on it.
 *
 * Guarantees:
 * - every change is a read-modify-write under the store's own cross-process lock
 *   (`withAuthStoreLock`), written atomically (temp file, fsync, rename), mode 0600 in the
 *   store's 0700 directory: concurrent processes lose no entry and readers never see a
 *   partial file, so reads take no lock;
 * - the file holds no secret: a credential is known by a digest (the first 16 hex digits of
 *   the SHA-256 of provider and value, which cannot be turned back into the value) and shown
 *   by its masked fingerprint; a rejected credential (401/403) stays cooled down until its
 *   value changes, since a new value has another digest;
 * - a corrupt file is reported (`problem`) and never overwritten: cooldowns are then not
 *   recorded, and every credential is tried as if none were set.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AuthStoreError } from './auth-store-error.js';
import { storePathFrom } from './default-auth-store-path.js';
import type { StoreOptions } from './types.js';
import { type WriteOptions, withAuthStoreLock } from './with-auth-store-lock.js';
import { writeFileAtomic } from './write-file-atomic.js';

/** The file's name, in the store's directory. */
export const COOLDOWN_FILE = 'auth-cooldowns.json';

/** A 429 without `retry-after` cools down for this long, doubling on each repeat. */
export const RATE_LIMIT_COOLDOWN_MS = 30_000;
/** The longest cooldown a 429 gets, however often it repeats or whatever `retry-after` says. */
export const MAX_COOLDOWN_MS = 60 * 60_000;

/** Why a credential cools down. */
export type CooldownReason = 'rate_limited' | 'rejected';

/** One credential set aside. Times are epoch milliseconds. */
export interface Cooldown {
  provider: string;
  /** The stored profile it came from, when it came from the store. */
  profile?: string;
  /** Where it came from: `OPENAI_API_KEY`, `<store> openai:work.api_key`. */
  location?: string;
  /** `maskSecret` of the value. */
  fingerprint: string;
  reason: CooldownReason;
  since: number;
  /** Until when; absent for `rejected`: until the credential's value changes. */
  until?: number;
  /** How many 429s in a row (the growth of the next cooldown). */
  failures: number;
}

/** What the file holds, as read. */
export interface CooldownState {
  path: string;
  /** Credential digest to cooldown. */
  cooldowns: Record<string, Cooldown>;
  /** The file exists but cannot be used (never overwritten). */
  problem?: string;
}

/** Where the cooldowns of the store at `options.path` live. */
export function cooldownPath(options: StoreOptions = {}): string {
  return join(dirname(storePathFrom(options)), COOLDOWN_FILE);
}

/** The digest that identifies `provider`'s credential `value` in the file. */
export function credentialDigest(provider: string, value: string): string {
  // node:crypto loads on first use: importing it loads the streams (see keyring.ts).
  const load = import.meta.url ? createRequire(import.meta.url) : require;
  const { createHash } = load('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(`${provider}\0${value}`).digest('hex').slice(0, 16);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCooldown(value: unknown): value is Cooldown {
  return (
    isRecord(value) &&
    typeof value.provider === 'string' &&
    typeof value.fingerprint === 'string' &&
    (value.reason === 'rate_limited' || value.reason === 'rejected') &&
    typeof value.since === 'number' &&
    (value.until === undefined || typeof value.until === 'number') &&
    typeof value.failures === 'number'
  );
}

function parseState(text: string | undefined, path: string): CooldownState {
  if (text === undefined) return { path, cooldowns: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { path, cooldowns: {}, problem: 'it is not valid JSON' };
  }
  if (!isRecord(parsed) || parsed.version !== 1 || !isRecord(parsed.cooldowns)) {
    return { path, cooldowns: {}, problem: 'it is not a version-1 cooldown file' };
  }
  const cooldowns: Record<string, Cooldown> = {};
  for (const [digest, entry] of Object.entries(parsed.cooldowns)) {
    if (!/^[0-9a-f]{16}$/.test(digest) || !isCooldown(entry)) {
      return { path, cooldowns: {}, problem: 'an entry is not a cooldown' };
    }
    cooldowns[digest] = entry;
  }
  return { path, cooldowns };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads the cooldowns without a lock (writes replace the file atomically). A missing file
 * holds none; a corrupt one holds none and says why in `problem`.
 */
export function readCooldowns(options: StoreOptions = {}): CooldownState {
  const path = cooldownPath(options);
  try {
    return parseState(readText(path), path);
  } catch {
    return { path, cooldowns: {}, problem: 'it cannot be read' };
  }
}

/** The cooldown in force for `digest` at `now`, if any (a `rejected` one has no end). */
export function activeCooldown(
  state: CooldownState,
  digest: string,
  now: number = Date.now(),
): Cooldown | undefined {
  const entry = state.cooldowns[digest];
  if (!entry) return undefined;
  return entry.until === undefined || entry.until > now ? entry : undefined;
}

/** What to record about a refused credential. */
export interface CooldownEvent {
  digest: string;
  provider: string;
  profile?: string;
  location?: string;
  fingerprint: string;
  reason: CooldownReason;
  /** The provider's `retry-after`, in ms, when it gave one (429). */
  retryAfterMs?: number;
}

/** Read-modify-write of the file under the store lock. @throws AuthStoreError `AUTH_STORE_CORRUPT`. */
async function updateCooldowns(
  change: (cooldowns: Record<string, Cooldown>, now: number) => void,
  options: WriteOptions,
): Promise<CooldownState> {
  return withAuthStoreLock(async () => {
    const state = readCooldowns(options);
    if (state.problem) {
      throw new AuthStoreError('AUTH_STORE_CORRUPT', {
        path: state.path,
        problem: `The cooldown file ${state.path} cannot be used: ${state.problem}. Flynn will not overwrite it.`,
        remedy: 'Delete it (it holds no credential; cooldowns start afresh).',
      });
    }
    const now = Date.now();
    change(state.cooldowns, now);
    for (const [digest, entry] of Object.entries(state.cooldowns)) {
      // Long-expired rate limits are forgotten; rejections stay until the value changes.
      if (entry.until !== undefined && entry.until < now - MAX_COOLDOWN_MS) {
        delete state.cooldowns[digest];
      }
    }
    await writeFileAtomic(
      state.path,
      `${JSON.stringify({ version: 1, cooldowns: state.cooldowns }, null, 2)}\n`,
    );
    return state;
  }, options);
}

/**
 * Sets `event`'s credential aside: a 429 until `retry-after` (when given) or for 30 s,
 * doubling each time it repeats while the last one is recent, at most an hour; a 401/403
 * until the value changes. Returns the cooldown recorded.
 * @throws AuthStoreError `AUTH_STORE_CORRUPT` (a corrupt file, left as it is),
 *   `AUTH_STORE_LOCK_TIMEOUT`, `AUTH_STORE_IO`.
 */
export async function recordCooldown(
  event: CooldownEvent,
  options: WriteOptions = {},
): Promise<Cooldown> {
  let recorded: Cooldown | undefined;
  await updateCooldowns((cooldowns, now) => {
    const before = cooldowns[event.digest];
    const repeat =
      before?.reason === 'rate_limited' &&
      before.until !== undefined &&
      now - before.until < MAX_COOLDOWN_MS;
    const failures = event.reason === 'rate_limited' && repeat ? before.failures + 1 : 1;
    const grown = RATE_LIMIT_COOLDOWN_MS * 2 ** (failures - 1);
    const wait = Math.min(event.retryAfterMs ?? grown, MAX_COOLDOWN_MS);
    recorded = {
      provider: event.provider,
      ...(event.profile ? { profile: event.profile } : {}),
      ...(event.location ? { location: event.location } : {}),
      fingerprint: event.fingerprint,
      reason: event.reason,
      since: now,
      ...(event.reason === 'rate_limited' ? { until: now + Math.max(0, wait) } : {}),
      failures,
    };
    cooldowns[event.digest] = recorded;
  }, options);
  return recorded as Cooldown;
}

/** Forgets `digest`'s cooldown (the credential answered). Resolves to whether there was one. */
export async function clearCooldown(digest: string, options: WriteOptions = {}): Promise<boolean> {
  if (!readCooldowns(options).cooldowns[digest]) return false;
  let removed = false;
  await updateCooldowns((cooldowns) => {
    removed = digest in cooldowns;
    delete cooldowns[digest];
  }, options);
  return removed;
}
