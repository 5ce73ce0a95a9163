// A stand-in for a browser in the login tests that do not need a real one: follows
// redirects by hand (as a browser does), mapping `localhost` to 127.0.0.1, since every
// loopback server of the kit and Flynn's callback listen there.

/** The page a visit ended on. */
export interface BrowserVisit {
  status: number;
  /** The address of the last page (after redirects). */
  url: string;
  text: string;
}

/**
 * GETs `url` and follows up to 5 redirects; `rewrite` may change the first address before it
 * is requested (a test that tampers with the authorize URL's `state` or `code_challenge`).
 * @throws when a server cannot be reached (e.g. the callback server has already stopped).
 */
export async function visitAsBrowser(
  url: string,
  options: { rewrite?: (url: URL) => void } = {},
): Promise<BrowserVisit> {
  let next = new URL(url);
  options.rewrite?.(next);
  for (let hop = 0; hop <= 5; hop++) {
    if (next.hostname === 'localhost') next.hostname = '127.0.0.1';
    const response = await fetch(next, { redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      next = new URL(location, next);
      continue;
    }
    return { status: response.status, url: next.toString(), text: await response.text() };
  }
  throw new Error(`too many redirects from ${url}`);
}
