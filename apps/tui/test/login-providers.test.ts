import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { findSecretPiece, type PtyScreen } from '@flynn/testkit';
import { afterEach, describe, expect, test } from 'vitest';
import { configYaml, createTuiFixture, skipFirstRun, type TuiFixture } from './tui-fixture.js';

const ANTHROPIC_KEY = 'sk-ant-api03-Hq4Zx8Lm2Vn7Rt5Wy9Kp3Jd6-AAAA';
const ANTHROPIC_TOKEN = 'sk-ant-oat01-Bv6Nc2Xq9Mz4Lp7Tr3Yw8Gh5-BBBB';
const GITHUB_TOKEN = 'ghp_Mk7Qz2Wx9Rv4Tn6Yp3Lb8Jc5Hd1Fs0';
const ZAI_KEY = 'c1e5a7f39b2d4e8a.Zq8Rk3Xm6Vp2Tw9N';

let fixture: TuiFixture;
afterEach(() => fixture?.cleanup());

function start(env: NodeJS.ProcessEnv = {}): PtyScreen {
  fixture = createTuiFixture(
    configYaml({
      default: { provider: 'anthropic', model: 'claude-test', base_url: 'http://127.0.0.1:9' },
    }),
  );
  return fixture.start([], env);
}

async function login(screen: PtyScreen, command: string, choice?: string): Promise<void> {
  await skipFirstRun(screen, 'default', 'claude-test');
  const mark = screen.mark();
  screen.type(command);
  if (choice) {
    await screen.waitFor('Choose 1-2', { since: mark });
    screen.type(choice);
  }
}

/** Pastes `secret` at the hidden prompt whose label is `label`. */
async function paste(screen: PtyScreen, label: string, secret: string): Promise<void> {
  await screen.waitFor(`Paste your ${label} (input is hidden): `);
  screen.write(`${secret}\r`);
}

async function finish(screen: PtyScreen, secret: string, prefix: string): Promise<void> {
  screen.type('/exit');
  expect(await screen.exit()).toBe(0);
  // Only the masked fingerprint's last four characters are shown (as `flynn login` does);
  // no piece of the rest ever appears.
  expect(findSecretPiece(screen.raw, secret.slice(prefix.length, -4))).toBeUndefined();
}

describe('/login anthropic', () => {
  test('1) stores a pasted API key as the API key', async () => {
    const screen = start();
    await login(screen, '/login anthropic', '1');
    await screen.waitFor('1) Paste an Anthropic API key  2) Paste an Anthropic auth token');
    await paste(screen, 'Anthropic API key', ANTHROPIC_KEY);
    await screen.waitFor('Stored the Anthropic API key');
    expect(fixture.readStore().anthropic).toEqual({ api_key: ANTHROPIC_KEY });
    await finish(screen, ANTHROPIC_KEY, 'sk-ant-api03-');
  });

  test('2) stores a pasted auth token as the auth token', async () => {
    const screen = start();
    await login(screen, '/login anthropic', '2');
    await paste(screen, 'Anthropic auth token', ANTHROPIC_TOKEN);
    await screen.waitFor('Stored the Anthropic auth token');
    expect(fixture.readStore().anthropic).toEqual({ auth_token: ANTHROPIC_TOKEN });
    await finish(screen, ANTHROPIC_TOKEN, 'sk-ant-oat01-');
  });

  test('an sk-ant-oat token pasted as an API key is flagged and stored as a token on request', async () => {
    const screen = start();
    await login(screen, '/login anthropic', '1');
    await paste(screen, 'Anthropic API key', ANTHROPIC_TOKEN);
    await screen.waitFor(
      'warning: That looks like an Anthropic auth token (sk-ant-oat…), not an Anthropic API key.',
    );
    await screen.waitFor('Store it as the Anthropic auth token instead? [Y/n]');
    screen.type('');
    await screen.waitFor('Stored the Anthropic auth token');
    expect(fixture.readStore().anthropic).toEqual({ auth_token: ANTHROPIC_TOKEN });
    await finish(screen, ANTHROPIC_TOKEN, 'sk-ant-oat01-');
  });

  test('an sk-ant-api key pasted as an auth token is flagged; "n" stores it as asked', async () => {
    const screen = start();
    await login(screen, '/login anthropic', '2');
    await paste(screen, 'Anthropic auth token', ANTHROPIC_KEY);
    await screen.waitFor(
      'That looks like an Anthropic API key (sk-ant-api…), not an Anthropic auth token.',
    );
    await screen.waitFor('Store it as the Anthropic API key instead? [Y/n]');
    screen.type('n');
    await screen.waitFor('Stored the Anthropic auth token');
    expect(fixture.readStore().anthropic).toEqual({ auth_token: ANTHROPIC_KEY });
    await finish(screen, ANTHROPIC_KEY, 'sk-ant-api03-');
  });
});

