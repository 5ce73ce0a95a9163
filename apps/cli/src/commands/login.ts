import {
  assertNever,
  CREDENTIAL_PROVIDERS,
  type CredentialKind,
  type CredentialSpec,
  isProviderId,
  type LoginMethod,
  loginMethods,
  type ProviderId,
  providerSpec,
} from '@flynn/core';
import { namedProfile, UsageError } from '../credentials/credential-errors.js';
import { secretCredential } from '../credentials/credential-specs.js';
import { canPromptHidden } from '../credentials/hidden-prompt.js';
import { exitOnInterrupt } from '../credentials/interrupt.js';
import { readSecret, whereToGetSecret } from '../credentials/read-secret.js';
import { type StoreCredentialOptions, storeCredential } from '../credentials/store-credential.js';
import type { CommandIO } from '../io.js';

/** Flags of `flynn login <provider>`. */
export interface LoginOptions extends StoreCredentialOptions {
  /** Store the provider's API key. */
  apiKey?: boolean;
  /** Store the provider's token (Anthropic: the auth token; GitHub: its token). */
  token?: boolean;
  /**
   * OpenAI: the ChatGPT login in the browser (`--browser`: true). `--no-browser` sets it to
   * false: the browser login without launching a browser, or with `--device` (OpenAI and
   * GitHub) the device login without opening its page.
   */
  browser?: boolean;
  /** OpenAI: ChatGPT login by device code; GitHub: the GitHub device flow. */
  device?: boolean;
  /** GitHub: take the token `gh auth token` prints. */
  gh?: boolean;
  /** `--timeout <seconds>` of a ChatGPT login's wait. */
  timeout?: string;
}

/** How each kind is asked for on the command line. */
const FLAG_OF: Record<CredentialKind, string> = {
  api_key: '--api-key',
  auth_token: '--token',
  oauth_tokens: '--device',
};

function kindChoices(provider: ProviderId): string {
  const methods = loginMethods(provider);
  const described = methods.length > 1 ? methods : providerSpec(provider).credentials;
  return described
    .map((entry) =>
      'flag' in entry
        ? `${entry.flag} (${entry.label})`
        : `${FLAG_OF[entry.kind]} (${entry.label})`,
    )
    .join(', or ');
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
      ? `${providerSpec(provider).label} has more than one way to log in: pass ${kindChoices(provider)}.`
      : `${providerSpec(provider).label} takes ${kindChoices(provider)}.`,
  );
}

/**
 * The login method the flags (or, on a terminal without a kind flag, the menu) select.
 * OpenAI: `--browser` (also `--no-browser` alone), `--device`, `--api-key`; GitHub: a pasted
 * token (no flag, or `--token` / `--api-key`), `--gh`, `--device`; every other provider its
 * kinds' flags. @throws UsageError for a method the provider lacks, conflicting flags, or no
 * kind flag without a terminal where the provider has several.
 */
export async function selectLoginMethod(
  provider: ProviderId,
  options: LoginOptions,
  io: CommandIO,
): Promise<LoginMethod> {
  const methods = loginMethods(provider);
  const find = (method: LoginMethod['method'], kind?: CredentialKind) =>
    methods.find((entry) => entry.method === method && (kind === undefined || entry.kind === kind));
  const browserLogin = provider === 'openai' && options.browser !== undefined && !options.device;
  if (options.browser === true && provider !== 'openai') {
    throw new UsageError('--browser is for `flynn login openai` only.');
  }
  if (
    (browserLogin && (options.apiKey || options.token || options.gh)) ||
    (options.browser === true && options.device)
  ) {
    throw new UsageError('Use only one of --browser, --device and --api-key.');
  }
  if (options.gh && provider !== 'github') {
    throw new UsageError('--gh is for `flynn login github` only.');
  }
  if (provider === 'github') {
    if (options.gh && (options.device || options.token || options.apiKey || options.stdin)) {
      throw new UsageError('Use only one of --stdin, --gh and --device.');
    }
    if (options.gh) return find('gh') as LoginMethod;
  }
  if (browserLogin) return find('browser') as LoginMethod;
  const anyKindFlag = options.apiKey || options.token || options.device;
  if (!anyKindFlag && methods.length > 1 && provider !== 'github' && canPromptHidden(io)) {
    const { chooseLoginMethod } = await import('../credentials/choose-login-method.js');
    return chooseLoginMethod(io, providerSpec(provider).label, methods);
  }
  const spec = selectLoginKind(provider, options);
  if (options.device) return find('device', spec.kind) as LoginMethod;
  return find('paste', spec.kind) as LoginMethod;
}

/**
 * `flynn login <provider> [--browser | --device | --api-key | --token | --gh] [--no-browser]
 * [--stdin] [--replace] [--verify [--base-url URL]] [--timeout S] [--json]`: stores a
 * credential for any provider of the registry, or a local provider of the config. OpenAI:
 * the ChatGPT login in the browser, by device code, or an API key; Anthropic: an API key or
 * an auth token; GitHub: a pasted token, `gh auth token`, or the device flow; every other
 * provider its API key. Without a kind flag a provider with several offers a menu on a
 * terminal and is a usage error elsewhere. The per-provider commands (`openai-key`,
 * `openai-login`, `anthropic-auth`, `github-login`, ...) are these same flows.
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
      if (options.token || options.device || options.gh || options.browser === true) {
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
  namedProfile(options.profile); // a bad --profile is a usage error before anything is asked
  const chatGPT = {
    config: options.config,
    browser: options.browser,
    replace: options.replace,
    json: options.json,
    timeout: options.timeout,
    profile: options.profile,
  };
  // The menu's Ctrl-C is "Cancelled", exit 130, like every flow's own.
  return exitOnInterrupt(io, async () => {
    const method = await selectLoginMethod(provider, options, io);
    if (options.expires !== undefined && provider === 'openai' && method.kind === 'oauth_tokens') {
      throw new UsageError(
        '--expires is for pasted keys and tokens: a ChatGPT login knows its expiry from its tokens.',
      );
    }
    // --profile applies to every method: a ChatGPT login goes to `openai:<profile>.oauth`,
    // a GitHub token (pasted, gh or device) to `github:<profile>.token` (issue 17).
    switch (method.method) {
      case 'browser': {
        const { openaiBrowserLogin } = await import('./openai-browser-login.js');
        return openaiBrowserLogin(chatGPT, io);
      }
      case 'device':
        if (provider === 'github') {
          const { githubLogin } = await import('./github-login.js');
          return githubLogin({ ...options, device: true }, io);
        } else {
          const { openaiLogin } = await import('./openai-login.js');
          return openaiLogin(chatGPT, io);
        }
      case 'gh':
      case 'paste':
        if (provider === 'github') {
          const { githubLogin } = await import('./github-login.js');
          return githubLogin({ ...options, device: false, gh: method.method === 'gh' }, io);
        } else {
          const secret = secretCredential(provider, method.kind);
          return exitOnInterrupt(io, () =>
            storeCredential(secret, options, io, () =>
              readSecret(io, {
                label: secret.label,
                command: secret.command,
                hint: whereToGetSecret(secret.provider, secret.kind),
                stdin: options.stdin,
              }),
            ),
          );
        }
      default:
        return assertNever(method.method, 'login method');
    }
  });
}
