/**
 * The cross-process lock around every read-modify-write of the auth store.
 *
 * Guarantees:
 * - one holder at a time across processes (`<store>.lock`, created atomically, see
 *   lock-file.ts) and across concurrent calls within one process (a queue per store path,
 *   subject to the same timeout);
 * - a live holder is waited for, with jittered exponential backoff, and never broken. On
 *   this host liveness is the holder's pid (and start time, where procfs has it), not the
 *   lock's age: a holder stopped with SIGSTOP or Ctrl-Z keeps its lock however long it is
 *   stopped. A lock from another host can only be judged by age, so holders touch the file
 *   at least every second (and every `staleLockMs / 4`) and waiters never apply a stale
 *   bound shorter than the holder's own;
 * - a dead holder's lock is reclaimed at once on this host (pid gone, a zombie, or a pid
 *   reused by a later process), and after `staleLockMs` without a touch when it comes from
 *   another host or cannot be read. One breaker at a time (a short `.break` lock) removes it,
 *   and only if it is still the very file judged stale;
 * - the lock is released (and a stale one broken) by renaming the file aside, checking the
 *   renamed file, and only then unlinking it, putting it back if it is not the expected one:
 *   checking `lockPath` and then unlinking `lockPath` could delete a successor's lock that
 *   replaced ours in between (see `removeLockIf`);
 * - reentrant within one async call chain: code that holds the lock (an OAuth refresh) can
 *   call `updateAuthStore` without deadlocking;
 * - waiting longer than `lockTimeoutMs` throws `AUTH_STORE_LOCK_TIMEOUT` and leaves the lock;
 *   the message names the holder and suggests deleting the lock file only when the holder
 *   is dead or on another host, never while it runs here.
 * Why: users run several Flynn processes at once and refresh tokens are single-use; a lost
 * update there silently logs the user out.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { promises as fsp } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { AuthStoreError, ioError } from './auth-store-error.js';
import { storePathFrom } from './default-auth-store-path.js';
import {
  holderState,
  hostname,
  isStale,
  type LockInfo,
  newLockContent,
  type ObservedLock,
  observeLock,
  removeIfPresent,
  removeLockIf,
  tryCreateLockFile,
} from './lock-file.js';
import { sweepOrphanFiles } from './sweep-orphan-files.js';
import type { StoreOptions } from './types.js';
import { ensurePrivateDir } from './write-file-atomic.js';

/** Lock tuning; the defaults suit interactive use. */
export interface LockOptions {
  /** Give up waiting for a live holder after this long (default 15 000 ms). */
  lockTimeoutMs?: number;
  /**
   * A lock from another host, or with unreadable content, that nobody has touched for this
   * long is stale (default 10 000 ms). A lock from this host is stale only when its holder is
   * dead, whatever its age. Also sets how often a holder touches its lock.
   */
  staleLockMs?: number;
  /**
   * Called once when a write has waited {@link LOCK_WAIT_NOTICE_MS} for a lock another process
   * holds, with who holds it and how much longer this write will wait, so an app can say so
   * (libraries never print). It may return a function, called once when the wait is over
   * (the lock taken, or the wait given up), so a progress line can be erased.
   */
  onLockWait?: (wait: LockWait) => void | (() => void);
}

/** What {@link LockOptions.onLockWait} is told. */
export interface LockWait {
  lockPath: string;
  /** The holder's pid and host, as its lock file says (absent when unreadable). */
  holderPid?: number;
  holderHost?: string;
  /** How long this write has waited, and will wait at most in all. */
  waitedMs: number;
  timeoutMs: number;
}

/**
 * The one wording of a lock wait, for every app (the CLI prints it on stderr, the chat shows
 * it on its status line): `Waiting for the credential store, locked by process 4242 on host
 * (up to 14 s more)…`. Plain text; the host comes from a lock file, so sanitize it for a
 * terminal like any outside text.
 */
