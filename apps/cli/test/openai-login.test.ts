import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import {
  createTempHome,
  type OpenAIAuthServer,
  startCodexBackendServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectRunNoLeak,
  modeOf,
  readStore,
  refusedUrl,
  storePath,
  writeStoreText,
} from './credential-helpers.js';
import { runFlynn, startFlynn } from './run-flynn.js';

const API_KEY = 'sk-proj-CANARYx2Cv5Bn8Mq1We4Rt7Yu0k9';

let home: TempHome;
let server: OpenAIAuthServer;
beforeEach(async () => {
  home = createTempHome();
  // interval '0' keeps the poll loop fast; one pending poll still exercises the wait.
  server = await startOpenAIAuthServer({ interval: '0', pendingPolls: 1 });
});
afterEach(async () => {
  await server.close();
  home.cleanup();
});

const loginEnv = () => ({ ...home.env, FLYNN_OPENAI_ISSUER: server.issuer });
type StoredOAuth = { access_token: string; refresh_token: string; id_token?: string };
const storedOAuth = () => readStore(home)?.openai?.oauth as StoredOAuth | undefined;
const tokenSecrets = (tokens: StoredOAuth | undefined) =>
  tokens ? [tokens.access_token, tokens.refresh_token, tokens.id_token ?? ''].filter(Boolean) : [];

