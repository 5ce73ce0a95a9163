import { stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { visitAsBrowser } from '@flynn/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { isModelError } from '../model-error.js';
import {
  type BrowserLoginOptions,
  openAICallbackPort,
  parsePastedAnswer,
  startBrowserLogin,
} from './login-with-browser.js';
import { codeChallenge } from './pkce.js';
import { type OAuthWorld, startOAuthWorld } from './test-support.js';

let world: OAuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function start(
  auth: Parameters<typeof startOAuthWorld>[0] = {},
  options: Partial<BrowserLoginOptions> = {},
) {
  world = await startOAuthWorld(auth);
  const login = await startBrowserLogin({
    settings: world.settings,
    storePath: world.storePath,
    env: world.env,
    port: 0,
    ...options,
  });
  return { world, login };
}

const tokenRequests = (w: OAuthWorld) =>
  w.auth.requests.filter((request) => request.path === '/oauth/token');
const failureOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; reason?: string; message: string };
  }
  throw new Error('expected the login to fail');
};
const storeExists = async (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('startBrowserLogin', () => {
  it('sends the PKCE authorize URL, takes the callback, exchanges with the verifier and stores 0600', async () => {
    const { world: w, login } = await start();
    const authorize = new URL(login.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${w.auth.issuer}/oauth/authorize`);
    const query = authorize.searchParams;
    expect(login.redirectUri).toMatch(/^http:\/\/localhost:\d+\/auth\/callback$/);
    expect(Object.fromEntries(query)).toMatchObject({
      response_type: 'code',
      client_id: w.settings.clientId,
      redirect_uri: login.redirectUri,
      scope: 'openid profile email offline_access',
      code_challenge_method: 'S256',
      id_token_add_organizations: 'true',
      codex_cli_simplified_flow: 'true',
      originator: 'flynn',
    });
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const page = await visitAsBrowser(login.authorizeUrl);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Signed in to ChatGPT');
    expect(page.text).toContain('You can close this window');
    const tokens = await login.result;
    expect(tokens.account_id).toBe(w.auth.accountId);
    expect(w.auth.isValidAccessToken(tokens.access_token)).toBe(true);
    expect(await w.stored()).toMatchObject({ account_id: w.auth.accountId });
    expect((await stat(w.storePath)).mode & 0o777).toBe(0o600);

    const [exchange] = tokenRequests(w);
    const form = new URLSearchParams(exchange!.body);
    expect(exchange!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('redirect_uri')).toBe(login.redirectUri);
    expect(form.get('client_id')).toBe(w.settings.clientId);
    expect(codeChallenge(form.get('code_verifier')!)).toBe(query.get('code_challenge'));
    // Neither the verifier nor the code is in the URL, the page, or the result's inspection.
    expect(login.authorizeUrl).not.toContain(form.get('code_verifier')!);
    expect(page.text).not.toContain(form.get('code')!);
    expect(inspect(login)).not.toContain(form.get('code_verifier')!);

    // Served once: the server has stopped.
    await expect(
      fetch(new URL(login.redirectUri.replace('localhost', '127.0.0.1'))),
    ).rejects.toThrow();
  });

  it('two logins get different verifiers and states', async () => {
    const controller = new AbortController();
    const { login } = await start({}, { signal: controller.signal });
    const other = await startBrowserLogin({
      settings: world!.settings,
      env: world!.env,
      port: 0,
      signal: controller.signal,
    });
    const a = new URL(login.authorizeUrl).searchParams;
    const b = new URL(other.authorizeUrl).searchParams;
    expect(a.get('state')).not.toBe(b.get('state'));
    expect(a.get('code_challenge')).not.toBe(b.get('code_challenge'));
    controller.abort();
    await Promise.all([failureOf(login.result), failureOf(other.result)]);
  });

  it('a wrong state ends the login before any exchange: page says so, nothing stored', async () => {
    const { world: w, login } = await start();
    const page = await visitAsBrowser(login.authorizeUrl, {
      rewrite: (url) => url.searchParams.set('state', 'forged-state-0000000000000000000000000000'),
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain('belongs to another login');
    const error = await failureOf(login.result);
    expect(error).toMatchObject({ code: 'OAUTH_BROWSER_LOGIN_FAILED', reason: 'state_mismatch' });
    expect(tokenRequests(w)).toHaveLength(0);
    expect(await storeExists(w.storePath)).toBe(false);
  });

  it('a callback without state is refused as well', async () => {
    const { world: w, login } = await start();
    const callback = new URL(login.redirectUri);
    callback.searchParams.set('code', 'ac_anything');
    const page = await visitAsBrowser(callback.toString());
    expect(page.status).toBe(400);
    expect((await failureOf(login.result)).reason).toBe('state_missing');
    expect(tokenRequests(w)).toHaveLength(0);
  });

  it('error=access_denied: a clear, sanitized message and nothing stored', async () => {
    const { world: w, login } = await start({
      auth: {
        authorizeError: { error: 'access_denied', description: 'User said no\u001b]0;pwned\u0007' },
      },
    });
    const page = await visitAsBrowser(login.authorizeUrl);
    expect(page.status).toBe(400);
    expect(page.text).toContain('cancelled or refused in the browser');
    const error = await failureOf(login.result);
    expect(error).toMatchObject({ reason: 'access_denied' });
    expect(error.message).toContain('access_denied: User said no');
    expect(error.message).not.toContain('\u001b');
    expect(error.message).not.toContain('\u0007');
    expect(await storeExists(w.storePath)).toBe(false);
  });

  it('an issuer that rejects the verifier (tampered challenge): exchange_refused, nothing stored', async () => {
    const { world: w, login } = await start();
    const page = await visitAsBrowser(login.authorizeUrl, {
      rewrite: (url) => url.searchParams.set('code_challenge', codeChallenge('x'.repeat(64))),
    });
    expect(page.status).toBe(400);
    const error = await failureOf(login.result);
    expect(error).toMatchObject({ reason: 'exchange_refused' });
    expect(error.message).toContain('invalid_grant');
    expect(error.message).toContain('code_verifier does not match');
    expect(tokenRequests(w)).toHaveLength(1);
    expect(await storeExists(w.storePath)).toBe(false);
  });

  it('a second callback while the first is exchanged is ignored', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slowFetch: typeof fetch = async (...args) => {
      await held;
      return fetch(...args);
    };
    const { world: w, login } = await start({}, { fetch: slowFetch });
    const first = visitAsBrowser(login.authorizeUrl);
    while (!w.auth.requests.some((request) => request.path.startsWith('/oauth/authorize')))
      await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const callback = new URL(login.redirectUri);
    callback.searchParams.set('code', 'ac_second');
    callback.searchParams.set('state', new URL(login.authorizeUrl).searchParams.get('state')!);
    const second = await visitAsBrowser(callback.toString());
    expect(second.status).toBe(409);
    expect(second.text).toContain('already received its answer');
    release();
    expect((await first).status).toBe(200);
    await login.result;
    expect(tokenRequests(w)).toHaveLength(1);
    expect(new URLSearchParams(tokenRequests(w)[0]!.body).get('code')).not.toBe('ac_second');
  });

  it('a port in use fails at once with OAUTH_CALLBACK_PORT_IN_USE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      world = await startOAuthWorld();
      const error = await failureOf(
        startBrowserLogin({ settings: world.settings, env: world.env, port }),
      );
      expect(error.code).toBe('OAUTH_CALLBACK_PORT_IN_USE');
      expect(error.message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('times out with OAUTH_BROWSER_LOGIN_TIMEOUT and stops the server', async () => {
    const { login } = await start({}, { timeoutMs: 150 });
    const error = await failureOf(login.result);
    expect(error.code).toBe('OAUTH_BROWSER_LOGIN_TIMEOUT');
    await expect(fetch(login.redirectUri.replace('localhost', '127.0.0.1'))).rejects.toThrow();
  });

  it('the signal cancels the wait with OAUTH_ABORTED', async () => {
    const controller = new AbortController();
    const { world: w, login } = await start({}, { signal: controller.signal });
    controller.abort();
    expect((await failureOf(login.result)).code).toBe('OAUTH_ABORTED');
    expect(await storeExists(w.storePath)).toBe(false);
  });

  it('takes a pasted redirect address (state checked) and a pasted bare code', async () => {
    const { world: w, login } = await start();
    const authorize = await fetch(login.authorizeUrl, { redirect: 'manual' });
    const address = authorize.headers.get('location')!;
    expect(login.submit('hello there')).toBe(false);
    expect(login.submit(address.replace('http://', ''))).toBe(true);
    expect((await login.result).account_id).toBe(w.auth.accountId);

    const again = await startBrowserLogin({
      settings: w.settings,
      storePath: w.storePath,
      env: w.env,
      port: 0,
    });
    const second = await fetch(again.authorizeUrl, { redirect: 'manual' });
    const code = new URL(second.headers.get('location')!).searchParams.get('code')!;
    expect(again.submit(`  ${code}\n`)).toBe(true);
    await again.result;
    expect(tokenRequests(w)).toHaveLength(2);
  });

  it('a pasted address with another state is refused like a callback', async () => {
    const { world: w, login } = await start();
    expect(login.submit('http://localhost:1455/auth/callback?code=ac_x&state=other')).toBe(true);
    expect((await failureOf(login.result)).reason).toBe('state_mismatch');
    expect(tokenRequests(w)).toHaveLength(0);
  });

  it('isModelError recognises its errors', async () => {
    const { login } = await start({}, { timeoutMs: 50 });
    const error = await failureOf(login.result);
    expect(isModelError(error, 'OAUTH_BROWSER_LOGIN_TIMEOUT')).toBe(true);
  });
});

describe('parsePastedAnswer', () => {
  it('reads full addresses, addresses without scheme, bare queries and bare codes', () => {
    const full = parsePastedAnswer('http://localhost:1455/auth/callback?code=ac_1&state=s1');
    expect(full?.kind === 'redirect' && full.query.get('code')).toBe('ac_1');
    const noScheme = parsePastedAnswer('localhost:1455/auth/callback?code=ac_2&state=s2#frag');
    expect(noScheme?.kind === 'redirect' && noScheme.query.get('state')).toBe('s2');
    const bare = parsePastedAnswer('code=ac_3&state=s3');
    expect(bare?.kind === 'redirect' && bare.query.get('code')).toBe('ac_3');
    expect(parsePastedAnswer(' ac_Abc123-xyz.~ ')).toEqual({
      kind: 'code',
      code: 'ac_Abc123-xyz.~',
    });
    const denied = parsePastedAnswer(
      'http://localhost:1455/auth/callback?error=access_denied&state=s',
    );
    expect(denied?.kind).toBe('redirect');
  });

  it('refuses text that is neither', () => {
    for (const text of [
      '',
      '   ',
      'short',
      'two words here',
      'http://localhost:1455/auth/callback',
    ]) {
      expect(parsePastedAnswer(text)).toBeUndefined();
    }
  });
});

describe('openAICallbackPort', () => {
  it('defaults to 1455 and takes FLYNN_OPENAI_CALLBACK_PORT', () => {
    expect(openAICallbackPort({})).toBe(1455);
    expect(openAICallbackPort({ FLYNN_OPENAI_CALLBACK_PORT: ' 0 ' })).toBe(0);
    expect(openAICallbackPort({ FLYNN_OPENAI_CALLBACK_PORT: '40000' })).toBe(40000);
  });

  it('refuses values that are not ports', () => {
    for (const value of ['abc', '70000', '-1', '1455x']) {
      expect(() => openAICallbackPort({ FLYNN_OPENAI_CALLBACK_PORT: value })).toThrow(
        /FLYNN_OPENAI_CALLBACK_PORT must be a port number/,
      );
    }
  });
});
