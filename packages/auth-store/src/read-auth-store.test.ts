import { renderRemedy } from '@flynn/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORRUPT_FILES } from '../test/support/corrupt-files.js';
import { useTempStore } from '../test/support/temp-store.js';
import { AuthStoreError } from './auth-store-error.js';
import { isFlynnError } from './flynn-error.js';
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

  it('reports an unreadable path as AUTH_STORE_IO with the errno and the cause', async () => {
    mkdirSync(store.path, { recursive: true });
    const error = (await readAuthStore(store.options).catch(
      (caught: unknown) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_IO');
    expect(error.message).toContain(`${store.path} (EISDIR)`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('EISDIR');
    expect(() => readAuthStoreSync(store.options)).toThrow(/EISDIR/);
  });
});
