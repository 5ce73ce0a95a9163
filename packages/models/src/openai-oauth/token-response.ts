import type { OpenAIOAuthTokens } from '@flynn/auth-store';
import { chatGPTAccountId, jwtExpiresAt } from './jwt-claims.js';

/** A non-blank string field of a JSON answer, trimmed. */
export function stringField(body: unknown, key: string): string | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The tokens to store after a `/oauth/token` answer: every token the server returned
 * replaces the one in `previous` (fields it did not return, and unknown fields, stay);
 * the account id comes from the id token's (else the access token's) OpenAI auth claim,
 * the expiry from the access token's `exp` (else `expires_in`). `undefined` when the
 * answer has no access token, or neither it nor `previous` has a refresh token.
 */
export function tokensFromResponse(
  body: unknown,
  previous?: OpenAIOAuthTokens,
): OpenAIOAuthTokens | undefined {
  const accessToken = stringField(body, 'access_token');
  const refreshToken = stringField(body, 'refresh_token') ?? previous?.refresh_token;
  if (!accessToken || !refreshToken) return undefined;
  const idToken = stringField(body, 'id_token') ?? previous?.id_token;
  const tokens: OpenAIOAuthTokens = {
    ...previous,
    access_token: accessToken,
    refresh_token: refreshToken,
  };
  if (idToken) tokens.id_token = idToken;
  const accountId = chatGPTAccountId(idToken) ?? chatGPTAccountId(accessToken);
  if (accountId) tokens.account_id = accountId;
  const expiresIn = (body as Record<string, unknown>).expires_in;
  const candidate =
    jwtExpiresAt(accessToken) ??
    (typeof expiresIn === 'number' && Number.isFinite(expiresIn)
      ? Date.now() + expiresIn * 1000
      : undefined);
  // An expiry out of range (1e13 s, 1e306) is dropped, never stored: the token is then
  // refreshed when the server rejects it. The rotated refresh token is kept either way.
  const expiresAt = candidate !== undefined && isPlausibleExpiry(candidate) ? candidate : undefined;
  if (expiresAt === undefined) delete tokens.expires_at;
  else tokens.expires_at = expiresAt;
  tokens.last_refresh = Date.now();
  return tokens;
}

/** Tokens never live longer than this; an expiry beyond it is an error in the answer. */
const MAX_TOKEN_LIFETIME_MS = 400 * 24 * 60 * 60 * 1000;

/** True for an epoch-ms expiry a real token can have: after 2000, at most ~13 months ahead. */
export function isPlausibleExpiry(epochMs: number, now = Date.now()): boolean {
  return (
    Number.isFinite(epochMs) && epochMs > 946_684_800_000 && epochMs <= now + MAX_TOKEN_LIFETIME_MS
  );
}

/**
 * Why a login answer cannot be stored, or `undefined` when it can: a login must give an
 * access token that is a JWT with an expiry in range, a refresh token, and a ChatGPT account
 * id (the backend needs it). Never quotes a token.
 */
export function loginAnswerProblem(body: unknown): string | undefined {
  const accessToken = stringField(body, 'access_token');
  if (!accessToken) return 'it has no access token';
  if (!stringField(body, 'refresh_token')) return 'it has no refresh token';
  const exp = jwtExpiresAt(accessToken);
  if (exp === undefined) return 'the access token is not a JWT with an expiry';
  if (!isPlausibleExpiry(exp)) return 'the access token expires at an impossible time';
  const expiresIn = (body as Record<string, unknown>).expires_in;
  if (
    expiresIn !== undefined &&
    !(typeof expiresIn === 'number' && isPlausibleExpiry(Date.now() + expiresIn * 1000))
  ) {
    return 'its expires_in is out of range';
  }
  const idToken = stringField(body, 'id_token');
  if (!chatGPTAccountId(idToken) && !chatGPTAccountId(accessToken)) {
    return 'it names no ChatGPT account';
  }
  return undefined;
}
