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

  it('removes both ends of a truncated echo (sk-proj-STOR...001234), not only whole runs', () => {
    const secret = 'sk-proj-STORE-openai-key-0001234';
    for (const echo of [
      `${secret.slice(0, 12)}...${secret.slice(-6)}`,
      `${secret.slice(0, 12)}…${secret.slice(-4)}`,
      `key=${secret.slice(0, 12)}...${secret.slice(-4)}.`,
    ]) {
      const result = redactSecrets(`Incorrect API key provided: ${echo} was rejected`, [secret]);
      expect(result).not.toContain('proj-STOR');
      expect(result).not.toContain('STOR');
      expect(result).not.toContain('1234');
      expect(result).toContain('Incorrect API key provided:');
      expect(result).toContain('was rejected');
    }
  });

  it('removes a 4-character end of a secret only as a whole piece', () => {
    const secret = 'zk-canary-7f3e9a1b5c2d8e4f6a0b';
    expect(redactSecrets('ends in 6a0b.', [secret])).toBe('ends in [redacted].');
    expect(redactSecrets('starts zk-c...', [secret])).toBe('starts [redacted]...');
    // the same characters inside a longer word are not a piece of the secret
    expect(redactSecrets('hex 16a0bff', [secret])).toBe('hex 16a0bff');
  });

  it('drops user info and query from URLs', () => {
    expect(
      redactSecrets('cannot fetch http://user:HUNTER2@127.0.0.1:18001/v1/models?key=abc', []),
    ).toBe('cannot fetch http://127.0.0.1:18001/v1/models');
  });
});
