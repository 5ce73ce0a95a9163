// `flynn login <provider>` is one verb for every credential kind; the older per-provider
// commands stay as aliases and store exactly the same entries.
import { CREDENTIAL_PROVIDERS, loginMethods } from '@flynn/core';
import {
  createTempHome,
  type OpenAIAuthServer,
  PtyScreen,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak, readStore } from './credential-helpers.js';
import { FLYNN_BIN, runFlynn } from './run-flynn.js';

const OPENAI_KEY = 'sk-proj-Qz7Xv2Lw9Kp4Rt6Yn1Mb8Cd3a1b2';
const ANTHROPIC_KEY = 'sk-ant-api03-Wq5Ez8Rx2Tc7Vb4Yn9Um1Ik6c3d4';
const ANTHROPIC_TOKEN = 'sk-ant-oat01-Hj3Kl6Zx9Cv2Bn5Mq8Wr4Ty7e5f6';
const ZAI_KEY = 'Pm4Nb7Vc2Xz5Lk8Jh3Gf6Ds9g7h8';
const GITHUB_TOKEN = 'github_pat_Aq2Sw5De8Fr3Gt6Hy9Ju4Ki7i9j0';

const homes: TempHome[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) home.cleanup();
});
function newHome(extra: NodeJS.ProcessEnv = {}) {
  const home = createTempHome(extra);
  homes.push(home);
  return home;
}

/** The store after running `args` with `input` on stdin in a fresh home. */
async function storeAfter(args: string[], input: string, secrets: string[]) {
  const home = newHome();
  const run = await runFlynn(args, { env: home.env, input });
  expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
  expectRunNoLeak(run, secrets);
  return readStore(home);
}

