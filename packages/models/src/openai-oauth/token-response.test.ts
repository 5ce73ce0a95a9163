import { describe, expect, it } from 'vitest';
import { OPENAI_AUTH_CLAIM } from './jwt-claims.js';
import { loginAnswerProblem, tokensFromResponse } from './token-response.js';

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
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const access = jwt({ exp });
    const tokens = tokensFromResponse({ access_token: access }, previous);
    expect(tokens).toMatchObject({
      access_token: access,
      refresh_token: 'old-refresh',
      id_token: previous.id_token,
      account_id: 'acct-old',
      expires_at: exp * 1000,
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

  it('drops an absurd expiry (1e13 s, exp 1e306) but keeps the rotated refresh token', () => {
    for (const body of [
      { access_token: 'opaque', refresh_token: 'rotated-1', expires_in: 1e13 },
      { access_token: jwt({ exp: 1e306 }), refresh_token: 'rotated-2' },
    ]) {
      const tokens = tokensFromResponse(body, {
        access_token: 'a',
        refresh_token: 'old',
        expires_at: 1,
      });
      expect(tokens?.refresh_token).toBe(body.refresh_token);
      expect(tokens?.expires_at).toBeUndefined();
    }
  });

  it('says why a login answer cannot be stored', () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const id = jwt({ [OPENAI_AUTH_CLAIM]: { chatgpt_account_id: 'acct' } });
    const good = { access_token: jwt({ exp }), refresh_token: 'r', id_token: id };
    expect(loginAnswerProblem(good)).toBeUndefined();
    expect(loginAnswerProblem({ ...good, access_token: 'opaque' })).toMatch(/not a JWT/);
    expect(loginAnswerProblem({ ...good, access_token: jwt({ exp: 1e306 }) })).toMatch(
      /impossible time/,
    );
    expect(loginAnswerProblem({ ...good, expires_in: 1e13 })).toMatch(/expires_in is out of range/);
    expect(loginAnswerProblem({ ...good, id_token: jwt({}) })).toMatch(/no ChatGPT account/);
    expect(loginAnswerProblem({ access_token: jwt({ exp }) })).toMatch(/no refresh token/);
  });
});
