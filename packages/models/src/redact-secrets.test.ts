import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

const SECRET = 'zk-canary-7f3e9a1b5c2d8e4f6a0b';

describe('redactSecrets', () => {
  it('removes the secret, truncated echoes of it, and known secret shapes', () => {
    const text = [
      `key ${SECRET} rejected`,
      `prefix ${SECRET.slice(0, 12)}`,
      `suffix ${SECRET.slice(-10)}`,
      'other sk-proj-abcdefghijklmnopqrstu',
      'header Bearer eyJhbGciOi.payloadxyz',
      'token ghp_abcdefghijklmnopqrstuvwxyz0123',
    ].join('; ');
    const result = redactSecrets(text, [SECRET]);
    expect(result).not.toContain(SECRET.slice(0, 12));
    expect(result).not.toContain(SECRET.slice(-10));
    expect(result).not.toMatch(/sk-proj|eyJ|ghp_/);
    expect(result).toContain('rejected');
  });

  it('keeps ordinary text, masked keys and short words', () => {
    const text = 'Incorrect API key provided: sk-********abcd. Rate limit reached for requests';
    expect(redactSecrets(text, [SECRET, undefined, 'ab'])).toBe(text);
  });
});
