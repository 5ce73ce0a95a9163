import {
  clearStoredCredential,
  loadStoredOpenAIOAuth,
  maskSecret,
  type StoreOptions,
  selectLogout,
} from '@flynn/auth-store';
import {
  CREDENTIAL_PROVIDERS,
  type CredentialSpec,
  DEFAULT_PROFILE,
  isProviderId,
  type ProviderId,
} from '@flynn/core';
import { credentialConfigContext } from '../credentials/config-context.js';
import { namedProfile, UsageError } from '../credentials/credential-errors.js';
import {
  type CredentialProvider,
  type SecretCredentialSpec,
  secretCredential,
} from '../credentials/credential-specs.js';
import {
  type CredentialWarning,
  printWarnings,
  setEnvVars,
} from '../credentials/credential-warnings.js';
import { specForProfile } from '../credentials/store-credential.js';
import { cliStoreOptions } from '../credentials/store-options.js';
import { EXIT } from '../exit-codes.js';
import { type CommandIO, printJson, println } from '../io.js';

/** Providers `flynn logout` accepts: every registry provider that can hold a credential. */
export const LOGOUT_PROVIDERS: readonly CredentialProvider[] = CREDENTIAL_PROVIDERS;

function isLogoutProvider(value: string): value is CredentialProvider {
  return isProviderId(value) && LOGOUT_PROVIDERS.includes(value);
}

/** Flags of `flynn logout <provider>`; at most one of them. */
export interface LogoutOptions {
  /** `--config PATH`: tiers whose own value keeps providing the credential are named. */
  config?: string;
  /** The API key (for GitHub: the token). */
  apiKey?: boolean;
  /** OpenAI: the ChatGPT OAuth tokens; Anthropic: the auth token. */
  oauth?: boolean;
  /** Every credential of the provider. */
  all?: boolean;
  /** `--profile NAME`: the stored profile to remove from (default `default`). */
  profile?: string;
  json?: boolean;
}

interface LogoutTarget {
  kind: string;
  label: string;
  envVars: readonly string[];
  /** The string credential, for the config checks; absent for the OAuth tokens. */
  spec?: SecretCredentialSpec;
  /** The masked form of what is stored, or `undefined`. */
  fingerprint(options: StoreOptions): Promise<string | undefined>;
  clear(options: StoreOptions): Promise<boolean>;
}

function target(provider: ProviderId, spec: CredentialSpec, profile?: string): LogoutTarget {
  const named = namedProfile(profile);
  // A named profile's credential is `<provider>:<profile>.<field>` (issue 17).
  const where = named ? { profile: named } : {};
  const clear = (options: StoreOptions) =>
    clearStoredCredential(provider, spec.kind, { ...options, ...where });
  if (spec.kind === 'oauth_tokens') {
    return {
      kind: spec.kind,
      label: `${spec.label} (OAuth tokens)${named ? ` (profile ${named})` : ''}`,
      envVars: spec.envVars,
      fingerprint: async (options) => {
        const tokens = await loadStoredOpenAIOAuth({ ...options, ...where });
        return tokens ? maskSecret(tokens.access_token) : undefined;
      },
      clear,
    };
  }
  const secret = secretCredential(provider, spec.kind);
  return { ...secretTarget(specForProfile(secret, named)), clear };
}

/** A string secret as a logout target: its label, env vars, masked stored value, clear. */
function secretTarget(secret: SecretCredentialSpec): LogoutTarget {
  return {
    kind: secret.kind,
    label: secret.label,
    envVars: secret.envVars,
    spec: secret,
    fingerprint: async (options) => {
      const value = await secret.load(options);
      return value === undefined ? undefined : maskSecret(value);
    },
    clear: (options) => secret.clear(options),
  };
}

