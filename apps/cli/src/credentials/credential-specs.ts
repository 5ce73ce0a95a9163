import {
  type CredentialKind,
  type StoredSecret,
  type StoredSecretProvider,
  storedSecret,
} from '@flynn/auth-store';

/** Providers that have a credential the CLI can store. */
export type CredentialProvider = StoredSecretProvider;

/**
 * A string credential the store commands read, store and clear (OpenAI OAuth tokens are
 * separate): its entry in `@flynn/auth-store`'s `STORED_SECRETS` (provider, kind, label,
 * field, env vars, load/store/clear) plus the command that stores it.
 */
export interface SecretCredentialSpec extends StoredSecret {
  /** The command that stores it: 'flynn openai-key'. */
  command: string;
}

function spec(
  provider: CredentialProvider,
  kind: CredentialKind,
  command: string,
): SecretCredentialSpec {
  return { ...storedSecret(provider, kind), command };
}

export const OPENAI_API_KEY = spec('openai', 'api_key', 'flynn openai-key');
export const ANTHROPIC_API_KEY = spec('anthropic', 'api_key', 'flynn anthropic-auth');
export const ANTHROPIC_AUTH_TOKEN = spec('anthropic', 'auth_token', 'flynn anthropic-token');
export const ZAI_API_KEY = spec('zai', 'api_key', 'flynn zai-key');
export const GITHUB_TOKEN = spec('github', 'api_key', 'flynn github-login');

/** Every string credential, for `flynn logout` and the warnings. */
export const SECRET_CREDENTIALS: readonly SecretCredentialSpec[] = [
  OPENAI_API_KEY,
  ANTHROPIC_API_KEY,
  ANTHROPIC_AUTH_TOKEN,
  ZAI_API_KEY,
  GITHUB_TOKEN,
];
