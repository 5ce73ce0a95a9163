import type {
  AuthMode,
  AuthModeOrigin,
  CredentialKind,
  CredentialSource,
  Env,
  PresenceRow,
  ProviderId,
} from '@flynn/auth-store';
import type { ConfigParseCache } from '@flynn/config';
import type { Remedy } from '@flynn/core';
import type { TierCredential } from './tier-credentials.js';

/** The outcome of one check or tier: `fail` makes the whole report fail, `warn` does not. */
export type CheckStatus = 'ok' | 'warn' | 'fail';

/**
 * One file or configuration check. `id` is stable (`config`, `store`, `credential-store`, `store-file-mode`,
 * `store-dir-mode`, `inline-secret`, `auth-mode-conflict`, `config-warning`,
 * `openai-oauth-expiry`, `openai-oauth-tools`, `credential-expiry`, `credential-cooldowns`); an id may repeat, once per tier or field
 * it concerns, and the message then names that tier or field. Messages never hold a secret.
 */
export interface Check {
  id: string;
  status: CheckStatus;
  message: string;
  /** What fixes it, as data (rendered by the app), when it is not in the message. */
  remedy?: Remedy;
}

/** The result of the `--online` call for one tier. */
export interface OnlineResult {
  /** `skipped` when the tier has no usable credential offline (nothing to try). */
  status: 'ok' | 'fail' | 'skipped';
  message: string;
  /** Wall time of the call in milliseconds (0 when skipped). */
  durationMs: number;
  /**
   * On `ok`: which call showed the credential works: `models` (the models route) or
   * `one-token` (a one-token request, for a gateway whose models route answers 404/405).
   */
  check?: 'models' | 'one-token';
}

/** What doctor found for one tier or local provider. Holds fingerprints only, never a value. */
export interface TierReport {
  /** `default`, `fast`, `complex`, `local`, or a local provider's name. */
  tier: string;
  /** Where it sits in the config: `models.fast`, `models.local_providers[0]`. */
  configPath: string;
  provider: ProviderId;
  model: string;
  /** The effective auth mode and where it came from. */
  authMode: AuthMode;
  authModeOrigin: AuthModeOrigin;
  /** The kind of credential that won, or `none` (nothing found, or nothing needed). */
  credential: CredentialKind | 'none';
  /** Where the winner came from, or `none`. */
  source: CredentialSource | 'none';
  /** `models.fast.api_key`, `OPENAI_API_KEY`, `<store path> openai.api_key`, or ''. */
  location: string;
  /** Masked form of the winning value (`sk-…a1b2`), or ''. */
  fingerprint: string;
  /** `fail` when the tier cannot authenticate (or its online call failed). */
  status: CheckStatus;
  /** Which credential won and why, or what is missing and where it was looked for. */
  message: string;
  /** What to do next, as data (`renderRemedy` words it), or `[]` when nothing is needed. */
  remedy: Remedy;
  /** Present when doctor ran with `online: true`. */
  online?: OnlineResult;
  /**
   * Every credential the tier may use, in the order a request tries them (config/env first,
   * then its stored profiles), with cooldowns and expiry (issue 17).
   */
  credentials?: TierCredential[];
}

/** Everything `runDoctor` found. A plain value: safe to print or serialise. */
export interface DoctorReport {
  /** True when no tier and no check has status `fail`. */
  ok: boolean;
  /** The config file read (or looked for). */
  configPath: string;
  /** `file` when it existed, `defaults` when the shipped defaults were used. */
  configSource: 'file' | 'defaults';
  /** The credential store looked at. */
  storePath: string;
  /**
   * The backend new credentials go to and why (`auto: Secret Service available`); absent when
   * the store file could not be read.
   */
  credentialStore?: { backend: 'keyring' | 'file'; reason: string };
  /** One entry per configured tier and local provider, in config order; empty when the config is broken. */
  tiers: TierReport[];
  /** Every place a credential for a configured provider could come from, found or not. */
  presence: PresenceRow[];
  /** Per provider the tiers use: its stored profiles (`default` first). */
  profiles?: Record<string, string[]>;
  checks: Check[];
}

export interface RunDoctorOptions {
  /** The config file (`--config`); default: `resolveConfigPaths(env).configFile`. */
  configPath?: string;
  /** The environment to read credentials and locations from. Never defaults to `process.env`. */
  env: Env;
  /** The auth store; default: `defaultAuthStorePath(env)`. */
  storePath?: string;
  /** Make one cheap authenticated call per tier (default false: no network at all). */
  online?: boolean;
  /** Time limit of each online call in milliseconds (default 5000). */
  timeoutMs?: number;
  /** The current time in epoch ms, for OAuth expiry (default `Date.now()`). */
  now?: number;
  /** Passed to `loadConfig`: a cache of parsed configs (`@flynn/config`'s `fileConfigParseCache`). */
  configParseCache?: ConfigParseCache;
}
