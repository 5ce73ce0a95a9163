import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import { withAuthStoreLock } from './with-auth-store-lock.js';

/**
 * A hook on `readFile`: the first read of a lock-named file after `armed` is set runs
 * `armed.afterRead()` right after the read, before the caller sees the content. This puts a
 * successor's lock in place at the worst moment for the releasing holder: after it has read
 * its token, before it removes anything.
 */
const hook = vi.hoisted(() => ({
  armed: undefined as undefined | { prefix: string; afterRead(): void },
}));

// lock-file.ts reads through `promises` of `node:fs` (not `node:fs/promises`, which loads
// the stream modules at import: docs/performance.md).
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readFile = (async (...args: Parameters<typeof actual.promises.readFile>) => {
    const content = await actual.promises.readFile(...args);
    const armed = hook.armed;
    if (armed && String(args[0]).startsWith(armed.prefix)) {
      hook.armed = undefined;
      armed.afterRead();
    }
    return content;
  }) as typeof actual.promises.readFile;
  const promises = { ...actual.promises, readFile };
  return { ...actual, default: { ...actual, promises }, promises };
});

const store = useTempStore();
afterEach(() => {
  hook.armed = undefined;
});

describe('releasing the lock while a successor takes it over', () => {
  it('never deletes the lock of a process that took it between the check and the removal', async () => {
    const lockPath = `${store.path}.lock`;
    const successor = JSON.stringify({ pid: 999_999, host: 'another-host', token: 'successor' });
    await withAuthStoreLock(async () => {
      hook.armed = {
        prefix: lockPath,
        afterRead() {
          // Right after the holder has read its own token: its lock is broken (as from
          // another host) and a successor creates a fresh one.
          if (existsSync(lockPath)) unlinkSync(lockPath);
          writeFileSync(lockPath, successor, { flag: 'wx' });
        },
      };
    }, store.options);
    expect(hook.armed).toBeUndefined(); // the release did read the lock
    expect(readFileSync(lockPath, 'utf8')).toBe(successor);
  });
});
