import { CREDENTIAL_PROVIDERS, isProviderId, type ProviderId } from '@flynn/core';

/** Providers `/login` and `/logout` know: every registry provider that holds a credential. */
export const LOGIN_PROVIDERS: readonly ProviderId[] = CREDENTIAL_PROVIDERS;

export type LoginProvider = ProviderId;

export function isLoginProvider(value: string): value is LoginProvider {
  return isProviderId(value) && LOGIN_PROVIDERS.includes(value);
}
