// `flynn login openai --browser`: the ChatGPT login in the browser, end to end against the
// test kit's issuer. The browser is either the test itself (visitAsBrowser, which follows
// the issuer's redirect to Flynn's callback) or, in the first test, a real headless Chromium
// that Flynn launches through FLYNN_BROWSER.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { maskSecret } from '@flynn/auth-store';
import {
  type BinProcess,
  createTempHome,
  findSecretPiece,
  type OpenAIAuthServer,
  type OpenAIAuthServerOptions,
  PtyScreen,
  startCodexBackendServer,
  startOpenAIAuthServer,
  type TempHome,
  visitAsBrowser,
} from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak, modeOf, readStore, storePath } from './credential-helpers.js';
import { FLYNN_BIN, type FlynnRun, runFlynn, startFlynn } from './run-flynn.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) =>
  existsSync(path),
);

let home: TempHome;
let auth: OpenAIAuthServer;
const cleanups: Array<() => unknown> = [];
beforeEach(async () => {
  home = createTempHome();
  auth = await startOpenAIAuthServer();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await auth.close();
  home.cleanup();
});

async function useAuth(options: OpenAIAuthServerOptions) {
  await auth.close();
  auth = await startOpenAIAuthServer(options);
}

/** The env of a login: the kit's issuer, a free callback port, no browser. */
const loginEnv = (extra: NodeJS.ProcessEnv = {}) => ({
  ...home.env,
  FLYNN_OPENAI_ISSUER: auth.issuer,
  FLYNN_OPENAI_CALLBACK_PORT: '0',
  ...extra,
});

type StoredOAuth = {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  account_id?: string;
};
const storedOAuth = () => readStore(home)?.openai?.oauth as StoredOAuth | undefined;

