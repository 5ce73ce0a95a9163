import {
  type CredentialResolution,
  credentialRemedy,
  defaultAuthStorePath,
} from '@flynn/auth-store';
import { configFileOf, type TierEntry } from '@flynn/config';
import { createAnthropicClient } from './create-anthropic-client.js';
import { createOpenAIClient } from './create-openai-client.js';
import { ModelError } from './model-error.js';
import { createCodexClient, resolveOpenAIOAuthSettings } from './openai-oauth/index.js';
import {
  requireTier,
  resolveTierCredential,
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
}

export interface TierClient {
  client: ModelClient;
  /** What credential was chosen and why (DESIGN section 5); holds no printable secret. */
  resolution: CredentialResolution;
}

/**
 * What to do when the provider rejects the credential that was resolved, for the place it
 * came from: an inline key is fixed in the config file, an env var is fixed or unset, a
 * stored credential is replaced with the command that stored it (`--replace`).
 */
export function authRemedy(
  resolution: CredentialResolution,
  configFile: string | undefined,
): string | undefined {
  if (resolution.kind === 'none') return `Set ${resolution.tier}'s api_key if the server needs one`;
  switch (resolution.source) {
    case 'config':
      return `Fix or remove \`${resolution.location}\` in ${configFile ?? 'the config file'}`;
    case 'env':
      return `Fix or unset ${resolution.location}`;
    case 'store': {
      const [command] = credentialRemedy(resolution.provider, [resolution.kind]).commands;
      const stored = `the rejected credential is stored at ${resolution.location}`;
      return command ? `Run \`${command} --replace\` (${stored})` : `Replace it (${stored})`;
    }
    default:
      return undefined;
  }
}

function secretOf(resolution: CredentialResolution): string | undefined {
  return resolution.secret?.reveal();
}

function buildClient(
  entry: TierEntry,
  resolution: CredentialResolution,
  options: TierClientOptions,
): ModelClient {
  const { provider, model, base_url: baseURL, headers } = entry.model;
  const common = {
    model,
    baseURL,
    headers,
    tier: entry.name,
    authRemedy: authRemedy(resolution, options.configFile ?? configFileOf(options.config)),
    maxRetries: options.maxRetries,
  };
  if (provider === 'anthropic') {
    return resolution.kind === 'auth_token'
      ? createAnthropicClient({ ...common, authToken: secretOf(resolution) })
      : createAnthropicClient({ ...common, apiKey: secretOf(resolution) });
  }
  if (resolution.kind === 'oauth_tokens') {
    const env = options.env ?? process.env;
    return createCodexClient({
      model,
      settings: resolveOpenAIOAuthSettings(options.config, env, baseURL),
      storePath: options.storePath ?? defaultAuthStorePath(env),
      env,
      headers,
      tier: entry.name,
    });
  }
  if (resolution.kind === 'auth_token') {
    // resolveCredential gives auth tokens to Anthropic only; anything else is a bug.
    throw new ModelError('MODEL_AUTH', `Provider ${provider} cannot use an auth token.`, {
      provider,
      tier: entry.name,
    });
  }
  return createOpenAIClient({ ...common, provider, apiKey: secretOf(resolution) });
}

/**
 * The client for one tier, with the resolution that chose its credential. Enforces
 * the effective `auth_mode`: OpenAI `oauth` -> ChatGPT OAuth (Codex backend), `api_key`
 * -> the API key; Anthropic `oauth` -> the auth token (bearer), `api_key` -> the API
 * key; other providers -> their API key (local providers: none unless configured);
 * `auto` -> API key first, then OAuth/token. The tier's `base_url` and `headers`
 * apply to whichever path is used. Nothing is sent until the client is used.
 * @throws as `resolveTierCredential`; ModelError `MODEL_BAD_REQUEST` when an
 *   `openai-compatible` tier has no base_url.
 */
export async function createTierClient(options: TierClientOptions): Promise<TierClient> {
  const entry = requireTier(options.config, options.tier);
  const resolution = resolveTierCredential(options);
  return { client: buildClient(entry, resolution, options), resolution };
}
