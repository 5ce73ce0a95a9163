import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderRemedy } from '@flynn/core';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnWorker, type Worker } from '../test/support/spawn-worker.js';
import { useTempStore } from '../test/support/temp-store.js';
import type { AuthStoreError } from './auth-store-error.js';
import { readAuthStore } from './read-auth-store.js';
import { updateAuthStore } from './update-auth-store.js';
import { type LockWait, withAuthStoreLock } from './with-auth-store-lock.js';
import { storeZaiApiKey } from './zai.js';

const store = useTempStore();
const lockPath = () => `${store.path}.lock`;
const workers: Worker[] = [];

const cleanups: Array<() => Promise<void>> = [];
const onLinux = existsSync('/proc/self/stat');

afterEach(async () => {
  for (const worker of workers.splice(0)) {
    worker.child.kill('SIGCONT');
    worker.child.kill('SIGKILL');
    await worker.exited;
  }
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Stops `worker` with SIGSTOP (afterEach resumes and kills it). */
function stopped(worker: Worker): void {
  worker.child.kill('SIGSTOP');
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

function start(args: string[], env: NodeJS.ProcessEnv = {}): Worker {
  const worker = spawnWorker([args[0] ?? '', store.path, ...args.slice(1)], {
    ...store.home.env,
    ...env,
  });
  workers.push(worker);
  return worker;
}

function fakeLock(info: object, ageMs = 0) {
  mkdirSync(store.dir, { recursive: true });
  writeFileSync(lockPath(), JSON.stringify(info));
  const time = new Date(Date.now() - ageMs);
  utimesSync(lockPath(), time, time);
}

describe('withAuthStoreLock in one process', () => {
  it('serialises concurrent read-modify-writes: 50 parallel updates all land', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        updateAuthStore((data) => {
          data.many = { ...(data.many as object), [`k${index}`]: index };
        }, store.options),
      ),
    );
    expect(Object.keys((await readAuthStore(store.options)).many as object)).toHaveLength(50);
    expect(existsSync(lockPath())).toBe(false);
  });

  it('is reentrant: a lock holder can re-read and write without deadlocking', async () => {
    await storeZaiApiKey('zai-key-before-000', store.options);
    const result = await withAuthStoreLock(async () => {
      expect(existsSync(lockPath())).toBe(true);
      const before = (await readAuthStore(store.options)).zai?.api_key;
      await storeZaiApiKey('zai-key-after-1111', { ...store.options, lockTimeoutMs: 200 });
      return before;
    }, store.options);
    expect(result).toBe('zai-key-before-000');
    expect((await readAuthStore(store.options)).zai?.api_key).toBe('zai-key-after-1111');
    expect(existsSync(lockPath())).toBe(false);
  });

  it('makes other callers in the same process wait for the holder', async () => {
    const order: string[] = [];
    const holder = withAuthStoreLock(async () => {
      order.push('holder start');
      await new Promise((resolve) => setTimeout(resolve, 150));
      order.push('holder end');
    }, store.options);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await updateAuthStore(() => {
      order.push('writer');
    }, store.options);
    await holder;
    expect(order).toEqual(['holder start', 'holder end', 'writer']);
  });

  it('times out a caller queued behind a slow holder in the same process', async () => {
    let finishHolder = () => {};
    const holder = withAuthStoreLock(
      () => new Promise<void>((resolveHolder) => (finishHolder = resolveHolder)),
      store.options,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const waiting = storeZaiApiKey('zai-key-1234567890', { ...store.options, lockTimeoutMs: 200 });
    await expect(waiting).rejects.toMatchObject({
      code: 'AUTH_STORE_LOCK_TIMEOUT',
      message: expect.stringContaining(`held by process ${process.pid} (this process)`),
      remedy: expect.not.stringContaining('delete'),
    });
    const after = storeZaiApiKey('zai-key-after-00000', store.options);
    finishHolder();
    await holder;
    await after;
    expect((await readAuthStore(store.options)).zai?.api_key).toBe('zai-key-after-00000');
  });

  it('releases the lock when the function throws', async () => {
    await expect(
      withAuthStoreLock(async () => Promise.reject(new Error('boom')), store.options),
    ).rejects.toThrow('boom');
    expect(existsSync(lockPath())).toBe(false);
    await storeZaiApiKey('zai-key-1234567890', { ...store.options, lockTimeoutMs: 200 });
  });
});

describe('stale locks', () => {
  it('recovers a lock left by a process killed with SIGKILL, without waiting for it to age', async () => {
    const holder = start(['hold']);
    await holder.waitFor(/^locked$/);
    holder.child.kill('SIGKILL');
    await holder.exited;
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).pid).toBe(holder.child.pid);
    const started = Date.now();
    await storeZaiApiKey('zai-key-1234567890', { ...store.options, lockTimeoutMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(existsSync(lockPath())).toBe(false);
  });

  it('recovers a lock from another host that nobody has touched for longer than the stale bound', async () => {
    fakeLock({ pid: process.pid, host: 'another-host', token: 'old' }, 60_000);
    await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      staleLockMs: 30_000,
      lockTimeoutMs: 2_000,
    });
    expect((await readAuthStore(store.options)).zai?.api_key).toBe('zai-key-1234567890');
  });

  it('recovers an old lock file with unreadable content', async () => {
    fakeLock({}, 60_000);
    writeFileSync(lockPath(), '');
    utimesSync(lockPath(), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      staleLockMs: 30_000,
      lockTimeoutMs: 2_000,
    });
  });

  it('does not break a fresh lock from another host (pid unknowable): it times out instead', async () => {
    fakeLock({ pid: 999_999, host: 'another-host', token: 'remote' });
    const error = (await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      lockTimeoutMs: 300,
    }).catch((caught: unknown) => caught)) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_LOCK_TIMEOUT');
    expect(error.message).toContain('held by process 999999 on host another-host');
    expect(renderRemedy(error.remedy, 'cli')).toContain(
      `if no Flynn process is running on another-host, delete ${lockPath()}`,
    );
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).token).toBe('remote');
  });

  it('tells the caller once, after a second, who holds the lock and how long it will wait', async () => {
    fakeLock({ pid: 999_998, host: 'another-host', token: 'remote' });
    const waits: LockWait[] = [];
    const started = Date.now();
    await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      lockTimeoutMs: 2_500,
      onLockWait: (wait) => {
        waits.push(wait);
      },
    }).catch(() => {});
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({
      lockPath: lockPath(),
      holderPid: 999_998,
      holderHost: 'another-host',
      timeoutMs: 2_500,
    });
    expect(waits[0]?.waitedMs).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('calls what onLockWait returns once the wait is over: when it gives up, and when the lock is taken', async () => {
    fakeLock({ pid: 999_997, host: 'another-host', token: 'remote' });
    const events: string[] = [];
    const onLockWait = () => {
      events.push('wait');
      return () => {
        events.push('over');
      };
    };
    const error = await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      lockTimeoutMs: 1_500,
      onLockWait,
    }).catch((caught: unknown) => caught);
    expect((error as AuthStoreError).code).toBe('AUTH_STORE_LOCK_TIMEOUT');
    expect(events).toEqual(['wait', 'over']);
    events.length = 0;
    await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      lockTimeoutMs: 10_000,
      onLockWait: () => {
        const over = onLockWait();
        unlinkSync(lockPath()); // the holder is gone: the write takes the lock
        return over;
      },
    });
    expect(events).toEqual(['wait', 'over']);
  });

  it('times out on a fresh lock file with unreadable content and says the file may be deleted', async () => {
    fakeLock({});
    writeFileSync(lockPath(), '{"pid": 12');
    const error = (await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      lockTimeoutMs: 300,
    }).catch((caught: unknown) => caught)) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_LOCK_TIMEOUT');
    expect(error.message).toContain('held by an unknown process');
    expect(renderRemedy(error.remedy, 'cli')).toContain(`delete ${lockPath()}`);
    expect(readFileSync(lockPath(), 'utf8')).toBe('{"pid": 12');
  });

  it.runIf(onLinux)(
    'recovers at once a lock whose pid now belongs to another process (pid reuse)',
    async () => {
      // Our own pid is alive, but its start time is not the one the holder recorded.
      fakeLock({ pid: process.pid, host: hostname(), token: 'reused', start: 1 });
      const started = Date.now();
      await storeZaiApiKey('zai-key-1234567890', { ...store.options, lockTimeoutMs: 2_000 });
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(existsSync(lockPath())).toBe(false);
    },
  );

  it.runIf(onLinux)(
    'recovers at once a lock whose holder is a zombie (exited, not reaped)',
    async () => {
      // sh starts a short sleep in the background and execs a long one, which never reaps it.
      const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 30'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      cleanups.push(async () => {
        parent.kill('SIGKILL');
        await once(parent, 'close');
      });
      const [line] = (await once(createInterface({ input: parent.stdout! }), 'line')) as [string];
      const zombie = Number(line);
      await waitUntil(() => /\) Z /.test(readFileSync(`/proc/${zombie}/stat`, 'utf8')));
      fakeLock({ pid: zombie, host: hostname(), token: 'zombie' });
      await storeZaiApiKey('zai-key-1234567890', { ...store.options, lockTimeoutMs: 2_000 });
      expect(existsSync(lockPath())).toBe(false);
    },
  );
});

