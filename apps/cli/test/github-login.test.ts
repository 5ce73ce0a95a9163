import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import {
  createTempHome,
  type LoopbackServer,
  sendJson,
  startLoopbackServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runGitHubDeviceFlow } from '../src/credentials/github-device-flow.js';
import { expectRunNoLeak, readStore } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';
import { describeStoreCommand } from './store-command-suite.js';

const GH_TOKEN = 'gho_CANARYr5Tq8Wn2Kz6Xv1Hm4Lp9Bd7e1';
const DEVICE_TOKEN = 'ghu_CANARYc3Vb6Nm9Qw2Er5Ty8Ui1Op4f2';
const PASTED = 'github_pat_CANARYa1Sd4Fg7Hj0Kl3Zx6Cv9Bn2g3';

describeStoreCommand({
  args: ['github-login'],
  provider: 'github',
  field: 'token',
  kind: 'api_key',
  envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
  canaries: [PASTED, 'github_pat_CANARYq2We5Rt8Yu1Io4Pa7Sd0Fg3h4'],
  verify: { server: 'openai', path: '/inference' },
});

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
});
afterEach(() => home.cleanup());

/** A directory holding a fake `gh` that runs `script` (sh) for `gh auth token`. */
function fakeGh(script: string): string {
  const bin = join(home.home, 'bin');
  mkdirSync(bin, { recursive: true });
  const gh = join(bin, 'gh');
  writeFileSync(
    gh,
    `#!/bin/sh\nif [ "$1 $2" != "auth token" ]; then echo "unexpected: $*" >&2; exit 9; fi\n${script}\n`,
  );
  chmodSync(gh, 0o755);
  return bin;
}

