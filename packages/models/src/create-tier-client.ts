import { type CredentialResolution, defaultAuthStorePath, type LockWait } from '@flynn/auth-store';
import {
  configFileOf,
  createSecretResolver,
  type Env,
  materializeTierSecrets,
  materializeTierSecretsSync,
  type SecretResolver,
  type TierEntry,
  type TierSecrets,
} from '@flynn/config';
import { assertNever, DEFAULT_PROFILE, providerSpec, type Remedy, wireFormat } from '@flynn/core';
import { commandCredentialClient } from './command-credential-client.js';
import { createAnthropicClient } from './create-anthropic-client.js';
import { createOpenAIClient } from './create-openai-client.js';
import { type AnsweredBy, failoverClient } from './failover-client.js';
import { ModelError } from './model-error.js';
import { createCodexClient, resolveOpenAIOAuthSettings } from './openai-oauth/index.js';
import {
  requireTier,
  resolveTierCredential,
  resolveTierCredentials,
  type TierCredentialOptions,
} from './resolve-tier-credential.js';
import type { ModelClient } from './types.js';

export interface TierClientOptions extends TierCredentialOptions {
  /** SDK retries on 429/5xx/connection errors (API-key and token paths); default 1. */
  maxRetries?: number;
  /**
   * The config file, named in the remedy when an inline key is rejected. Default: the file
   * `loadConfig` read `config` from (`configFileOf`).
   */
  configFile?: string;
  /**
   * Told once when refreshing a ChatGPT login has waited a second on a lock another process
   * holds (who holds it, how long the refresh will wait), so an app can say so.
   */
  onLockWait?: (wait: LockWait) => void | (() => void);
  /**
   * Runs the tier's command references and keeps their values (`ttl_s`). Default: one
   * resolver per `env` object for the life of the process, so a long-running app that
   * creates a client per message runs each command once per `ttl_s`.
   */
  resolver?: SecretResolver;
  /** Stops a command reference that is still running (Ctrl-C while it waits). */
  signal?: AbortSignal;
  /**
   * Run a command reference again once after the provider rejects its value, and retry
   * (default true). Doctor turns it off: one call, one answer.
   */
  rerunRejected?: boolean;
  /** The tiers that fell back to this one (a fallback never returns to them). */
  fallbackFrom?: readonly string[];
  /**
   * Told the headers of every HTTP answer on the OpenAI chat wire (GitHub Models sends
   * `github-authentication-token-expiration`; doctor --online records it). Must not throw.
   */
  onResponseHeaders?: (headers: Headers) => void;
}

export interface TierClient {
  client: ModelClient;
  /** What credential was chosen and why (DESIGN section 5); holds no printable secret. */
  resolution: CredentialResolution;
  /**
   * Which credential (or fallback tier) answered the last request, once one did: `first` is
   * false when another was refused or cooling down (issue 17).
   */
  answered?: () => AnsweredBy | undefined;
}

/**
 * What to do when the provider rejects the credential that was resolved, for the place it
 * came from: an inline key is fixed in the config file, an env var is fixed or unset, a
 * stored credential is stored again (`flynn login ... --replace`, `/login ...`).
 */
export function authRemedy(
  resolution: CredentialResolution,
  configFile: string | undefined,
): Remedy {
  if (resolution.kind === 'none') {
    return [
      {
        kind: 'advice',
        text: `Set api_key on tier "${resolution.tier}" if the server needs one`,
      },
    ];
  }
  switch (resolution.source) {
    case 'config': {
      // `models.fast.api_key (command: pass)`: the value lives where the reference points.
      const reference = / \((.+)\)$/.exec(resolution.location)?.[1];
      return [
        {
          kind: 'config',
          path: resolution.location,
          change: reference
            ? `Update the secret it reads (${reference}), or fix the reference in ${configFile ?? 'the config file'}`
            : `Fix or remove it in ${configFile ?? 'the config file'}`,
        },
      ];
    }
    case 'env':
      return [{ kind: 'advice', text: `Fix or unset ${resolution.location}` }];
    case 'store':
      return [
        {
          kind: 'login',
          provider: resolution.provider,
          credential: resolution.kind,
          replace: true,
        },
        { kind: 'advice', text: `The rejected credential is stored at ${resolution.location}` },
      ];
    default:
      return assertNever(resolution, 'credential source');
  }
}