describe('/login github and /login zai', () => {
  test('/login github stores a pasted token when gh is not installed', async () => {
    const screen = start({ PATH: '/nonexistent' });
    await login(screen, '/login github');
    await paste(screen, 'GitHub token', GITHUB_TOKEN);
    await screen.waitFor('Stored the GitHub token');
    expect(fixture.readStore().github).toEqual({ token: GITHUB_TOKEN });
    await finish(screen, GITHUB_TOKEN, 'ghp_');
  });

  test('/login github takes the token from `gh auth token` without showing it', async () => {
    fixture = createTuiFixture(
      configYaml({
        default: { provider: 'anthropic', model: 'claude-test', base_url: 'http://127.0.0.1:9' },
      }),
    );
    const bin = join(fixture.home.home, 'bin');
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'gh'),
      `#!/bin/sh\n[ "$1 $2" = "auth token" ] && echo ${GITHUB_TOKEN} && exit 0\nexit 1\n`,
    );
    chmodSync(join(bin, 'gh'), 0o755);
    const screen = fixture.start([], { PATH: `${bin}:/usr/bin:/bin` });
    await login(screen, '/login github');
    await screen.waitFor('1) Paste a GitHub token  2) Use the GitHub CLI token (gh auth token)');
    await screen.waitFor('Choose 1-2');
    screen.type('2');
    await screen.waitFor('Stored the GitHub token');
    expect(fixture.readStore().github).toEqual({ token: GITHUB_TOKEN });
    await finish(screen, GITHUB_TOKEN, 'ghp_');
  });

  test('/login zai stores a pasted key; Ctrl-C at the hidden prompt stores nothing', async () => {
    const screen = start();
    await login(screen, '/login zai');
    await screen.waitFor('Paste your Z.AI API key (input is hidden): ');
    screen.write('Xq7Zr4Wm9Kv2\u0003');
    await screen.waitFor('Cancelled; nothing was stored.');
    expect(fixture.readStore().zai).toBeUndefined();
    const mark = screen.mark();
    screen.type('/login zai');
    await screen.waitFor('Paste your Z.AI API key (input is hidden): ', { since: mark });
    screen.write(`${ZAI_KEY}\r`);
    // The masked fingerprint `flynn login` prints too: the last four characters only.
    await screen.waitFor('Stored the Z.AI API key …Tw9N in ');
    expect(fixture.readStore().zai).toEqual({ api_key: ZAI_KEY });
    await finish(screen, ZAI_KEY, '');
    expect(findSecretPiece(screen.raw, 'Xq7Zr4Wm9Kv2')).toBeUndefined();
  });
});

describe('/login and /logout for providers that are only registry entries', () => {
  test.each([
    ['gemini', 'Gemini API key', 'AIzaSyQ8mN3vR7tY1wX5cB9dF2gH4jK6lP0aa'],
    ['groq', 'Groq API key', 'gsk_Wq8mN3vR7tY1wX5cB9dF2gH4jK6lP0bb'],
  ])(
    '/login %s takes a hidden paste into auth.json, /logout %s removes it',
    async (id, label, key) => {
      const screen = start();
      await login(screen, `/login ${id}`);
      await paste(screen, label, key);
      await screen.waitFor(`Stored the ${label}`);
      expect(fixture.readStore()[id]).toEqual({ api_key: key });
      let mark = screen.mark();
      screen.type(`/logout ${id}`);
      await screen.waitFor(`Removed the ${label}`, { since: mark });
      expect(fixture.readStore()[id]).toBeUndefined();
      mark = screen.mark();
      await finish(screen, key, key.slice(0, 4));
    },
  );

  test('a tier of a new provider without a credential names /login <id> and its env var', async () => {
    fixture = createTuiFixture(
      configYaml({
        default: { provider: 'mistral', model: 'mistral-test', base_url: 'http://127.0.0.1:9' },
      }),
    );
    const screen = fixture.start([], {});
    await skipFirstRun(screen, 'default', 'mistral-test');
    const mark = screen.mark();
    screen.type('hello');
    await screen.waitFor('Run `/login mistral`, or set MISTRAL_API_KEY and restart Flynn', {
      since: mark,
    });
    screen.type('/exit');
    expect(await screen.exit()).toBe(0);
  });

  test('a secret pasted at a yes/no question is never shown', async () => {
    const stored = 'AIzaSyStoredKeyQ8mN3vR7tY1wX5cB9dF2gH';
    // No English word in it: the screen's own text ("Paste ...") must not count as a leak.
    const pasted = 'AIzaSyQ7wKj4hW3kL9mN2bV8cX7zQ1rT5yU';
    fixture = createTuiFixture(
      configYaml({
        default: { provider: 'anthropic', model: 'claude-test', base_url: 'http://127.0.0.1:9' },
      }),
    );
    fixture.writeStore({ gemini: { api_key: stored } });
    const screen = fixture.start([], {});
    await login(screen, '/login gemini');
    await screen.waitFor('Replace it? [y/N]');
    screen.write(`${pasted}\r`);
    await screen.waitFor('no (that was not y or n; nothing of it is shown)');
    expect(fixture.readStore().gemini).toEqual({ api_key: stored });
    await finish(screen, pasted, 'AIzaSy');
  });
});

describe('a store write waiting on another process', () => {
  test('says on the status line who holds the lock, then stores', async () => {
    const screen = start();
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(
        `${fixture.authFile}.lock`,
        JSON.stringify({ pid: holder.pid, host: hostname(), token: 'held-by-test' }),
      );
      await login(screen, '/login zai');
      await paste(screen, 'Z.AI API key', ZAI_KEY);
      await screen.waitFor(`Waiting for the credential store, locked by process ${holder.pid}`);
      holder.kill('SIGKILL');
      await screen.waitFor('Stored the Z.AI API key', { timeoutMs: 15_000 });
      expect(fixture.readStore().zai).toEqual({ api_key: ZAI_KEY });
      await finish(screen, ZAI_KEY, '');
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
