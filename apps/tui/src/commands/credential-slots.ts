import {
  loadStoredAnthropicApiKey,
  loadStoredAnthropicAuthToken,
  loadStoredGitHubToken,
  loadStoredOpenAIApiKey,
  loadStoredZaiApiKey,
  type StoreOptions,
  storeAnthropicApiKey,
  storeAnthropicAuthToken,
  storeGitHubToken,
  storeOpenAIApiKey,
  storeZaiApiKey,
} from '@flynn/auth-store';
import type { CredentialLook, ExpectedCredential } from '../secret-kind.js';

/** One pasteable credential: where it is stored and which env vars override it. */
export interface CredentialSlot {
  id: ExpectedCredential;
  /** `OpenAI API key`. */
  name: string;
  /** `an OpenAI API key`. */
  article: string;
  envVars: readonly string[];
  load(options: StoreOptions): Promise<string | undefined>;
  store(value: string, options: StoreOptions): Promise<void>;
}

export const CREDENTIAL_SLOTS: Record<ExpectedCredential, CredentialSlot> = {
  'openai-api-key': {
    id: 'openai-api-key',
    name: 'OpenAI API key',
    article: 'an',
    envVars: ['OPENAI_API_KEY'],
    load: loadStoredOpenAIApiKey,
    store: storeOpenAIApiKey,
  },
  'anthropic-api-key': {
    id: 'anthropic-api-key',
    name: 'Anthropic API key',
    article: 'an',
    envVars: ['ANTHROPIC_API_KEY'],
    load: loadStoredAnthropicApiKey,
    store: storeAnthropicApiKey,
  },
  'anthropic-auth-token': {
    id: 'anthropic-auth-token',
    name: 'Anthropic auth token',
    article: 'an',
    envVars: ['ANTHROPIC_AUTH_TOKEN'],
    load: loadStoredAnthropicAuthToken,
    store: storeAnthropicAuthToken,
  },
  'github-token': {
    id: 'github-token',
    name: 'GitHub token',
    article: 'a',
    envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
    load: loadStoredGitHubToken,
    store: storeGitHubToken,
  },
  'zai-api-key': {
    id: 'zai-api-key',
    name: 'Z.AI API key',
    article: 'a',
    envVars: ['ZAI_API_KEY'],
    load: loadStoredZaiApiKey,
    store: storeZaiApiKey,
  },
};

/** The slot a value that looks like `look` belongs in, when it is another slot of the same provider. */
export function siblingSlot(
  slot: CredentialSlot,
  look: CredentialLook,
): CredentialSlot | undefined {
  const pairs: Partial<
    Record<ExpectedCredential, Partial<Record<CredentialLook, ExpectedCredential>>>
  > = {
    'anthropic-api-key': { 'anthropic-auth-token': 'anthropic-auth-token' },
    'anthropic-auth-token': { 'anthropic-api-key': 'anthropic-api-key' },
  };
  const id = pairs[slot.id]?.[look];
  return id ? CREDENTIAL_SLOTS[id] : undefined;
}
