import type { OpenAIOAuthTokens } from '@flynn/auth-store';

/** Flynn refreshes an access token this close to its expiry (DESIGN section 7). */
export const REFRESH_WINDOW_MS = 5 * 60_000;

/** The state of stored ChatGPT OAuth tokens at a given time. */
export type OAuthTokenState =
  | { state: 'valid'; expiresAt: number }
  | { state: 'refresh-soon'; expiresAt: number }
  | { state: 'expired'; expiresAt: number }
  | { state: 'unknown-expiry' }
  /** An expiry no real token has (before 2000, or more than 400 days ahead). */
  | { state: 'implausible-expiry' };

const MAX_LIFETIME_MS = 400 * 24 * 60 * 60 * 1000;

/** The access token's `exp` claim (epoch ms), read without verification; only the expiry is used. */
function jwtExpiry(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** When the access token expires: `expires_at` as stored, else the JWT's `exp`. */
export function oauthExpiresAt(tokens: Pick<OpenAIOAuthTokens, 'access_token' | 'expires_at'>) {
  if (typeof tokens.expires_at === 'number' && Number.isFinite(tokens.expires_at)) {
    return tokens.expires_at;
  }
  return typeof tokens.access_token === 'string' ? jwtExpiry(tokens.access_token) : undefined;
}

/** Classifies the access token at `now`: valid, due for refresh within 5 minutes, or expired. */
export function oauthTokenState(
  tokens: Pick<OpenAIOAuthTokens, 'access_token' | 'expires_at'>,
  now: number,
): OAuthTokenState {
  const expiresAt = oauthExpiresAt(tokens);
  if (expiresAt === undefined) return { state: 'unknown-expiry' };
  // Checked before anything formats it: `new Date(1e16)` cannot be printed.
  if (expiresAt < 946_684_800_000 || expiresAt > now + MAX_LIFETIME_MS) {
    return { state: 'implausible-expiry' };
  }
  if (expiresAt <= now) return { state: 'expired', expiresAt };
  if (expiresAt - now <= REFRESH_WINDOW_MS) return { state: 'refresh-soon', expiresAt };
  return { state: 'valid', expiresAt };
}
