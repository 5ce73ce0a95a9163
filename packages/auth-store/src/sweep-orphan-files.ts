import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { isProcessAlive } from './lock-file.js';

/** Temp files carry their creator's pid: `auth.json.tmp-<pid>-<hex>`, `auth.json.lock.tmp-…`. */
const TEMP_PATTERN = /\.tmp-(\d+)-[0-9a-f]+$/;

/**
 * Removes temp files that a killed process left next to the store: those whose creator is
 * dead, and store temp files older than `staleMs` (a pid may have been reused). Called while
 * holding the store lock, so no live writer's temp file of the store is in flight. Lock temp
 * files (`<store>.lock.tmp-…`: a lock being created, or one set aside while it is released)
 * are kept while their creator lives, however old: it may be stopped and resume at any time.
 * Failures are ignored: leftovers are untidy, not unsafe (they are 0600 like the store).
 */
export async function sweepOrphanFiles(dir: string, base: string, staleMs: number): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(`${base}.`)) continue;
    const pid = Number(TEMP_PATTERN.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    const path = join(dir, name);
    const lockFile = name.startsWith(`${base}.lock.`);
    try {
      const orphan =
        !isProcessAlive(pid) || (!lockFile && now - (await fsp.stat(path)).mtimeMs > staleMs);
      if (orphan) await fsp.unlink(path);
    } catch {
      // Gone already or not ours to remove.
    }
  }
}
