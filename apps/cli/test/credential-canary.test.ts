// Leak canary for the credential commands: distinct canary secrets sit in the config,
// the environment, the store, stdin and a fake `gh`; every command runs through its
// success and error paths (already stored, replaced, 401, refused connection, corrupt
// store, disabled device login) and no canary may appear in any output.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  type EchoCredential,
  startAnthropicServer,
  startOpenAIApiServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  expectNoEchoLeak,
  expectNoLeak,
  readStore,
  refusedUrl,
  writeStoreText,
} from './credential-helpers.js';
import { type FlynnRun, runFlynn } from './run-flynn.js';

const canary = (tag: string) => `sk-proj-CANARY${tag}Qz8Wv3Kx6Jm9Hb2`;
const CONFIG = { openai: canary('cfgA'), anthropic: canary('cfgB') };
const ENV = {
  OPENAI_API_KEY: canary('envA'),
  ANTHROPIC_API_KEY: canary('envB'),
  ANTHROPIC_AUTH_TOKEN: canary('envC'),
  ZAI_API_KEY: canary('envD'),
  GH_TOKEN: canary('envE'),
  GITHUB_TOKEN: canary('envF'),
};
const STORE = {
  version: 1,
  openai: {
    api_key: canary('stoA'),
    oauth: { access_token: canary('stoB'), refresh_token: canary('stoC'), account_id: 'a' },
  },
  anthropic: { api_key: canary('stoD'), auth_token: canary('stoE') },
  zai: { api_key: canary('stoF') },
  github: { token: canary('stoG') },
};
const STDIN = canary('stdin');
const GH = canary('ghcli');
const ALL = [
  ...Object.values(CONFIG),
  ...Object.values(ENV),
  STORE.openai.api_key,
  STORE.openai.oauth.access_token,
  STORE.openai.oauth.refresh_token,
  STORE.anthropic.api_key,
  STORE.anthropic.auth_token,
  STORE.zai.api_key,
  STORE.github.token,
  STDIN,
  GH,
];

const STORE_COMMANDS = [
  ['openai-key'],
  ['anthropic-auth'],
  ['anthropic-token'],
  ['anthropic-auth', '--token'],
  ['zai-key'],
  ['github-login'],
];

