/**
 * Lock-file primitives for the auth store lock.
 *
 * A lock file appears complete or not at all: its content (holder pid, host, a random
 * token, acquisition time) is written to a private temp file first and then hard-linked
 * into place, which fails with EEXIST if the lock exists (the O_EXCL guarantee, without a
 * window in which the file exists but is empty). A lock is stale when its holder is a dead
 * process on this host, or when its mtime is older than the stale bound: holders touch the
 * file periodically, so only a holder that has stopped running lets it age.
 */

import { link, lstat, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { randomHex } from './random-hex.js';

/** What a lock file says about its holder. */
export interface LockInfo {
  pid?: number;
  host?: string;
  token?: string;
  acquired_at?: number;
  /** The holder's stale bound; waiters never use a shorter one (it sets the touch cadence). */
  stale_ms?: number;
}

/** A lock file as observed at one moment. */
export interface ObservedLock {
  raw: string;
  info: LockInfo;
  ino: number;
  mtimeMs: number;
}

/** Content for a new lock file, naming this process. */
export function newLockContent(staleMs: number): { raw: string; token: string } {
  const token = randomHex(12);
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token,
    acquired_at: Date.now(),
    stale_ms: staleMs,
  };
  return { raw: `${JSON.stringify(info)}\n`, token };
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Creates `lockPath` with `raw` as its content if it does not exist. Returns false when it
 * already exists. Falls back to an O_EXCL create on filesystems without hard links.
 */
export async function tryCreateLockFile(lockPath: string, raw: string): Promise<boolean> {
  const temp = `${lockPath}.tmp-${process.pid}-${randomHex(4)}`;
  await writeFile(temp, raw, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, lockPath);
    return true;
  } catch (error) {
    if (errno(error) === 'EEXIST') return false;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(errno(error) ?? '')) throw error;
    try {
      await writeFile(lockPath, raw, { mode: 0o600, flag: 'wx' });
      return true;
    } catch (fallbackError) {
      if (errno(fallbackError) === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    await unlink(temp).catch(() => {});
  }
}

/** Reads a lock file; `undefined` when it does not exist (any more). */
export async function observeLock(lockPath: string): Promise<ObservedLock | undefined> {
  try {
    const [stats, raw] = await Promise.all([lstat(lockPath), readFile(lockPath, 'utf8')]);
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
 * A lock whose holder is dead (on this host) or that nobody has touched for `staleMs` (or
 * the holder's own, longer, stale bound).
 */
export function isStale(lock: ObservedLock, staleMs: number, now = Date.now()): boolean {
  const declared = Number(lock.info.stale_ms);
  const bound = Number.isFinite(declared) ? Math.max(staleMs, declared) : staleMs;
  if (now - lock.mtimeMs > bound) return true;
  const { pid, host } = lock.info;
  return host === hostname() && typeof pid === 'number' && !isProcessAlive(pid);
}

/** Unlinks `path`, ignoring a file that is already gone. */
export async function removeIfPresent(path: string): Promise<void> {
  await unlink(path).catch((error: unknown) => {
    if (errno(error) !== 'ENOENT') throw error;
  });
}
