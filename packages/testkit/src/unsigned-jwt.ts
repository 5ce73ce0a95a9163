import { randomBytes } from 'node:crypto';

/**
 * A JWT-shaped token (`header.payload.signature`, base64url) whose signature is random
 * bytes: clients decode such tokens but never verify them, so shape is what matters.
 */
export function encodeUnsignedJwt(payload: Record<string, unknown>): string {
  const header = { alg: 'RS256', typ: 'JWT', kid: 'flynn-testkit' };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.${randomBytes(32).toString('base64url')}`;
}

/** The payload of a JWT-shaped token, or `undefined` when it is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