describe('flynn login --help', () => {
  it('lists every provider with every way it logs in', async () => {
    const run = await runFlynn(['login', '--help'], { env: newHome().env });
    expect(run.code).toBe(0);
    const width = Math.max(...CREDENTIAL_PROVIDERS.map((provider) => provider.length));
    for (const provider of CREDENTIAL_PROVIDERS) {
      for (const [i, method] of loginMethods(provider).entries()) {
        const name = (i === 0 ? provider : '').padEnd(width);
        expect(run.stdout).toContain(`\n  ${name}  ${method.flag.padEnd(9)}  ${method.label}\n`);
      }
    }
    for (const flag of [
      '--browser',
      '--device',
      '--api-key',
      '--token',
      '--gh',
      '--no-browser',
      '--stdin',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('ChatGPT login in the browser');
    expect(run.stdout).toContain('local_providers');
  });
});

describe('flynn login <provider> --<kind> --stdin and the old command names store the same entries', () => {
  it.each([
    [
      ['login', 'openai', '--api-key', '--stdin'],
      ['openai-key', '--stdin'],
      OPENAI_KEY,
      { openai: { api_key: OPENAI_KEY } },
    ],
    [
      ['login', 'anthropic', '--api-key', '--stdin'],
      ['anthropic-auth', '--stdin'],
      ANTHROPIC_KEY,
      { anthropic: { api_key: ANTHROPIC_KEY } },
    ],
    [
      ['login', 'anthropic', '--token', '--stdin'],
      ['anthropic-token', '--stdin'],
      ANTHROPIC_TOKEN,
      { anthropic: { auth_token: ANTHROPIC_TOKEN } },
    ],
    [
      ['login', 'anthropic', '--token', '--stdin'],
      ['anthropic-auth', '--token', '--stdin'],
      ANTHROPIC_TOKEN,
      { anthropic: { auth_token: ANTHROPIC_TOKEN } },
    ],
    [['login', 'zai', '--stdin'], ['zai-key', '--stdin'], ZAI_KEY, { zai: { api_key: ZAI_KEY } }],
    [
      ['login', 'github', '--token', '--stdin'],
      ['github-login', '--stdin'],
      GITHUB_TOKEN,
      { github: { token: GITHUB_TOKEN } },
    ],
  ] as const)('%j = %j', async (verb, alias, secret, expected) => {
    const viaVerb = await storeAfter([...verb], `${secret}\n`, [secret]);
    const viaAlias = await storeAfter([...alias], `${secret}\n`, [secret]);
    expect(viaVerb).toEqual({ version: 1, ...expected });
    expect(viaAlias).toEqual(viaVerb);
  });
});

describe('flynn login openai --device and flynn openai-login', () => {
  let auth: OpenAIAuthServer;
  beforeEach(async () => {
    auth = await startOpenAIAuthServer({ interval: '0', pendingPolls: 1 });
  });
  afterEach(() => auth.close());

  it('both run the device login and store openai.oauth the same way', async () => {
    const shapes = [];
    for (const args of [
      ['login', 'openai', '--device', '--no-browser'],
      ['openai-login', '--no-browser'],
    ]) {
      const home = newHome({ FLYNN_OPENAI_ISSUER: auth.issuer });
      const run = await runFlynn(args, { env: home.env });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('/codex/device');
      const oauth = readStore(home)?.openai?.oauth as Record<string, unknown>;
      expect(oauth.account_id).toBe(auth.accountId);
      shapes.push(Object.keys(readStore(home)!.openai!).concat(Object.keys(oauth).sort()));
    }
    expect(shapes[0]).toEqual(shapes[1]);
  });
});

describe('a missing kind flag', () => {
  it('is a usage error (exit 2) without a terminal, naming every choice', async () => {
    const home = newHome();
    for (const [provider, flags] of [
      ['openai', ['--browser', '--device', '--api-key']],
      ['anthropic', ['--api-key', '--token']],
    ] as const) {
      const run = await runFlynn(['login', provider], { env: home.env });
      expect(run.code).toBe(2);
      for (const flag of flags) expect(run.stderr).toContain(flag);
    }
    expect(readStore(home)).toBeUndefined();
  });

  it('conflicting flags are usage errors', async () => {
    const home = newHome();
    for (const args of [
      ['login', 'openai', '--browser', '--api-key'],
      ['login', 'openai', '--browser', '--device'],
      ['login', 'anthropic', '--browser'],
      ['login', 'gemini', '--gh'],
    ]) {
      const run = await runFlynn(args, { env: home.env });
      expect(run.code, args.join(' ')).toBe(2);
    }
  });

  it('on a terminal, shows a short menu in the words of loginMethods; a choice runs that flow', async () => {
    const home = newHome({ TERM: 'xterm' });
    const screen = new PtyScreen({
      file: process.execPath,
      args: [FLYNN_BIN, 'login', 'anthropic'],
      env: home.env,
      term: 'xterm',
      cols: 100,
      rows: 30,
    });
    await screen.waitFor('Log in to Anthropic:');
    await screen.waitFor('  1) Paste an Anthropic API key');
    await screen.waitFor('  2) Paste an Anthropic auth token');
    await screen.waitFor('Choose 1-2 [1]: ');
    screen.write('2\r');
    await screen.waitFor('input is hidden');
    screen.write(`${ANTHROPIC_TOKEN}\r`);
    expect((await screen.exited).exitCode).toBe(0);
    expect(readStore(home)).toEqual({ version: 1, anthropic: { auth_token: ANTHROPIC_TOKEN } });
  });

  it('the OpenAI menu offers the browser first; Ctrl-C there exits 130 with nothing stored', async () => {
    const home = newHome({ TERM: 'xterm' });
    const screen = new PtyScreen({
      file: process.execPath,
      args: [FLYNN_BIN, 'login', 'openai'],
      env: home.env,
      term: 'xterm',
      cols: 100,
      rows: 30,
    });
    await screen.waitFor(
      'Log in to OpenAI:\n  1) ChatGPT login in the browser\n  2) ChatGPT login with a device code\n  3) Paste an OpenAI API key',
    );
    await screen.waitFor('Choose 1-3 [1]: ');
    screen.write('\u0003');
    expect((await screen.exited).exitCode).toBe(130);
    expect(readStore(home)).toBeUndefined();
  });
});