function secretOf(resolution: CredentialResolution): string | undefined {
  return resolution.secret?.reveal();
}

function buildClient(
  entry: TierEntry,
  resolution: CredentialResolution,
  secrets: TierSecrets,
  options: TierClientOptions,
): ModelClient {
  const { provider, model, base_url: baseURL } = entry.model;
  const headers = { ...providerSpec(provider).appHeaders, ...secrets.headers };
  const common = {
    model,
    baseURL,
    headers,
    tier: entry.name,
    authRemedy: authRemedy(resolution, options.configFile ?? configFileOf(options.config)),
    maxRetries: options.maxRetries,
    failover: hasFailover(entry),
  };
  const wire = wireFormat(provider, resolution.kind);
  switch (wire) {
    case 'anthropic':
      return resolution.kind === 'auth_token'
        ? createAnthropicClient({ ...common, authToken: secretOf(resolution) })
        : createAnthropicClient({ ...common, apiKey: secretOf(resolution) });
    case 'codex': {
      const env = options.env ?? process.env;
      // ChatGPT tokens go to the ChatGPT backend only: a tier's base_url replaces it only when
      // the tier asked for OAuth itself, never when `auto` fell back to the login.
      const explicit = entry.authMode.mode === 'oauth';
      return createCodexClient({
        model,
        settings: resolveOpenAIOAuthSettings(options.config, env, explicit ? baseURL : undefined),
        storePath: options.storePath ?? defaultAuthStorePath(env),
        env,
        headers: secrets.headers,
        tier: entry.name,
        onLockWait: options.onLockWait,
        // A named profile's login is read and refreshed in that profile's entry.
        ...(resolution.profile && resolution.profile !== DEFAULT_PROFILE
          ? { profile: resolution.profile }
          : {}),
      });
    }
    case 'openai-chat':
      if (resolution.kind === 'auth_token' || resolution.kind === 'oauth_tokens') {
        // The registry gives these kinds to Anthropic and the Codex wire only; anything else is a bug.
        throw new ModelError(
          'MODEL_AUTH',
          `Provider ${provider} cannot use a ${resolution.kind}.`,
          {
            provider,
            tier: entry.name,
          },
        );
      }
      return createOpenAIClient({
        ...common,
        provider,
        apiKey: secretOf(resolution),
        ...(options.onResponseHeaders ? { onResponseHeaders: options.onResponseHeaders } : {}),
      });
    default:
      return assertNever(wire, 'wire format');
  }
}

/**
 * The client for one tier, with the resolution that chose its credential. Enforces
 * the effective `auth_mode`: OpenAI `oauth` -> ChatGPT OAuth (Codex backend), `api_key`
 * -> the API key; Anthropic `oauth` -> the auth token (bearer), `api_key` -> the API
 * key; other providers -> their API key (local providers: none unless configured);
 * `auto` -> API key first, then OAuth/token. The client is chosen by the registry's wire
 * format. The tier's `base_url` and `headers` apply to the API paths; ChatGPT tokens go only
 * to `oauth.openai.backend_url` / `FLYNN_OPENAI_CODEX_URL` (or the default backend), and to a
 * tier's `base_url` only when that tier sets `auth_mode: oauth` (or `use_oauth: true`).
 * Secret references of this tier only are materialized first (`materializeTierSecrets`:
 * `${NAME}`, env, file, and commands through `options.resolver`); a credential that came from
 * a command is asked for again before each call (`ttl_s`) and re-run once when rejected.
 * Nothing is sent until the client is used.
 * @throws as `resolveTierCredential`; SecretReferenceError `SECRET_REFERENCE_FAILED` for a
 *   failing reference or an unset `${NAME}` in a header; ModelError `MODEL_BAD_REQUEST` when
 *   an `openai-compatible` tier has no base_url.
 */
