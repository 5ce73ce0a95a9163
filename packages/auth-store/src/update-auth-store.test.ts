import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CORRUPT_FILES } from '../test/support/corrupt-files.js';
import { useTempStore } from '../test/support/temp-store.js';
import { storeAnthropicAuthToken } from './anthropic.js';
import type { AuthStoreError } from './auth-store-error.js';
import { clearGitHubToken } from './github.js';
import { clearOpenAIApiKey, storeOpenAIApiKey, storeOpenAIOAuth } from './openai.js';
import { readAuthStore } from './read-auth-store.js';
import { updateAuthStore } from './update-auth-store.js';
import { storeZaiApiKey } from './zai.js';

const store = useTempStore();
const mode = (path: string) => statSync(path).mode & 0o777;
const siblings = () => readdirSync(store.dir).filter((name) => name !== 'auth.json');

function write(text: string, fileMode = 0o600) {
  mkdirSync(store.dir, { recursive: true });
  writeFileSync(store.path, text, { mode: fileMode });
  chmodSync(store.path, fileMode);
}

describe('updateAuthStore permissions', () => {
  let previousUmask = 0;
  beforeEach(() => {
    previousUmask = process.umask(0);
  });
  afterEach(() => {
    process.umask(previousUmask);
  });

  it('creates the directory 0700 and the file 0600 even with umask 000', async () => {
    await storeOpenAIApiKey('sk-first-key-000000', store.options);
    expect(mode(store.dir)).toBe(0o700);
    expect(mode(store.path)).toBe(0o600);
  });

  it('makes a pre-existing 0644 file 0600 and a 0755 directory 0700 after a write', async () => {
    write(JSON.stringify({ version: 1 }), 0o644);
    chmodSync(store.dir, 0o755);
    expect(mode(store.path)).toBe(0o644);
    await storeZaiApiKey('zai-key-1234567890', store.options);
    expect(mode(store.path)).toBe(0o600);
    expect(mode(store.dir)).toBe(0o700);
  });

  it('keeps 0600 when the umask would strip the owner write bit', async () => {
    process.umask(0o277);
    await storeZaiApiKey('zai-key-1234567890', store.options);
    expect(mode(store.path)).toBe(0o600);
    await storeZaiApiKey('zai-key-0987654321', store.options);
    expect(mode(store.path)).toBe(0o600);
  });
});

