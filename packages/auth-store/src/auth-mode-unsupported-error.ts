import { describeMode, FlynnError } from '@flynn/core';
import type { AuthMode, AuthModeOrigin, ProviderId } from './types.js';

/**
 * The tier asks for `auth_mode: oauth` from a provider without an OAuth/token kind (registry
 * `oauthKind` absent). Config validation normally reports this first. The remedy is the
 * config change.
 */
export class AuthModeUnsupportedError extends FlynnError<'AUTH_MODE_UNSUPPORTED'> {
  readonly tier: string;
  readonly provider: ProviderId;
  readonly mode: AuthMode;
  readonly modeOrigin: AuthModeOrigin;

  constructor(details: {
    tier: string;
    provider: ProviderId;
    mode: AuthMode;
    modeOrigin: AuthModeOrigin;
    configPath: string;
  }) {
    const remedy =
      details.modeOrigin === 'use_oauth'
        ? {
            kind: 'config' as const,
            path: `${details.configPath}.use_oauth`,
            change: 'Remove use_oauth, or set auth_mode to api_key or auto',
          }
        : {
            kind: 'config' as const,
            path: `${details.configPath}.auth_mode`,
            change: 'Set auth_mode to api_key or auto',
          };
    super(
      'AUTH_MODE_UNSUPPORTED',
      `Tier "${details.tier}" uses provider ${details.provider}, which does not support ` +
        `${describeMode(details.mode, details.modeOrigin)}.`,
      { remedy: [remedy] },
    );
    this.name = 'AuthModeUnsupportedError';
    this.tier = details.tier;
    this.provider = details.provider;
    this.mode = details.mode;
    this.modeOrigin = details.modeOrigin;
  }
}
