// The keyring backend when the Secret Service is not there for it: locked, hung, or waiting for
// an unlock prompt nobody can see. These tests lock, stop and replace the daemon, so they have
// a Secret Service of their own (@flynn/testkit's startSecretService): the tests of a working
// keyring (keyring-backend.test.ts) never run against a daemon one of these left behind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSecretService } from '../test/support/secret-service.js';
import { useTempStore } from '../test/support/temp-store.js';
import type { AuthStoreError } from './auth-store-error.js';
import { loadStoredOpenAIApiKey, storeOpenAIApiKey } from './openai.js';
import { readAuthStore, readAuthStoreSync } from './read-auth-store.js';

const secrets = useSecretService();

const store = useTempStore();
const keyring = () => ({ path: store.path, env: secrets.keyringEnv() });
const fileText = () => readFileSync(store.path, 'utf8');

describe('keyring outages', () => {
  it('a locked keyring is a clear error with the fallback named, at once, and the file is untouched', async () => {
    await storeOpenAIApiKey('sk-before-lock-0001', keyring());
    const before = fileText();
    await secrets.service.lock();
    try {
      const started = performance.now();
      const error = (await readAuthStore(store.options).catch(
        (caught) => caught,
      )) as AuthStoreError;
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(error.code).toBe('AUTH_STORE_KEYRING');
      expect(error.message).toMatch(/^The keyring \(Secret Service\) is locked/);
      expect(JSON.stringify(error.remedy)).toContain('FLYNN_CREDENTIAL_STORE=file');
      const write = (await storeOpenAIApiKey('sk-during-lock-0002', keyring()).catch(
        (caught) => caught,
      )) as AuthStoreError;
      expect(write.code).toBe('AUTH_STORE_KEYRING');
      expect(fileText()).toBe(before);
    } finally {
      await secrets.service.unlock();
    }
    expect(await loadStoredOpenAIApiKey(store.options)).toBe('sk-before-lock-0001');
  });

  it('a keyring that never answers times out (FLYNN_KEYRING_TIMEOUT_MS), never hangs', async () => {
    await storeOpenAIApiKey('sk-before-pause-0001', keyring());
    secrets.service.pause();
    try {
      for (const read of [readAuthStore, async (options: object) => readAuthStoreSync(options)]) {
        const started = performance.now();
        const error = (await read({
          path: store.path,
          env: { FLYNN_KEYRING_TIMEOUT_MS: '700' },
        }).catch((caught: unknown) => caught)) as AuthStoreError;
        const took = performance.now() - started;
        expect(error.code).toBe('AUTH_STORE_KEYRING');
        expect(error.message).toContain('did not answer within 0.7 s');
        expect(JSON.stringify(error.remedy)).toContain('FLYNN_CREDENTIAL_STORE=file');
        expect(took).toBeLessThan(1_600);
      }
    } finally {
      secrets.service.resume();
    }
  });

  it('an unlock prompt that never comes (a headless session) times out, never hangs', async () => {
    await storeOpenAIApiKey('sk-before-prompt-0001', keyring());
    await secrets.service.lock();
    secrets.service.hangPrompts();
    try {
      const started = performance.now();
      const error = (await readAuthStore({
        path: store.path,
        env: { FLYNN_KEYRING_TIMEOUT_MS: '1000' },
      }).catch((caught: unknown) => caught)) as AuthStoreError;
      expect(error.code).toBe('AUTH_STORE_KEYRING');
      expect(error.message).toMatch(
        /did not answer within 1 s while reading keyring:flynn\/openai@/,
      );
      expect(error.message).toContain('unlock prompt nobody can see');
      expect(performance.now() - started).toBeLessThan(2_500);
    } finally {
      secrets.service.failPrompts();
      await secrets.service.unlock();
    }
  });
});
