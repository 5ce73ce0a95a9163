// The device logins' wait on a terminal and in a pipe. On a terminal (a pty) the URL and
// code are shown and one stderr line counts down the time left; in a pipe the URL and code
// are printed and nothing else of the wait. The GitHub server answers
// `authorization_pending` until the test releases it, so the line is seen while the login
// is really waiting (the browser login's terminal wait is in openai-browser-login.test.ts).
import {
  createTempHome,
  type LoopbackServer,
  PtyScreen,
  plainText,
  sendJson,
  startLoopbackServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStore } from './credential-helpers.js';
import { FLYNN_BIN, runFlynn } from './run-flynn.js';

const DEVICE_TOKEN = 'ghu_CANARYw4Rt7Yu0Io3Pa6Sd9Fg2Hj5k8';
let home: TempHome;
let approve: () => void = () => {};
let approved = false;

/** GitHub's device endpoints; polls are pending until `approve()`. */
async function startGitHub(): Promise<LoopbackServer> {
  let url = '';
  const server = await startLoopbackServer((request, response) => {
    if (request.pathname === '/login/device/code') {
      return sendJson(response, 200, {
        device_code: 'dc-wait-0001',
        user_code: 'WAIT-CODE',
        verification_uri: `${url}/login/device`,
        expires_in: 900,
        interval: 0,
      });
    }
    if (request.pathname === '/login/oauth/access_token') {
      return approved
        ? sendJson(response, 200, { access_token: DEVICE_TOKEN, token_type: 'bearer' })
        : sendJson(response, 200, { error: 'authorization_pending' });
    }
    sendJson(response, 404, { message: 'Not Found' });
  });
  url = server.url;
  return server;
}

beforeEach(() => {
  home = createTempHome();
  approved = false;
  approve = () => {
    approved = true;
  };
});
afterEach(() => home.cleanup());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['github-login', '--device', '--no-browser'],
  ['login', 'github', '--device', '--no-browser'],
])('flynn %s %s %s', (...args) => {
  const command = args.filter(Boolean);
  const env = (server: LoopbackServer) => ({
    ...home.env,
    FLYNN_GITHUB_URL: server.url,
    FLYNN_GITHUB_CLIENT_ID: 'Iv1.flynn-test',
  });

  it('on a terminal: the URL, the code and the time left while it waits, erased after', async () => {
    const server = await startGitHub();
    try {
      const screen = new PtyScreen({
        file: process.execPath,
        args: [FLYNN_BIN, ...command],
        env: env(server),
        cols: 120,
        rows: 30,
      });
      await screen.waitFor(`${server.url}/login/device`);
      await screen.waitFor('WAIT-CODE');
      await screen.waitFor(/Waiting for approval\.\.\. 1[45]:\d\d left \(Ctrl-C to cancel\)/);
      approve();
      expect(await screen.exit(20_000)).toBe(0);
      const raw = screen.raw;
      const erased = raw.lastIndexOf('\r\u001b[2K');
      expect(erased).toBeGreaterThan(raw.indexOf('Waiting for approval'));
      expect(raw.indexOf('Stored')).toBeGreaterThan(erased);
      expect(plainText(raw)).not.toContain(DEVICE_TOKEN);
      expect(readStore(home)?.github?.token).toBe(DEVICE_TOKEN);
    } finally {
      await server.close();
    }
  });

  it('in a pipe: the URL and code, and nothing of the wait', async () => {
    const server = await startGitHub();
    try {
      const run = runFlynn(command, { env: env(server) });
      await sleep(1_500); // many pending polls: a terminal would be showing the line by now
      approve();
      const done = await run;
      expect(done.code).toBe(0);
      expect(done.stdout).toContain(`${server.url}/login/device`);
      expect(done.stdout).toContain('WAIT-CODE');
      expect(done.stderr).not.toContain('Waiting');
      expect(done.stdout).not.toContain('Waiting');
    } finally {
      await server.close();
    }
  });
});

describe('flynn login openai --device', () => {
  it('on a terminal: the URL and the time left; in a pipe: the URL only', async () => {
    const auth = await startOpenAIAuthServer({ interval: '1', pendingPolls: 2 });
    const env = { ...home.env, FLYNN_OPENAI_ISSUER: auth.issuer };
    try {
      const screen = new PtyScreen({
        file: process.execPath,
        args: [FLYNN_BIN, 'login', 'openai', '--device', '--no-browser'],
        env,
        cols: 120,
        rows: 30,
      });
      await screen.waitFor(`${auth.issuer}/codex/device`);
      // Drawn when the code is shown, before the first poll: the server is still pending.
      await screen.waitFor(/Waiting for approval\.\.\. \d+:\d\d left \(Ctrl-C to cancel\)/);
      expect(await screen.exit(20_000)).toBe(0);
      expect(screen.text).toContain('Logged in to ChatGPT');

      const piped = await runFlynn(['login', 'openai', '--device', '--no-browser', '--replace'], {
        env,
      });
      expect(piped.code).toBe(0);
      expect(piped.stdout).toContain(`${auth.issuer}/codex/device`);
      expect(piped.stderr).not.toContain('Waiting');
    } finally {
      await auth.close();
    }
  });
});
