/** How modes and credential kinds read in messages, the same words in every package and app. */
import { type CredentialSpec, credentialSpec, type ProviderId, providerSpec } from './providers.js';
import { type AuthMode, type AuthModeOrigin, assertNever, type CredentialKind } from './types.js';

/** `default auth_mode auto`, `auth_mode api_key`, `auth_mode oauth via use_oauth: true`. */
export function describeMode(mode: AuthMode, origin: AuthModeOrigin): string {
  switch (origin) {
    case 'default':
      return `default auth_mode ${mode}`;
    case 'use_oauth':
      return `auth_mode ${mode} via use_oauth: true`;
    case 'auth_mode':
      return `auth_mode ${mode}`;
    default:
      return assertNever(origin, 'auth mode origin');
  }
}

/**
 * The registry label of `provider`'s `kind` (`OpenAI API key`, `GitHub token`, `ChatGPT
 * login`); for a kind the provider does not list (a keyless provider's config `api_key`),
 * `<provider label> API key`.
 */
export function credentialLabel(provider: ProviderId, kind: CredentialKind): string {
  const spec: CredentialSpec | undefined = credentialSpec(provider, kind);
  return spec?.label ?? `${providerSpec(provider).label} API key`;
}

/**
 * `2026-05-01 12:00 UTC`: the one format of a date and time in messages (CLI, doctor,
 * status, login reports; docs/glossary.md). JSON carries full ISO 8601 instead.
 */
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
