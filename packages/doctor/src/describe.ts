import { basename } from 'node:path';
import type { AuthMode, AuthModeOrigin, CredentialKind, ProviderId } from '@flynn/auth-store';

/** `API key`, `GitHub token`, `ChatGPT OAuth login`, `auth token`: how a kind reads in messages. */
export function describeKind(provider: ProviderId, kind: CredentialKind): string {
  if (kind === 'oauth_tokens') return 'ChatGPT OAuth login';
  if (kind === 'auth_token') return 'auth token';
  return provider === 'github' ? 'GitHub token' : 'API key';
}

/** `an API key`, `a ChatGPT OAuth login`. */
export function withArticle(noun: string): string {
  return `${/^[AEIOU]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** `default auth_mode auto`, `auth_mode api_key`, `auth_mode oauth via use_oauth: true`. */
export function describeMode(mode: AuthMode, origin: AuthModeOrigin): string {
  if (origin === 'default') return `default auth_mode ${mode}`;
  if (origin === 'use_oauth') return `auth_mode ${mode} via use_oauth: true`;
  return `auth_mode ${mode}`;
}

/**
 * A resolution location for people: the store path is shortened to the file name
 * (`auth.json openai.api_key`); config paths and env var names are shown as they are.
 */
export function shortLocation(location: string, storePath: string): string {
  return location.startsWith(`${storePath} `)
    ? `${basename(storePath)} ${location.slice(storePath.length + 1)}`
    : location;
}

/** `2026-05-01 12:00 UTC`: an epoch-ms time for messages. */
export function formatTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `3 min`, `5 h`, `2 days`: a rough duration for messages. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
