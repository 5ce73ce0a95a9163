// Warnings shown after storing a credential. They name env vars and kinds of
// credential, never a value: an env var's value is read only to see that it is set.

import type { StoreWarning } from '@flynn/auth-store';
import {
  assertNever,
  type CredentialKind,
  loginCommand,
  providerSpec,
  withArticle,
} from '@flynn/core';
import { type CommandIO, eprintln, style } from '../io.js';
import type { SecretCredentialSpec } from './credential-specs.js';

/**
 * A warning as `--json` prints it. `variable` names an env var and `location` a config
 * field (`models.fast.api_key`), never their values.
 */
export interface CredentialWarning {
  code:
    | 'looks_like_other_kind'
    | 'env_override'
    | 'config_override'
    | 'config_invalid'
    | 'auto_mode_prefers_api_key';
  message: string;
  variable?: string;
  location?: string;
}

/** The env vars among `names` set to a non-blank value. */
export function setEnvVars(env: NodeJS.ProcessEnv, names: readonly string[]): string[] {
  return names.filter((name) => (env[name] ?? '').trim() !== '');
}

/**
 * The CLI's words for the store use case's warnings (`storeWarnings` of @flynn/auth-store):
 * a value with another kind's prefix (stored anyway, since prefixes are a heuristic and
 * gateways accept any bearer string; with `stored` the warning says how to undo it), env vars
 * that win over the store, and an API key that `auth_mode: auto` prefers.
 */
export function renderStoreWarnings(
  spec: SecretCredentialSpec,
  warnings: readonly StoreWarning[],
  stored: boolean,
): CredentialWarning[] {
  return warnings.map((warning): CredentialWarning => {
    switch (warning.code) {
      case 'looks_like_other_kind': {
        const { provider, kind } = warning.looksLike;
        const command = loginCommand(provider, kind);
        const logout = `flynn logout ${spec.provider}${providerSpec(spec.provider).credentials.length > 1 ? ` ${logoutFlag(spec.kind)}` : ''}`;
        const advice = stored
          ? `It was stored as the ${spec.label} anyway; if that was a mistake, run \`${logout}\` and \`${command}\`.`
          : `If it is, use \`${command}\`.`;
        return {
          code: 'looks_like_other_kind',
          message: `This looks like ${warning.description}, not ${withArticle(spec.label)}. ${advice}`,
        };
      }
      case 'env_override':
        return {
          code: 'env_override',
          variable: warning.variable,
          message: `${warning.variable} is set in this environment and takes precedence over the stored ${spec.label}; unset it to use the stored one.`,
        };
      case 'auto_mode_prefers_api_key': {
        const advice = `tiers with auth_mode auto use the API key first; set auth_mode: oauth on a tier to use the ${spec.label}`;
        return warning.variable
          ? {
              code: 'auto_mode_prefers_api_key',
              variable: warning.variable,
              message: `${warning.variable} is set: ${advice}.`,
            }
          : {
              code: 'auto_mode_prefers_api_key',
              message: `An API key is stored too: ${advice}, or run \`flynn logout ${spec.provider} --api-key\`.`,
            };
      }
      default:
        return assertNever(warning, 'store warning');
    }
  });
}

/** The `flynn logout` flag that removes `kind` only. */
export function logoutFlag(kind: CredentialKind): string {
  switch (kind) {
    case 'api_key':
      return '--api-key';
    case 'auth_token':
    case 'oauth_tokens':
      return '--oauth';
    default:
      return assertNever(kind, 'credential kind');
  }
}

/** Prints warnings on stderr, one per line. */
export function printWarnings(io: CommandIO, warnings: readonly CredentialWarning[]): void {
  for (const warning of warnings)
    eprintln(io, `${style(io, 'yellow', 'warning:')} ${warning.message}`);
}
