import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret.js';

const VALUE = 'sk-ant-api03-TOPSECRETVALUE-abcd';

describe('Secret', () => {
  it('reveals the value only through reveal()', () => {
    const secret = new Secret(VALUE);
    expect(secret.reveal()).toBe(VALUE);
    expect(secret.fingerprint).toBe('sk-ant-api03-…abcd');
  });

  it('turns into its fingerprint in every implicit string form', () => {
    const secret = new Secret(VALUE);
    const forms = [
      String(secret),
      `${secret}`,
      `${secret}`.concat(''),
      JSON.stringify(secret),
      JSON.stringify({ nested: { secret } }),
      inspect(secret),
      inspect({ secret }, { depth: 10, showHidden: true }),
      Object.keys(secret).join(','),
      JSON.stringify(Object.entries(secret)),
    ];
    for (const form of forms) expect(form).not.toContain('TOPSECRET');
    expect(String(secret)).toBe('sk-ant-api03-…abcd');
    expect(JSON.stringify({ secret })).toBe('{"secret":"sk-ant-api03-…abcd"}');
    expect(inspect(secret)).toBe('sk-ant-api03-…abcd');
  });
});
