import type {
  AuthMode,
  AuthModeOrigin,
  CredentialKind,
  CredentialSource,
  CredentialStoreSetting,
  Env,
  ProviderId,
} from '@flynn/core';

export type {
  AuthMode,
  AuthModeOrigin,
  CredentialKind,
  CredentialSource,
  CredentialStoreSetting,
  Env,
  ProviderId,
};

/**
 * Where the store lives and which environment to read. Every public function takes this
 * last and optional: `path` defaults to `defaultAuthStorePath(env)`, `env` to `process.env`.
 */
export interface StoreOptions {
  path?: string;
  env?: Env;
  /**
   * The config's `credential_store` (`FLYNN_CREDENTIAL_STORE` in `env` wins; default `auto`):
   * where writes put new credentials. Reads follow the file, whatever the setting.
   */
  credentialStore?: CredentialStoreSetting;
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
 * The contents of `auth.json` (version 1): one object per provider, keyed by its registry id
 * (`gemini: { api_key }`), each credential under its registry `storeField`. Unknown providers
 * and unknown fields inside known providers are kept on every write.
 */
export interface AuthStoreData {
  version: 1;
  openai?: { api_key?: string; oauth?: OpenAIOAuthTokens; [field: string]: unknown };
  anthropic?: { api_key?: string; auth_token?: string; [field: string]: unknown };
  zai?: { api_key?: string; [field: string]: unknown };
  github?: { token?: string; [field: string]: unknown };
  [provider: string]: unknown;
}
