import type { ProviderId } from '@flynn/config';

/** Each OpenAI-compatible provider's default endpoint (the SDK's `baseURL`). */
export const DEFAULT_BASE_URLS: Readonly<Record<ProviderId, string | undefined>> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  zai: 'https://api.z.ai/api/paas/v4',
  github: 'https://models.github.ai/inference',
  ollama: 'http://127.0.0.1:11434/v1',
  // No default: a generic OpenAI-compatible server must be given its base_url.
  'openai-compatible': undefined,
};

/** Names of providers for people, used in messages. */
export const PROVIDER_LABELS: Readonly<Record<ProviderId, string>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  zai: 'Z.AI',
  github: 'GitHub Models',
  ollama: 'Ollama',
  'openai-compatible': 'the OpenAI-compatible server',
};

/** Providers that run on the user's machine and need no credential unless one is configured. */
export const KEYLESS_PROVIDERS: readonly ProviderId[] = ['ollama', 'openai-compatible'];

/** A URL for messages: without user info or query, which could carry a secret. */
export function displayURL(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/$/, '')}`;
  } catch {
    return '<invalid URL>';
  }
}
