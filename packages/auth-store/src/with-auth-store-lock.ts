/**
 * The cross-process lock around every read-modify-write of the auth store.
 *
 * Guarantees:
 * - one holder at a time across processes (`<store>.lock`, created atomically, see
 *   lock-file.ts) and across concurrent calls within one process (a queue per store path,
 *   subject to the same timeout);
 * - a live holder is waited for, with jittered exponential backoff, and never broken: it
 *   touches the lock file at least every second (and every `staleLockMs / 4`), so the file
 *   does not age while it runs, and waiters never apply a stale bound shorter than its own;
 * - a dead holder's lock (its pid is gone on this host, or nobody touched it for
 *   `staleLockMs`) is removed, one breaker at a time (a short `.break` lock), and the lock
 *   is removed only if it is still the very file judged stale, so breakers cannot delete
 *   each other's fresh locks;
 * - reentrant within one async call chain: code that holds the lock (an OAuth refresh) can
 *   call `updateAuthStore` without deadlocking;
 * - waiting longer than `lockTimeoutMs` throws `AUTH_STORE_LOCK_TIMEOUT` and leaves the lock.
 * Why: users run several Flynn processes at once and refresh tokens are single-use; a lost
 * update there silently logs the user out.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { utimes } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AuthStoreError, ioError } from './auth-store-error.js';
import { storePathFrom } from './default-auth-store-path.js';
import {
  isStale,
  newLockContent,
  type ObservedLock,
  observeLock,
  removeIfPresent,
  tryCreateLockFile,
} from './lock-file.js';
import { sweepOrphanFiles } from './sweep-orphan-files.js';
import type { StoreOptions } from './types.js';
import { ensurePrivateDir } from './write-file-atomic.js';

/** Lock tuning; the defaults suit interactive use. */
export interface LockOptions {
  /** Give up waiting for a live holder after this long (default 15 000 ms). */
  lockTimeoutMs?: number;
  /** A lock nobody has touched for this long is stale (default 10 000 ms). */
  staleLockMs?: number;
}

/** Options of every function that writes: where the store is, plus lock tuning. */
export type WriteOptions = StoreOptions & LockOptions;

const BREAKER_STALE_MS = 2_000;
const MAX_BACKOFF_MS = 25;
const heldLocks = new AsyncLocalStorage<ReadonlyMap<string, { released: boolean }>>();
const queues = new Map<string, Promise<void>>();

/**
 * Runs `task` after every earlier caller for `key` in this process has finished. Waiting
 * longer than `timeoutMs` throws `AUTH_STORE_LOCK_TIMEOUT`; later callers still queue behind
 * the slow holder, not behind the one that gave up. `task` gets the time left.
 */
async function inProcessQueue<T>(
  key: string,
  timeoutMs: number,
  task: (remainingMs: number) => Promise<T>,
): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let finish = () => {};
  const finished = new Promise<void>((resolveFinished) => {
    finish = resolveFinished;
  });
  const tail = previous.then(() => finished);
  queues.set(key, tail);
  const started = Date.now();
  const giveUp = new AbortController();
  try {
    const turn = await Promise.race([
      previous.then(() => true),
      sleep(timeoutMs, false, { signal: giveUp.signal }).catch(() => false),
    ]);
    if (!turn) throw timeoutError(`${key}.lock`, process.pid, timeoutMs);
    return await task(Math.max(0, timeoutMs - (Date.now() - started)));
  } finally {
    giveUp.abort();
    finish();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/** Removes `observed` if it is still in place and still stale; false if someone else is at it. */
async function breakStaleLock(lockPath: string, observed: ObservedLock, staleMs: number) {
  const breaker = `${lockPath}.break`;
  if (!(await tryCreateLockFile(breaker, newLockContent(BREAKER_STALE_MS).raw))) {
    const other = await observeLock(breaker);
    if (other && isStale(other, BREAKER_STALE_MS)) await removeIfPresent(breaker);
    return false;
  }
  try {
    const current = await observeLock(lockPath);
    if (
      current?.raw === observed.raw &&
      current.ino === observed.ino &&
      isStale(current, staleMs)
    ) {
      await removeIfPresent(lockPath);
    }
    return true;
  } finally {
    await removeIfPresent(breaker);
  }
}

function timeoutError(lockPath: string, holderPid: number | undefined, timeoutMs: number) {
  const pid = holderPid ? ` by process ${holderPid}` : '';
  return new AuthStoreError('AUTH_STORE_LOCK_TIMEOUT', {
    path: lockPath,
    problem: `Timed out after ${timeoutMs} ms waiting for the auth store lock ${lockPath}, held${pid}.`,
    remedy: `Retry when the other Flynn process has finished; if none is running, delete ${lockPath}.`,
  });
}

async function acquire(storePath: string, timeoutMs: number, staleMs: number) {
  const lockPath = `${storePath}.lock`;
  await ensurePrivateDir(dirname(storePath), storePath);
  const { raw, token } = newLockContent(staleMs);
  const started = Date.now();
  let attempt = 0;
  try {
    while (!(await tryCreateLockFile(lockPath, raw))) {
      // Watch the holder (cheap reads) and try to create again only once the lock is gone.
      for (;;) {
        const holder = await observeLock(lockPath);
        if (holder === undefined) break;
        if (isStale(holder, staleMs) && (await breakStaleLock(lockPath, holder, staleMs))) break;
        const waited = Date.now() - started;
        if (waited >= timeoutMs) throw timeoutError(lockPath, holder.info.pid, timeoutMs);
        const backoff = Math.min(MAX_BACKOFF_MS, 1.5 ** attempt++) * (0.5 + Math.random() / 2);
        await sleep(Math.min(backoff, timeoutMs - waited));
      }
    }
  } catch (error) {
    throw error instanceof AuthStoreError ? error : ioError(lockPath, 'lock', error);
  }
  const touch = () => utimes(lockPath, new Date(), new Date()).catch(() => {});
  const heartbeat = setInterval(touch, Math.min(1_000, Math.max(25, staleMs / 4)));
  heartbeat.unref();
  await sweepOrphanFiles(dirname(storePath), basename(storePath), staleMs);
  return async function release() {
    clearInterval(heartbeat);
    const current = await observeLock(lockPath).catch(() => undefined);
    if (current?.info.token === token) await removeIfPresent(lockPath).catch(() => {});
  };
}

/**
 * Runs `fn` while holding the store's cross-process lock and returns its result. Use it to
 * lock, re-read the store, decide and write (e.g. an OAuth refresh). Calls nested inside
 * `fn` (including `updateAuthStore`) reuse the lock. The lock is released when `fn` settles.
 * @throws AuthStoreError `AUTH_STORE_LOCK_TIMEOUT` when a live holder keeps it too long,
 *   `AUTH_STORE_IO` when the lock file cannot be created.
 */
export async function withAuthStoreLock<T>(
  fn: () => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const storePath = resolve(storePathFrom(options));
  const outer = heldLocks.getStore();
  const mine = outer?.get(storePath);
  if (mine && !mine.released) return fn();
  const timeoutMs = options.lockTimeoutMs ?? 15_000;
  return inProcessQueue(storePath, timeoutMs, async (remainingMs) => {
    const release = await acquire(storePath, remainingMs, options.staleLockMs ?? 10_000);
    const holder = { released: false };
    try {
      return await heldLocks.run(new Map(outer ?? []).set(storePath, holder), fn);
    } finally {
      holder.released = true;
      await release();
    }
  });
}
