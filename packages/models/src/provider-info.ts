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

/** A URL inside free text, up to whitespace, a quote or a bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()[\]{}]+/gi;
/** What is left of user info (`scheme://user:password@`) if a URL did not parse. */
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

/**
 * `text` with every URL in it rewritten by `displayURL` (no user info, no query), for
 * provider and network messages: undici, for one, quotes a URL with `user:password@` in
 * full ("Request cannot be constructed from a URL that includes credentials: …").
 */
export function withoutURLCredentials(text: string): string {
  return text
    .replace(URL_IN_TEXT, (match) => {
      // A sentence's full stop or comma after the URL is not part of it.
      const [, url = match, tail = ''] = /^(.*?)([.,;:!?]*)$/s.exec(match) ?? [];
      return `${displayURL(url)}${tail}`;
    })
    .replace(USERINFO, '$1');
}