describe('flynn github-login --gh', () => {
  it('stores the token `gh auth token` prints, showing only its masked form', async () => {
    const env = { ...home.env, PATH: fakeGh(`echo ${GH_TOKEN}`) };
    const result = await runFlynn(['github-login', '--gh', '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      stored: true,
      provider: 'github',
      fingerprint: maskSecret(GH_TOKEN),
    });
    expect(readStore(home)?.github?.token).toBe(GH_TOKEN);
    expectRunNoLeak(result, [GH_TOKEN]);
  });

  it('fails with gh’s reason (exit 1) when gh has no token, storing nothing', async () => {
    const env = {
      ...home.env,
      PATH: fakeGh('echo "no oauth token found for github.com" >&2; exit 1'),
    };
    const result = await runFlynn(['github-login', '--gh'], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no oauth token found for github.com');
    expect(result.stderr).toContain('gh auth login');
    expect(readStore(home)).toBeUndefined();
  });

  it('fails (exit 1) when gh is not installed', async () => {
    const empty = join(home.home, 'empty-bin');
    mkdirSync(empty);
    const result = await runFlynn(['github-login', '--gh'], { env: { ...home.env, PATH: empty } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not on PATH');
  });

  it('rejects --gh together with --stdin (exit 2)', async () => {
    const result = await runFlynn(['github-login', '--gh', '--stdin'], {
      env: home.env,
      input: PASTED,
    });
    expect(result.code).toBe(2);
    expect(readStore(home)).toBeUndefined();
  });
});

interface DeviceServerOptions {
  /**
   * Answers to successive token polls, before the token. `DROP` closes the connection
   * without an answer; `{ status, ... }` answers with that HTTP status.
   */
  polls: Record<string, unknown>[];
}

/** A poll the server drops: the connection is destroyed before any answer. */
const DROP = { drop: true };

/** GitHub's device flow endpoints, per the wire facts. */
function startGitHubServer(options: DeviceServerOptions): Promise<LoopbackServer> {
  let poll = 0;
  let url = '';
  const server = startLoopbackServer((request, response) => {
    const form = new URLSearchParams(request.body);
    if (request.method === 'POST' && request.pathname === '/login/device/code') {
      if (form.get('client_id') !== 'Iv1.flynn-test') {
        return sendJson(response, 401, { error: 'incorrect_client_credentials' });
      }
      return sendJson(response, 200, {
        device_code: 'dc-0123456789',
        user_code: 'WDJB-MJHT',
        verification_uri: `${url}/login/device`,
        verification_uri_complete: `${url}/login/device?user_code=WDJB-MJHT`,
        expires_in: 900,
        interval: 0,
      });
    }
    if (request.method === 'POST' && request.pathname === '/login/oauth/access_token') {
      const answer = options.polls[poll++];
      if (answer === DROP) return void response.socket?.destroy();
      const { status = 200, ...body } = answer ?? {
        access_token: DEVICE_TOKEN,
        token_type: 'bearer',
      };
      return sendJson(response, Number(status), body);
    }
    sendJson(response, 404, { message: 'Not Found' });
  });
  return server.then((started) => {
    url = started.url;
    return started;
  });
}

describe('flynn github-login --device', () => {
  const deviceEnv = (server: LoopbackServer) => ({
    ...home.env,
    FLYNN_GITHUB_URL: server.url,
    FLYNN_GITHUB_CLIENT_ID: 'Iv1.flynn-test',
  });

  it('shows the URL and code, polls through authorization_pending, and stores the token', async () => {
    const server = await startGitHubServer({ polls: [{ error: 'authorization_pending' }] });
    try {
      const result = await runFlynn(['github-login', '--device', '--no-browser'], {
        env: deviceEnv(server),
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${server.url}/login/device`);
      expect(result.stdout).toContain('WDJB-MJHT');
      // verification_uri_complete, when the server sends one: the code already filled in.
      expect(result.stdout).toContain(`${server.url}/login/device?user_code=WDJB-MJHT`);
      expect(result.stdout).toContain(maskSecret(DEVICE_TOKEN));
      expect(readStore(home)?.github?.token).toBe(DEVICE_TOKEN);
      const polls = server.requests.filter((r) => r.path === '/login/oauth/access_token');
      expect(polls).toHaveLength(2);
      const form = new URLSearchParams(polls[0]!.body);
      expect(Object.fromEntries(form)).toEqual({
        client_id: 'Iv1.flynn-test',
        device_code: 'dc-0123456789',
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      });
      expect(polls[0]!.headers.accept).toBe('application/json');
      expectRunNoLeak(result, [DEVICE_TOKEN]);
    } finally {
      await server.close();
    }
  });

  it('keeps polling through a dropped connection and a 502, then stores the token', async () => {
    const server = await startGitHubServer({
      polls: [DROP, { error: 'authorization_pending' }, { status: 502 }],
    });
    try {
      const result = await runFlynn(['github-login', '--device', '--no-browser', '--json'], {
        env: deviceEnv(server),
      });
      expect(result.stderr).not.toContain('Cannot reach');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ stored: true });
      expect(readStore(home)?.github?.token).toBe(DEVICE_TOKEN);
      const polls = server.requests.filter((r) => r.path === '/login/oauth/access_token');
      expect(polls).toHaveLength(4);
      expectRunNoLeak(result, [DEVICE_TOKEN]);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['nothing set: an empty scope (GitHub Models needs none)', undefined, undefined, ''],
    ['FLYNN_GITHUB_SCOPE', undefined, 'read:user', 'read:user'],
    ['config oauth.github.scope, over the env', 'read:org', 'read:user', 'read:org'],
    ['config oauth.github.scope set empty, over the env', '', 'read:user', ''],
  ])('sends an explicit scope on the device request: %s', async (_name, configured, env, sent) => {
    const server = await startGitHubServer({ polls: [] });
    const config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      `models:\n  default: {provider: github, model: openai/gpt-4.1}\n${
        configured === undefined ? '' : `oauth:\n  github:\n    scope: "${configured}"\n`
      }`,
    );
    try {
      const result = await runFlynn(['--config', config, 'github-login', '--device', '--json'], {
        env: { ...deviceEnv(server), ...(env === undefined ? {} : { FLYNN_GITHUB_SCOPE: env }) },
      });
      expect(result.code).toBe(0);
      const [codeRequest] = server.requests.filter((r) => r.path === '/login/device/code');
      const form = new URLSearchParams(codeRequest!.body);
      expect(form.has('scope')).toBe(true);
      expect(form.get('scope')).toBe(sent);
    } finally {
      await server.close();
    }
  });

  it('takes the client id from config oauth.github.client_id', async () => {
    const server = await startGitHubServer({ polls: [] });
    const config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      'models:\n  default: {provider: github, model: openai/gpt-4.1}\noauth:\n  github:\n    client_id: Iv1.flynn-test\n',
    );
    try {
      const result = await runFlynn(['--config', config, 'github-login', '--device', '--json'], {
        env: { ...home.env, FLYNN_GITHUB_URL: server.url },
      });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ stored: true });
      expect(result.stderr).toContain('WDJB-MJHT');
      expect(readStore(home)?.github?.token).toBe(DEVICE_TOKEN);
    } finally {
      await server.close();
    }
  });

  it.each([
    ['access_denied', /denied/],
    ['expired_token', /expired/],
    ['device_flow_disabled', /device_flow_disabled/],
  ])('ends with exit 1 on %s, storing nothing', async (error, message) => {
    const server = await startGitHubServer({ polls: [{ error }] });
    try {
      const result = await runFlynn(['github-login', '--device'], { env: deviceEnv(server) });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('internal error');
      expect(readStore(home)).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('asks for a client id (exit 2) when none is configured', async () => {
    const result = await runFlynn(['github-login', '--device'], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FLYNN_GITHUB_CLIENT_ID');
    expect(result.stderr).toContain('oauth.github.client_id');
  });
});

describe('runGitHubDeviceFlow', () => {
  it('waits the interval between polls and adds 5 s on slow_down', async () => {
    const server = await startGitHubServer({
      polls: [
        { error: 'authorization_pending' },
        { error: 'slow_down' },
        { error: 'slow_down', interval: 30 },
      ],
    });
    const waits: number[] = [];
    try {
      const token = await runGitHubDeviceFlow({
        baseUrl: server.url,
        clientId: 'Iv1.flynn-test',
        sleep: async (ms) => {
          waits.push(ms);
        },
        onCode: () => {},
      });
      expect(token).toBe(DEVICE_TOKEN);
      // interval 0 from the server; +5 s per slow_down, or the server's larger interval.
      expect(waits).toEqual([0, 0, 5000, 30_000]);
    } finally {
      await server.close();
    }
  });

  it('ends with DEVICE_LOGIN_EXPIRED when polls keep failing on the network until the code expires', async () => {
    let polls = 0;
    const login = runGitHubDeviceFlow({
      baseUrl: 'https://github.example',
      clientId: 'Iv1.flynn-test',
      fetch: async (input) => {
        if (String(input).endsWith('/login/device/code')) {
          return Response.json({
            device_code: 'dc',
            user_code: 'ABCD-EFGH',
            verification_uri: 'https://github.example/login/device',
            expires_in: 1,
            interval: 0,
          });
        }
        polls += 1;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(ms, 50))),
      onCode: () => {},
    });
    await expect(login).rejects.toMatchObject({ code: 'DEVICE_LOGIN_EXPIRED' });
    expect(polls).toBeGreaterThan(1);
  });

  it('rejects with DEVICE_LOGIN_ABORTED when the signal fires while waiting', async () => {
    const server = await startGitHubServer({ polls: [] });
    const controller = new AbortController();
    try {
      const login = runGitHubDeviceFlow({
        baseUrl: server.url,
        clientId: 'Iv1.flynn-test',
        signal: controller.signal,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            if (signal?.aborted) reject(signal.reason);
            signal?.addEventListener('abort', reject);
          }),
        onCode: () => controller.abort(),
      });
      await expect(login).rejects.toMatchObject({ code: 'DEVICE_LOGIN_ABORTED' });
    } finally {
      await server.close();
    }
  });
});

describe('a GitHub token that GitHub Models refuses', () => {
  it('--verify (401) names the `models: read` permission as the fix, and stores nothing', async () => {
    const server = await startOpenAIApiServer({ apiKeys: ['github_pat_CANARYother0000000000000'] });
    try {
      const result = await runFlynn(
        ['github-login', '--stdin', '--verify', '--base-url', `${server.url}/inference`],
        { env: home.env, input: PASTED },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('`models: read`');
      expect(readStore(home)).toBeUndefined();
      expectRunNoLeak(result, [PASTED]);
    } finally {
      await server.close();
    }
  });

  it('ask (403) names the `models: read` permission as the fix', async () => {
    const server = await startOpenAIApiServer({ errorStatus: 403 });
    const config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      `models:\n  default: { provider: github, model: openai/gpt-4.1, base_url: "${server.url}/inference" }\n`,
    );
    try {
      const result = await runFlynn(['--config', config, 'ask', 'hi'], {
        env: { ...home.env, GH_TOKEN: PASTED },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/rejected the credential/);
      expect(result.stderr).toContain('`models: read`');
      expectRunNoLeak(result, [PASTED]);
    } finally {
      await server.close();
    }
  });
});
