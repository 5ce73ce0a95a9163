import type { Secret } from './secret.js';
import type {
  AuthMode,
  AuthModeOrigin,
  AuthStoreData,
  CredentialKind,
  CredentialSource,
  Env,
  OpenAIOAuthTokens,
  ProviderId,
} from './types.js';

/** Everything resolution needs, as plain values (this package does not read config). */
export interface ResolveRequest {
  /** Tier or local provider name, e.g. `fast` or `lmstudio`. */
  tier: string;
  provider: ProviderId;
  /** The effective auth mode and where it came from (from `@flynn/config`). */
  mode: AuthMode;
  modeOrigin: AuthModeOrigin;
  /** Inline secrets on the tier's config. */
  config: { api_key?: string; auth_token?: string };
  /** The tier's config path, e.g. `models.fast` or `models.local_providers[0]`. */
  configPath: string;
  env: Env;
  /** The store as read once by the caller (`readAuthStore`). */
  store: AuthStoreData;
  storePath: string;
}

/**
 * What resolution chose and why. Safe to print or serialise in any way (`JSON.stringify`,
 * `util.inspect` with any options, `String`): the value is a `Secret` and the OAuth tokens are
 * left out of every rendering.
 */
export interface CredentialResolution {
  tier: string;
  provider: ProviderId;
  mode: AuthMode;
  modeOrigin: AuthModeOrigin;
  /** `none`: a local provider that needs no credential. */
  kind: CredentialKind | 'none';
  source: CredentialSource | 'none';
  /** `models.fast.api_key`, `OPENAI_API_KEY`, `<storePath> openai.api_key`, or '' for none. */
  location: string;
  /** `maskSecret` of the winning value (the access token for OAuth), '' for none. */
  fingerprint: string;
  /** The value, for the `api_key` and `auth_token` kinds. */
  secret?: Secret;
  /**
   * The tokens, for the `oauth_tokens` kind. A non-enumerable getter (not in `Object.keys`
   * or a spread), and the resolution's `toJSON` and custom inspector leave it out, so no
   * rendering of a resolution shows them; read `resolution.oauth.access_token` directly.
   */
  oauth?: OpenAIOAuthTokens;
}

/** One place a credential could come from, found or not. Never holds a value. */
export interface PresenceRow {
  provider: ProviderId;
  kind: CredentialKind;
  source: CredentialSource;
  location: string;
  present: boolean;
  /** `maskSecret` of the value when present, else ''. */
  fingerprint: string;
}
