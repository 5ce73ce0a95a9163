// The page the browser lands on at the end of the ChatGPT browser login: small, plain,
// no script and nothing loaded from anywhere (its CSP forbids it), never cached, and no
// referrer sent on (the address it was served at holds the authorization code).

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** Headers of every answer of the callback server. */
export const CALLBACK_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  connection: 'close',
} as const;

/** What the page says: a title and one paragraph (free of secrets; escaped here). */
export interface CallbackPageContent {
  title: string;
  message: string;
}

/** The page's HTML; every text in it is escaped. */
export function callbackPage(content: CallbackPageContent): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flynn: ${escapeHtml(content.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
</head><body>
<h1>${escapeHtml(content.title)}</h1>
<p>${escapeHtml(content.message)}</p>
<p>You can close this window and go back to the terminal.</p>
</body></html>
`;
}
