import {
  type CredentialKind,
  type StoredSecretProvider,
  type StoreOptions,
  storedSecret,
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

/** The slot for `provider`'s `kind`: name, env vars and load/store from `@flynn/auth-store`. */
function slot(
  id: ExpectedCredential,
  article: string,
  provider: StoredSecretProvider,
  kind: CredentialKind,
): CredentialSlot {
  const { label, envVars, load, store } = storedSecret(provider, kind);
  return { id, name: label, article, envVars, load, store };
}

export const CREDENTIAL_SLOTS: Record<ExpectedCredential, CredentialSlot> = {
  'openai-api-key': slot('openai-api-key', 'an', 'openai', 'api_key'),
  'anthropic-api-key': slot('anthropic-api-key', 'an', 'anthropic', 'api_key'),
  'anthropic-auth-token': slot('anthropic-auth-token', 'an', 'anthropic', 'auth_token'),
  'github-token': slot('github-token', 'a', 'github', 'api_key'),
  'zai-api-key': slot('zai-api-key', 'a', 'zai', 'api_key'),
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