/** The authorize URL a running login printed (on stdout, or stderr with --json). */
async function printedUrl(login: BinProcess): Promise<string> {
  const pattern = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)\n/;
  for (let i = 0; i < 500; i++) {
    const found = pattern.exec(login.stdout) ?? pattern.exec(login.stderr);
    if (found) return found[1]!;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no authorize URL printed:\n${login.stdout}\n${login.stderr}`);
}

/** Every secret of a login that must never be printed: tokens, the code, the verifier. */
function loginSecrets(): string[] {
  const tokens = storedOAuth();
  const exchange = auth.requests.find((request) => request.path === '/oauth/token');
  const form = new URLSearchParams(exchange?.body ?? '');
  return [
    tokens?.access_token,
    tokens?.refresh_token,
    tokens?.id_token,
    form.get('code'),
    form.get('code_verifier'),
  ].filter((value): value is string => Boolean(value));
}

function expectNothingStored(run: FlynnRun) {
  expect(run.code).toBe(1);
  expect(readStore(home)?.openai?.oauth).toBeUndefined();
  expect(run.stderr).not.toContain('internal error');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const tokenExchanges = () => auth.requests.filter((request) => request.path === '/oauth/token');

describe('flynn login openai --browser with a real headless Chromium', () => {
  it('Chromium opens the printed URL, the issuer redirects to the callback, the page says so, and flynn ask uses the login', async () => {
    // Not skipped when missing: .ci/run installs Debian's chromium, and this is the acceptance test.
    if (!CHROMIUM) throw new Error('chromium is not installed (apt-get install chromium)');
    const dir = join(home.home, 'chromium');
    mkdirSync(dir);
    const page = join(dir, 'page.html');
    const pidFile = join(dir, 'pid');
    // FLYNN_BROWSER is run with the URL as its one argument, without a shell; this wrapper
    // gives Chromium a fresh profile and keeps the DOM as Chromium rendered it after the
    // redirect to Flynn's callback.
    const browser = join(dir, 'browser.sh');
    writeFileSync(
      browser,
      [
        '#!/bin/sh',
        `'${CHROMIUM}' --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \\`,
        '  --disable-background-networking --disable-component-update --disable-sync \\',
        `  --user-data-dir='${join(dir, 'profile')}' --dump-dom "$1" > '${page}.part' 2> '${join(dir, 'chromium.log')}' &`,
        `echo $! > '${pidFile}'`,
        `wait $! && mv '${page}.part' '${page}'`,
        '',
      ].join('\n'),
      { mode: 0o755 },
    );
    cleanups.push(() => {
      try {
        // An empty file would give pid 0, which signals the whole process group: the tests too.
        const pid = Number(readFileSync(pidFile, 'utf8'));
        if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    });
    const codex = await startCodexBackendServer({
      auth,
      text: 'Hello through the browser login',
    });
    cleanups.push(() => codex.close());
    const env = loginEnv({ FLYNN_BROWSER: browser, FLYNN_OPENAI_CODEX_URL: codex.baseURL });

    const login = await runFlynn(['login', 'openai', '--browser'], { env, timeoutMs: 30_000 });
    expect(login.stderr).not.toContain('error');
    expect(login.code).toBe(0);
    expect(login.stdout).toMatch(
      /open this page in a browser:\n\n {2}http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?/,
    );
    expect(login.stdout).toContain('(Opening it in your browser.)');
    expect(login.stdout).toContain('Logged in to ChatGPT');

    // The callback page, as Chromium rendered it.
    for (let i = 0; i < 300 && !existsSync(page); i++) await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(page)) {
      const log = join(dir, 'chromium.log');
      throw new Error(
        `Chromium left no page; its log:\n${existsSync(log) ? readFileSync(log, 'utf8') : '(none)'}\nflynn: ${login.stdout}\n${login.stderr}`,
      );
    }
    const rendered = readFileSync(page, 'utf8');
    const text = rendered.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Signed in to ChatGPT');
    expect(text).toContain('Flynn has stored your ChatGPT login.');
    expect(text).toContain('You can close this window and go back to the terminal.');
    expect(rendered).toMatch(/<title>Flynn: Signed in to ChatGPT<\/title>/);

    // Chromium went to the issuer's authorize page, then (redirected) to the callback.
    const authorize = auth.requests.find((request) => request.path.startsWith('/oauth/authorize'));
    expect(authorize?.headers['user-agent']).toMatch(/Chrome/);
    const exchange = new URLSearchParams(tokenExchanges()[0]!.body);
    expect(exchange.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+\/auth\/callback$/);

    const tokens = storedOAuth()!;
    expect(tokens.account_id).toBe(auth.accountId);
    expect(auth.isValidAccessToken(tokens.access_token)).toBe(true);
    expect(modeOf(storePath(home))).toBe(0o600);
    expect(login.stdout).toContain(maskSecret(tokens.access_token));
    expectRunNoLeak(login, loginSecrets());
    expect(rendered).not.toContain(exchange.get('code')!);

    const config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      'models:\n  default: {provider: openai, model: gpt-5, auth_mode: oauth}\n',
    );
    const ask = await runFlynn(['--config', config, 'ask', 'hi'], { env });
    expect(ask.stderr).toBe('');
    expect(ask.code).toBe(0);
    expect(ask.stdout).toContain('Hello through the browser login');
    expect(codex.requests[0]?.headers.authorization).toBe(`Bearer ${tokens.access_token}`);
    expect(codex.requests[0]?.headers['chatgpt-account-id']).toBe(auth.accountId);
    expectRunNoLeak(ask, loginSecrets());
  }, 40_000);
});

describe('flynn login openai --browser', () => {
  it('--no-browser --json: the URL on stderr, one JSON object on stdout, the same store entry as the device login', async () => {
    const login = startFlynn(['login', 'openai', '--no-browser', '--json'], { env: loginEnv() });
    const url = await printedUrl(login);
    expect(login.stderr).toContain('paste it here');
    const page = await visitAsBrowser(url);
    expect(page.status).toBe(200);
    const run = await login.done;
    expect(run.code).toBe(0);
    const tokens = storedOAuth()!;
    expect(JSON.parse(run.stdout)).toMatchObject({
      stored: true,
      provider: 'openai',
      kind: 'oauth_tokens',
      method: 'browser',
      account_id: auth.accountId,
      fingerprint: maskSecret(tokens.access_token),
      path: storePath(home),
    });
    expect(Object.keys(readStore(home)!.openai!)).toEqual(['oauth']);
    expect(Object.keys(tokens).sort()).toEqual(
      [
        'access_token',
        'account_id',
        'expires_at',
        'id_token',
        'last_refresh',
        'refresh_token',
      ].sort(),
    );
    expectRunNoLeak(run, loginSecrets());
  });

  it('--profile work: the tokens land in openai:work.oauth and the report names the profile (issue 17)', async () => {
    const login = startFlynn(['login', 'openai', '--no-browser', '--json', '--profile', 'work'], {
      env: loginEnv(),
    });
    const page = await visitAsBrowser(await printedUrl(login));
    expect(page.status).toBe(200);
    const run = await login.done;
    expect(run.code, run.stderr).toBe(0);
    const store = readStore(home);
    const tokens = store?.['openai:work']?.oauth as StoredOAuth;
    expect(auth.isValidAccessToken(tokens.access_token)).toBe(true);
    expect(store?.openai).toBeUndefined();
    expect(JSON.parse(run.stdout)).toMatchObject({
      stored: true,
      method: 'browser',
      profile: 'work',
      fingerprint: maskSecret(tokens.access_token),
    });
    expectRunNoLeak(run, [tokens.access_token, tokens.refresh_token]);
  });

  it('a callback with another state: exit 1, a clear message, no exchange, nothing stored', async () => {
    const login = startFlynn(['login', 'openai', '--no-browser'], { env: loginEnv() });
    const page = await visitAsBrowser(await printedUrl(login), {
      rewrite: (url) => url.searchParams.set('state', 'someone-elses-state'),
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain('Sign-in failed');
    const run = await login.done;
    expectNothingStored(run);
    expect(run.stderr).toContain('belongs to another login (its state does not match');
    expect(tokenExchanges()).toHaveLength(0);
  });

  it('error=access_denied: exit 1, the sanitized reason, nothing stored', async () => {
    await useAuth({
      authorizeError: { error: 'access_denied', description: 'The user said no\u001b[2J' },
    });
    const login = startFlynn(['login', 'openai', '--no-browser'], { env: loginEnv() });
    const page = await visitAsBrowser(await printedUrl(login));
    expect(page.text).toContain('cancelled or refused in the browser');
    const run = await login.done;
    expectNothingStored(run);
    expect(run.stderr).toContain(
      'cancelled or refused in the browser (access_denied: The user said no',
    );
    expect(run.stderr).not.toContain('\u001b[2J');
    expect(run.stderr).toContain('flynn login openai --browser');
  });

  it('a port already in use: exit 1 at once, naming the port, nothing stored', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as { port: number }).port;
    const run = await runFlynn(['login', 'openai', '--browser'], {
      env: loginEnv({ FLYNN_OPENAI_CALLBACK_PORT: String(port) }),
    });
    expectNothingStored(run);
    expect(run.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(run.stderr).toContain('flynn login openai --device');
    expect(run.stdout).not.toContain('/oauth/authorize');
  });

  it('no answer within --timeout: exit 1, nothing stored, the callback server gone', async () => {
    const login = startFlynn(['login', 'openai', '--no-browser', '--timeout', '1'], {
      env: loginEnv(),
    });
    const url = await printedUrl(login);
    const callback = new URL(new URL(url).searchParams.get('redirect_uri')!);
    callback.hostname = '127.0.0.1';
    const run = await login.done;
    expectNothingStored(run);
    expect(run.stderr).toContain('No answer from the browser arrived within 1 s');
    expect(run.stderr).not.toContain('Waiting'); // progress is for terminals only
    await expect(fetch(callback)).rejects.toThrow();
  });

  it('Ctrl-C while waiting: exit 130, nothing stored, the callback server gone', async () => {
    const login = startFlynn(['login', 'openai', '--no-browser'], { env: loginEnv() });
    const url = await printedUrl(login);
    login.child.kill('SIGINT');
    const run = await login.done;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('Cancelled; nothing was stored.');
    expect(readStore(home)).toBeUndefined();
    const callback = new URL(new URL(url).searchParams.get('redirect_uri')!);
    callback.hostname = '127.0.0.1';
    await expect(fetch(callback)).rejects.toThrow();
  });

  it('--no-browser takes the redirect address pasted on stdin', async () => {
    const login = startFlynn(['login', 'openai', '--no-browser'], {
      env: loginEnv(),
      openStdin: true,
    });
    const authorize = await fetch(await printedUrl(login), { redirect: 'manual' });
    const address = authorize.headers.get('location')!;
    login.child.stdin.write('not the address\n');
    login.child.stdin.write(`${address}\n`);
    const run = await login.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('neither the address the browser ended at nor a code');
    expect(storedOAuth()?.account_id).toBe(auth.accountId);
    expectRunNoLeak(run, loginSecrets());
  });

  it('--no-browser takes a bare code pasted on stdin', async () => {
    const login = startFlynn(['login', 'openai', '--browser', '--no-browser'], {
      env: loginEnv(),
      openStdin: true,
    });
    const authorize = await fetch(await printedUrl(login), { redirect: 'manual' });
    const code = new URL(authorize.headers.get('location')!).searchParams.get('code')!;
    login.child.stdin.end(`${code}\n`);
    const run = await login.done;
    expect(run.code).toBe(0);
    expect(storedOAuth()?.account_id).toBe(auth.accountId);
    expect(new URLSearchParams(tokenExchanges()[0]!.body).get('code')).toBe(code);
    expectRunNoLeak(run, loginSecrets());
  });

  it('a PKCE verifier the issuer rejects: exit 1, its reason, nothing stored', async () => {
    const login = startFlynn(['login', 'openai', '--no-browser'], { env: loginEnv() });
    // The browser reaches the issuer with another challenge than Flynn's verifier answers.
    await visitAsBrowser(await printedUrl(login), {
      rewrite: (url) => url.searchParams.set('code_challenge', 'A'.repeat(43)),
    });
    const run = await login.done;
    expectNothingStored(run);
    expect(run.stderr).toContain(
      'refused to exchange the code for tokens (HTTP 400, invalid_grant)',
    );
    expect(run.stderr).toContain('code_verifier does not match');
    expect(tokenExchanges()).toHaveLength(1);
    expectRunNoLeak(run, loginSecrets());
  });

  it('a login already stored is kept unless --replace, without starting a server', async () => {
    const first = startFlynn(['login', 'openai', '--no-browser'], { env: loginEnv() });
    await visitAsBrowser(await printedUrl(first));
    expect((await first.done).code).toBe(0);
    const stored = storedOAuth()!;
    const again = await runFlynn(['login', 'openai', '--browser'], { env: loginEnv() });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('A ChatGPT login is already stored');
    expect(again.stdout).toContain('flynn login openai --browser --replace');
    expect(storedOAuth()).toEqual(stored);
    const replaced = startFlynn(['login', 'openai', '--no-browser', '--replace'], {
      env: loginEnv(),
    });
    await visitAsBrowser(await printedUrl(replaced));
    expect((await replaced.done).code).toBe(0);
    expect(storedOAuth()!.refresh_token).not.toBe(stored.refresh_token);
  });

  it('on a terminal, --no-browser takes the pasted address at a hidden prompt: the code never shows', async () => {
    const screen = new PtyScreen({
      file: process.execPath,
      args: [FLYNN_BIN, 'login', 'openai', '--no-browser'],
      env: loginEnv({ TERM: 'xterm' }),
      term: 'xterm',
      cols: 1000,
      rows: 30,
    });
    const shown = await screen.waitFor(
      /Waiting for the browser\.\.\. \d+:\d\d left \(paste here, Ctrl-C to cancel\)/,
    );
    const url = /(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)/.exec(shown)![1]!;
    const authorize = await fetch(url, { redirect: 'manual' });
    const address = authorize.headers.get('location')!;
    const code = new URL(address).searchParams.get('code')!;
    screen.write(`\u001b[200~${address}\u001b[201~`);
    screen.write('\r');
    expect((await screen.exited).exitCode).toBe(0);
    expect(screen.text).toContain('Logged in to ChatGPT');
    expect(storedOAuth()?.account_id).toBe(auth.accountId);
    expect(findSecretPiece(screen.raw, code, 8)).toBeUndefined();
    for (const secret of loginSecrets())
      expect(findSecretPiece(screen.raw, secret, 12)).toBeUndefined();
  });
});