let home: TempHome;
let config: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = createTempHome();
  config = join(home.home, 'config.yaml');
  writeFileSync(
    config,
    `models:\n  default: {provider: openai, model: m, api_key: "${CONFIG.openai}"}\n` +
      `  fast: {provider: anthropic, model: m, auth_token: "${CONFIG.anthropic}"}\n` +
      'oauth:\n  github: {client_id: Iv1.canary}\n',
  );
  const bin = join(home.home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho ${GH}\n`);
  chmodSync(join(bin, 'gh'), 0o755);
  env = { ...home.env, ...ENV, PATH: bin };
});
afterEach(() => home.cleanup());

it('no canary appears in any output of any credential command', async () => {
  const runs: FlynnRun[] = [];
  const flynn = async (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const result = await runFlynn(['--config', config, ...args], {
      env: { ...env, ...extraEnv },
      input: STDIN,
    });
    runs.push(result);
    return result;
  };
  const rejecting = await startOpenAIApiServer({ apiKeys: ['sk-proj-only-this-one-works'] });
  const disabled = await startOpenAIAuthServer({ deviceLoginEnabled: false });
  try {
    writeStoreText(home, JSON.stringify(STORE));
    const rejected = ['--verify', '--base-url', `${rejecting.url}/v1`];
    const refused = ['--verify', '--base-url', await refusedUrl()];
    // Nothing below writes the store, so the commands can run side by side.
    await Promise.all(
      STORE_COMMANDS.map(async (command) => {
        expect((await flynn([...command, '--stdin'])).code).toBe(0); // already stored
        expect((await flynn([...command, ...rejected, '--json'])).code).toBe(1); // stored one, 401
        expect((await flynn([...command, '--stdin', '--replace', ...rejected])).code).toBe(1);
        expect((await flynn([...command, '--stdin', '--replace', ...refused, '--json'])).code).toBe(
          1,
        );
      }),
    );
    expect((await flynn(['github-login', '--gh', '--replace', '--json'])).code).toBe(0);
    const github = { FLYNN_GITHUB_URL: await refusedUrl('') };
    expect((await flynn(['github-login', '--device', '--replace'], github)).code).toBe(1);
    expect((await flynn(['openai-login', '--json'])).code).toBe(0); // already stored
    const issuer = { FLYNN_OPENAI_ISSUER: disabled.issuer };
    expect((await flynn(['openai-login', '--replace'], issuer)).code).toBe(1);
    expect((await flynn(['logout', 'openai'])).code).toBe(2);
    for (const provider of ['openai', 'anthropic', 'zai', 'github']) {
      expect((await flynn(['logout', provider, '--all', '--json'])).code).toBe(0);
    }
    for (const command of STORE_COMMANDS) {
      expect((await flynn([...command, '--stdin', '--json'])).code).toBe(0); // stored
    }

    writeStoreText(home, `${JSON.stringify(STORE).slice(0, -20)}`);
    const commands = [
      ...STORE_COMMANDS.map((c) => [...c, '--stdin']),
      ['openai-login'],
      ['logout', 'zai'],
    ];
    for (const command of commands) {
      const result = await flynn(command);
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain('internal error');
    }
  } finally {
    await rejecting.close();
    await disabled.close();
  }
  expectNoLeak(
    runs.flatMap((run) => [run.stdout, run.stderr]),
    ALL,
  );
}, 120_000);

// Servers that echo the rejected credential in their 401 message, whole or truncated
// (`sk-proj-ABCD...WXYZ`, as OpenAI has done): what reaches the output must be redacted
// by Flynn, whatever the server says.
describe.each(['full', 'truncated'] as const satisfies readonly EchoCredential[])(
  'a server that echoes the key on 401 (%s)',
  (mode) => {
    const ECHO = {
      openai: 'sk-proj-Qm7Vx2CANARYecho9Tz4Nc8Hb5Kd1Wf6Jp3Ys0AeR4',
      anthropic: 'sk-ant-api03-Lw3Gk8CANARYecho5Rb2Xh7Mv4Dq9Cn6Fs1Ut0Zy',
    };

    it('flynn ask (text and --json) and openai-key / anthropic-auth --verify print none of it', async () => {
      const openai = await startOpenAIApiServer({
        apiKeys: ['sk-proj-onlyThisOneWorks000000000000'],
        echoCredential: mode,
      });
      const anthropic = await startAnthropicServer({
        apiKeys: ['sk-ant-api03-onlyThisOneWorks00000000'],
        echoCredential: mode,
      });
      try {
        const file = join(home.home, 'echo.yaml');
        writeFileSync(
          file,
          'models:\n' +
            `  default: {provider: openai, model: gpt-5, base_url: "${openai.baseURL}"}\n` +
            `  fast: {provider: anthropic, model: claude-sonnet-4-5, base_url: "${anthropic.baseURL}"}\n`,
        );
        const askEnv = {
          ...home.env,
          OPENAI_API_KEY: ECHO.openai,
          ANTHROPIC_API_KEY: ECHO.anthropic,
        };
        const store = (args: string[], input: string) =>
          runFlynn([...args, '--stdin', '--verify'], { env: home.env, input });
        const runs = await Promise.all([
          runFlynn(['--config', file, 'ask', 'hi'], { env: askEnv }),
          runFlynn(['--config', file, 'ask', '--json', 'hi'], { env: askEnv }),
          runFlynn(['--config', file, 'ask', '--tier', 'fast', 'hi'], { env: askEnv }),
          runFlynn(['--config', file, 'ask', '--tier', 'fast', '--json', 'hi'], { env: askEnv }),
          store(['openai-key', '--base-url', openai.baseURL], ECHO.openai),
          store(['openai-key', '--base-url', openai.baseURL, '--json'], ECHO.openai),
          // No --base-url: the endpoint comes from the config's OpenAI tier.
          store(['--config', file, 'openai-key'], ECHO.openai),
          store(['anthropic-auth', '--base-url', anthropic.baseURL], ECHO.anthropic),
          store(['--config', file, 'anthropic-auth', '--json'], ECHO.anthropic),
        ]);
        expect(runs.map((run) => run.code)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
        expect(readStore(home)).toBeUndefined();
        // The servers' messages were relayed (redacted), so the redaction is what is tested.
        const stderr = runs.map((run) => run.stderr).join('\n');
        expect(stderr).toContain('Incorrect API key provided');
        expect(stderr).toContain('invalid x-api-key');
        expect(runs[5]?.stdout).toContain('Incorrect API key provided');
        expect(openai.requests.length).toBeGreaterThanOrEqual(5);
        expect(anthropic.requests.length).toBeGreaterThanOrEqual(4);
        const texts = runs.flatMap((run) => [run.stdout, run.stderr]);
        expect(texts.join('\n')).not.toContain('CANARY');
        expectNoEchoLeak(texts, Object.values(ECHO));
      } finally {
        await openai.close();
        await anthropic.close();
      }
    }, 60_000);
  },
);
