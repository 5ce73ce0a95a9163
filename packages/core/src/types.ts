/** An environment to read variables from; defaults to `process.env` wherever it is optional. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Values of `auth_mode`. `auto` is the default. */
export const AUTH_MODES = ['auto', 'api_key', 'oauth'] as const;
/** The effective auth mode of a tier. */
export type AuthMode = (typeof AUTH_MODES)[number];

/**
 * Values of `credential_store` (and `FLYNN_CREDENTIAL_STORE`): where stored credentials live.
 * `auto` (the default) uses the OS keyring when one answers, else `auth.json`.
 */
export const CREDENTIAL_STORES = ['auto', 'keyring', 'file'] as const;
/** A `credential_store` setting. */
export type CredentialStoreSetting = (typeof CREDENTIAL_STORES)[number];

/** Where the effective auth mode came from: the `auth_mode` field, the `use_oauth` alias, or neither. */
export type AuthModeOrigin = 'auth_mode' | 'use_oauth' | 'default';

/**
 * A kind of credential: `api_key` (a GitHub token counts as GitHub's `api_key`),
 * `auth_token` (Anthropic's bearer token) or `oauth_tokens` (ChatGPT OAuth tokens).
 */
export type CredentialKind = 'api_key' | 'auth_token' | 'oauth_tokens';

/** The places a credential can come from, in resolution order. */
export type CredentialSource = 'config' | 'env' | 'store';

/**
 * Throws at run time for a value the type system says cannot exist: the last line of
 * every `switch` over a union, so a new member cannot go silently unhandled.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`Unhandled ${what}: ${String(value)}`);
}