describe('updateAuthStore writes', () => {
  it('replaces the file by rename (new inode) and leaves no temp or lock file behind', async () => {
    await storeOpenAIApiKey('sk-first-key-000000', store.options);
    const before = statSync(store.path).ino;
    await storeOpenAIApiKey('sk-second-key-11111', store.options);
    expect(statSync(store.path).ino).not.toBe(before);
    expect(siblings()).toEqual([]);
    expect((await readAuthStore(store.options)).openai?.api_key).toBe('sk-second-key-11111');
  });

  it('writes version 1 first, pretty-printed, with a trailing newline', async () => {
    write(JSON.stringify({ zai: { api_key: 'z' } }));
    await updateAuthStore(() => {}, store.options);
    expect(readFileSync(store.path, 'utf8')).toBe(
      '{\n  "version": 1,\n  "zai": {\n    "api_key": "z"\n  }\n}\n',
    );
  });

  it('keeps unknown providers and unknown fields of known providers through every write', async () => {
    const unknown = {
      mistral: { api_key: 'm', extra: [1, 2] },
      openai: { org_id: 'org-1' },
      anthropic: { workspace: { id: 7 } },
    };
    write(JSON.stringify({ version: 1, ...unknown }));
    await storeOpenAIApiKey('sk-key-123456789012', store.options);
    await storeAnthropicAuthToken('sk-ant-oat01-token-123456', store.options);
    await storeOpenAIOAuth({ access_token: 'acc', refresh_token: 'ref' }, store.options);
    await clearOpenAIApiKey(store.options);
    expect(await readAuthStore(store.options)).toEqual({
      version: 1,
      mistral: unknown.mistral,
      openai: { org_id: 'org-1', oauth: { access_token: 'acc', refresh_token: 'ref' } },
      anthropic: { workspace: { id: 7 }, auth_token: 'sk-ant-oat01-token-123456' },
    });
  });

  it('accepts a replacement object from mutate and returns what it wrote', async () => {
    const written = await updateAuthStore(
      () => ({ version: 1, zai: { api_key: 'z' } }),
      store.options,
    );
    expect(written).toEqual({ version: 1, zai: { api_key: 'z' } });
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual(written);
  });

  it('does not create a file for a no-op on a missing store', async () => {
    expect(await clearGitHubToken(store.options)).toBe(false);
    expect(existsSync(store.path)).toBe(false);
  });

  it('leaves the file byte-identical when mutate throws, and releases the lock', async () => {
    write('{"version":1,"zai":{"api_key":"keep"}}');
    const failing = updateAuthStore(() => {
      throw new Error('mutate failed');
    }, store.options);
    await expect(failing).rejects.toThrow('mutate failed');
    expect(readFileSync(store.path, 'utf8')).toBe('{"version":1,"zai":{"api_key":"keep"}}');
    expect(siblings()).toEqual([]);
  });

  it('refuses to write a wrongly shaped result (AUTH_STORE_INVALID_INPUT)', async () => {
    write('{"version":1}');
    const bad = updateAuthStore((data) => {
      data.openai = { api_key: 42 as unknown as string };
    }, store.options);
    await expect(bad).rejects.toMatchObject({ code: 'AUTH_STORE_INVALID_INPUT', path: store.path });
    expect(readFileSync(store.path, 'utf8')).toBe('{"version":1}');
  });

  it('removes temp files left by a dead process', async () => {
    write('{"version":1}');
    const orphans = ['auth.json.tmp-999999-abcdef', 'auth.json.lock.tmp-999999-abcd'];
    for (const name of orphans) writeFileSync(join(store.dir, name), 'partial');
    writeFileSync(join(store.dir, 'unrelated.tmp-999999-abcd'), 'not ours');
    await storeZaiApiKey('zai-key-1234567890', store.options);
    expect(siblings()).toEqual(['unrelated.tmp-999999-abcd']);
  });

  it("keeps a live process's lock temp file however old, and removes its old store temp file", async () => {
    write('{"version":1}');
    // The parent (vitest) is alive: its lock temp file may belong to a stopped waiter.
    const lockTemp = `auth.json.lock.tmp-${process.ppid}-abcd`;
    const storeTemp = `auth.json.tmp-${process.ppid}-abcdef`;
    const old = new Date(Date.now() - 60_000);
    for (const name of [lockTemp, storeTemp]) {
      writeFileSync(join(store.dir, name), 'partial');
      utimesSync(join(store.dir, name), old, old);
    }
    await storeZaiApiKey('zai-key-1234567890', { ...store.options, staleLockMs: 1_000 });
    expect(siblings()).toEqual([lockTemp]);
  });
});

describe('updateAuthStore on a corrupt file', () => {
  for (const corrupt of CORRUPT_FILES) {
    it(`refuses to write over ${corrupt.name} and leaves it byte-identical`, async () => {
      write(corrupt.text, 0o644);
      const before = readFileSync(store.path);
      const { mtimeMs, ino } = statSync(store.path);
      const writes = [
        () => storeOpenAIApiKey('sk-new-key-1234567890', store.options),
        () => clearOpenAIApiKey(store.options),
        () => updateAuthStore(() => ({ version: 1 }), store.options),
      ];
      for (const attempt of writes) {
        const error = (await attempt().catch((caught: unknown) => caught)) as AuthStoreError;
        expect(error.code).toBe('AUTH_STORE_CORRUPT');
        expect(error.path).toBe(store.path);
        expect(error.message).toMatch(corrupt.problem);
      }
      expect(readFileSync(store.path).equals(before)).toBe(true);
      expect(statSync(store.path)).toMatchObject({ mtimeMs, ino });
      expect(mode(store.path)).toBe(0o644);
      expect(siblings()).toEqual([]);
    });
  }
});