async function chooseTargets(
  provider: CredentialProvider,
  options: LogoutOptions,
  storeOptions: StoreOptions,
): Promise<LogoutTarget[]> {
  const kinds = selectLogout(provider).kinds.map((spec) => target(provider, spec, options.profile));
  const [apiKey = kinds[0] as LogoutTarget, oauth] = kinds;
  if ([options.apiKey, options.oauth, options.all].filter(Boolean).length > 1) {
    throw new UsageError('Use only one of --api-key, --oauth and --all.');
  }
  if (options.all) return kinds;
  if (options.apiKey) return [apiKey];
  if (options.oauth) {
    if (!oauth) {
      throw new UsageError(
        `${provider} has no OAuth credential, only the ${apiKey.label}: run \`flynn logout ${provider}\`.`,
      );
    }
    return [oauth];
  }
  const stored: LogoutTarget[] = [];
  for (const target of kinds) {
    if ((await target.fingerprint(storeOptions)) !== undefined) stored.push(target);
  }
  if (stored.length > 1) {
    throw new UsageError(
      `Both the ${apiKey.label} and the ${oauth?.label} are stored for ${provider}: ` +
        `pass --api-key or --oauth to remove one, or --all to remove both.`,
    );
  }
  return stored.length === 1 ? stored : kinds;
}

/**
 * `flynn logout <provider> [--api-key | --oauth | --all] [--json]`: removes stored
 * credentials of `provider` (any registry provider that holds one), each kind separately; for
 * Anthropic `--oauth` means the auth token. Without a flag it removes the one kind
 * stored, and refuses (exit 2) when two are. Removing what is not stored is not an
 * error. Warns when an env var still provides the credential. Resolves to the exit code.
 * @throws UsageError (exit 2): ambiguous or impossible choice; AuthStoreError.
 */
export async function logout(
  provider: string,
  options: LogoutOptions,
  io: CommandIO,
): Promise<number> {
  // The store follows the config directory rules (FLYNN_CONFIG_DIR, ...), not --config.
  const storeOptions = cliStoreOptions(io, options.config, undefined, options.json);
  const { path } = storeOptions;
  let targets: LogoutTarget[];
  if (isLogoutProvider(provider)) targets = await chooseTargets(provider, options, storeOptions);
  else {
    const { localProviderCredential, localProviderNames } = await import(
      '../credentials/local-provider-credential.js'
    );
    const local = localProviderCredential(provider, options.config, io.env);
    if (!local) {
      const names = localProviderNames(options.config, io.env);
      throw new UsageError(
        `Unknown provider: use one of ${LOGOUT_PROVIDERS.join(', ')}` +
          (names.length > 0 ? `, or a local provider of the config (${names.join(', ')}).` : '.'),
      );
    }
    if (options.oauth)
      throw new UsageError(`${provider} is a local provider: it has an API key only.`);
    if (options.profile !== undefined && options.profile !== DEFAULT_PROFILE) {
      throw new UsageError('Local providers keep one key: --profile is for registry providers.');
    }
    // No `spec` for the config checks: they are about registry providers' tiers.
    targets = [{ ...secretTarget(local.spec), spec: undefined }];
  }

  const removed: { kind: string; fingerprint: string }[] = [];
  const lines: string[] = [];
  for (const target of targets) {
    const fingerprint = await target.fingerprint(storeOptions);
    const cleared = fingerprint !== undefined && (await target.clear(storeOptions));
    if (cleared) {
      removed.push({ kind: target.kind, fingerprint });
      lines.push(`Removed the ${target.label} (${fingerprint}) from ${path}.`);
    } else {
      lines.push(`No ${target.label} is stored; nothing to remove.`);
    }
  }
  const warnings: CredentialWarning[] = targets.flatMap((target) =>
    setEnvVars(io.env, target.envVars).map((variable) => ({
      code: 'env_override' as const,
      variable,
      message: `${variable} is still set in this environment; Flynn keeps using it until you unset it.`,
    })),
  );
  const configWarnings = targets.flatMap((target) =>
    target.spec
      ? credentialConfigContext(target.spec, options.config, io.env, 'logout').warnings
      : [],
  );
  // One config_invalid warning is enough when several kinds were looked at.
  for (const warning of configWarnings) {
    if (warning.code === 'config_invalid' && warnings.some((w) => w.code === 'config_invalid'))
      continue;
    warnings.push(warning);
  }

  if (options.json) printJson(io, { provider, removed, path, warnings });
  else {
    for (const line of lines) println(io, line);
    printWarnings(io, warnings);
  }
  return EXIT.ok;
}
