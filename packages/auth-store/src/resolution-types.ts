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
  /**
   * The tier's config values as they will be sent: inline strings, or what a secret
   * reference gave (`materializeTierSecrets` in `@flynn/config`).
   */
  config: { api_key?: string; auth_token?: string };
  /**
   * Where a config value came from when it was not written inline (`command: pass`,
   * `env: LMSTUDIO_KEY`, `${TOKEN}`): shown after the field, `models.fast.api_key (command: pass)`.
   */
  configOrigins?: { api_key?: string; auth_token?: string };
  /**
   * Config fields whose reference failed. Resolution throws the error when it reaches the
   * field: a broken reference is the tier's problem, not a reason to use the next source.
   */
  configErrors?: { api_key?: Error; auth_token?: Error };
  /**
   * A local provider's name: its key stored by `flynn login <name>` (at
   * `local_providers.<name>.api_key`) is looked for before the provider's own store field.
   */
  localProvider?: string;
  /**
   * The stored profile whose credentials the store is looked at for (`default`, or unset:
   * the provider's own entry; `work`: the `openai:work` entry). Config and env are the same
   * for every profile.
   */
  profile?: string;
  /** The tier's config path, e.g. `models.fast` or `models.local_providers[0]`. */
  configPath: string;
  env: Env;
  /** The store as read once by the caller (`readAuthStore`). */
  store: AuthStoreData;
  storePath: string;
}

/** What every resolution says: the tier, its provider and its effective mode with its origin. */
interface ResolutionBase {
  tier: string;
  provider: ProviderId;
  mode: AuthMode;
  modeOrigin: AuthModeOrigin;
  /** The stored profile it came from (`default`, `work`); only for source `store`. */
  profile?: string;
  /** When the credential expires (epoch ms), when Flynn knows it; only for source `store`. */
  expiresAt?: number;
}

/** A string credential (`api_key`, `auth_token`) was found. */
export interface SecretResolution extends ResolutionBase {
  kind: 'api_key' | 'auth_token';
  source: CredentialSource;
  /** `models.fast.api_key`, `OPENAI_API_KEY`, or `<storePath> openai.api_key`. */
  location: string;
  /** `maskSecret` of the value. */
  fingerprint: string;
  /** The value. */
  secret: Secret;
  oauth?: undefined;
}

/** ChatGPT OAuth tokens were found (in the store, the only place they live). */
export interface OAuthResolution extends ResolutionBase {
  kind: 'oauth_tokens';
  source: CredentialSource;
  location: string;
  /** `maskSecret` of the access token. */
  fingerprint: string;
  /**
   * The tokens. A non-enumerable getter (not in `Object.keys` or a spread), and the
   * resolution's `toJSON` and custom inspector leave it out, so no rendering of a resolution
   * shows them; read `resolution.oauth.access_token` directly.
   */
  oauth: OpenAIOAuthTokens;
  secret?: undefined;
}

/** A keyless (local) provider with no credential configured: nothing is sent. */
export interface NoCredentialResolution extends ResolutionBase {
  kind: 'none';
  source: 'none';
  location: '';
  fingerprint: '';
  secret?: undefined;
  oauth?: undefined;
}

/**
 * What resolution chose and why, discriminated by `kind`. Safe to print or serialise in any
 * way (`JSON.stringify`, `util.inspect` with any options, `String`): the value is a `Secret`
 * and the OAuth tokens are left out of every rendering. Each variant declares the other
 * variants' `secret`/`oauth` as `undefined`, so `resolution.secret?.reveal()` needs no narrowing.
 */
export type CredentialResolution = SecretResolution | OAuthResolution | NoCredentialResolution;

/** One place a credential could come from, found or not. Never holds a value. */
export interface PresenceRow {
  provider: ProviderId;
  kind: CredentialKind;
  source: CredentialSource;
  location: string;
  present: boolean;
  /** `maskSecret` of the value when present and valid, else ''. */
  fingerprint: string;
  /** Present but unusable: the value holds a control character. */
  invalid?: true;
  /** A config secret reference that failed (see the tier's problem for why). */
  failed?: true;
}
