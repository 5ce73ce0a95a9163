import {
  type CredentialKind,
  clearAnthropicApiKey,
  clearAnthropicAuthToken,
  clearGitHubToken,
  clearOpenAIApiKey,
  clearZaiApiKey,
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

/** Providers that have a credential the CLI can store. */
export type CredentialProvider = 'openai' | 'anthropic' | 'zai' | 'github';

/** A string credential the store commands read, store and clear (OpenAI OAuth tokens are separate). */
export interface SecretCredentialSpec {
  provider: CredentialProvider;
  /** As in `@flynn/auth-store` and doctor: a GitHub token is GitHub's `api_key` kind. */
  kind: CredentialKind;
  /** For people: 'OpenAI API key'. */
  label: string;
  /** Where it lives in auth.json: 'openai.api_key'. */
  field: string;
  /** Env vars that override the stored value, in the order they are read. */
  envVars: readonly string[];
  /** The command that stores it: 'flynn openai-key'. */
  command: string;
  load(options: StoreOptions): Promise<string | undefined>;
  store(value: string, options: StoreOptions): Promise<void>;
  clear(options: StoreOptions): Promise<boolean>;
}

export const OPENAI_API_KEY: SecretCredentialSpec = {
  provider: 'openai',
  kind: 'api_key',
  label: 'OpenAI API key',
  field: 'openai.api_key',
  envVars: ['OPENAI_API_KEY'],
  command: 'flynn openai-key',
  load: loadStoredOpenAIApiKey,
  store: storeOpenAIApiKey,
  clear: clearOpenAIApiKey,
};

export const ANTHROPIC_API_KEY: SecretCredentialSpec = {
  provider: 'anthropic',
  kind: 'api_key',
  label: 'Anthropic API key',
  field: 'anthropic.api_key',
  envVars: ['ANTHROPIC_API_KEY'],
  command: 'flynn anthropic-auth',
  load: loadStoredAnthropicApiKey,
  store: storeAnthropicApiKey,
  clear: clearAnthropicApiKey,
};

export const ANTHROPIC_AUTH_TOKEN: SecretCredentialSpec = {
  provider: 'anthropic',
  kind: 'auth_token',
  label: 'Anthropic auth token',
  field: 'anthropic.auth_token',
  envVars: ['ANTHROPIC_AUTH_TOKEN'],
  command: 'flynn anthropic-token',
  load: loadStoredAnthropicAuthToken,
  store: storeAnthropicAuthToken,
  clear: clearAnthropicAuthToken,
};

export const ZAI_API_KEY: SecretCredentialSpec = {
  provider: 'zai',
  kind: 'api_key',
  label: 'Z.AI API key',
  field: 'zai.api_key',
  envVars: ['ZAI_API_KEY'],
  command: 'flynn zai-key',
  load: loadStoredZaiApiKey,
  store: storeZaiApiKey,
  clear: clearZaiApiKey,
};

export const GITHUB_TOKEN: SecretCredentialSpec = {
  provider: 'github',
  kind: 'api_key',
  label: 'GitHub token',
  field: 'github.token',
  envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
  command: 'flynn github-login',
  load: loadStoredGitHubToken,
  store: storeGitHubToken,
  clear: clearGitHubToken,
};

/** Every string credential, for `flynn logout` and the warnings. */
export const SECRET_CREDENTIALS: readonly SecretCredentialSpec[] = [
  OPENAI_API_KEY,
  ANTHROPIC_API_KEY,
  ANTHROPIC_AUTH_TOKEN,
  ZAI_API_KEY,
  GITHUB_TOKEN,
];
