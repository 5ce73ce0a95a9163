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
  const expiresAt =
    jwtExpiresAt(accessToken) ??
    (typeof expiresIn === 'number' && Number.isFinite(expiresIn)
      ? Date.now() + expiresIn * 1000
      : undefined);
  if (expiresAt === undefined) delete tokens.expires_at;
  else tokens.expires_at = expiresAt;
  tokens.last_refresh = Date.now();
  return tokens;
}
