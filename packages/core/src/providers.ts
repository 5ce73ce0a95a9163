/**
 * The provider registry: what every provider *is*, written once. Config's provider enum,
 * the store's shapes and resolution order, the CLI's commands and help, the TUI's `/login`
 * and `/logout`, doctor's rows, remedies, masking and the verify endpoints are all read
 * from this table, so adding an OpenAI-compatible API-key provider is one entry here (see
 * docs/architecture.md, "Adding a provider").
 */
import type { CredentialKind } from './types.js';

/** How a provider (or one of its credential kinds) talks on the wire. */
export type WireFormat = 'openai-chat' | 'anthropic' | 'codex';

/** One kind of credential a provider accepts. */
export interface CredentialSpec {
  readonly kind: CredentialKind;
  /** For people, without an article: `OpenAI API key`, `GitHub token`, `ChatGPT login`. */
  readonly label: string;
  /** Env vars that provide it, in lookup order (none for store-only kinds). */
  readonly envVars: readonly string[];
  /** Its field under the provider's object in `auth.json`: `openai.api_key` is `api_key`. */
  readonly storeField: string;
  /**
   * Publicly documented prefixes of values of this kind, longest first where they nest:
   * masking keeps them visible, and a value starting with one is recognised as this kind
   * (a kind-mismatch warning when it is pasted where another kind belongs).
   */
  readonly prefixes: readonly string[];
  /**
   * The older per-provider CLI command that stores it (`openai-key`), kept as an alias of
   * `flynn login`; absent for providers that only have `flynn login <id>`.
   */
  readonly command?: string;
  /** Where a person gets one. */
  readonly getUrl?: string;
  /** Permissions the credential needs, for people (`models: read`). */
  readonly scopes?: string;
  /** Words `/logout` and `flynn logout` accept for this kind besides its flag. */
  readonly logoutNames: readonly string[];
  /** When this kind talks another wire than its provider (ChatGPT OAuth: `codex`). */
  readonly wire?: WireFormat;
  /** Obtained by a login flow rather than pasted (ChatGPT OAuth tokens). */
  readonly interactiveLogin?: boolean;
  /**
   * A response header in which the provider says when this credential expires
   * (`2026-12-31 23:59:59 UTC`): recorded beside the stored value, so doctor warns ahead.
   */
  readonly expiryHeader?: string;
}

/** One provider. */
export interface ProviderSpec {
  /** For people: `OpenAI`, `GitHub Models`. */
  readonly label: string;
  readonly wire: WireFormat;
  /** The endpoint used when a tier sets no `base_url`; absent when a tier must give one. */
  readonly defaultBaseUrl?: string;
  /**
   * Credential kinds, API-key-like kind first. `auth_mode: api_key` uses the first,
   * `auth_mode: oauth` uses {@link ProviderSpec.oauthKind}, `auto` tries the first, then that.
   */
  readonly credentials: readonly CredentialSpec[];
  /** The kind `auth_mode: oauth` means for this provider; absent: `oauth` is invalid here. */
  readonly oauthKind?: CredentialKind;
  /** Runs on the user's machine and needs no credential unless one is configured. */
  readonly keyless: boolean;
  /**
   * The usual reason a credential that looks right is refused (401/403), added to the remedy
   * of a rejected request: GitHub Models refuses fine-grained tokens without `models: read`.
   */
  readonly rejectedHint?: string;
  /** The cheap authenticated call doctor `--online` and `--verify` make: `GET <base>/models`. */
  readonly probePath: string;
  /** Headers the provider documents for naming the calling app (OpenRouter). */
  readonly appHeaders?: Readonly<Record<string, string>>;
}

const apiKey = (
  label: string,
  envVar: string,
  getUrl: string,
  extra: Partial<CredentialSpec> = {},
): CredentialSpec => ({
  kind: 'api_key',
  label,
  envVars: [envVar],
  storeField: 'api_key',
  prefixes: [],
  getUrl,
  logoutNames: ['api-key', 'key'],
  ...extra,
});

/**
 * An OpenAI-compatible provider that takes one API key as `Authorization: Bearer`: the
 * shape of most hosted providers, so each of them is one line below.
 */
