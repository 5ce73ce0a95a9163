import { readFileSync } from 'node:fs';
import { maskSecret } from '@flynn/auth-store';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectRunNoLeak,
  modeOf,
  readStore,
  storePath,
  writeStoreText,
} from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

const OPENAI_KEY = 'sk-proj-CANARYw4Er7Ty0Ui3Op6As9Df2g1';
const OPENAI_OAUTH = {
  access_token: 'eyJCANARYa.eyJx5Cv8Bn1Mq4We7Rt0Yu3.CANARYsig9Kl2Zx5',
  refresh_token: 'rt_CANARYp8Lk5Jh2Gf9Ds6Aq3Zw0',
  account_id: 'acct-1',
  expires_at: Date.now() + 3_600_000,
};
const ANTHROPIC_KEY = 'sk-ant-api03-CANARYm1Nb4Vc7Xz0Lk3Jh6Gf9Ds2h1';
const ANTHROPIC_TOKEN = 'sk-ant-oat01-CANARYq9Aw8Se7Dr6Ft5Gy4Hu3Ji2j1';
const ZAI_KEY = 'CANARYz5Xc8Vb1Nm4.Qw7Er0Ty3k1';
const GITHUB_TOKEN = 'ghp_CANARYt6Yg9Uh2Ij5Ok8Pl1Qa4Ws7m1';
const SECRETS = [
  OPENAI_KEY,
  OPENAI_OAUTH.access_token,
  OPENAI_OAUTH.refresh_token,
  ANTHROPIC_KEY,
  ANTHROPIC_TOKEN,
  ZAI_KEY,
  GITHUB_TOKEN,
];

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
  writeStoreText(
    home,
    JSON.stringify({
      version: 1,
      openai: { api_key: OPENAI_KEY, oauth: OPENAI_OAUTH },
      anthropic: { api_key: ANTHROPIC_KEY, auth_token: ANTHROPIC_TOKEN },
      zai: { api_key: ZAI_KEY },
      github: { token: GITHUB_TOKEN },
      other: { kept: true },
    }),
  );
});
afterEach(() => home.cleanup());

const logout = (args: string[], env = home.env) => runFlynn(['logout', ...args], { env });

describe('flynn logout', () => {
  it('refuses (exit 2) to guess when two kinds are stored, removing nothing', async () => {
    for (const provider of ['openai', 'anthropic']) {
      const result = await logout([provider]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--api-key');
      expect(result.stderr).toContain('--oauth');
      expect(result.stderr).toContain('--all');
      expectRunNoLeak(result, SECRETS);
    }
    expect(readStore(home)?.openai).toEqual({ api_key: OPENAI_KEY, oauth: OPENAI_OAUTH });
    expect(readStore(home)?.anthropic).toEqual({
      api_key: ANTHROPIC_KEY,
      auth_token: ANTHROPIC_TOKEN,
    });
  });

  it('--api-key removes only the API key, printing its masked form; the file stays 0600', async () => {
    const result = await logout(['openai', '--api-key']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Removed the OpenAI API key (${maskSecret(OPENAI_KEY)})`);
    expect(readStore(home)?.openai).toEqual({ oauth: OPENAI_OAUTH });
    expect(modeOf(storePath(home))).toBe(0o600);
    expectRunNoLeak(result, SECRETS);
  });

  it('--oauth removes only the ChatGPT tokens (openai) or only the auth token (anthropic)', async () => {
    const openai = await logout(['openai', '--oauth', '--json']);
    expect(openai.code).toBe(0);
    expect(JSON.parse(openai.stdout)).toEqual({
      provider: 'openai',
      removed: [{ kind: 'oauth_tokens', fingerprint: maskSecret(OPENAI_OAUTH.access_token) }],
      path: storePath(home),
      warnings: [],
    });
    const anthropic = await logout(['anthropic', '--oauth', '--json']);
    expect(JSON.parse(anthropic.stdout).removed).toEqual([
      { kind: 'auth_token', fingerprint: maskSecret(ANTHROPIC_TOKEN) },
    ]);
    const store = readStore(home);
    expect(store?.openai).toEqual({ api_key: OPENAI_KEY });
    expect(store?.anthropic).toEqual({ api_key: ANTHROPIC_KEY });
    expect(store?.zai).toEqual({ api_key: ZAI_KEY });
    expect(store?.other).toEqual({ kept: true });
    expectRunNoLeak(openai, SECRETS);
    expectRunNoLeak(anthropic, SECRETS);
  });

  it('--all removes every kind of the provider and nothing else', async () => {
    const result = await logout(['anthropic', '--all', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).removed.map((entry: { kind: string }) => entry.kind)).toEqual([
      'api_key',
      'auth_token',
    ]);
    const store = readStore(home);
    expect(store?.anthropic).toBeUndefined();
    expect(store?.openai).toEqual({ api_key: OPENAI_KEY, oauth: OPENAI_OAUTH });
    expectRunNoLeak(result, SECRETS);
  });

  it('without a flag removes the one kind stored (zai, github, or openai after --api-key)', async () => {
    for (const provider of ['zai', 'github']) {
      const result = await logout([provider]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Removed the');
      expectRunNoLeak(result, SECRETS);
    }
    await logout(['openai', '--api-key']);
    const openai = await logout(['openai', '--json']);
    expect(JSON.parse(openai.stdout).removed).toEqual([
      { kind: 'oauth_tokens', fingerprint: maskSecret(OPENAI_OAUTH.access_token) },
    ]);
    const store = readStore(home);
    expect(store?.zai).toBeUndefined();
    expect(store?.github).toBeUndefined();
    expect(store?.openai).toBeUndefined();
    expect(store?.anthropic).toBeDefined();
  });

  it('succeeds (exit 0) with nothing to remove', async () => {
    await logout(['zai']);
    const again = await logout(['zai', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).removed).toEqual([]);
    const text = await logout(['zai']);
    expect(text.stdout).toContain('nothing to remove');
  });

  it('warns, naming the variable, when an env var still provides the credential', async () => {
    const env = { ...home.env, GITHUB_TOKEN: 'ghp_CANARYenv0Qw3Er6Ty9Ui2Op5n1' };
    const result = await logout(['github'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('warning: GITHUB_TOKEN is still set');
    expectRunNoLeak(result, [...SECRETS, env.GITHUB_TOKEN]);
  });

  it.each([
    [['zai', '--oauth'], 'no OAuth credential'],
    [['openai', '--api-key', '--oauth'], 'cannot be used with'],
    [['bedrock'], 'Unknown provider'],
    [[], "missing required argument 'provider'"],
  ])('exits 2 for %j', async (args, message) => {
    const before = readFileSync(storePath(home), 'utf8');
    const result = await logout(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(readFileSync(storePath(home), 'utf8')).toBe(before);
  });

  it('fails with a typed error (exit 1) on a corrupt store and leaves it unchanged', async () => {
    const corrupt = `{"version":1,"openai":{"api_key":"${OPENAI_KEY}"`;
    writeStoreText(home, corrupt);
    const result = await logout(['openai', '--api-key', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(storePath(home));
    expect(result.stderr).not.toContain('internal error');
    expect(readFileSync(storePath(home), 'utf8')).toBe(corrupt);
    expectRunNoLeak(result, SECRETS);
  });
});