export function describeLockWait(wait: LockWait): string {
  const holder =
    wait.holderPid === undefined
      ? 'another process'
      : `process ${wait.holderPid}${wait.holderHost ? ` on ${wait.holderHost}` : ''}`;
  const left = Math.max(1, Math.round((wait.timeoutMs - wait.waitedMs) / 1000));
  return `Waiting for the credential store, locked by ${holder} (up to ${left} s more)…`;
}

/** After this long waiting on another process's lock, `onLockWait` is called. */
export const LOCK_WAIT_NOTICE_MS = 1_000;

/** Options of every function that writes: where the store is, plus lock tuning. */
export type WriteOptions = StoreOptions & LockOptions;

const BREAKER_STALE_MS = 2_000;
const MAX_BACKOFF_MS = 25;
const heldLocks = new AsyncLocalStorage<ReadonlyMap<string, { released: boolean }>>();
const queues = new Map<string, Promise<void>>();

/**
 * Resolves after `ms`, or rejects when `signal` aborts. (Not `node:timers/promises`: that
 * module loads Node's stream modules, which read-only commands never need.)
 */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Runs `task` after every earlier caller for `key` in this process has finished. Waiting
 * longer than `timeoutMs` throws `AUTH_STORE_LOCK_TIMEOUT`; later callers still queue behind
 * the slow holder, not behind the one that gave up. `task` measures its wait from the
 * write's start, so the queue's time counts against the same timeout.
 */
async function inProcessQueue<T>(
  key: string,
  timeoutMs: number,
  task: () => Promise<T>,
): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  let finish = () => {};
  const finished = new Promise<void>((resolveFinished) => {
    finish = resolveFinished;
  });
  const tail = previous.then(() => finished);
  queues.set(key, tail);
  const giveUp = new AbortController();
  try {
    const turn = await Promise.race([
      previous.then(() => true),
      sleep(timeoutMs, giveUp.signal).then(
        () => false,
        () => false,
      ),
    ]);
    if (!turn) {
      throw timeoutError(`${key}.lock`, { pid: process.pid, host: hostname() }, timeoutMs);
    }
    return await task();
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
    if (other && isStale(other, BREAKER_STALE_MS)) {
      await removeLockIf(breaker, (moved) => moved.raw === other.raw && moved.ino === other.ino);
    }
    return false;
  }
  try {
    const same = (lock: ObservedLock | undefined) =>
      lock?.raw === observed.raw && lock.ino === observed.ino && isStale(lock, staleMs);
    if (same(await observeLock(lockPath))) await removeLockIf(lockPath, same);
    return true;
  } finally {
    await removeIfPresent(breaker);
  }
}

/**
 * The timeout error, naming the holder. Deleting the lock file is suggested only when that
 * cannot hurt a running holder: it is dead, on another host (the user can check there), or
 * unknown (unreadable lock). A live holder here is waited for, so the advice is to wait.
 */
function timeoutError(lockPath: string, holder: LockInfo, timeoutMs: number) {
  const waited = `Timed out after ${timeoutMs} ms waiting for the auth store lock ${lockPath}`;
  const pid = typeof holder.pid === 'number' ? holder.pid : undefined;
  const state = holderState(holder);
  let problem: string;
  let remedy: string;
  if (pid === undefined) {
    problem = `${waited}, held by an unknown process (the lock file does not name one).`;
    remedy = `Retry when the other Flynn process has finished; if none is running, delete ${lockPath}.`;
  } else if (pid === process.pid && state === 'alive') {
    problem = `${waited}, held by process ${pid} (this process), which is still running.`;
    remedy = 'Retry when the store operation already running in this process has finished.';
  } else if (state === 'alive') {
    problem = `${waited}, held by process ${pid}, which is still running.`;
    remedy = `Retry when process ${pid} has finished (or stop it); its lock is released when it exits.`;
  } else if (state === 'dead') {
    problem = `${waited}, held by process ${pid}, which is no longer running.`;
    remedy = `Retry; if this keeps happening, delete ${lockPath}.`;
  } else if (typeof holder.host === 'string') {
    const host = holder.host;
    problem = `${waited}, held by process ${pid} on host ${host}.`;
    remedy = `Retry when the Flynn process on ${host} has finished; if no Flynn process is running on ${host}, delete ${lockPath}.`;
  } else {
    problem = `${waited}, held by process ${pid} on an unknown host.`;
    remedy = `Retry when the other Flynn process has finished; if none is running, delete ${lockPath}.`;
  }
  return new AuthStoreError('AUTH_STORE_LOCK_TIMEOUT', { path: lockPath, problem, remedy });
}

