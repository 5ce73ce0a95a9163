// Fresh ChatGPT access tokens for every Flynn process sharing one auth store.
//
// Guarantees:
// - Refresh tokens rotate and work once, so at most one process refreshes a given refresh
//   token: the refresh runs inside `withAuthStoreLock` (cross-process, and queued within
//   this process), after RE-READING the store. A process that waited for the lock finds
//   the tokens another process just stored and uses them instead of refreshing again.
// - The rotated tokens are written before the lock is released (atomic write, 0600), and
//   every token the server returned replaces the stored one; fields it did not return stay.
// - A permanent failure (HTTP 401, refresh_token_expired/_reused/_invalidated) is
//   `OAUTH_REFRESH_FAILED` with the remedy `flynn openai-login`; the stored tokens are left
//   as they are, so a later login simply replaces them. Other failures are transient
//   (`MODEL_NETWORK`, `MODEL_RATE_LIMIT`, `MODEL_SERVER`) and may be retried.
// - A refresh in flight is never cancelled by the caller's AbortSignal (the server has
//   rotated the refresh token once it answers; dropping the answer would log the user
//   out); it has its own 30 s timeout so a hung server cannot hold the lock forever.
// - No token ever appears in an error message.
import {
  type LockWait,
  loadStoredOpenAIOAuth,
  type OpenAIOAuthTokens,
  storeOpenAIOAuth,
  withAuthStoreLock,
} from '@flynn/auth-store';
import type { Env } from '@flynn/config';
import type { Remedy } from '@flynn/core';
import { redactSecrets } from '@flynn/core';
import { ModelError } from '../model-error.js';
import { chatGPTAccountId, jwtExpiresAt } from './jwt-claims.js';
import { missingOAuthTokens } from './missing-oauth-tokens.js';
import { type FetchLike, postForJson, providerErrorInfo } from './oauth-http.js';
import type { OpenAIOAuthSettings } from './openai-oauth-settings.js';
import { tokensFromResponse } from './token-response.js';

/** Access tokens expiring within this window are refreshed before use. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

const PERMANENT_CODES = new Set([
  'refresh_token_expired',
  'refresh_token_reused',
  'refresh_token_invalidated',
]);
const LOGIN_AGAIN: Remedy = [
  { kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true },
];

export interface FreshTokenOptions {
  settings: OpenAIOAuthSettings;
  storePath?: string;
  env?: Env;
  fetch?: FetchLike;
  /** Refresh even when the stored access token is not near expiry (e.g. after a 401). */
  force?: boolean;
  /**
   * The access token a server just rejected. With `force`, a different unexpired token
   * in the store (another process refreshed meanwhile) is used without refreshing again.
   */
  rejectedAccessToken?: string;
  /** For error messages: the tier being served. */
  tier?: string;
  /**
   * The profile whose ChatGPT login to use and refresh (issue 17): its tokens are read from,
   * and the rotated ones written back to, `openai:<profile>.oauth`; default `openai.oauth`.
   */
  profile?: string;
  /**
   * Cancels (`MODEL_ABORTED`) at once, also while a refresh is in flight: the caller stops
   * waiting, but the refresh itself goes on under the lock and stores its answer (the server
   * rotates the refresh token as soon as it answers, so dropping the answer would log the user
   * out). If the process exits first, the store is left as it was.
   */
  signal?: AbortSignal;
  /** Time limit of the refresh request (default 30 s). */
  timeoutMs?: number;
  /** Told once when the refresh has waited a second on another process's lock. */
  onLockWait?: (wait: LockWait) => void | (() => void);
}

/** A refresh that takes longer than this fails as `MODEL_NETWORK` (the lock is released). */
const REFRESH_TIMEOUT_MS = 30_000;

/** What a request to the Codex backend needs. */
export interface FreshAccessToken {
  accessToken: string;
  accountId: string;
}

/** Near expiry, by `expires_at` or the JWT `exp`; an unknown expiry waits for a 401. */
function nearExpiry(tokens: OpenAIOAuthTokens, now = Date.now()): boolean {
  const expiresAt = tokens.expires_at ?? jwtExpiresAt(tokens.access_token);
  return expiresAt !== undefined && expiresAt - now <= REFRESH_MARGIN_MS;
}

