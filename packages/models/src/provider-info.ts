import { PROVIDER_IDS, type ProviderId, providerSpec } from '@flynn/core';

/** Each provider's default endpoint (the SDK's `baseURL`), from the provider registry. */
export const DEFAULT_BASE_URLS: Readonly<Record<ProviderId, string | undefined>> = Object.freeze(
  Object.fromEntries(PROVIDER_IDS.map((id) => [id, providerSpec(id).defaultBaseUrl])),
) as Record<ProviderId, string | undefined>;

/** Names of providers for people, used in messages, from the provider registry. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = Object.freeze(
  Object.fromEntries(PROVIDER_IDS.map((id) => [id, providerSpec(id).label])),
) as Record<ProviderId, string>;

/** Providers that run on the user's machine and need no credential unless one is configured. */
export const KEYLESS_PROVIDERS: readonly ProviderId[] = Object.freeze(
  PROVIDER_IDS.filter((id) => providerSpec(id).keyless),
);

// URLs in messages: the one implementation is @flynn/core's.
export { displayURL, withoutURLCredentials } from '@flynn/core';
