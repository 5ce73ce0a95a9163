/**
 * OpenAI credentials in the store: an API key at `openai.api_key` (env `OPENAI_API_KEY`
 * overrides it in `getOpenAIApiKey`) and ChatGPT OAuth tokens at `openai.oauth` (store only).
 * The two live side by side; writing one never touches the other.
 */
import { AuthStoreError } from './auth-store-error.js';
import { cleanValue } from './clean-value.js';
import { storePathFrom } from './default-auth-store-path.js';
import { findShapeProblem } from './parse-auth-store.js';
import { DEFAULT_PROFILE, profileStoreKey } from './profiles.js';
import { oauthValue, secretField } from './provider-credentials.js';
import { readAuthStore } from './read-auth-store.js';
import { clearEntry, getField, loadField, storeField } from './stored-field.js';
import type { OpenAIOAuthTokens, StoreOptions } from './types.js';
import { updateAuthStore } from './update-auth-store.js';
import type { WriteOptions } from './with-auth-store-lock.js';

/** The API key's place in the store and its env vars (from the provider registry). */
export const OPENAI_API_KEY_FIELD = secretField('openai', 'api_key');

/** The stored OpenAI API key (store only, trimmed), or `undefined`. */
export function loadStoredOpenAIApiKey(options?: StoreOptions): Promise<string | undefined> {
  return loadField(OPENAI_API_KEY_FIELD, options);
}

/** Stores the OpenAI API key (trimmed). @throws AuthStoreError, e.g. `AUTH_STORE_INVALID_INPUT` when blank. */
export function storeOpenAIApiKey(key: string, options?: WriteOptions): Promise<void> {
  return storeField(OPENAI_API_KEY_FIELD, key, options);
}

/** Removes `openai.api_key` only (OAuth tokens stay). Resolves to whether it was stored. */
export function clearOpenAIApiKey(options?: WriteOptions): Promise<boolean> {
  return clearEntry('openai', OPENAI_API_KEY_FIELD.field, options);
}

/** `OPENAI_API_KEY` when set to a non-blank value, else the stored key, trimmed; or `undefined`. */
export function getOpenAIApiKey(options?: StoreOptions): Promise<string | undefined> {
  return getField(OPENAI_API_KEY_FIELD, options);
}

/**
 * Which profile's ChatGPT login: `default` (or absent) is `openai.oauth`, a named profile
 * `openai:<profile>.oauth` (issue 17).
 */
export interface OAuthProfileOption {
  profile?: string;
}

/** `openai`, or `openai:<profile>` for a named profile. @throws TypeError for a bad name. */
function oauthKey(options?: OAuthProfileOption): string {
  return profileStoreKey('openai', options?.profile);
}

/** `openai.oauth`, or `openai:work.oauth`: where a profile's ChatGPT tokens live. */
export function openAIOAuthField(profile: string = DEFAULT_PROFILE): string {
  return `${profileStoreKey('openai', profile)}.oauth`;
}

/**
 * The stored ChatGPT OAuth tokens of `options.profile` (default `openai.oauth`), or
 * `undefined` when absent or missing a token.
 */
export async function loadStoredOpenAIOAuth(
  options?: StoreOptions & OAuthProfileOption,
): Promise<OpenAIOAuthTokens | undefined> {
  const entry = (await readAuthStore(options))[oauthKey(options)];
  return oauthValue((entry as { oauth?: unknown } | null | undefined)?.oauth).oauth;
}

/**
 * Stores ChatGPT OAuth tokens at `openai.oauth` (or a named profile's `openai:<profile>.oauth`),
 * replacing earlier tokens and keeping the API key and everything else. Call it inside
 * `withAuthStoreLock` when refreshing.
 * @throws AuthStoreError `AUTH_STORE_INVALID_INPUT` when a token is blank or a field has the wrong type.
 */
export async function storeOpenAIOAuth(
  tokens: OpenAIOAuthTokens,
  options?: WriteOptions & OAuthProfileOption,
): Promise<void> {
  const key = oauthKey(options);
  const problem =
    findShapeProblem({ openai: { oauth: tokens } }) ??
    (!cleanValue(tokens.access_token) || !cleanValue(tokens.refresh_token)
      ? 'the access and refresh tokens must not be empty'
      : undefined);
  if (problem) {
    throw new AuthStoreError('AUTH_STORE_INVALID_INPUT', {
      path: storePathFrom(options),
      problem: `Refusing to store OpenAI OAuth tokens: ${problem}.`,
      remedy: [{ kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true }],
    });
  }
  const clean: OpenAIOAuthTokens = JSON.parse(JSON.stringify(tokens));
  await updateAuthStore((data) => {
    const entry = data[key];
    data[key] = { ...(typeof entry === 'object' && entry !== null ? entry : {}), oauth: clean };
  }, options);
}

/**
 * Removes `openai.oauth` (or a named profile's) only (the API key stays). Resolves to whether
 * tokens were stored.
 */
export function clearOpenAIOAuth(options?: WriteOptions & OAuthProfileOption): Promise<boolean> {
  return clearEntry(oauthKey(options), 'oauth', options);
}
