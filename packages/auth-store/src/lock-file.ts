/**
 * Lock-file primitives for the auth store lock.
 *
 * A lock file appears complete or not at all: its content (holder pid, host, a random
 * token, acquisition time and, on Linux, the holder's start time) is written to a private
 * temp file first and then hard-linked into place, which fails with EEXIST if the lock
 * exists (the O_EXCL guarantee, without a window in which the file exists but is empty).
 *
 * Whether a lock is stale (see `holderState`):
 * - from this host with a pid: stale exactly when that holder is dead (no such pid, a zombie,
 *   or, where procfs shows start times, a pid now used by another process). A live holder is
 *   never stale, whatever the lock's age: it may be stopped (SIGSTOP, a suspended terminal,
 *   a debugger) and resume inside its critical section at any moment.
 * - from another host, or unreadable: stale once its mtime is older than the stale bound.
 *   The pid cannot be checked, so age is the only evidence; live holders touch the file
 *   periodically, so only a holder that has stopped running (or lost its host) lets it age.
 *
 * Removing a lock (`removeLockIf`) never deletes a file it has not checked: the lock is
 * renamed aside first, checked there, and put back if it turns out to be someone else's.
 */

import { promises as fsp, readFileSync } from 'node:fs';
import { randomHex } from './random-hex.js';

/**
 * This machine's host name, as lock files record it. `node:os` is loaded on the first lock
 * taken, not by every process that only reads the store (offline doctor's start-up).
 */
export function hostname(): string {
  return process.getBuiltinModule('node:os').hostname();
}

/** What a lock file says about its holder. */
export interface LockInfo {
  pid?: number;
  host?: string;
  token?: string;
  acquired_at?: number;
  /** The holder's stale bound; waiters never use a shorter one (it sets the touch cadence). */
  stale_ms?: number;
  /**
   * The holder's start time in clock ticks since boot (`/proc/<pid>/stat` field 22), where
   * the platform has it: tells the holder apart from a later process that reuses its pid.
   */
  start?: number;
}

/** A lock file as observed at one moment. */
export interface ObservedLock {
  raw: string;
  info: LockInfo;
  ino: number;
  mtimeMs: number;
}

/** What `/proc/<pid>/stat` says about a process: its state letter and start time. */
interface ProcStat {
  state: string;
  start: number;
}

/** `undefined` where there is no procfs (macOS, Windows) or the process is gone. */
function readProcStat(pid: number | 'self'): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const start = Number(fields[19]);
    const state = fields[0];
    return state && Number.isSafeInteger(start) ? { state, start } : undefined;
  } catch {
    return undefined;
  }
}

let ownStart: number | undefined | null = null;

/** Content for a new lock file, naming this process. */
export function newLockContent(staleMs: number): { raw: string; token: string } {
  const token = randomHex(12);
  if (ownStart === null) ownStart = readProcStat('self')?.start;
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token,
    acquired_at: Date.now(),
    stale_ms: staleMs,
    ...(ownStart === undefined ? {} : { start: ownStart }),
  };
  return { raw: `${JSON.stringify(info)}\n`, token };
}

/** Errors of `link` on filesystems without hard links. */
const LINK_UNSUPPORTED = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'];

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Creates `lockPath` with `raw` as its content if it does not exist. Returns false when it
 * already exists. Falls back to an O_EXCL create on filesystems without hard links.
 */
