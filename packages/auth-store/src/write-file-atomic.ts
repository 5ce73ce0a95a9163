/**
 * Atomic, private writes of the auth store file.
 *
 * Guarantees: after a write the directory is 0700 and the file 0600 whatever the umask and
 * whatever mode an older file had (modes are set with chmod, not left to `open`'s umask-masked
 * mode); readers see either the old or the new file, never a mix or a truncated file, even if
 * the process is killed or the machine loses power mid-write: the content goes to a temp file
 * in the same directory, is fsynced, renamed over the target, and the directory is fsynced so
 * the rename itself is durable. A failed write removes its temp file; one left by a killed
 * process is removed later by `sweepOrphanFiles`.
 * Why: the file holds the user's secrets; it must never be readable by others or lost.
 */

import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ioError } from './auth-store-error.js';
import { randomHex } from './random-hex.js';
import { checkStoreDirectorySync } from './safe-file.js';

/**
 * Creates `dir` (and missing parents) and makes `dir` itself 0700.
 * @throws AuthStoreError `AUTH_STORE_UNSAFE` when `dir` exists and is another user's or writable by others.
 */
export async function ensurePrivateDir(dir: string, storePath: string): Promise<void> {
  // An existing directory that another user owns or others can write to is refused, not chmodded.
  checkStoreDirectorySync(dir, storePath);
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    await fsp.chmod(dir, 0o700);
  } catch (error) {
    throw ioError(storePath, 'create the directory of', error);
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) and filesystems cannot fsync a directory; the rename stands.
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EBADF', 'ENOTSUP'].includes(code)) throw error;
  } finally {
    await handle?.close();
  }
}

/** Writes `content` to `path` atomically with mode 0600 inside a 0700 directory. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await ensurePrivateDir(dir, path);
  const temp = join(dir, `${basename(path)}.tmp-${process.pid}-${randomHex(6)}`);
  try {
    const handle = await fsp.open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, path);
  } catch (error) {
    await fsp.unlink(temp).catch(() => {});
    throw ioError(path, 'write', error);
  }
  try {
    await fsyncDirectory(dir);
  } catch (error) {
    throw ioError(path, 'sync the directory of', error);
  }
}
