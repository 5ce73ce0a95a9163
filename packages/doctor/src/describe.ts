import { basename } from 'node:path';
import type { CredentialKind, ProviderId } from '@flynn/auth-store';
import { credentialLabel, providerSpec } from '@flynn/core';

// The mode and article wording is @flynn/core's, the same in every package.
export { describeMode, withArticle } from '@flynn/core';

/**
 * `API key`, `GitHub token`, `ChatGPT login`, `auth token`: how a kind reads in doctor's rows,
 * where the provider is already named. The registry's label without the provider's own name
 * (`OpenAI API key` reads `API key`, `Anthropic auth token` reads `auth token`); a label that
 * names something else stays whole (`GitHub token`, `ChatGPT login`).
 */
export function describeKind(provider: ProviderId, kind: CredentialKind): string {
  const label = credentialLabel(provider, kind);
  const own = `${providerSpec(provider).label} `;
  return label.startsWith(own) ? label.slice(own.length) : label;
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

/** `2026-05-01 12:00 UTC`: core's one format of a time in messages. */
export { formatTime } from '@flynn/core';

/** `3 min`, `5 h`, `2 days`: a rough duration for messages. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}
