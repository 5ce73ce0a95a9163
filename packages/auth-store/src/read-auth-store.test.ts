import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderRemedy } from '@flynn/core';
import { describe, expect, it } from 'vitest';
import { CORRUPT_FILES } from '../test/support/corrupt-files.js';
import { useTempStore } from '../test/support/temp-store.js';
import { AuthStoreError } from './auth-store-error.js';
import { isFlynnError } from './flynn-error.js';
import { storeTextWarnings } from './parse-auth-store.js';
import { readAuthStore, readAuthStoreSync } from './read-auth-store.js';

const store = useTempStore();

function write(text: string) {
  mkdirSync(store.dir, { recursive: true });
  writeFileSync(store.path, text);
}

describe('readAuthStore', () => {
  it('reads a missing file as an empty store, sync and async', async () => {
    expect(await readAuthStore(store.options)).toEqual({ version: 1 });
    expect(readAuthStoreSync(store.options)).toEqual({ version: 1 });
  });

  it('returns every provider and field, known or not', async () => {
    const data = {
      version: 1,
      openai: { api_key: 'sk-a', future_field: { nested: true } },
      mistral: { api_key: 'm-1' },
    };
    write(JSON.stringify(data));
    expect(await readAuthStore(store.options)).toEqual(data);
    expect(readAuthStoreSync(store.options)).toEqual(data);
  });

  it('loads a file written before the version field existed', async () => {
    write(JSON.stringify({ openai: { oauth: { access_token: 'a', refresh_token: 'r' } } }));
    expect(await readAuthStore(store.options)).toEqual({
      version: 1,
      openai: { oauth: { access_token: 'a', refresh_token: 'r' } },
    });
  });

  it('uses defaultAuthStorePath(env) when no path is given', async () => {
    write(JSON.stringify({ version: 1, zai: { api_key: 'z-key' } }));
    const env = { FLYNN_CONFIG_DIR: store.dir };
    expect((await readAuthStore({ env })).zai?.api_key).toBe('z-key');
    expect(readAuthStoreSync({ env }).zai?.api_key).toBe('z-key');
  });

  for (const corrupt of CORRUPT_FILES) {
    it(`reports ${corrupt.name} as AUTH_STORE_CORRUPT naming the path and the fix`, async () => {
      write(corrupt.text);
      for (const read of [
        () => readAuthStore(store.options),
        async () => readAuthStoreSync(store.options),
      ]) {
        const error = await read().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(AuthStoreError);
        expect(isFlynnError(error, 'AUTH_STORE_CORRUPT')).toBe(true);
        const { message, path, remedy } = error as AuthStoreError;
        expect(path).toBe(store.path);
        expect(message).toContain(store.path);
        expect(message).toMatch(corrupt.problem);
        expect(renderRemedy(remedy, 'cli')).toMatch(/Repair the file, or move it aside/);
      }
    });
  }

  it('asks for an upgrade when the file comes from a newer version', async () => {
    write(JSON.stringify({ version: 2, openai: { api_key: 'sk-x' } }));
    const error = (await readAuthStore(store.options).catch(
      (caught: unknown) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_CORRUPT');
    expect(error.message).toMatch(/version 2, which this Flynn does not know/);
    expect(renderRemedy(error.remedy, 'cli')).toMatch(/Upgrade Flynn/);
  });

  it('refuses a directory where the store should be as AUTH_STORE_UNSAFE, sync and async', async () => {
    mkdirSync(store.path, { recursive: true });
    const error = (await readAuthStore(store.options).catch(
      (caught: unknown) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_UNSAFE');
    expect(error.message).toContain(`${store.path} is a directory`);
    expect(() => readAuthStoreSync(store.options)).toThrow(/is a directory/);
  });

  it('reports an unreadable file as AUTH_STORE_IO with the errno and the cause', async () => {
    write('{}');
    chmodSync(store.path, 0o000);
    const canRead = (() => {
      try {
        readFileSync(store.path);
        return true;
      } catch {
        return false;
      }
    })();
    if (canRead) {
      // root reads any file: make the read fail another way, a path through a file
      const through = { ...store.options, path: join(store.path, 'auth.json') };
      const error = (await readAuthStore(through).catch(
        (caught: unknown) => caught,
      )) as AuthStoreError;
      expect(error.code).toBe('AUTH_STORE_UNSAFE');
      expect(error.message).toContain('not a directory');
      return;
    }
    const error = (await readAuthStore(store.options).catch(
      (caught: unknown) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_IO');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EACCES');
  });
});

describe('readAuthStore on hostile files', () => {
  it('never blocks on a fifo or a device at the store path or its lock, and says what it is', async () => {
    mkdirSync(store.dir, { recursive: true });
    execFileSync('mkfifo', [store.path]);
    const started = Date.now();
    const error = (await readAuthStore(store.options).catch(
      (caught: unknown) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_UNSAFE');
    expect(error.message).toContain('is a fifo');
    expect(() => readAuthStoreSync(store.options)).toThrow(/is a fifo/);
    const device = { ...store.options, path: '/dev/zero' };
    await expect(readAuthStore(device)).rejects.toThrow(/is a device|another user|can be written/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a store file owned by another user, and a directory others can write to', async () => {
    write('{"version": 1}');
    if (process.getuid?.() === 0) {
      chownSync(store.path, 4242, 4242);
      await expect(readAuthStore(store.options)).rejects.toThrow(
        /belongs to another user \(uid 4242\)/,
      );
      chownSync(store.path, 0, 0);
    }
    chmodSync(store.dir, 0o777);
    const error = (await readAuthStore(store.options).catch(
      (caught: unknown) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_UNSAFE');
    expect(error.message).toContain('can be written by other users (mode 777)');
    expect(renderRemedy(error.remedy, 'cli')).toContain(`chmod 700 ${store.dir}`);
    // refused, not chmodded behind the user's back
    expect(statSync(store.dir).mode & 0o777).toBe(0o777);
    chmodSync(store.dir, 0o700);
  });

  it('reports nesting thousands of levels deep clearly, and reads past a byte-order mark', async () => {
    const depth = 5000;
    write(`{"version":1,"x":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    const error = (await readAuthStore(store.options).catch(
      (caught: unknown) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_CORRUPT');
    expect(error.message).toContain('more than 64 levels deep (line 1, column');
    write('\uFEFF{"version":1,"openai":{"api_key":"sk-bom"}}');
    expect((await readAuthStore(store.options)).openai?.api_key).toBe('sk-bom');
  });

  it('warns about duplicate keys by name and a byte-order mark, never quoting a value', () => {
    const text =
      '\uFEFF{"version":1,"openai":{"api_key":"sk-one-1234567","api_key":"sk-two-7654321"},"zai":{"sk-pasted-as-key-1234567890":1,"sk-pasted-as-key-1234567890":2}}';
    const warnings = storeTextWarnings(text);
    expect(warnings).toEqual([
      { code: 'byte_order_mark' },
      { code: 'duplicate_key', key: 'openai.api_key' },
      { code: 'duplicate_key', key: 'zai.<key>' },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('sk-');
  });
});
