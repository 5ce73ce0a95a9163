/** URLs in messages: never their user info or query, which could carry a secret. */

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
  // Both patterns need `://`: most messages have none, and are returned as they are.
  if (!text.includes('://')) return text;
  return text
    .replace(URL_IN_TEXT, (match) => {
      // A sentence's full stop or comma after the URL is not part of it.
      const [, url = match, tail = ''] = /^(.*?)([.,;:!?]*)$/s.exec(match) ?? [];
      return `${displayURL(url)}${tail}`;
    })
    .replace(USERINFO, '$1');
}
