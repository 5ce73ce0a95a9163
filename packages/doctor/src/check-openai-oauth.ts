import {
  type AuthStoreData,
  DEFAULT_PROFILE,
  type OpenAIOAuthTokens,
  profileStoreKey,
  storedProfiles,
} from '@flynn/auth-store';
import { type TierEntry, tierProfiles } from '@flynn/config';
import type { Remedy } from '@flynn/core';
import { formatDuration, formatTime } from './describe.js';
import { oauthTokenState } from './oauth-expiry.js';
import type { Check, TierReport } from './types.js';

/**
 * Log in to ChatGPT again, into `profile` when it is a named one (rendered by the app:
 * `flynn openai-login --profile work`, `/login openai --profile work`).
 */
function loginAgain(profile?: string): Remedy {
  return [
    {
      kind: 'login',
      provider: 'openai',
      credential: 'oauth_tokens',
      again: true,
      ...(profile ? { profile } : {}),
    },
  ];
}

/** `ChatGPT login`, `ChatGPT login (profile work)`. */
function loginName(profile?: string): string {
  return `ChatGPT login${profile ? ` (profile ${profile})` : ''}`;
}

/** True when the tier is (or, once logged in, will be) on the ChatGPT OAuth path. */
function onOAuthPath(tier: TierReport): boolean {
  return (
    tier.provider === 'openai' && (tier.credential === 'oauth_tokens' || tier.authMode === 'oauth')
  );
}

/**
 * `openai-oauth-expiry`: the stored ChatGPT login's access token is valid, due for refresh,
 * or expired (`warn`: refreshed on next use with the refresh token); without a refresh token
 * it cannot be renewed (`fail` when a tier could use that profile's login, else `warn`).
 * `openai-oauth-tools`: one `warn` per tier on the ChatGPT OAuth path, where tool calls are
 * not available.
 */
export function checkOpenAIOAuth(
  tiers: readonly TierReport[],
  entries: readonly TierEntry[],
  store: AuthStoreData,
  now: number,
): Check[] {
  const checks: Check[] = [];
  const usable = (value: unknown) => typeof value === 'string' && value.trim() !== '';
  // Every profile's ChatGPT login (issue 17): `openai.oauth`, `openai:work.oauth`, ...
  for (const profile of storedProfiles(store, 'openai')) {
    const entry = store[profileStoreKey('openai', profile)] as { oauth?: OpenAIOAuthTokens };
    const tokens = entry?.oauth;
    if (!tokens || typeof tokens !== 'object' || !usable(tokens.access_token)) continue;
    const named = profile === DEFAULT_PROFILE ? undefined : profile;
    if (!usable(tokens.refresh_token)) {
      checks.push({
        id: 'openai-oauth-expiry',
        status: couldUse(entries, profile) ? 'fail' : 'warn',
        message: `the stored ${loginName(named)} has no refresh token, so it cannot be renewed`,
        remedy: loginAgain(named),
      });
    } else {
      checks.push(expiryCheck(tokens, now, named));
    }
  }
  for (const tier of tiers) {
    if (!onOAuthPath(tier)) continue;
    checks.push({
      id: 'openai-oauth-tools',
      status: 'warn',
      message:
        `tier "${tier.tier}": tools unavailable on the ChatGPT OAuth path ` +
        '(requests with tools fail); use an OpenAI API key (auth_mode: api_key) where tools are needed',
    });
  }
  return checks;
}

/**
 * True when a tier could use `profile`'s ChatGPT login: an openai tier not limited to API keys
 * that names the profile, or names none and `profile` is `default`.
 */
function couldUse(entries: readonly TierEntry[], profile: string): boolean {
  return entries.some(
    (entry) =>
      entry.model.provider === 'openai' &&
      entry.authMode.mode !== 'api_key' &&
      (tierProfiles(entry) ?? [DEFAULT_PROFILE]).includes(profile),
  );
}

function expiryCheck(tokens: OpenAIOAuthTokens, now: number, profile?: string): Check {
  const state = oauthTokenState(tokens, now);
  const id = 'openai-oauth-expiry';
  const name = loginName(profile);
  switch (state.state) {
    case 'valid':
      return {
        id,
        status: 'ok',
        message: `${name}: access token valid until ${formatTime(state.expiresAt)} (refreshed automatically)`,
      };
    case 'refresh-soon':
      return {
        id,
        status: 'ok',
        message: `${name}: access token expires in ${formatDuration(state.expiresAt - now)}; it will refresh on next use`,
      };
    case 'expired':
      return {
        id,
        status: 'warn',
        message:
          `${name}: access token expired at ${formatTime(state.expiresAt)}; it will refresh on next use ` +
          'with the stored refresh token (the online check tries now); if refreshing fails, log in again',
        remedy: loginAgain(profile),
      };
    case 'implausible-expiry':
      return {
        id,
        status: 'warn',
        message: `${name}: the stored expiry of the access token is impossible (the sign-in server sent a bad value); it is refreshed when the server rejects it`,
        remedy: loginAgain(profile),
      };
    default:
      return {
        id,
        status: 'ok',
        message: `${name}: access token expiry unknown; it is refreshed when the server rejects it`,
      };
  }
}
