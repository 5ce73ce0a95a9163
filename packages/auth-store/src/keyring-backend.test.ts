// The keyring backend against a real Secret Service (gnome-keyring-daemon on a private
// session bus, @flynn/testkit's startSecretService). CI installs the Debian packages; a
// machine without them fails here rather than skipping.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORRUPT_FILES } from '../test/support/corrupt-files.js';
import { useSecretService } from '../test/support/secret-service.js';
import { useTempStore } from '../test/support/temp-store.js';
import { storeAnthropicAuthToken } from './anthropic.js';
import type { AuthStoreError } from './auth-store-error.js';
import { credentialStoreStatus } from './credential-store.js';
import { keyringAccount, keyringScope } from './keyring.js';
import { migrateCredentialStore } from './migrate-credential-store.js';
import {
  clearOpenAIApiKey,
  loadStoredOpenAIApiKey,
  loadStoredOpenAIOAuth,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
} from './openai.js';
import { readAuthStore, readAuthStoreSync } from './read-auth-store.js';
import { resolveCredential } from './resolve-credential.js';
import { localProviderSecret } from './stored-secrets.js';
import { updateAuthStore } from './update-auth-store.js';
import { withAuthStoreLock } from './with-auth-store-lock.js';

const secrets = useSecretService();

const store = useTempStore();
const { keyringEnv } = secrets;
const keyring = () => ({ path: store.path, env: keyringEnv() });
const auto = () => ({ path: store.path, env: { ...secrets.service.env } });
const fileText = () => readFileSync(store.path, 'utf8');
function writeStore(text: string) {
  mkdirSync(store.dir, { recursive: true });
  writeFileSync(store.path, text, { mode: 0o600 });
}
const rawFile = () => JSON.parse(fileText());

/** Every file in the config directory, concatenated (what a backup would copy). */
function configDirText(): string {
  return readdirSync(store.dir)
    .map((name) => readFileSync(join(store.dir, name), 'utf8'))
    .join('\n');
}

const TOKENS = {
  access_token: 'at-canary-access-0001',
  refresh_token: 'rt-canary-refresh-0001',
  id_token: 'idt-canary-id-0001',
  account_id: 'acct-visible',
  expires_at: 1_900_000_000_000,
};

describe('keyring backend: store, read, replace, remove', () => {
  it('keeps every secret in the keyring and only metadata in auth.json (0600)', async () => {
    await storeOpenAIApiKey('sk-canary-openai-key-0001', keyring());
    await storeOpenAIOAuth(TOKENS, keyring());
    await storeAnthropicAuthToken('sk-ant-oat-canary-0001', keyring());
    await localProviderSecret('gateway', 'openai-compatible').store(
      'lp-canary-gateway-0001',
      keyring(),
    );

    const text = configDirText();
    for (const canary of [
      'sk-canary',
      'at-canary',
      'rt-canary',
      'idt-canary',
      'oat-canary',
      'lp-canary',
    ]) {
      expect(text).not.toContain(canary);
    }
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    const raw = rawFile();
    expect(raw.openai.oauth).toEqual({ account_id: 'acct-visible', expires_at: TOKENS.expires_at });
    expect(raw.keyring.entries).toEqual({
      openai: keyringAccount('openai', store.path),
      anthropic: keyringAccount('anthropic', store.path),
      local_providers: keyringAccount('local_providers', store.path),
    });

    const listed = await secrets.service.search('flynn');
    for (const key of ['openai', 'anthropic', 'local_providers']) {
      expect(listed).toContain(`attribute.username = ${keyringAccount(key, store.path)}`);
    }

    const data = await readAuthStore(store.options);
    expect(data.openai?.api_key).toBe('sk-canary-openai-key-0001');
    expect(data.openai?.oauth).toEqual(TOKENS);
    expect(data.anthropic?.auth_token).toBe('sk-ant-oat-canary-0001');
    expect(readAuthStoreSync(store.options)).toEqual(data);
    expect(await localProviderSecret('gateway', 'openai-compatible').load(store.options)).toBe(
      'lp-canary-gateway-0001',
    );
  });

  it('replaces a value in place and removes the entry with the last secret', async () => {
    await storeOpenAIApiKey('sk-first-key-0001', keyring());
    await storeOpenAIApiKey('sk-second-key-0002', keyring());
    expect(await loadStoredOpenAIApiKey(store.options)).toBe('sk-second-key-0002');
    expect(
      await secrets.service.lookup({
        service: 'flynn',
        username: keyringAccount('openai', store.path),
      }),
    ).toBe(JSON.stringify({ api_key: 'sk-second-key-0002' }));

    expect(await clearOpenAIApiKey(keyring())).toBe(true);
    expect(await loadStoredOpenAIApiKey(store.options)).toBeUndefined();
    expect(rawFile().keyring).toBeUndefined();
    expect(await secrets.service.search('flynn')).not.toContain(
      keyringAccount('openai', store.path),
    );
  });

  it('keeps unknown providers and fields in the file, as the file backend does', async () => {
    writeStore(
      JSON.stringify({
        version: 1,
        future: { x: 1 },
        openai: { api_key: 'sk-plain-0001', later: true },
      }),
    );
    await migrateCredentialStore('keyring', keyring());
    await storeOpenAIOAuth(TOKENS, keyring());
    const raw = rawFile();
    expect(raw.future).toEqual({ x: 1 });
    expect(raw.openai.later).toBe(true);
    expect(fileText()).not.toContain('sk-plain-0001');
    const data = await readAuthStore(store.options);
    expect(data.openai).toMatchObject({ api_key: 'sk-plain-0001', later: true, oauth: TOKENS });
  });

  it('shows where a resolved credential lives: keyring:flynn/<account>', async () => {
    await storeOpenAIApiKey('sk-located-0001', keyring());
    const resolution = resolveCredential({
      tier: 'default',
      provider: 'openai',
      mode: 'api_key',
      modeOrigin: 'auth_mode',
      config: {},
      configPath: 'models.default',
      env: {},
      store: await readAuthStore(store.options),
      storePath: store.path,
    });
    expect(resolution.location).toBe(
      `keyring:flynn/${keyringAccount('openai', store.path)} (openai.api_key)`,
    );
  });
});