const openAICompatible = (
  label: string,
  defaultBaseUrl: string,
  envVar: string,
  getUrl: string,
  extra: {
    prefixes?: readonly string[];
    appHeaders?: Record<string, string>;
    command?: string;
  } = {},
): ProviderSpec => ({
  label,
  wire: 'openai-chat',
  defaultBaseUrl,
  credentials: [
    apiKey(`${label} API key`, envVar, getUrl, {
      prefixes: extra.prefixes ?? [],
      ...(extra.command ? { command: extra.command } : {}),
    }),
  ],
  keyless: false,
  probePath: '/models',
  ...(extra.appHeaders ? { appHeaders: extra.appHeaders } : {}),
});

const keyless = (label: string, defaultBaseUrl?: string): ProviderSpec => ({
  label,
  wire: 'openai-chat',
  ...(defaultBaseUrl ? { defaultBaseUrl } : {}),
  credentials: [],
  keyless: true,
  probePath: '/models',
});

/**
 * Every provider a tier can name, in the order they are listed to people. Entries are
 * plain data; the helpers below read them.
 */
export const PROVIDER_REGISTRY = {
  openai: {
    label: 'OpenAI',
    wire: 'openai-chat',
    defaultBaseUrl: 'https://api.openai.com/v1',
    credentials: [
      apiKey('OpenAI API key', 'OPENAI_API_KEY', 'https://platform.openai.com/api-keys', {
        prefixes: ['sk-svcacct-', 'sk-admin-', 'sk-proj-'],
        command: 'openai-key',
      }),
      {
        kind: 'oauth_tokens',
        label: 'ChatGPT login',
        envVars: [],
        storeField: 'oauth',
        prefixes: [],
        command: 'openai-login',
        logoutNames: ['oauth', 'login'],
        wire: 'codex',
        interactiveLogin: true,
      },
    ],
    oauthKind: 'oauth_tokens',
    keyless: false,
    probePath: '/models',
  },
  anthropic: {
    label: 'Anthropic',
    wire: 'anthropic',
    defaultBaseUrl: 'https://api.anthropic.com',
    credentials: [
      apiKey(
        'Anthropic API key',
        'ANTHROPIC_API_KEY',
        'https://console.anthropic.com/settings/keys',
        {
          prefixes: ['sk-ant-api03-', 'sk-ant-api'],
          command: 'anthropic-auth',
        },
      ),
      {
        kind: 'auth_token',
        label: 'Anthropic auth token',
        envVars: ['ANTHROPIC_AUTH_TOKEN'],
        storeField: 'auth_token',
        prefixes: ['sk-ant-oat01-', 'sk-ant-oat'],
        command: 'anthropic-token',
        logoutNames: ['oauth', 'token', 'auth-token'],
      },
    ],
    oauthKind: 'auth_token',
    keyless: false,
    probePath: '/v1/models',
  },
  zai: openAICompatible(
    'Z.AI',
    'https://api.z.ai/api/paas/v4',
    'ZAI_API_KEY',
    'https://z.ai/manage-apikey/apikey-list',
    { command: 'zai-key' },
  ),
  github: {
    label: 'GitHub Models',
    wire: 'openai-chat',
    defaultBaseUrl: 'https://models.github.ai/inference',
    credentials: [
      {
        kind: 'api_key',
        label: 'GitHub token',
        envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
        storeField: 'token',
        prefixes: ['github_pat_', 'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
        command: 'github-login',
        getUrl: 'https://github.com/settings/personal-access-tokens',
        scopes: 'models: read',
        logoutNames: ['token', 'api-key'],
        expiryHeader: 'github-authentication-token-expiration',
      },
    ],
    keyless: false,
    // GitHub changelog 2025-05-15: OAuth app and classic tokens need no scope.
    rejectedHint:
      'A fine-grained token or a GitHub App needs the `models: read` permission (Models: read-only); a classic or OAuth app token needs no scope',
    probePath: '/models',
  },
  gemini: openAICompatible(
    'Gemini',
    'https://generativelanguage.googleapis.com/v1beta/openai',
    'GEMINI_API_KEY',
    'https://aistudio.google.com/apikey',
    { prefixes: ['AIza'] },
  ),
  mistral: openAICompatible(
    'Mistral',
    'https://api.mistral.ai/v1',
    'MISTRAL_API_KEY',
    'https://console.mistral.ai/api-keys',
  ),
  openrouter: openAICompatible(
    'OpenRouter',
    'https://openrouter.ai/api/v1',
    'OPENROUTER_API_KEY',
    'https://openrouter.ai/keys',
    { prefixes: ['sk-or-v1-', 'sk-or-'], appHeaders: { 'X-Title': 'Flynn' } },
  ),
  groq: openAICompatible(
    'Groq',
    'https://api.groq.com/openai/v1',
    'GROQ_API_KEY',
    'https://console.groq.com/keys',
    { prefixes: ['gsk_'] },
  ),
  deepseek: openAICompatible(
    'DeepSeek',
    'https://api.deepseek.com/v1',
    'DEEPSEEK_API_KEY',
    'https://platform.deepseek.com/api_keys',
  ),
  xai: openAICompatible('xAI', 'https://api.x.ai/v1', 'XAI_API_KEY', 'https://console.x.ai', {
    prefixes: ['xai-'],
  }),
  ollama: keyless('Ollama', 'http://127.0.0.1:11434/v1'),
  // No default: a generic OpenAI-compatible server must be given its base_url.
  'openai-compatible': keyless('OpenAI-compatible server'),
} as const satisfies Record<string, ProviderSpec>;

/** A provider a tier can name: a key of {@link PROVIDER_REGISTRY}. */
export type ProviderId = keyof typeof PROVIDER_REGISTRY;

/** Every provider id, in registry order (the enum config validates against). */
export const PROVIDER_IDS = Object.freeze(Object.keys(PROVIDER_REGISTRY)) as readonly [
  ProviderId,
  ...ProviderId[],
];

/** True when `value` names a provider of the registry. */
export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && Object.hasOwn(PROVIDER_REGISTRY, value);
}

