/**
 * What a credential looks like, judged only by its publicly documented prefix (registry
 * `prefixes`), so that a value pasted where another kind belongs gets a warning instead of
 * a confusing 401 later. Descriptions name the kind and its public prefix, never any other
 * part of the value.
 */
import {
  type CredentialSpec,
  PROVIDER_CREDENTIALS,
  type ProviderCredential,
  type ProviderId,
  providerSpec,
} from './providers.js';
import type { CredentialKind } from './types.js';

const BY_PREFIX = PROVIDER_CREDENTIALS.flatMap((credential) =>
  credential.spec.prefixes.map((prefix) => ({ prefix, credential })),
).sort((a, b) => b.prefix.length - a.prefix.length);

/** The provider and kind `value`'s prefix belongs to, or `undefined` when it says nothing. */
export function classifyCredential(value: string): ProviderCredential | undefined {
  const trimmed = value.trim();
  return BY_PREFIX.find(({ prefix }) => trimmed.startsWith(prefix))?.credential;
}

/** `an OpenAI API key`, `a GitHub token`: a label with its article. */
export function withArticle(label: string): string {
  return `${/^[AEIOU]/i.test(label) ? 'an' : 'a'} ${label}`;
}

/**
 * `an Anthropic auth token (sk-ant-oat…)`: the kind with its article, and its public prefix
 * where the provider has several kinds (the prefix is what tells them apart).
 */
export function describeCredential(provider: ProviderId, spec: CredentialSpec): string {
  const prefix = spec.prefixes.at(-1);
  const several = providerSpec(provider).credentials.length > 1;
  return several && prefix ? `${withArticle(spec.label)} (${prefix}…)` : withArticle(spec.label);
}

/**
 * The provider and kind `value` looks like when that is not `provider`'s `kind`; `undefined`
 * when it looks right or says nothing.
 */
export function looksLikeOtherCredential(
  provider: ProviderId,
  kind: CredentialKind,
  value: string,
): ProviderCredential | undefined {
  const look = classifyCredential(value);
  if (!look || (look.provider === provider && look.spec.kind === kind)) return undefined;
  return look;
}
