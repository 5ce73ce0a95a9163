import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoopbackServer } from './loopback-server.js';
import {
  CODEX_CLIENT_ID,
  type OpenAIAuthServerOptions,
  startOpenAIAuthServer,
} from './openai-auth-server.js';
import { decodeJwtPayload } from './unsigned-jwt.js';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: OpenAIAuthServerOptions = {}) {
  const server = await startOpenAIAuthServer(options);
  servers.push(server);
  return server;
}

const postJson = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const readJson = async <T = Record<string, string>>(response: Response) =>
  (await response.json()) as T;
type Device = { device_auth_id: string; user_code: string; interval: string };
type Grant = { authorization_code: string; code_challenge: string; code_verifier: string };
type Tokens = { access_token: string; refresh_token: string; id_token: string };
const postForm = (url: string, fields: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(fields) });

describe('startOpenAIAuthServer: device code login', () => {
  it('issues a user code with a string interval, answers 403 while pending, then grants', async () => {
    const auth = await start({ pendingPolls: 2, interval: '5' });
    const usercode = await postJson(`${auth.issuer}/api/accounts/deviceauth/usercode`, {
      client_id: CODEX_CLIENT_ID,
    });
    expect(usercode.status).toBe(200);
    const device = await readJson<Device>(usercode);
    expect(device).toEqual({
      device_auth_id: expect.any(String),
      user_code: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      interval: '5',
    });
    const poll = () =>
      postJson(`${auth.issuer}/api/accounts/deviceauth/token`, {
        device_auth_id: device.device_auth_id,
        user_code: device.user_code,
      });
    expect((await poll()).status).toBe(403);
    expect((await poll()).status).toBe(403);
    const granted = await poll();
    expect(granted.status).toBe(200);
    const grant = await readJson<Grant>(granted);
    expect(Object.keys(grant).sort()).toEqual([
      'authorization_code',
      'code_challenge',
      'code_verifier',
    ]);

    const exchange = (fields: Record<string, string>) =>
      postForm(`${auth.issuer}/oauth/token`, {
        grant_type: 'authorization_code',
        code: grant.authorization_code,
        redirect_uri: `${auth.issuer}/deviceauth/callback`,
        client_id: CODEX_CLIENT_ID,
        code_verifier: grant.code_verifier,
        ...fields,
      });
    expect((await exchange({ code_verifier: 'wrong' })).status).toBe(400);
    expect((await exchange({ redirect_uri: 'http://localhost/callback' })).status).toBe(400);
    expect((await exchange({ client_id: 'app_other' })).status).toBe(401);
    const asJson = await postJson(`${auth.issuer}/oauth/token`, {
      grant_type: 'authorization_code',
      code: grant.authorization_code,
    });
    expect(asJson.status).toBe(400);

    const exchanged = await exchange({});
    expect(exchanged.status).toBe(200);
    const tokens = await readJson<Tokens>(exchanged);
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'id_token', 'refresh_token']);
    expect(auth.isValidAccessToken(tokens.access_token)).toBe(true);
    const idClaims = decodeJwtPayload(tokens.id_token);
    expect(idClaims?.['https://api.openai.com/auth']).toMatchObject({
      chatgpt_account_id: auth.accountId,
    });
    expect(decodeJwtPayload(tokens.access_token)?.exp).toBeGreaterThan(Date.now() / 1000 + 3500);
    expect((await exchange({})).status).toBe(400); // codes are single-use
  });

  it('answers 404 to the usercode request when device login is disabled', async () => {
    const auth = await start({ deviceLoginEnabled: false });
    const response = await postJson(`${auth.issuer}/api/accounts/deviceauth/usercode`, {
      client_id: CODEX_CLIENT_ID,
    });
    expect(response.status).toBe(404);
  });

  it('serves the /codex/device page', async () => {
    const auth = await start();
    const page = await fetch(`${auth.issuer}/codex/device`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Enter the code');
  });
});

