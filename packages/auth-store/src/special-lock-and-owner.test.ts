import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import type { AuthStoreError } from './auth-store-error.js';
import { readAuthStore } from './read-auth-store.js';
import { storeZaiApiKey } from './zai.js';

// Issue 11, class 7: a special file at the lock path never hangs a write, and a config
// directory that belongs to another user is refused.

const store = useTempStore();

it('a fifo at the lock path never hangs a write: it times out', async () => {
  mkdirSync(store.dir, { recursive: true, mode: 0o700 });
  execFileSync('mkfifo', [`${store.path}.lock`]);
  const started = Date.now();
  const error = (await storeZaiApiKey('zai-key-1234567890', {
    ...store.options,
    lockTimeoutMs: 300,
  }).catch((caught: unknown) => caught)) as AuthStoreError;
  expect(error.code).toBe('AUTH_STORE_LOCK_TIMEOUT');
  expect(Date.now() - started).toBeLessThan(3000);
}, 5000);

// Only root can give a directory to another user; CI runs as root.
it.runIf(process.getuid?.() === 0)('refuses a config directory owned by another user', async () => {
  mkdirSync(store.dir, { recursive: true, mode: 0o700 });
  writeFileSync(store.path, '{"version": 1}');
  chownSync(store.dir, 4242, 4242);
  try {
    await expect(readAuthStore(store.options)).rejects.toThrow(
      /config directory .* belongs to another user \(uid 4242\)/,
    );
  } finally {
    chownSync(store.dir, 0, 0);
  }
});
