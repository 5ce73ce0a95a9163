import type { AuthMode, AuthModeOrigin } from '@flynn/core';
import type { ModelConfig } from './schema.js';

export type { AuthModeOrigin };

export interface ResolvedAuthMode {
  mode: AuthMode;
  origin: AuthModeOrigin;
}

/**
 * The effective auth mode of one tier: `auth_mode` when set (it wins even over
 * `use_oauth: true`), else `oauth` when `use_oauth: true`, else `auto`.
 */
export function resolveAuthMode(
  modelConfig: Pick<ModelConfig, 'auth_mode' | 'use_oauth'>,
): ResolvedAuthMode {
  if (modelConfig.auth_mode !== undefined)
    return { mode: modelConfig.auth_mode, origin: 'auth_mode' };
  if (modelConfig.use_oauth === true) return { mode: 'oauth', origin: 'use_oauth' };
  return { mode: 'auto', origin: 'default' };
}