export async function tryCreateLockFile(lockPath: string, raw: string): Promise<boolean> {
  const temp = `${lockPath}.tmp-${process.pid}-${randomHex(4)}`;
  await fsp.writeFile(temp, raw, { mode: 0o600, flag: 'wx' });
  try {
    await fsp.link(temp, lockPath);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    if (!LINK_UNSUPPORTED.includes(errno(error) ?? '')) throw error;
    try {
      await fsp.writeFile(lockPath, raw, { mode: 0o600, flag: 'wx' });
      return true;
    } catch (fallbackError) {
      if (errno(fallbackError) === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    await fsp.unlink(temp).catch(() => {});
  }
}

/** Reads a lock file; `undefined` when it does not exist (any more). */
export async function observeLock(lockPath: string): Promise<ObservedLock | undefined> {
  try {
    const stats = await fsp.lstat(lockPath);
    // A fifo or device here would block a read forever: judge it by age, unread.
    const raw = stats.isFile() ? await fsp.readFile(lockPath, 'utf8') : '';
    let info: LockInfo = {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed === 'object' && parsed !== null) info = parsed as LockInfo;
    } catch {
      // Unreadable content is judged by age alone.
    }
    return { raw, info, ino: stats.ino, mtimeMs: stats.mtimeMs };
  } catch (error) {
    if (errno(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** False only when `pid` certainly does not exist (ESRCH); EPERM means it exists. */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errno(error) !== 'ESRCH';
  }
}

/**
 * What can be known about a lock's holder from here:
 * - `alive`: a process on this host with the holder's pid exists (kill(pid, 0) succeeds or
 *   fails with EPERM), is not a zombie and, where the lock records it, has the holder's start
 *   time;
 * - `dead`: the holder was on this host and is certainly gone;
 * - `unknown`: another host's lock, or one without a readable pid and host.
 */
export function holderState(info: LockInfo): 'alive' | 'dead' | 'unknown' {
  const { pid, host, start } = info;
  if (host !== hostname() || typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) {
    return 'unknown';
  }
  if (!isProcessAlive(pid)) return 'dead';
  const stat = readProcStat(pid);
  if (stat === undefined) return 'alive'; // no procfs: the pid is all there is to go on
  if (stat.state === 'Z' || stat.state === 'X') return 'dead';
  if (typeof start === 'number' && stat.start !== start) return 'dead'; // pid reused
  return 'alive';
}

/**
 * Whether `lock` may be broken. A lock from this host is stale exactly when its holder is
 * dead: a live holder is never stale, however long ago it last touched the file. A lock from
 * another host, or with unreadable content, is stale once nobody has touched it for
 * `staleMs` (or the holder's own, longer, stale bound).
 */
export function isStale(lock: ObservedLock, staleMs: number, now = Date.now()): boolean {
  const state = holderState(lock.info);
  if (state !== 'unknown') return state === 'dead';
  const declared = Number(lock.info.stale_ms);
  const bound = Number.isFinite(declared) ? Math.max(staleMs, declared) : staleMs;
  return now - lock.mtimeMs > bound;
}

/**
 * Removes the lock at `lockPath` only if `isOurs` accepts the very file removed. The file is
 * first renamed to a private name (atomic, and the inode and content travel with it), read
 * there and checked; it is unlinked if accepted and otherwise linked back to `lockPath`
 * (link never replaces an existing file).
 *
 * Why: reading `lockPath`, checking it, then unlinking `lockPath` deletes whatever is there
 * at the unlink; if the file was replaced in between (our lock broken from another host and
 * a successor's created), that is the successor's lock. After the rename, the file checked
 * is the file removed. What is left: a file that turns out not to be ours is away from
 * `lockPath` from the rename to the link back (microseconds), and a process that creates a
 * lock in that gap makes the link back fail; its newer lock must not be replaced, so the
 * moved one is dropped. Callers therefore check `lockPath` first and call this only when
 * the lock looked right, so the gap opens only when the lock was swapped in the instant
 * between that check and the rename, which is exactly when the unlink would have been wrong.
 * Returns whether a lock was removed; errors other than a vanished file are thrown.
 */
export async function removeLockIf(
  lockPath: string,
  isOurs: (lock: ObservedLock) => boolean,
): Promise<boolean> {
  const aside = `${lockPath}.tmp-${process.pid}-${randomHex(4)}`;
  try {
    await fsp.rename(lockPath, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return false;
    throw error;
  }
  let moved: ObservedLock | undefined;
  try {
    moved = await observeLock(aside);
  } catch (error) {
    // Not inspected, so not removed: back in place if possible, else left where it is.
    await fsp.link(aside, lockPath).then(
      () => removeIfPresent(aside),
      () => {},
    );
    throw error;
  }
  if (moved === undefined) return false;
  if (isOurs(moved)) {
    await removeIfPresent(aside);
    return true;
  }
  try {
    await fsp.link(aside, lockPath);
  } catch (error) {
    // EEXIST: a newer lock is in place and must not be replaced, so the moved one is dropped.
    if (errno(error) !== 'EEXIST') {
      if (!LINK_UNSUPPORTED.includes(errno(error) ?? '')) throw error; // left aside, not lost
      await tryCreateLockFile(lockPath, moved.raw);
    }
  }
  await removeIfPresent(aside).catch(() => {});
  return false;
}

/** Unlinks `path`, ignoring a file that is already gone. */
export async function removeIfPresent(path: string): Promise<void> {
  await fsp.unlink(path).catch((error: unknown) => {
    if (errno(error) !== 'ENOENT') throw error;
  });
}
