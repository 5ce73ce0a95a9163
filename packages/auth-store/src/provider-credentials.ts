import { cleanValue } from './clean-value.js';
import type { ResolveRequest } from './resolution-types.js';
import type { StoredField } from './stored-field.js';
import type { CredentialKind, CredentialSource, OpenAIOAuthTokens, ProviderId } from './types.js';

/** What a provider accepts: its API-key-like kind, its OAuth/token kind (if any), and env vars. */
interface ProviderCredentials {
  label: string;
  tokenKind?: CredentialKind;
  /** Env vars per kind, in order. */
  envVars: Partial<Record<CredentialKind, readonly string[]>>;
  /** Store field per kind (`<provider>.<field>`). */
  storeFields: Partial<Record<CredentialKind, string>>;
  /** Local providers work without a credential. */
  optional?: boolean;
}

export const PROVIDER_CREDENTIALS: Record<ProviderId, ProviderCredentials> = {
  openai: {
    label: 'OpenAI',
    tokenKind: 'oauth_tokens',
    envVars: { api_key: ['OPENAI_API_KEY'] },
    storeFields: { api_key: 'api_key', oauth_tokens: 'oauth' },
  },
  anthropic: {
    label: 'Anthropic',
    tokenKind: 'auth_token',
    envVars: { api_key: ['ANTHROPIC_API_KEY'], auth_token: ['ANTHROPIC_AUTH_TOKEN'] },
    storeFields: { api_key: 'api_key', auth_token: 'auth_token' },
  },
  zai: {
    label: 'Z.AI',
    envVars: { api_key: ['ZAI_API_KEY'] },
    storeFields: { api_key: 'api_key' },
  },
  github: {
    label: 'GitHub',
    envVars: { api_key: ['GH_TOKEN', 'GITHUB_TOKEN'] },
    storeFields: { api_key: 'token' },
  },
  ollama: { label: 'Ollama', envVars: {}, storeFields: {}, optional: true },
  'openai-compatible': {
    label: 'OpenAI-compatible',
    envVars: {},
    storeFields: {},
    optional: true,
  },
};

/** A string credential's {@link StoredField}, with the provider and kind it was read for. */
export interface SecretField<P extends ProviderId = ProviderId> extends StoredField {
  provider: P;
  kind: CredentialKind;
}

/**
 * `provider`'s `kind` as a {@link StoredField}: the store field and the env vars come from
 * `PROVIDER_CREDENTIALS`, so the per-provider modules name only the label.
 * @throws Error when `PROVIDER_CREDENTIALS` gives `kind` no store field (a programming error).
 */
export function secretField<P extends ProviderId>(
  provider: P,
  kind: CredentialKind,
  label: string,
): SecretField<P> {
  const credentials = PROVIDER_CREDENTIALS[provider];
  const field = credentials.storeFields[kind];
  if (!field) throw new Error(`PROVIDER_CREDENTIALS has no store field for ${provider} ${kind}.`);
  return { provider, kind, field, envVars: credentials.envVars[kind] ?? [], label };
}

/** The kinds `provider` accepts: API key first, then its OAuth/token kind. */
export function providerKinds(provider: ProviderId): CredentialKind[] {
  const tokenKind = PROVIDER_CREDENTIALS[provider].tokenKind;
  return tokenKind ? ['api_key', tokenKind] : ['api_key'];
}

/** One place looked at, with the usable value found there (if any). */
export interface Probe {
  kind: CredentialKind;
  source: CredentialSource;
  location: string;
  value?: string;
  oauth?: OpenAIOAuthTokens;
}

function storeEntry(request: Omit<ResolveRequest, 'mode' | 'modeOrigin'>, field: string) {
  const entry = request.store[request.provider];
  if (typeof entry !== 'object' || entry === null) return undefined;
  return (entry as Record<string, unknown>)[field];
}

function oauthValue(raw: unknown): { value?: string; oauth?: OpenAIOAuthTokens } {
  if (typeof raw !== 'object' || raw === null) return {};
  const tokens = raw as OpenAIOAuthTokens;
  const access = cleanValue(tokens.access_token);
  if (!access || !cleanValue(tokens.refresh_token)) return {};
  return { value: access, oauth: { ...tokens } };
}

/** The places `kind` is looked for, in resolution order: config, env vars, store. */
export function probeKind(
  request: Omit<ResolveRequest, 'mode' | 'modeOrigin'>,
  kind: CredentialKind,
): Probe[] {
  const spec = PROVIDER_CREDENTIALS[request.provider];
  const probes: Probe[] = [];
  if (kind !== 'oauth_tokens') {
    probes.push({
      kind,
      source: 'config',
      location: `${request.configPath}.${kind}`,
      value: cleanValue(request.config[kind]),
    });
  }
  for (const name of spec.envVars[kind] ?? []) {
    probes.push({ kind, source: 'env', location: name, value: cleanValue(request.env[name]) });
  }
  const field = spec.storeFields[kind];
  if (field) {
    const raw = storeEntry(request, field);
    const found = kind === 'oauth_tokens' ? oauthValue(raw) : { value: cleanValue(raw) };
    const location = `${request.storePath} ${request.provider}.${field}`;
    probes.push({ kind, source: 'store', location, ...found });
  }
  return probes;
}
