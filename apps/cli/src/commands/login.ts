import {
  CREDENTIAL_PROVIDERS,
  type CredentialKind,
  type CredentialSpec,
  isProviderId,
  type ProviderId,
  providerSpec,
} from '@flynn/core';
import { UsageError } from '../credentials/credential-errors.js';
import { secretCredential } from '../credentials/credential-specs.js';
import { exitOnInterrupt } from '../credentials/interrupt.js';
import { readSecret } from '../credentials/read-secret.js';
import { type StoreCredentialOptions, storeCredential } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';

/** Flags of `flynn login <provider>`. */
export interface LoginOptions extends StoreCredentialOptions {
  /** Store the provider's API key. */
  apiKey?: boolean;
  /** Store the provider's token (Anthropic: the auth token; GitHub: its token). */
  token?: boolean;
  /** OpenAI: ChatGPT login by device code; GitHub: the GitHub device flow. */
  device?: boolean;
  /** GitHub: take the token `gh auth token` prints. */
  gh?: boolean;
  /** `--no-browser` sets this to false. */
  browser?: boolean;
}

/** How each kind is asked for on the command line. */
const FLAG_OF: Record<CredentialKind, string> = {
  api_key: '--api-key',
  auth_token: '--token',
  oauth_tokens: '--device',
};

function kindChoices(provider: ProviderId): string {
  return providerSpec(provider)
    .credentials.map((spec) => `${FLAG_OF[spec.kind]} (${spec.label})`)
    .join(' or ');
}

/**
 * The kind the flags select for `provider`: `--api-key`, `--token` or `--device`; none is
 * needed when the provider has one kind. `--token` also names a provider's only kind when
 * that kind is a token (GitHub).
 * @throws UsageError for a kind the provider does not have, or none given where it has several.
 */
export function selectLoginKind(provider: ProviderId, options: LoginOptions): CredentialSpec {
  const kinds = providerSpec(provider).credentials;
  const flags = [options.apiKey, options.token, options.device].filter(Boolean).length;
  if (flags > 1) throw new UsageError('Use only one of --api-key, --token and --device.');
  const only = kinds.length === 1 ? kinds[0] : undefined;
  let wanted: CredentialSpec | undefined;
  if (options.apiKey) wanted = kinds.find((spec) => spec.kind === 'api_key');
  else if (options.token) {
    wanted =
      kinds.find((spec) => spec.kind === 'auth_token') ??
      (only && /token$/i.test(only.label) ? only : undefined);
  } else if (options.device) {
    wanted =
      kinds.find((spec) => spec.kind === 'oauth_tokens') ??
      (provider === 'github' ? only : undefined);
  } else wanted = only;
  if (wanted) return wanted;
  throw new UsageError(
    flags === 0
      ? `${providerSpec(provider).label} has more than one kind of credential: pass ${kindChoices(provider)}.`
      : `${providerSpec(provider).label} takes ${kindChoices(provider)}.`,
  );
}

/**
 * `flynn login <provider> [--api-key | --token | --device | --gh] [--stdin] [--replace]
 * [--verify [--base-url URL]] [--json]`: stores a credential for any provider of the
 * registry. The per-provider commands (`openai-key`, `anthropic-auth`, `github-login`, ...)
 * are the same flows; OpenAI's ChatGPT login and GitHub's `--gh`/`--device` run theirs.
 * Resolves to the exit code (0 stored or already stored, 1 failed, 2 usage, 130 cancelled).
 * @throws UsageError for an unknown provider or a kind it does not have.
 */
export async function login(
  provider: string,
  options: LoginOptions,
  io: CommandIO,
): Promise<number> {
  if (!isProviderId(provider) || !CREDENTIAL_PROVIDERS.includes(provider)) {
    const { localProviderCredential, localProviderNames } = await import(
      '../credentials/local-provider-credential.js'
    );
    const local = localProviderCredential(provider, options.config, io.env);
    if (local) {
      if (options.token || options.device || options.gh) {
        throw new UsageError(`${provider} is a local provider: it takes an API key only.`);
      }
      return exitOnInterrupt(io, () =>
        storeCredential(
          local.spec,
          options,
          io,
          () =>
            readSecret(io, {
              label: local.spec.label,
              command: local.spec.command,
              stdin: options.stdin,
            }),
          local.context,
        ),
      );
    }
    const names = localProviderNames(options.config, io.env);
    throw new UsageError(
      // Not echoed: a secret pasted in the wrong place must not reach the terminal log.
      `Unknown provider: use one of ${CREDENTIAL_PROVIDERS.join(', ')}` +
        (names.length > 0 ? `, or a local provider of the config (${names.join(', ')}).` : '.'),
    );
  }
  const spec = selectLoginKind(provider, options);
  if (provider === 'github') {
    const { githubLogin } = await import('./github-login.js');
    return githubLogin({ ...options, device: options.device }, io);
  }
  if (options.gh) throw new UsageError('--gh is for `flynn login github` only.');
  if (spec.kind === 'oauth_tokens') {
    const { openaiLogin } = await import('./openai-login.js');
    return openaiLogin(
      {
        config: options.config,
        browser: options.browser,
        replace: options.replace,
        json: options.json,
      },
      io,
    );
  }
  const secret = secretCredential(provider, spec.kind);
  return exitOnInterrupt(io, () =>
    storeCredential(secret, options, io, () =>
      readSecret(io, { label: secret.label, command: secret.command, stdin: options.stdin }),
    ),
  );
}
