import { FLYNN_ERROR } from './flynn-error.js';
import { describeMode } from './missing-credential-error.js';
import type { AuthMode, AuthModeOrigin, ProviderId } from './types.js';

/**
 * The tier asks for `auth_mode: oauth` from a provider that has no OAuth/token credential
 * (zai, github, ollama, openai-compatible). Config validation normally reports this first.
 */
export class AuthModeUnsupportedError extends Error {
  readonly code = 'AUTH_MODE_UNSUPPORTED';
  readonly tier: string;
  readonly provider: ProviderId;
  readonly mode: AuthMode;
  readonly modeOrigin: AuthModeOrigin;
  /** The config fix, e.g. "Set models.fast.auth_mode to api_key or auto". */
  readonly remedy: string;

  constructor(details: {
    tier: string;
    provider: ProviderId;
    mode: AuthMode;
    modeOrigin: AuthModeOrigin;
    configPath: string;
  }) {
    const remedy =
      details.modeOrigin === 'use_oauth'
        ? `Remove use_oauth from ${details.configPath}, or set its auth_mode to api_key or auto`
        : `Set ${details.configPath}.auth_mode to api_key or auto`;
    super(
      `Tier "${details.tier}" uses provider ${details.provider}, which does not support ` +
        `${describeMode(details.mode, details.modeOrigin)}. ${remedy}.`,
    );
    this.name = 'AuthModeUnsupportedError';
    this.tier = details.tier;
    this.provider = details.provider;
    this.mode = details.mode;
    this.modeOrigin = details.modeOrigin;
    this.remedy = remedy;
  }

  /** Brand shared by Flynn errors (on the prototype, so it does not clutter inspect output). */
  get [FLYNN_ERROR](): true {
    return true;
  }
}
