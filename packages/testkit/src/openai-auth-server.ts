// A loopback stand-in for OpenAI's auth server (auth.openai.com) as Codex CLI uses it:
// device-code login, the browser login's authorize redirect (authorization code + PKCE),
// the code exchange, refresh with rotation, and revocation.
// Guarantees the properties clients must cope with: `interval` is a string, pending
// polls answer 403, every refresh token works once (reuse -> refresh_token_reused),
// a browser-login code is exchanged only with the redirect_uri it was issued for and a
// code_verifier whose S256 hash is the code_challenge it was issued for, and access
// tokens are JWT-shaped with `exp`, so expiry can be decided client-side.
import { createHash, randomBytes } from 'node:crypto';
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopback-server.js';
import { isRecord, randomId } from './stream-options.js';
import { encodeUnsignedJwt } from './unsigned-jwt.js';

/** Codex CLI's public OAuth client id, the auth server's default. */
export const CODEX_CLIENT_ID = 'app_EMoamEEZ73f0CkXaXp7hrann';

export interface OpenAIAuthServerOptions {
  /** Token polls answered 403 (pending) before the grant; default 2. */
  pendingPolls?: number;
  /** The `interval` string the usercode endpoint returns; default '1'. */
  interval?: string;
  /** `false` makes the usercode endpoint answer 404; default true. */
  deviceLoginEnabled?: boolean;
  /** `chatgpt_account_id` in issued tokens; default '8f14e45f-ceea-467f-a8f8-5f6b1c2d3e4f'. */
  accountId?: string;
  /** Lifetime of issued access tokens; default 3600. */
  accessTokenTtlSeconds?: number;
  /** The client id every endpoint expects; default {@link CODEX_CLIENT_ID}. */
  clientId?: string;
  /**
   * Makes `/oauth/authorize` send the browser back with this OAuth error instead of a code
   * (`access_denied`: the user pressed Cancel), as `?error=...&error_description=...&state=...`.
   */
  authorizeError?: { error: string; description?: string };
}

/** A token set as the auth server issues it, plus the fields a store keeps. */
export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
  account_id: string;
  /** Access token expiry, epoch ms (equals the JWT `exp` times 1000). */
  expires_at: number;
}

export interface IssueTokensOptions {
  expiresInSeconds?: number;
  refreshExpiresInSeconds?: number;
}

export interface OpenAIAuthServer extends LoopbackServer {
  /** The issuer URL (the server root). */
  issuer: string;
  /** The account id in issued tokens. */
  accountId: string;
  /** Successful refresh_token grants so far (live). */
  readonly refreshCount: number;
  /**
   * Mints a valid token set without any HTTP exchange, e.g. to seed a store.
   * `expiresInSeconds` (default accessTokenTtlSeconds) may be negative for an expired
   * access token; `refreshExpiresInSeconds` (default 30 days) likewise for the refresh token.
   */
  issueTokens(options?: IssueTokensOptions): IssuedTokens;
  /** True for an access token this server issued that is neither expired nor revoked. */
  isValidAccessToken(token: string): boolean;
  /** Revokes an access or refresh token, as POST /oauth/revoke does. */
  revokeToken(token: string): void;
}

interface DeviceAuth {
  userCode: string;
  polls: number;
  grant: { authorization_code: string; code_challenge: string; code_verifier: string };
}

type RefreshState = 'active' | 'used' | 'revoked';

/** An authorization code: from the device flow (its verifier) or from /oauth/authorize. */
type IssuedCode =
  | { from: 'device'; verifier: string; used: boolean }
  | { from: 'authorize'; challenge: string; redirectUri: string; used: boolean };

