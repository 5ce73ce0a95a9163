/** An environment to read variables from; defaults to `process.env` wherever it is optional. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Where the store lives and which environment to read. Every public function takes this
 * last and optional: `path` defaults to `defaultAuthStorePath(env)`, `env` to `process.env`.
 */
export interface StoreOptions {
  path?: string;
  env?: Env;
}

/** ChatGPT OAuth tokens as stored under `openai.oauth`. Times are epoch milliseconds. */
export interface OpenAIOAuthTokens {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  account_id?: string;
  expires_at?: number;
  last_refresh?: number;
}

/**
 * The contents of `auth.json` (version 1): one object per provider. Unknown providers and
 * unknown fields inside known providers are kept on every write.
 */
export interface AuthStoreData {
  version: 1;
  openai?: { api_key?: string; oauth?: OpenAIOAuthTokens; [field: string]: unknown };
  anthropic?: { api_key?: string; auth_token?: string; [field: string]: unknown };
  zai?: { api_key?: string; [field: string]: unknown };
  github?: { token?: string; [field: string]: unknown };
  [provider: string]: unknown;
}

/** Providers a tier can name. */
export type ProviderId = 'openai' | 'anthropic' | 'zai' | 'github' | 'ollama' | 'openai-compatible';

/** The effective auth mode of a tier. */
export type AuthMode = 'auto' | 'api_key' | 'oauth';

/** Where the effective auth mode came from. */
export type AuthModeOrigin = 'auth_mode' | 'use_oauth' | 'default';

/** A kind of credential. A GitHub token counts as GitHub's `api_key` kind. */
export type CredentialKind = 'api_key' | 'oauth_tokens' | 'auth_token';

/** The three places a credential can come from. */
export type CredentialSource = 'config' | 'env' | 'store';
