import { describe, expect, it } from 'vitest';
import {
  chatGPTAccountId,
  decodeJwtClaims,
  jwtExpiresAt,
  OPENAI_AUTH_CLAIM,
} from './jwt-claims.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${encode({ alg: 'RS256' })}.${encode(payload)}.c2lnbmF0dXJl`;

describe('JWT claims', () => {
  it('reads the account id from the https://api.openai.com/auth claim', () => {
    const token = jwt({ [OPENAI_AUTH_CLAIM]: { chatgpt_account_id: 'acct-1' } });
    expect(chatGPTAccountId(token)).toBe('acct-1');
  });

  it('reads exp as epoch milliseconds', () => {
    expect(jwtExpiresAt(jwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
    expect(jwtExpiresAt(jwt({ exp: '1700000000' }))).toBeUndefined();
  });

  it('returns undefined for tokens that are not JWTs or lack the claim', () => {
    expect(decodeJwtClaims('opaque-token')).toBeUndefined();
    expect(decodeJwtClaims('a.b')).toBeUndefined();
    expect(decodeJwtClaims('a.b.c.d')).toBeUndefined();
    expect(decodeJwtClaims(`x.${encode([1, 2])}.y`)).toBeUndefined();
    expect(decodeJwtClaims('x.%%%.y')).toBeUndefined();
    expect(chatGPTAccountId(jwt({ sub: 'someone' }))).toBeUndefined();
    expect(
      chatGPTAccountId(jwt({ [OPENAI_AUTH_CLAIM]: { chatgpt_account_id: '' } })),
    ).toBeUndefined();
    expect(chatGPTAccountId(undefined)).toBeUndefined();
  });
});