/** The redirect URIs /oauth/authorize accepts: Codex's loopback callback on any port. */
function isLoopbackCallback(value: string | null): boolean {
  if (!value) return false;
  try {
    const url = new URL(value);
    return (
      url.protocol === 'http:' &&
      (url.hostname === 'localhost' || url.hostname === '127.0.0.1') &&
      url.pathname === '/auth/callback' &&
      url.search === ''
    );
  } catch {
    return false;
  }
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function errorPage(message: string): string {
  const text = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Error (Flynn testkit)</title></head><body><h1>Something went wrong</h1><p>${text}</p></body></html>\n`;
}

function oauthError(code: string, message: string) {
  return { error: { message, type: 'invalid_request_error', param: null, code } };
}

const DEVICE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Enter code - Codex (Flynn testkit)</title></head>
<body><h1>Enter the code shown in your terminal</h1>
<form method="post"><input name="user_code" placeholder="XXXX-XXXX" autocomplete="off"><button>Continue</button></form>
<p>Device codes expire after 15 minutes.</p></body></html>
`;

/** Starts the auth server; the device flow approves itself after `pendingPolls` polls. */
export async function startOpenAIAuthServer(
  options: OpenAIAuthServerOptions = {},
): Promise<OpenAIAuthServer> {
  const pendingPolls = options.pendingPolls ?? 2;
  const clientId = options.clientId ?? CODEX_CLIENT_ID;
  const accountId = options.accountId ?? '8f14e45f-ceea-467f-a8f8-5f6b1c2d3e4f';
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const devices = new Map<string, DeviceAuth>();
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, { expiresAt: number; revoked: boolean }>();
  const refreshTokens = new Map<string, { state: RefreshState; expiresAt: number }>();
  let refreshCount = 0;
  let issuer = '';

  const issueTokens = (issueOptions: IssueTokensOptions = {}): IssuedTokens => {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (issueOptions.expiresInSeconds ?? ttl);
    const auth = {
      chatgpt_account_id: accountId,
      chatgpt_plan_type: 'plus',
      chatgpt_user_id: 'user-testkit',
      user_id: 'user-testkit',
    };
    const access_token = encodeUnsignedJwt({
      iss: issuer,
      aud: ['https://api.openai.com/v1'],
      sub: 'auth0|testkit',
      client_id: clientId,
      iat: now,
      exp,
      jti: randomId(''),
      scp: ['openid', 'profile', 'email', 'offline_access'],
      'https://api.openai.com/auth': auth,
    });
    const id_token = encodeUnsignedJwt({
      iss: issuer,
      aud: [clientId],
      sub: 'auth0|testkit',
      email: 'dev@example.com',
      email_verified: true,
      iat: now,
      auth_time: now,
      exp,
      'https://api.openai.com/auth': auth,
    });
    const refresh_token = `rt_${randomBytes(24).toString('base64url')}`;
    accessTokens.set(access_token, { expiresAt: exp * 1000, revoked: false });
    const refreshTtl = issueOptions.refreshExpiresInSeconds ?? 30 * 86_400;
    refreshTokens.set(refresh_token, {
      state: 'active',
      expiresAt: Date.now() + refreshTtl * 1000,
    });
    return { access_token, refresh_token, id_token, account_id: accountId, expires_at: exp * 1000 };
  };

  const revokeToken = (token: string) => {
    const access = accessTokens.get(token);
    if (access) access.revoked = true;
    const refresh = refreshTokens.get(token);
    if (refresh) refresh.state = 'revoked';
  };

  const server = await startLoopbackServer((request, response) => {
    const { method, pathname } = request;
    const send = (status: number, body: unknown) => sendJson(response, status, body);
    const json = isRecord(request.json) ? request.json : {};

    if (method === 'GET' && pathname === '/codex/device') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void response.end(DEVICE_PAGE);
    }
    if (method === 'GET' && pathname === '/oauth/authorize') {
      // The user is taken to be signed in and to approve at once: the browser goes straight
      // back to the client's callback. A request the server cannot trust with a redirect
      // (bad client, redirect_uri or PKCE parameters) gets an error page, as real servers do.
      const { query } = request;
      const redirectUri = query.get('redirect_uri');
      const problem =
        query.get('client_id') !== clientId
          ? 'Unknown or missing client_id'
          : !isLoopbackCallback(redirectUri)
            ? 'redirect_uri is not registered for this client'
            : query.get('response_type') !== 'code'
              ? 'response_type must be code'
              : query.get('code_challenge_method') !== 'S256'
                ? 'code_challenge_method must be S256'
                : !/^[A-Za-z0-9_-]{43}$/.test(query.get('code_challenge') ?? '')
                  ? 'code_challenge must be a base64url SHA-256 hash'
                  : !query.get('state')
                    ? 'state is required'
                    : !/\bopenid\b/.test(query.get('scope') ?? '') ||
                        !/\boffline_access\b/.test(query.get('scope') ?? '')
                      ? 'scope must include openid and offline_access'
                      : undefined;
      if (problem || !redirectUri) {
        response.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        return void response.end(errorPage(problem ?? 'Bad request'));
      }
      const back = new URL(redirectUri);
      if (options.authorizeError) {
        back.searchParams.set('error', options.authorizeError.error);
        if (options.authorizeError.description) {
          back.searchParams.set('error_description', options.authorizeError.description);
        }
      } else {
        const code = randomId('ac_');
        codes.set(code, {
          from: 'authorize',
          challenge: query.get('code_challenge') as string,
          redirectUri,
          used: false,
        });
        back.searchParams.set('code', code);
      }
      back.searchParams.set('state', query.get('state') as string);
      response.writeHead(302, { location: back.toString(), 'cache-control': 'no-store' });
      return void response.end();
    }
    if (method !== 'POST') return send(404, oauthError('not_found', 'Not found'));

    if (pathname === '/api/accounts/deviceauth/usercode') {
      if (options.deviceLoginEnabled === false) {
        return send(404, oauthError('not_found', 'Device code login is not enabled'));
      }
      if (json.client_id !== clientId) {
        return send(400, oauthError('invalid_client', 'Unknown or missing client_id'));
      }
      const verifier = randomBytes(32).toString('base64url');
      const deviceAuthId = randomId('deviceauth_');
      const letters = () =>
        Array.from(randomBytes(4), (byte) => 'ABCDEFGHJKLMNPQRSTUVWXYZ'[byte % 24]).join('');
      const userCode = `${letters()}-${letters()}`;
      devices.set(deviceAuthId, {
        userCode,
        polls: 0,
        grant: {
          authorization_code: randomId('ac_'),
          code_challenge: s256(verifier),
          code_verifier: verifier,
        },
      });
      return send(200, {
        device_auth_id: deviceAuthId,
        user_code: userCode,
        interval: options.interval ?? '1',
      });
    }

    if (pathname === '/api/accounts/deviceauth/token') {
      const device =
        typeof json.device_auth_id === 'string' ? devices.get(json.device_auth_id) : undefined;
      if (!device || json.user_code !== device.userCode) {
        return send(400, oauthError('invalid_request', 'Unknown device_auth_id or user_code'));
      }
      device.polls += 1;
      if (device.polls <= pendingPolls) {
        return send(403, oauthError('authorization_pending', 'Device authorization is pending'));
      }
      codes.set(device.grant.authorization_code, {
        from: 'device',
        verifier: device.grant.code_verifier,
        used: codes.get(device.grant.authorization_code)?.used ?? false,
      });
      return send(200, device.grant);
    }

    if (pathname === '/oauth/token') {
      const contentType = String(request.headers['content-type'] ?? '');
      const isForm = contentType.startsWith('application/x-www-form-urlencoded');
      const form = isForm ? Object.fromEntries(new URLSearchParams(request.body)) : {};
      const grantType = isForm ? form.grant_type : json.grant_type;

      if (grantType === 'authorization_code') {
        if (!isForm) {
          return send(400, oauthError('invalid_request', 'Expected a form-encoded body'));
        }
        if (form.client_id !== clientId) {
          return send(401, oauthError('invalid_client', 'Unknown or missing client_id'));
        }
        const code = form.code ? codes.get(form.code) : undefined;
        const expectedRedirect =
          code?.from === 'authorize' ? code.redirectUri : `${issuer}/deviceauth/callback`;
        if (form.redirect_uri !== expectedRedirect) {
          return send(400, oauthError('invalid_grant', 'redirect_uri does not match'));
        }
        if (!code || code.used) {
          return send(
            400,
            oauthError('invalid_grant', 'Invalid or already used authorization code'),
          );
        }
        const verifierMatches =
          code.from === 'device'
            ? form.code_verifier === code.verifier
            : /^[A-Za-z0-9._~-]{43,128}$/.test(form.code_verifier ?? '') &&
              s256(form.code_verifier as string) === code.challenge;
        if (!verifierMatches) {
          return send(400, oauthError('invalid_grant', 'code_verifier does not match'));
        }
        code.used = true;
        const { access_token, refresh_token, id_token } = issueTokens();
        return send(200, { id_token, access_token, refresh_token });
      }

      if (grantType === 'refresh_token') {
        if (isForm || !contentType.includes('json')) {
          return send(400, oauthError('invalid_request', 'Expected a JSON body'));
        }
        if (json.client_id !== clientId) {
          return send(401, oauthError('invalid_client', 'Unknown or missing client_id'));
        }
        const token = typeof json.refresh_token === 'string' ? json.refresh_token : '';
        const stored = refreshTokens.get(token);
        if (stored?.state === 'used') {
          return send(
            401,
            oauthError(
              'refresh_token_reused',
              'Your refresh token has already been used to generate a new access token. Please try signing in again.',
            ),
          );
        }
        if (stored?.state === 'active' && stored.expiresAt <= Date.now()) {
          return send(
            401,
            oauthError(
              'refresh_token_expired',
              'Your refresh token has expired. Please sign in again.',
            ),
          );
        }
        if (stored?.state !== 'active') {
          return send(
            401,
            oauthError(
              'refresh_token_invalidated',
              'Your refresh token has been invalidated. Please try signing in again.',
            ),
          );
        }
        stored.state = 'used';
        refreshCount += 1;
        const { access_token, refresh_token, id_token } = issueTokens();
        return send(200, { id_token, access_token, refresh_token });
      }
      return send(
        400,
        oauthError('unsupported_grant_type', `Unsupported grant_type: ${grantType}`),
      );
    }

    if (pathname === '/oauth/revoke') {
      if (typeof json.token === 'string') revokeToken(json.token);
      return send(200, {});
    }
    return send(404, oauthError('not_found', 'Not found'));
  });
  issuer = server.url;

  return {
    ...server,
    issuer,
    accountId,
    get refreshCount() {
      return refreshCount;
    },
    issueTokens,
    isValidAccessToken(token: string) {
      const access = accessTokens.get(token);
      return access !== undefined && !access.revoked && access.expiresAt > Date.now();
    },
    revokeToken,
  };
}