export async function createTierClient(options: TierClientOptions): Promise<TierClient> {
  const created = await createOneTierClient(options);
  const entry = requireTier(options.config, options.tier);
  if (created.resolution.kind === 'none') return created;
  const env = options.env ?? process.env;
  const storePath = options.storePath ?? defaultAuthStorePath(env);
  const visited = [...(options.fallbackFrom ?? []), entry.name];
  const secrets = options.secrets;
  const client = failoverClient({
    tier: entry.name,
    first: { tier: entry.name, resolution: created.resolution, client: () => created.client },
    candidates: () => {
      const fresh = secrets ?? materializeForList(entry, options, env);
      return resolveTierCredentials({ ...options, secrets: fresh, storePath }).map(
        (resolution) => ({
          tier: entry.name,
          resolution,
          client: () => buildClient(entry, resolution, fresh, options),
        }),
      );
    },
    fallbacks: (entry.model.fallback ?? []).filter((name) => !visited.includes(name)),
    openFallback: (tier) =>
      createTierClient({ ...options, tier, secrets: undefined, fallbackFrom: visited }),
    store: { path: storePath, env },
  });
  return { client, resolution: created.resolution, answered: client.answered };
}

/** True when the tier can move to another credential or tier, so the SDK must not retry refusals. */
function hasFailover(entry: TierEntry): boolean {
  return (entry.model.profiles?.length ?? 0) > 1 || (entry.model.fallback?.length ?? 0) > 0;
}

/** The tier's secrets without running commands (a command credential is the first candidate's). */
function materializeForList(entry: TierEntry, options: TierClientOptions, env: Env): TierSecrets {
  return materializeTierSecretsSync(entry, options.config, {
    env,
    configFile: options.configFile ?? configFileOf(options.config),
  });
}

/** `createTierClient` for one credential: the first of the tier's list. */
async function createOneTierClient(options: TierClientOptions): Promise<TierClient> {
  const entry = requireTier(options.config, options.tier);
  const env = options.env ?? process.env;
  const resolver = options.resolver ?? defaultResolver(env);
  const materialize = () =>
    materializeTierSecrets(entry, options.config, {
      env,
      resolver,
      configFile: options.configFile ?? configFileOf(options.config),
      signal: options.signal,
    });
  const secrets = options.secrets ?? (await materialize());
  const resolution = resolveTierCredential({ ...options, secrets });
  const [headerError] = secrets.headerErrors;
  if (headerError) throw headerError;
  const client = buildClient(entry, resolution, secrets, options);
  const kind =
    resolution.kind === 'api_key' || resolution.kind === 'auth_token' ? resolution.kind : undefined;
  const reference = kind && resolution.source === 'config' ? secrets.commands[kind] : undefined;
  if (!kind || !reference || options.rerunRejected === false) return { client, resolution };
  const source = async (rerun: boolean) => {
    if (rerun) resolver.forget(reference, secrets.baseDir);
    const fresh = await materialize();
    const error = fresh.errors[kind];
    if (error) throw error;
    const next = resolveTierCredential({ ...options, secrets: fresh });
    return {
      value: next.secret?.reveal() ?? '',
      client: () => buildClient(entry, next, fresh, options),
    };
  };
  return {
    client: commandCredentialClient(client, resolution.secret?.reveal() ?? '', source),
    resolution,
  };
}

const resolvers = new WeakMap<Env, SecretResolver>();

/** One resolver per env object: its commands run with that environment. */
function defaultResolver(env: Env): SecretResolver {
  let resolver = resolvers.get(env);
  if (!resolver) {
    resolver = createSecretResolver({ env });
    resolvers.set(env, resolver);
  }
  return resolver;
}