/**
 * Takes the lock file. `started` is when the write began (before any in-process queue), so
 * `timeoutMs` and what `onLockWait` reports are the write's whole wait, as the caller set it.
 */
async function acquire(
  storePath: string,
  started: number,
  timeoutMs: number,
  staleMs: number,
  onLockWait?: (wait: LockWait) => void | (() => void),
) {
  const lockPath = `${storePath}.lock`;
  await ensurePrivateDir(dirname(storePath), storePath);
  const { raw, token } = newLockContent(staleMs);
  let attempt = 0;
  let noticed = false;
  let waitOver: (() => void) | undefined;
  try {
    while (!(await tryCreateLockFile(lockPath, raw))) {
      // Watch the holder (cheap reads) and try to create again only once the lock is gone.
      for (;;) {
        const holder = await observeLock(lockPath);
        if (holder === undefined) break;
        if (isStale(holder, staleMs) && (await breakStaleLock(lockPath, holder, staleMs))) break;
        const waited = Date.now() - started;
        if (waited >= timeoutMs) throw timeoutError(lockPath, holder.info, timeoutMs);
        if (!noticed && onLockWait && waited >= LOCK_WAIT_NOTICE_MS) {
          noticed = true;
          const { pid, host } = holder.info;
          const over = onLockWait({
            lockPath,
            ...(typeof pid === 'number' ? { holderPid: pid } : {}),
            ...(typeof host === 'string' ? { holderHost: host } : {}),
            waitedMs: waited,
            timeoutMs,
          });
          if (typeof over === 'function') waitOver = over;
        }
        const backoff = Math.min(MAX_BACKOFF_MS, 1.5 ** attempt++) * (0.5 + Math.random() / 2);
        await sleep(Math.max(0, Math.min(backoff, timeoutMs - waited)));
      }
    }
  } catch (error) {
    throw error instanceof AuthStoreError ? error : ioError(lockPath, 'lock', error);
  } finally {
    waitOver?.();
  }
  let touching: Promise<void> = Promise.resolve();
  const touch = () => {
    touching = fsp.utimes(lockPath, new Date(), new Date()).catch(() => {});
  };
  const heartbeat = setInterval(touch, Math.min(1_000, Math.max(25, staleMs / 4)));
  heartbeat.unref();
  await sweepOrphanFiles(dirname(storePath), basename(storePath), staleMs);
  return async function release() {
    clearInterval(heartbeat);
    await touching; // a late touch must not land on a successor's lock
    const ours = (lock: ObservedLock | undefined) => lock?.info.token === token;
    try {
      if (ours(await observeLock(lockPath))) await removeLockIf(lockPath, ours);
    } catch {
      // Left in place, the lock is reclaimed once this process has exited.
    }
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
  const started = Date.now();
  return inProcessQueue(storePath, timeoutMs, async () => {
    const release = await acquire(
      storePath,
      started,
      timeoutMs,
      options.staleLockMs ?? 10_000,
      options.onLockWait,
    );
    const holder = { released: false };
    try {
      return await heldLocks.run(new Map(outer ?? []).set(storePath, holder), fn);
    } finally {
      holder.released = true;
      await release();
    }
  });
}
