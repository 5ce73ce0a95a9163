import { profileSecret, type StoreOptions, storedSecret } from '@flynn/auth-store';
import {
  type CredentialKind,
  describeCredential,
  looksLikeOtherCredential,
  type ProviderId,
  withArticle,
} from '@flynn/core';

/** One pasteable credential: where it is stored and which env vars override it. */
export interface CredentialSlot {
  provider: ProviderId;
  kind: CredentialKind;
  /** `OpenAI API key`, `OpenAI API key (profile work)`. */
  name: string;
  /** The named profile it is stored in (`openai:work.api_key`); absent: the provider's own. */
  profile?: string;
  envVars: readonly string[];
  load(options: StoreOptions): Promise<string | undefined>;
  store(value: string, options: StoreOptions): Promise<void>;
}

/**
 * The slot for `provider`'s `kind`, from `@flynn/auth-store`'s table (itself the registry's);
 * with a named `profile`, that profile's (issue 17).
 */
export function credentialSlot(
  provider: ProviderId,
  kind: CredentialKind,
  profile?: string,
): CredentialSlot {
  const { label, envVars, load, store } = profile
    ? profileSecret(provider, kind, profile)
    : storedSecret(provider, kind);
  return { provider, kind, name: label, envVars, load, store, ...(profile ? { profile } : {}) };
}

/**
 * A warning when `value` looks like another kind of credential than `slot` takes (by its
 * public prefix), with the slot it would belong in when that is the same provider's other
 * kind; `undefined` when it looks right or unknown. Never quotes the value.
 */
export function kindMismatch(
  slot: CredentialSlot,
  value: string,
): { message: string; sibling?: CredentialSlot } | undefined {
  const look = looksLikeOtherCredential(slot.provider, slot.kind, value);
  if (!look) return undefined;
  const message = `That looks like ${describeCredential(look.provider, look.spec)}, not ${withArticle(slot.name)}.`;
  const sibling =
    look.provider === slot.provider && !look.spec.interactiveLogin
      ? credentialSlot(look.provider, look.spec.kind, slot.profile)
      : undefined;
  return sibling ? { message, sibling } : { message };
}
