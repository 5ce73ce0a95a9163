// Expiry a server told (GitHub's `github-authentication-token-expiration`), recorded beside
// the stored token of its profile without touching the token (issue 17).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import {
  parseGitHubTokenExpiration,
  recordCredentialExpiry,
  watchCredentialExpiry,
} from './record-expiry.js';

const store = useTempStore();
const TOKEN = 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop';
const read = () => JSON.parse(readFileSync(store.path, 'utf8'));
function writeStore(value: unknown) {
  mkdirSync(store.dir, { recursive: true });
  writeFileSync(store.path, JSON.stringify(value), { mode: 0o600 });
}

describe('parseGitHubTokenExpiration', () => {
  it('reads GitHub’s UTC form and numeric offsets; anything else is unknown', () => {
    expect(parseGitHubTokenExpiration('2026-12-31 23:59:59 UTC')).toBe(
      Date.parse('2026-12-31T23:59:59Z'),
    );
    expect(parseGitHubTokenExpiration(' 2026-12-31 12:00:00 -0800 ')).toBe(
      Date.parse('2026-12-31T20:00:00Z'),
    );
    expect(parseGitHubTokenExpiration('2026-12-31 12:00 +01:00')).toBe(
      Date.parse('2026-12-31T11:00:00Z'),
    );
    for (const bad of [undefined, null, '', 'soon', '2026-12-31', '2026-13-45 99:99:99 UTC']) {
      expect(parseGitHubTokenExpiration(bad)).toBeUndefined();
    }
  });
});

describe('recordCredentialExpiry', () => {
  it('records <field>_expires_at beside the token of that profile, keeping everything else', async () => {
    writeStore({
      version: 1,
      github: { token: 'gho_default0000000000000000' },
      'github:work': { token: TOKEN, note: 'kept' },
    });
    const at = Date.parse('2026-12-31T23:59:59Z');
    const recorded = await recordCredentialExpiry(
      { provider: 'github', kind: 'api_key', profile: 'work' },
      TOKEN,
      at,
      { path: store.path },
    );
    expect(recorded).toBe(true);
    expect(read()).toEqual({
      version: 1,
      github: { token: 'gho_default0000000000000000' },
      'github:work': { token: TOKEN, note: 'kept', token_expires_at: at },
    });
    // The same expiry again (doctor --online on every run): the file is not written again.
    const inode = statSync(store.path).ino;
    expect(
      await recordCredentialExpiry(
        { provider: 'github', kind: 'api_key', profile: 'work' },
        TOKEN,
        at,
        { path: store.path },
      ),
    ).toBe(true);
    expect(statSync(store.path).ino).toBe(inode);
  });

  it('records nothing when the profile no longer holds that token (replaced meanwhile)', async () => {
    writeStore({ version: 1, github: { token: 'gho_replaced000000000000000' } });
    const before = readFileSync(store.path, 'utf8');
    const recorded = await recordCredentialExpiry(
      { provider: 'github', kind: 'api_key' },
      TOKEN,
      Date.now(),
      { path: store.path },
    );
    expect(recorded).toBe(false);
    expect(read()).toEqual(JSON.parse(before));
  });

  it('never overwrites a corrupt store', async () => {
    mkdirSync(store.dir, { recursive: true });
    writeFileSync(store.path, '{"version":1,"github":', { mode: 0o600 });
    await expect(
      recordCredentialExpiry({ provider: 'github', kind: 'api_key' }, TOKEN, Date.now(), {
        path: store.path,
      }),
    ).rejects.toMatchObject({ code: 'AUTH_STORE_CORRUPT' });
    expect(readFileSync(store.path, 'utf8')).toBe('{"version":1,"github":');
  });
});

describe('watchCredentialExpiry', () => {
  it("reads the registry's expiry header off the last answer only", () => {
    const watch = watchCredentialExpiry('github', 'api_key');
    expect(watch.expiresAt()).toBeUndefined();
    watch.onResponseHeaders?.(
      new Headers({ 'github-authentication-token-expiration': '2026-12-31 23:59:59 UTC' }),
    );
    expect(watch.expiresAt()).toBe(Date.parse('2026-12-31T23:59:59Z'));
    // A later answer without it (another credential, after a failover) says nothing of expiry.
    watch.onResponseHeaders?.(new Headers({ 'x-other': '1' }));
    expect(watch.expiresAt()).toBeUndefined();
  });

  it('gives providers without such a header no callback', () => {
    const watch = watchCredentialExpiry('openai', 'api_key');
    expect(watch.onResponseHeaders).toBeUndefined();
    expect(watch.expiresAt()).toBeUndefined();
  });
});
