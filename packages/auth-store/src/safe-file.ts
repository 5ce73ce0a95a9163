/**
 * Reading the store and its lock without trusting what is at the path.
 *
 * Guarantees: a fifo, a device or a directory where `auth.json` or its lock should be never
 * blocks a read (files are opened with O_NONBLOCK and checked with fstat before a byte is
 * read) and is reported, not used; a store file or config directory that belongs to another
 * user, or a config directory that others can write to (a shared sticky `/tmp`, a 0777
 * folder), is refused before Flynn reads, rewrites or chmods anything there. Why: whoever
 * controls the directory controls which file Flynn reads keys from and where it writes them.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';
import { AuthStoreError } from './auth-store-error.js';

/** Far above any real store: a bigger file is not one (and is not read into memory). */
const MAX_STORE_BYTES = 4 * 1024 * 1024;

const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;

function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return 'a fifo';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function unsafe(path: string, problem: string, remedy: string): AuthStoreError {
  return new AuthStoreError('AUTH_STORE_UNSAFE', { path, problem, remedy });
}

/**
 * The problem with `stats` as the file at `path`, or `undefined`: not a regular file, or
 * owned by another user (root may read a user's files, so only a non-root caller is checked
 * against root-owned files too).
 */
export function fileProblem(path: string, stats: Stats, what: string): AuthStoreError | undefined {
  if (!stats.isFile()) {
    return unsafe(
      path,
      `The ${what} ${path} is ${kindOf(stats)}, not a regular file; Flynn will not read or replace it.`,
      `Move ${path} aside`,
    );
  }
  if (uid !== undefined && stats.uid !== uid) {
    return unsafe(
      path,
      `The ${what} ${path} belongs to another user (uid ${stats.uid}); Flynn will not use or rewrite it.`,
      'Use a config directory of your own (FLYNN_CONFIG_DIR), or fix the owner',
    );
  }
  if (stats.size > MAX_STORE_BYTES) {
    return unsafe(
      path,
      `The ${what} ${path} is larger than ${MAX_STORE_BYTES / 1024 / 1024} MiB; it cannot be a credential store.`,
      `Move ${path} aside`,
    );
  }
  return undefined;
}

/**
 * The problem with the config directory `dir` (from `stats`), or `undefined`: owned by
 * another user, or writable by group or others.
 */
export function directoryProblem(dir: string, stats: Stats, storePath: string) {
  if (!stats.isDirectory()) {
    return unsafe(storePath, `${dir} is ${kindOf(stats)}, not a directory.`, `Move ${dir} aside`);
  }
  if (uid !== undefined && stats.uid !== uid) {
    return unsafe(
      storePath,
      `The config directory ${dir} belongs to another user (uid ${stats.uid}); Flynn will not keep credentials there.`,
      'Set FLYNN_CONFIG_DIR to a directory of your own',
    );
  }
  if ((stats.mode & 0o022) !== 0) {
    return unsafe(
      storePath,
      `The config directory ${dir} can be written by other users (mode ${(stats.mode & 0o7777).toString(8)}); Flynn will not keep credentials there.`,
      `Run \`chmod 700 ${dir}\`, or set FLYNN_CONFIG_DIR to a private directory`,
    );
  }
  return undefined;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * Checks the directory `dir` of the store if it exists. @throws AuthStoreError `AUTH_STORE_UNSAFE`.
 * Synchronous: one `stat(2)` of a local directory is faster than a trip through the thread
 * pool and keeps `node:fs/promises` out of read-only commands (docs/performance.md).
 */
export function checkStoreDirectorySync(dir: string, storePath: string): void {
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  const problem = directoryProblem(dir, stats, storePath);
  if (problem) throw problem;
}

/**
 * The text of the regular file at `path` (`what` names it in errors), `undefined` when it
 * does not exist. Never blocks on a fifo or device (opened with O_NONBLOCK, checked with
 * fstat before a byte is read). Synchronous: the store and its lock are small local files.
 * @throws AuthStoreError `AUTH_STORE_UNSAFE` for a special file, a foreign owner or a huge
 *   file; the Node error for anything else (the caller wraps it).
 */
export function readRegularFileSync(path: string, what: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    const problem = fileProblem(path, stats, what);
    if (problem) throw problem;
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const count = readSync(fd, buffer, read, buffer.length - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