function usable(tokens: OpenAIOAuthTokens, tier: string | undefined): FreshAccessToken {
  const accountId =
    tokens.account_id ?? chatGPTAccountId(tokens.id_token) ?? chatGPTAccountId(tokens.access_token);
  if (!accountId) {
    throw new ModelError('OAUTH_REFRESH_FAILED', 'The stored ChatGPT login has no account id.', {
      provider: 'openai',
      tier,
      remedy: LOGIN_AGAIN,
    });
  }
  return { accessToken: tokens.access_token, accountId };
}

/**
 * Returns an access token valid for at least 5 more minutes and its ChatGPT account id,
 * refreshing (under the store lock, see the header) when the stored one is near expiry or
 * `force` is set.
 * @throws MissingCredentialError (`CREDENTIAL_MISSING`, remedy `flynn openai-login`) when no
 *   tokens are stored; ModelError `OAUTH_REFRESH_FAILED` on a permanent refresh failure;
 *   `MODEL_NETWORK` / `MODEL_RATE_LIMIT` / `MODEL_SERVER` on transient ones; AuthStoreError.
 */
export async function getFreshOpenAIAccessToken(
  options: FreshTokenOptions,
): Promise<FreshAccessToken> {
  const store = { path: options.storePath, env: options.env, profile: options.profile };
  const seen = await loadStoredOpenAIOAuth(store);
  if (!seen) throw missingOAuthTokens(options);
  if (!options.force && !nearExpiry(seen)) return usable(seen, options.tier);
  const stale = options.rejectedAccessToken ?? seen.access_token;

  const aborted = () =>
    new ModelError('MODEL_ABORTED', 'The request was cancelled.', {
      provider: 'openai',
      tier: options.tier,
    });
  if (options.signal?.aborted) throw aborted();
  const locked = withAuthStoreLock(
    async () => {
      const current = await loadStoredOpenAIOAuth(store);
      if (!current) throw missingOAuthTokens(options);
      const refreshedElsewhere = current.access_token !== stale;
      if ((refreshedElsewhere || !options.force) && !nearExpiry(current)) {
        return usable(current, options.tier);
      }
      if (options.signal?.aborted) throw aborted();
      const rotated = await refreshTokens(current, options);
      await storeOpenAIOAuth(rotated, store);
      return usable(rotated, options.tier);
    },
    { ...store, onLockWait: options.onLockWait },
  );
  return untilAborted(locked, options.signal, aborted);
}

/**
 * `work`'s result, or `onAbort()` as soon as `signal` fires, while `work` goes on to its end
 * (its own failure is then nobody's business: it is caught so it is not unhandled).
 */
function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort: () => Error,
): Promise<T> {
  if (!signal) return work;
  work.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(onAbort());
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

async function refreshTokens(
  current: OpenAIOAuthTokens,
  options: FreshTokenOptions,
): Promise<OpenAIOAuthTokens> {
  const { settings, tier } = options;
  const result = await postForJson(options.fetch ?? fetch, `${settings.issuer}/oauth/token`, {
    contentType: 'application/json',
    body: JSON.stringify({
      client_id: settings.clientId,
      grant_type: 'refresh_token',
      refresh_token: current.refresh_token,
    }),
    timeoutMs: options.timeoutMs ?? REFRESH_TIMEOUT_MS,
    abortCode: 'MODEL_NETWORK',
  });
  const rotated = result.ok ? tokensFromResponse(result.body, current) : undefined;
  if (rotated) return rotated;

  const secrets = [current.refresh_token, current.access_token, current.id_token];
  const info = providerErrorInfo(result.body);
  const said = info.message ? ` ${redactSecrets(info.message, secrets)}` : '';
  const details = { provider: 'openai', tier, status: result.status, providerCode: info.code };
  if (result.status === 401 || (info.code !== undefined && PERMANENT_CODES.has(info.code))) {
    throw new ModelError(
      'OAUTH_REFRESH_FAILED',
      `Your ChatGPT login has expired or was revoked (HTTP ${result.status}${info.code ? `, ${info.code}` : ''}).${said} Log in again.`,
      { ...details, remedy: LOGIN_AGAIN },
    );
  }
  const code = result.status === 429 ? 'MODEL_RATE_LIMIT' : 'MODEL_SERVER';
  throw new ModelError(
    code,
    result.ok
      ? 'The ChatGPT token refresh answered without an access token; try again later.'
      : `The ChatGPT token refresh failed (HTTP ${result.status}${info.code ? `, ${info.code}` : ''}).${said} This is usually temporary; try again.`,
    { ...details, remedy: 'Try again in a moment.' },
  );
}