describe('startOpenAIAuthServer: refresh with rotation', () => {
  const refresh = (issuer: string, refreshToken: string, clientId = CODEX_CLIENT_ID) =>
    postJson(`${issuer}/oauth/token`, {
      client_id: clientId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });

  it('rotates refresh tokens, refuses reuse with refresh_token_reused and counts refreshes', async () => {
    const auth = await start({ accessTokenTtlSeconds: 120 });
    const seeded = auth.issueTokens({ expiresInSeconds: -60 });
    expect(auth.isValidAccessToken(seeded.access_token)).toBe(false);
    expect(seeded.expires_at).toBe((decodeJwtPayload(seeded.access_token)?.exp as number) * 1000);
    expect(seeded.account_id).toBe(auth.accountId);

    const first = await refresh(auth.issuer, seeded.refresh_token);
    expect(first.status).toBe(200);
    const rotated = await readJson<Tokens>(first);
    expect(rotated.refresh_token).not.toBe(seeded.refresh_token);
    expect(auth.isValidAccessToken(rotated.access_token)).toBe(true);
    expect(auth.refreshCount).toBe(1);

    const reused = await refresh(auth.issuer, seeded.refresh_token);
    expect(reused.status).toBe(401);
    expect(await reused.json()).toMatchObject({ error: { code: 'refresh_token_reused' } });
    const unknown = await refresh(auth.issuer, 'rt_never_issued');
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: { code: 'refresh_token_invalidated' } });
    expect((await refresh(auth.issuer, rotated.refresh_token, 'app_other')).status).toBe(401);
    expect((await refresh(auth.issuer, rotated.refresh_token)).status).toBe(200);
    expect(auth.refreshCount).toBe(2);
  });

  it('reports expired refresh tokens and honours revocation', async () => {
    const auth = await start();
    const stale = auth.issueTokens({ refreshExpiresInSeconds: -1 });
    const expired = await refresh(auth.issuer, stale.refresh_token);
    expect(await expired.json()).toMatchObject({ error: { code: 'refresh_token_expired' } });

    const live = auth.issueTokens();
    const revoke = await postJson(`${auth.issuer}/oauth/revoke`, {
      token: live.refresh_token,
      token_type_hint: 'refresh_token',
      client_id: CODEX_CLIENT_ID,
    });
    expect(revoke.status).toBe(200);
    const afterRevoke = await refresh(auth.issuer, live.refresh_token);
    expect(await afterRevoke.json()).toMatchObject({
      error: { code: 'refresh_token_invalidated' },
    });
    auth.revokeToken(live.access_token);
    expect(auth.isValidAccessToken(live.access_token)).toBe(false);
    expect(auth.refreshCount).toBe(0);
  });

  it('requires a JSON body for refresh', async () => {
    const auth = await start();
    const { refresh_token } = auth.issueTokens();
    const form = await postForm(`${auth.issuer}/oauth/token`, {
      grant_type: 'refresh_token',
      refresh_token,
      client_id: CODEX_CLIENT_ID,
    });
    expect(form.status).toBe(400);
    expect(auth.refreshCount).toBe(0);
  });
});

describe('startOpenAIAuthServer: browser login (authorize + PKCE)', () => {
  const verifier = 'v'.repeat(20) + randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const authorizeUrl = (issuer: string, overrides: Record<string, string> = {}) =>
    `${issuer}/oauth/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: CODEX_CLIENT_ID,
      redirect_uri: 'http://localhost:1455/auth/callback',
      scope: 'openid profile email offline_access',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state-1',
      ...overrides,
    })}`;
  const codeFrom = async (issuer: string) => {
    const response = await fetch(authorizeUrl(issuer), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:1455/auth/callback');
    expect(location.searchParams.get('state')).toBe('state-1');
    return location.searchParams.get('code')!;
  };
  const exchange = (issuer: string, code: string, fields: Record<string, string> = {}) =>
    postForm(`${issuer}/oauth/token`, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:1455/auth/callback',
      client_id: CODEX_CLIENT_ID,
      code_verifier: verifier,
      ...fields,
    });

  it('redirects to the callback with a code and the state; the code works once with the verifier', async () => {
    const auth = await start();
    const code = await codeFrom(auth.issuer);
    const tokens = await readJson<Tokens>(await exchange(auth.issuer, code));
    expect(auth.isValidAccessToken(tokens.access_token)).toBe(true);
    const reused = await exchange(auth.issuer, code);
    expect(reused.status).toBe(400);
  });

  it('refuses a verifier whose S256 hash is not the challenge, and another redirect_uri', async () => {
    const auth = await start();
    const wrong = await exchange(auth.issuer, await codeFrom(auth.issuer), {
      code_verifier: 'w'.repeat(64),
    });
    expect(wrong.status).toBe(400);
    expect(await readJson(wrong)).toMatchObject({
      error: { code: 'invalid_grant', message: 'code_verifier does not match' },
    });
    const elsewhere = await exchange(auth.issuer, await codeFrom(auth.issuer), {
      redirect_uri: 'http://localhost:1456/auth/callback',
    });
    expect(elsewhere.status).toBe(400);
  });

  it('shows an error page (no redirect) for a bad client, redirect_uri or PKCE method', async () => {
    const auth = await start();
    const cases: Record<string, string>[] = [
      { client_id: 'app_other' },
      { redirect_uri: 'https://evil.example/auth/callback' },
      { code_challenge_method: 'plain' },
      { state: '' },
    ];
    for (const overrides of cases) {
      const response = await fetch(authorizeUrl(auth.issuer, overrides), { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('authorizeError sends the browser back with error, error_description and the state', async () => {
    const auth = await start({ authorizeError: { error: 'access_denied', description: 'No' } });
    const response = await fetch(authorizeUrl(auth.issuer), { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'No',
      state: 'state-1',
    });
  });
});
