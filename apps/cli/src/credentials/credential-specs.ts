import { STORED_SECRETS, type StoredSecret, storedSecret } from '@flynn/auth-store';
import { type CredentialKind, loginCommand, type ProviderId } from '@flynn/core';

/** Providers that have a credential the CLI can store. */
export type CredentialProvider = ProviderId;

/**
 * A string credential the store commands read, store and clear (OpenAI OAuth tokens are
 * separate): its entry in `@flynn/auth-store`'s `STORED_SECRETS` (provider, kind, label,
 * field, env vars, load/store/clear) plus the command that stores it, from the registry
 * (`flynn openai-key`, `flynn login gemini`).
 */
export interface SecretCredentialSpec extends StoredSecret {
  /** The command that stores it: 'flynn openai-key'. */
  command: string;
}

/** The spec of `provider`'s `kind`. @throws Error when the store holds no such string secret. */
export function secretCredential(
  provider: CredentialProvider,
  kind: CredentialKind,
): SecretCredentialSpec {
  return { ...storedSecret(provider, kind), command: loginCommand(provider, kind) };
}

export const OPENAI_API_KEY = secretCredential('openai', 'api_key');
export const ANTHROPIC_API_KEY = secretCredential('anthropic', 'api_key');
export const ANTHROPIC_AUTH_TOKEN = secretCredential('anthropic', 'auth_token');
export const ZAI_API_KEY = secretCredential('zai', 'api_key');
export const GITHUB_TOKEN = secretCredential('github', 'api_key');

/** Every string credential of every registry provider, for `flynn logout` and the warnings. */
export const SECRET_CREDENTIALS: readonly SecretCredentialSpec[] = STORED_SECRETS.map((secret) => ({
  ...secret,
  command: loginCommand(secret.provider, secret.kind),
}));