describe('flynn openai-login', () => {
  it('--no-browser prints the URL and code, waits, and stores the tokens (0600)', async () => {
    const result = await runFlynn(['openai-login', '--no-browser'], { env: loginEnv() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${server.issuer}/codex/device`);
    expect(result.stdout).toMatch(/code: [A-Z]{4}-[A-Z]{4}/);
    expect(result.stderr).not.toContain('Waiting'); // progress is for terminals only
    const tokens = storedOAuth();
    expect(tokens).toMatchObject({ account_id: server.accountId });
    expect(server.isValidAccessToken(tokens!.access_token)).toBe(true);
    expect(readStore(home)?.openai?.oauth).toHaveProperty('expires_at');
    expect(modeOf(storePath(home))).toBe(0o600);
    expect(result.stdout).toContain(maskSecret(tokens!.access_token));
    expect(result.stdout).toContain(storePath(home));
    expectRunNoLeak(result, tokenSecrets(tokens));
  });

  it('says "already stored" on a rerun without calling the server; --replace logs in again', async () => {
    await runFlynn(['openai-login', '--no-browser'], { env: loginEnv() });
    const first = storedOAuth()!;
    const requests = server.requests.length;
    const again = await runFlynn(['openai-login', '--no-browser'], { env: loginEnv() });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already stored');
    expect(again.stdout).toContain('--replace');
    expect(server.requests.length).toBe(requests);
    expect(storedOAuth()).toEqual(first);

    const replaced = await runFlynn(['openai-login', '--no-browser', '--replace'], {
      env: loginEnv(),
    });
    expect(replaced.code).toBe(0);
    expect(storedOAuth()!.refresh_token).not.toBe(first.refresh_token);
    expectRunNoLeak(again, tokenSecrets(first));
    expectRunNoLeak(replaced, [...tokenSecrets(first), ...tokenSecrets(storedOAuth())]);
  });

  it('--json prints one object on stdout, instructions on stderr, and keeps a stored API key', async () => {
    writeStoreText(home, JSON.stringify({ version: 1, openai: { api_key: API_KEY } }));
    const result = await runFlynn(['openai-login', '--json'], { env: loginEnv() });
    expect(result.code).toBe(0);
    const tokens = storedOAuth()!;
    expect(JSON.parse(result.stdout)).toMatchObject({
      stored: true,
      provider: 'openai',
      kind: 'oauth_tokens',
      fingerprint: maskSecret(tokens.access_token),
      account_id: server.accountId,
      path: storePath(home),
      warnings: [expect.objectContaining({ code: 'auto_mode_prefers_api_key' })],
    });
    expect(result.stderr).toContain('/codex/device');
    expect(readStore(home)?.openai?.api_key).toBe(API_KEY);
    expectRunNoLeak(result, [API_KEY, ...tokenSecrets(tokens)]);
  });

  it('takes the issuer from config oauth.openai', async () => {
    const config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      `models:\n  default: {provider: openai, model: gpt-5, auth_mode: oauth}\noauth:\n  openai:\n    issuer: "${server.issuer}"\n`,
    );
    const result = await runFlynn(['--config', config, 'openai-login'], { env: home.env });
    expect(result.code).toBe(0);
    expect(storedOAuth()).toBeDefined();
  });

  it('explains the ChatGPT security setting when device login is disabled (exit 1)', async () => {
    const disabled = await startOpenAIAuthServer({ deviceLoginEnabled: false });
    try {
      const result = await runFlynn(['openai-login', '--no-browser'], {
        env: { ...home.env, FLYNN_OPENAI_ISSUER: disabled.issuer },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('device-code login is not enabled');
      expect(result.stderr).toContain('Settings > Security');
      expect(result.stderr).toContain('flynn openai-key');
      expect(readStore(home)).toBeUndefined();
    } finally {
      await disabled.close();
    }
  });

  it('fails cleanly (exit 1, no stack) when the auth server cannot be reached', async () => {
    const result = await runFlynn(['openai-login'], {
      env: { ...home.env, FLYNN_OPENAI_ISSUER: await refusedUrl('') },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readStore(home)).toBeUndefined();
  });

  it('stops on Ctrl-C (SIGINT) while waiting: exit 130, nothing stored', async () => {
    const slow = await startOpenAIAuthServer({ interval: '1', pendingPolls: 1000 });
    try {
      const login = startFlynn(['openai-login', '--no-browser'], {
        env: { ...home.env, FLYNN_OPENAI_ISSUER: slow.issuer },
      });
      await login.waitForStdout('code:');
      login.child.kill('SIGINT');
      const { code, stderr } = await login.done;
      expect(code).toBe(130);
      expect(stderr).toContain('Cancelled');
      expect(readStore(home)).toBeUndefined();
    } finally {
      await slow.close();
    }
  });
});

describe('flynn openai-login, then flynn ask', () => {
  it('the stored login serves an OpenAI OAuth tier', async () => {
    const codex = await startCodexBackendServer({ auth: server, text: 'Hello from Codex' });
    try {
      const env = { ...loginEnv(), FLYNN_OPENAI_CODEX_URL: codex.baseURL };
      const login = await runFlynn(['openai-login', '--no-browser'], { env });
      expect(login.code).toBe(0);
      const config = join(home.home, 'config.yaml');
      writeFileSync(
        config,
        'models:\n  default: {provider: openai, model: gpt-5, auth_mode: oauth}\n',
      );
      const ask = await runFlynn(['--config', config, 'ask', 'hi'], { env });
      expect(ask.stderr).toBe('');
      expect(ask.code).toBe(0);
      expect(ask.stdout).toContain('Hello from Codex');
      const tokens = storedOAuth()!;
      expect(codex.requests[0]?.headers.authorization).toBe(`Bearer ${tokens.access_token}`);
      expectRunNoLeak(ask, tokenSecrets(tokens));
    } finally {
      await codex.close();
    }
  });
});

describe('dates in one format', () => {
  it('the login report and doctor show the access token’s expiry as YYYY-MM-DD HH:MM UTC, JSON as ISO 8601', async () => {
    const login = await runFlynn(['openai-login', '--no-browser'], { env: loginEnv() });
    expect(login.code).toBe(0);
    const shown = /valid until (\S+ \S+ UTC)/.exec(login.stdout)?.[1];
    expect(shown).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    const expiresAt = storedOAuth() as unknown as { expires_at: number };
    expect(shown).toBe(
      `${new Date(expiresAt.expires_at).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    );

    const doctor = await runFlynn(['doctor'], { env: loginEnv() });
    expect(doctor.stdout).toContain(`valid until ${shown}`);

    const json = await runFlynn(['openai-login', '--replace', '--no-browser', '--json'], {
      env: loginEnv(),
    });
    expect(JSON.parse(json.stdout).expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
