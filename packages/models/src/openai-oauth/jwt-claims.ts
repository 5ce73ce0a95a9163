/** The claim object OpenAI puts ChatGPT account details in, in both id and access tokens. */
export const OPENAI_AUTH_CLAIM = 'https://api.openai.com/auth';

/**
 * The payload of a JWT, decoded but NOT verified (Flynn only reads its own tokens' claims
 * to learn the account id and expiry; the servers verify them). `undefined` when `token`
 * is not a three-part JWT with a JSON object payload.
 */
export function decodeJwtClaims(token: string): Record<string, unknown> | undefined {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second === -1 || token.indexOf('.', second + 1) !== -1) return undefined;
  try {
    const json = Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8');
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `chatgpt_account_id` from a token's `https://api.openai.com/auth` claim, if present. */
export function chatGPTAccountId(token: string | undefined): string | undefined {
  const auth = token === undefined ? undefined : decodeJwtClaims(token)?.[OPENAI_AUTH_CLAIM];
  if (typeof auth !== 'object' || auth === null) return undefined;
  const id = (auth as Record<string, unknown>).chatgpt_account_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** A token's `exp` claim as epoch milliseconds, if it is a JWT with a numeric `exp`. */
export function jwtExpiresAt(token: string): number | undefined {
  const exp = decodeJwtClaims(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}