describe('a live holder', () => {
  it('delays a writer instead of being broken, even past the stale bound', async () => {
    const holder = start(['hold-for', '1200'], { STALE_LOCK_MS: '200' });
    await holder.waitFor(/^locked$/);
    const lockedAt = Date.now();
    await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      staleLockMs: 200,
      lockTimeoutMs: 10_000,
    });
    const waited = Date.now() - lockedAt;
    await holder.waitFor(/^released$/);
    expect(waited).toBeGreaterThan(1_000);
    expect((await readAuthStore(store.options)).zai?.api_key).toBe('zai-key-1234567890');
  });

  it('makes a writer time out with AUTH_STORE_LOCK_TIMEOUT, leaving the lock and the store alone', async () => {
    await storeZaiApiKey('zai-key-before-000', store.options);
    const before = readFileSync(store.path, 'utf8');
    const holder = start(['hold']);
    await holder.waitFor(/^locked$/);
    const lock = readFileSync(lockPath(), 'utf8');
    const error = (await storeZaiApiKey('zai-key-after-1111', {
      ...store.options,
      lockTimeoutMs: 400,
    }).catch((caught: unknown) => caught)) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_LOCK_TIMEOUT');
    expect(error.path).toBe(lockPath());
    expect(error.message).toContain(`held by process ${holder.child.pid}, which is still running`);
    expect(error.remedy).not.toContain('delete');
    expect(readFileSync(lockPath(), 'utf8')).toBe(lock);
    expect(readFileSync(store.path, 'utf8')).toBe(before);
  });

  it('is never broken for its age: a same-host lock with a live pid stays however old it is', async () => {
    // The parent process (vitest's) is alive and on this host.
    fakeLock({ pid: process.ppid, host: hostname(), token: 'mine' }, 60_000);
    const error = (await storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      staleLockMs: 1_000,
      lockTimeoutMs: 300,
    }).catch((caught: unknown) => caught)) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_LOCK_TIMEOUT');
    expect(error.message).toContain(`held by process ${process.ppid}, which is still running`);
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).token).toBe('mine');
  });

  it('is not broken while it is stopped (SIGSTOP) past the stale bound: a writer times out', async () => {
    await storeZaiApiKey('zai-key-before-000', store.options);
    const holder = start(['hold'], { STALE_LOCK_MS: '300' });
    await holder.waitFor(/^locked$/);
    stopped(holder);
    const lock = readFileSync(lockPath(), 'utf8');
    await sleep(700); // no heartbeat while stopped: the lock file ages past the bound
    const error = (await storeZaiApiKey('zai-key-after-1111', {
      ...store.options,
      staleLockMs: 300,
      lockTimeoutMs: 800,
    }).catch((caught: unknown) => caught)) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_LOCK_TIMEOUT');
    expect(error.message).toContain(`held by process ${holder.child.pid}, which is still running`);
    expect(error.remedy).not.toContain('delete');
    expect(readFileSync(lockPath(), 'utf8')).toBe(lock);
    expect((await readAuthStore(store.options)).zai?.api_key).toBe('zai-key-before-000');
  });

  it('is waited for while stopped (SIGSTOP) and finishes first once it resumes', async () => {
    const holder = start(['hold-for', '300'], { STALE_LOCK_MS: '200' });
    await holder.waitFor(/^locked$/);
    stopped(holder);
    let done = false;
    const writer = storeZaiApiKey('zai-key-1234567890', {
      ...store.options,
      staleLockMs: 200,
      lockTimeoutMs: 10_000,
    }).then(() => {
      done = true;
    });
    await sleep(1_000);
    expect(done).toBe(false);
    holder.child.kill('SIGCONT');
    await holder.waitFor(/^released$/);
    await writer;
    expect((await readAuthStore(store.options)).zai?.api_key).toBe('zai-key-1234567890');
    expect(existsSync(lockPath())).toBe(false);
  });
});

describe('releasing the lock', () => {
  it('leaves a successor in place (same file, same content) when its own lock was replaced', async () => {
    const successor = JSON.stringify({ pid: 999_999, host: 'another-host', token: 'successor' });
    let inode = 0;
    await withAuthStoreLock(async () => {
      // As if this holder had been judged stale by a process on another host.
      unlinkSync(lockPath());
      writeFileSync(lockPath(), successor);
      inode = statSync(lockPath()).ino;
    }, store.options);
    expect(readFileSync(lockPath(), 'utf8')).toBe(successor);
    expect(statSync(lockPath()).ino).toBe(inode);
    expect(readdirSync(store.dir).filter((name) => name.includes('.lock.'))).toEqual([]);
  });
});
