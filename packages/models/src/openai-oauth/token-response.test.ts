import { describe, expect, it } from 'vitest';
import { OPENAI_AUTH_CLAIM } from './jwt-claims.js';
import { tokensFromResponse } from './token-response.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${encode({ alg: 'none' })}.${encode(payload)}.sig`;

describe('tokensFromResponse', () => {
  it('replaces only the tokens returned and keeps other stored fields', () => {
    const previous = {
      access_token: 'old-access',
      refresh_token: 'old-refresh',
      id_token: jwt({ [OPENAI_AUTH_CLAIM]: { chatgpt_account_id: 'acct-old' } }),
      account_id: 'acct-old',
      expires_at: 1,
      plan: 'plus',
    };
    const access = jwt({ exp: 2_000_000_000 });
    const tokens = tokensFromResponse({ access_token: access }, previous);
    expect(tokens).toMatchObject({
      access_token: access,
      refresh_token: 'old-refresh',
      id_token: previous.id_token,
      account_id: 'acct-old',
      expires_at: 2_000_000_000_000,
      plan: 'plus',
    });
  });

  it('uses expires_in for opaque access tokens, and drops a stale expiry without one', () => {
    const before = Date.now();
    const withTtl = tokensFromResponse({
      access_token: 'opaque',
      refresh_token: 'r',
      expires_in: 60,
    });
    expect(withTtl!.expires_at).toBeGreaterThanOrEqual(before + 60_000);
    const previous = { access_token: 'a', refresh_token: 'r', expires_at: 5 };
    expect(tokensFromResponse({ access_token: 'opaque' }, previous)?.expires_at).toBeUndefined();
  });

  it('is undefined without an access token or any refresh token', () => {
    expect(tokensFromResponse({ refresh_token: 'r' })).toBeUndefined();
    expect(tokensFromResponse({ access_token: 'a' })).toBeUndefined();
    expect(tokensFromResponse({ access_token: '  ', refresh_token: 'r' })).toBeUndefined();
  });
});