describe('keyring backend: the lock and refresh', () => {
  it('a refresh under the lock writes the rotated tokens to the keyring', async () => {
    await storeOpenAIOAuth(TOKENS, keyring());
    await withAuthStoreLock(async () => {
      const current = await loadStoredOpenAIOAuth(store.options);
      expect(current?.refresh_token).toBe('rt-canary-refresh-0001');
      await storeOpenAIOAuth(
        { ...TOKENS, access_token: 'at-rotated-0002', refresh_token: 'rt-rotated-0002' },
        store.options, // no setting: auto follows the store into the keyring
      );
    }, store.options);
    expect((await loadStoredOpenAIOAuth(store.options))?.refresh_token).toBe('rt-rotated-0002');
    expect(fileText()).not.toContain('rotated');
    expect(readdirSync(store.dir).sort()).toEqual(['auth.json']);
  });
});

describe('choosing the backend', () => {
  it('auto: the keyring when the Secret Service answers and nothing is stored yet', async () => {
    await storeOpenAIApiKey('sk-auto-keyring-0001', auto());
    expect(rawFile().keyring).toBeDefined();
    expect(fileText()).not.toContain('sk-auto');
    const status = await credentialStoreStatus(auto());
    expect(status).toMatchObject({ backend: 'keyring', setting: 'auto' });
    expect(status.reason).toBe('auto: the stored credentials are in the keyring');
  });

  it('auto with no session bus: auth.json, and doctor says why', async () => {
    const noBus = { path: store.path, env: {} };
    expect((await credentialStoreStatus(noBus)).reason).toBe(
      'auto: no keyring (DBUS_SESSION_BUS_ADDRESS unset), using auth.json',
    );
    await storeOpenAIApiKey('sk-auto-file-0001', noBus);
    expect(rawFile().openai.api_key).toBe('sk-auto-file-0001');
  });

  it('auto never mixes: credentials already in auth.json keep new ones there', async () => {
    await storeOpenAIApiKey('sk-in-file-0001', { path: store.path, env: {} });
    await storeAnthropicAuthToken('sk-ant-oat-also-file-0001', auto());
    expect(rawFile().anthropic.auth_token).toBe('sk-ant-oat-also-file-0001');
    expect(rawFile().keyring).toBeUndefined();
    expect((await credentialStoreStatus(auto())).reason).toMatch(/auth.json already holds/);
  });

  it('an invalid FLYNN_CREDENTIAL_STORE is refused before anything is written', async () => {
    const error = (await storeOpenAIApiKey('sk-x-0001', {
      path: store.path,
      env: { FLYNN_CREDENTIAL_STORE: 'vault' },
    }).catch((caught) => caught)) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_INVALID_INPUT');
    expect(error.message).toContain('FLYNN_CREDENTIAL_STORE must be one of auto, keyring, file');
  });

  it('two config directories never share entries', async () => {
    const other = join(store.home.home, 'second', 'auth.json');
    expect(keyringScope(other)).not.toBe(keyringScope(store.path));
    await storeOpenAIApiKey('sk-dir-one-0001', keyring());
    await storeOpenAIApiKey('sk-dir-two-0002', { path: other, env: keyringEnv() });
    expect(await loadStoredOpenAIApiKey(store.options)).toBe('sk-dir-one-0001');
    expect(await loadStoredOpenAIApiKey({ path: other, env: {} })).toBe('sk-dir-two-0002');
    await clearOpenAIApiKey({ path: other, env: keyringEnv() });
    expect(await loadStoredOpenAIApiKey(store.options)).toBe('sk-dir-one-0001');
  });
});

