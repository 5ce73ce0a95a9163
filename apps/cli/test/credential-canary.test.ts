// Leak canary for the credential commands: distinct canary secrets sit in the config,
// the environment, the store, stdin and a fake `gh`; every command runs through its
// success and error paths (already stored, replaced, 401, refused connection, corrupt
// store, disabled device login) and no canary may appear in any output.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  startOpenAIApiServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { expectNoLeak, refusedUrl, writeStoreText } from './credential-helpers.js';
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