/** The registry entry of `provider`. */
export function providerSpec(provider: ProviderId): ProviderSpec {
  return PROVIDER_REGISTRY[provider];
}

/** Providers that can hold a credential (every provider that is not keyless). */
export const CREDENTIAL_PROVIDERS: readonly ProviderId[] = Object.freeze(
  PROVIDER_IDS.filter((id) => !PROVIDER_REGISTRY[id].keyless),
);

/** Providers for which `auth_mode: oauth` means something. */
export const OAUTH_PROVIDERS: readonly ProviderId[] = Object.freeze(
  PROVIDER_IDS.filter((id) => providerSpec(id).oauthKind !== undefined),
);

/** `provider`'s spec for `kind`, or `undefined` when it does not accept that kind. */
export function credentialSpec(
  provider: ProviderId,
  kind: CredentialKind,
): CredentialSpec | undefined {
  return providerSpec(provider).credentials.find((spec) => spec.kind === kind);
}

/** The kinds `provider` accepts, API-key-like kind first. */
export function credentialKinds(provider: ProviderId): CredentialKind[] {
  return providerSpec(provider).credentials.map((spec) => spec.kind);
}

/** Every env var that carries a credential of any provider, in registry order. */
export const CREDENTIAL_ENV_VARS: readonly string[] = Object.freeze([
  ...new Set(
    PROVIDER_IDS.flatMap((id) => providerSpec(id).credentials.flatMap((spec) => spec.envVars)),
  ),
]);

/** A provider's credential kind as one value. */
export interface ProviderCredential {
  readonly provider: ProviderId;
  readonly spec: CredentialSpec;
}

/** Every credential kind of every provider, in registry order. */
export const PROVIDER_CREDENTIALS: readonly ProviderCredential[] = Object.freeze(
  PROVIDER_IDS.flatMap((provider) =>
    providerSpec(provider).credentials.map((spec) => Object.freeze({ provider, spec })),
  ),
);

/** The wire a tier of `provider` talks when it uses `kind`. */
export function wireFormat(provider: ProviderId, kind: CredentialKind | 'none'): WireFormat {
  const spec = kind === 'none' ? undefined : credentialSpec(provider, kind);
  return spec?.wire ?? providerSpec(provider).wire;
}