describe('keyring failures', () => {
  it('a keyring entry that is not what Flynn wrote is reported as corrupt, never overwritten', async () => {
    await storeOpenAIApiKey('sk-real-0001', keyring());
    const account = keyringAccount('openai', store.path);
    // Overwrite the entry behind Flynn's back (secret-tool through the same bus).
    const { execFileSync } = await import('node:child_process');
    execFileSync('secret-tool', ['store', '--label=x', 'service', 'flynn', 'username', account], {
      input: 'not json',
      env: { ...process.env, ...secrets.service.env },
    });
    expect(await secrets.service.lookup({ service: 'flynn', username: account })).toBe('not json');
    const before = fileText();
    const error = (await storeOpenAIApiKey('sk-new-0002', keyring()).catch(
      (caught) => caught,
    )) as AuthStoreError;
    expect(error.code).toBe('AUTH_STORE_CORRUPT');
    expect(error.message).not.toContain('not json');
    expect(fileText()).toBe(before);
  });

  it.each(CORRUPT_FILES)(
    'a corrupt auth.json is never overwritten on the keyring backend: $name',
    async ({ text }) => {
      writeStore(text);
      const error = (await storeOpenAIApiKey('sk-corrupt-0001', keyring()).catch(
        (caught) => caught,
      )) as AuthStoreError;
      expect(error.code).toBe('AUTH_STORE_CORRUPT');
      expect(readFileSync(store.path, 'utf8')).toBe(text);
      expect(await secrets.service.search('flynn')).not.toContain(
        keyringAccount('openai', store.path),
      );
    },
  );

  it('an entry removed from the keyring behind Flynn reads as absent, and status names it', async () => {
    await storeOpenAIOAuth(TOKENS, keyring());
    const { execFileSync } = await import('node:child_process');
    execFileSync(
      'secret-tool',
      ['clear', 'service', 'flynn', 'username', keyringAccount('openai', store.path)],
      {
        env: { ...process.env, ...secrets.service.env },
      },
    );
    const data = await readAuthStore(store.options);
    expect(data.openai?.oauth).toBeUndefined();
    const status = await credentialStoreStatus({ ...keyring(), store: data });
    expect(status.missing).toEqual([`keyring:flynn/${keyringAccount('openai', store.path)}`]);
  });
});

describe('flynn store migrate (migrateCredentialStore)', () => {
  it('moves every credential to the keyring and back, keeping values and metadata', async () => {
    const fileOnly = { path: store.path, env: { FLYNN_CREDENTIAL_STORE: 'file' } };
    await storeOpenAIApiKey('sk-migrate-0001', fileOnly);
    await storeOpenAIOAuth(TOKENS, fileOnly);
    await localProviderSecret('gateway', 'openai-compatible').store('lp-migrate-0001', fileOnly);
    const original = await readAuthStore(store.options);

    const there = await migrateCredentialStore('keyring', keyring());
    expect(there.entries.map((entry) => [entry.key, entry.moved])).toEqual([
      ['openai', true],
      ['local_providers', true],
    ]);
    expect(fileText()).not.toMatch(/sk-migrate|lp-migrate|at-canary|rt-canary/);
    expect(await readAuthStore(store.options)).toEqual(original);
    // A rerun finds everything in place.
    const again = await migrateCredentialStore('keyring', keyring());
    expect(again.entries.every((entry) => !entry.moved)).toBe(true);

    const back = await migrateCredentialStore('file', fileOnly);
    expect(back.entries.every((entry) => entry.moved)).toBe(true);
    expect(rawFile().keyring).toBeUndefined();
    expect(rawFile().openai.api_key).toBe('sk-migrate-0001');
    expect(await readAuthStore(store.options)).toEqual(original);
    expect(await secrets.service.search('flynn')).not.toContain(`@${keyringScope(store.path)}`);
    expect((await credentialStoreStatus(fileOnly)).misplaced).toBeUndefined();
  });

  it('status reports credentials in both backends with the command that fixes it', async () => {
    await storeOpenAIApiKey('sk-in-keyring-0001', keyring());
    await storeAnthropicAuthToken('sk-ant-oat-in-file-0001', {
      path: store.path,
      env: { FLYNN_CREDENTIAL_STORE: 'file' },
    });
    const status = await credentialStoreStatus(keyring());
    expect(status.inFile).toEqual(['anthropic']);
    expect(status.inKeyring.map((entry) => entry.key)).toEqual(['openai']);
    expect(status.misplaced?.fix).toBe('flynn store migrate --to keyring');
    expect(status.misplaced?.problem).toMatch(/both the keyring and auth.json hold credentials/);
  });
});

describe('updateAuthStore on the keyring backend', () => {
  it('hands mutate the logical store (secrets merged, no keyring section)', async () => {
    await storeOpenAIApiKey('sk-logical-0001', keyring());
    let seen: unknown;
    await updateAuthStore((data) => {
      seen = JSON.parse(JSON.stringify(data));
    }, keyring());
    expect(seen).toEqual({ version: 1, openai: { api_key: 'sk-logical-0001' } });
  });
});
