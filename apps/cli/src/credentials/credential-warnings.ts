// Warnings shown after storing a credential. They name env vars and kinds of
// credential, never a value: an env var's value is read only to see that it is set.
import { type CommandIO, eprintln, style } from '../io.js';
import type { CredentialProvider, SecretCredentialSpec } from './credential-specs.js';

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

interface Shape {
  prefixes: readonly string[];
  provider: CredentialProvider;
  kind: 'api_key' | 'auth_token';
  what: string;
  command: string;
}

/** Publicly documented prefixes that say with confidence what a value is. */
const SHAPES: readonly Shape[] = [
  {
    prefixes: ['sk-ant-oat'],
    provider: 'anthropic',
    kind: 'auth_token',
    what: 'an Anthropic OAuth token (sk-ant-oat…)',
    command: 'flynn anthropic-token',
  },
  {
    prefixes: ['sk-ant-api'],
    provider: 'anthropic',
    kind: 'api_key',
    what: 'an Anthropic API key (sk-ant-api…)',
    command: 'flynn anthropic-auth',
  },
  {
    prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'github_pat_'],
    provider: 'github',
    kind: 'api_key',
    what: 'a GitHub token',
    command: 'flynn github-login',
  },
  {
    prefixes: ['sk-proj-', 'sk-svcacct-'],
    provider: 'openai',
    kind: 'api_key',
    what: 'an OpenAI API key',
    command: 'flynn openai-key',
  },
];

/** The env vars among `names` set to a non-blank value. */
export function setEnvVars(env: NodeJS.ProcessEnv, names: readonly string[]): string[] {
  return names.filter((name) => (env[name] ?? '').trim() !== '');
}

/**
 * A warning when `value` carries the prefix of another kind or provider than `spec`
 * (an `sk-ant-oat` token given to `flynn anthropic-auth`). The store commands store the
 * value anyway (prefixes are a heuristic and gateways accept any bearer string); with
 * `stored` the warning says how to undo that, otherwise which command fits.
 */
export function shapeWarning(
  spec: SecretCredentialSpec,
  value: string,
  stored: boolean,
): CredentialWarning | undefined {
  const shape = SHAPES.find((candidate) =>
    candidate.prefixes.some((prefix) => value.startsWith(prefix)),
  );
  if (!shape || (shape.provider === spec.provider && shape.kind === spec.kind)) return undefined;
  const logoutFlag =
    spec.provider === 'github' || spec.provider === 'zai'
      ? ''
      : spec.kind === 'api_key'
        ? ' --api-key'
        : ' --oauth';
  const advice = stored
    ? `It was stored as the ${spec.label} anyway; if that was a mistake, run \`flynn logout ${spec.provider}${logoutFlag}\` and \`${shape.command}\`.`
    : `If it is, use \`${shape.command}\`.`;
  return {
    code: 'looks_like_other_kind',
    message: `This looks like ${shape.what}, not ${article(spec.label)}. ${advice}`,
  };
}

function article(label: string): string {
  return /^[AEIOU]/i.test(label) ? `an ${label}` : `a ${label}`;
}

/** Warnings for env vars that take precedence over the stored `spec` (as `gh` warns about GH_TOKEN). */
export function envOverrideWarnings(
  spec: SecretCredentialSpec,
  env: NodeJS.ProcessEnv,
): CredentialWarning[] {
  return setEnvVars(env, spec.envVars).map((variable) => ({
    code: 'env_override',
    variable,
    message: `${variable} is set in this environment and takes precedence over the stored ${spec.label}; unset it to use the stored one.`,
  }));
}

/**
 * For the OAuth/token kinds: an API key from env (or the store) wins in `auth_mode: auto`,
 * so the stored token is used only by tiers with `auth_mode: oauth`.
 */
export function autoModeWarnings(options: {
  provider: 'openai' | 'anthropic';
  apiKeyEnvVar: string;
  apiKeyStored: boolean;
  env: NodeJS.ProcessEnv;
  tokenLabel: string;
}): CredentialWarning[] {
  const logout = `flynn logout ${options.provider} --api-key`;
  const advice = `tiers with auth_mode auto use the API key first; set auth_mode: oauth on a tier to use the ${options.tokenLabel}`;
  const warnings: CredentialWarning[] = [];
  if (setEnvVars(options.env, [options.apiKeyEnvVar]).length > 0) {
    warnings.push({
      code: 'auto_mode_prefers_api_key',
      variable: options.apiKeyEnvVar,
      message: `${options.apiKeyEnvVar} is set: ${advice}.`,
    });
  }
  if (options.apiKeyStored) {
    warnings.push({
      code: 'auto_mode_prefers_api_key',
      message: `An API key is stored too: ${advice}, or run \`${logout}\`.`,
    });
  }
  return warnings;
}

/** Prints warnings on stderr, one per line. */
export function printWarnings(io: CommandIO, warnings: readonly CredentialWarning[]): void {
  for (const warning of warnings)
    eprintln(io, `${style(io, 'yellow', 'warning:')} ${warning.message}`);
}
