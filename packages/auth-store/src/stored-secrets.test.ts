import { readFileSync } from 'node:fs';
import { PROVIDER_CREDENTIALS } from '@flynn/core';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../test/support/temp-store.js';
import { STORED_SECRETS, storedSecret } from './stored-secrets.js';

// useTempStore gives each test its own createTempHome() from @flynn/testkit.
const store = useTempStore();
const VALUE = '0123456789abcdef.TableSecret';

function fieldValue(data: Record<string, unknown>, field: string): unknown {
  const [provider, name] = field.split('.') as [string, string];
  return (data[provider] as Record<string, unknown> | undefined)?.[name];
}

describe('STORED_SECRETS', () => {
  it.each(STORED_SECRETS.map((secret) => [secret.label, secret] as const))(
    '%s: store (trimmed), load and clear round-trip at its field',
    async (_label, secret) => {
      expect(await secret.load(store.options)).toBeUndefined();
      await secret.store(` ${VALUE}\n`, store.options);
      expect(await secret.load(store.options)).toBe(VALUE);
      const data = JSON.parse(readFileSync(store.path, 'utf8'));
      expect(fieldValue(data, secret.field)).toBe(VALUE);
      expect(await secret.clear(store.options)).toBe(true);
      expect(await secret.load(store.options)).toBeUndefined();
      expect(await secret.clear(store.options)).toBe(false);
    },
  );

  it('every entry keeps to its own field', async () => {
    for (const [index, secret] of STORED_SECRETS.entries()) {
      await secret.store(`${VALUE}-${index}`, store.options);
    }
    for (const [index, secret] of STORED_SECRETS.entries()) {
      expect(await secret.load(store.options)).toBe(`${VALUE}-${index}`);
    }
  });

  it('fields and env vars are those of the provider registry, for every string kind', () => {
    const expected = PROVIDER_CREDENTIALS.filter(({ spec }) => spec.kind !== 'oauth_tokens').map(
      ({ provider, spec }) => ({
        provider,
        kind: spec.kind,
        field: `${provider}.${spec.storeField}`,
        envVars: spec.envVars,
      }),
    );
    const actual = STORED_SECRETS.map(({ provider, kind, field, envVars }) => ({
      provider,
      kind,
      field,
      envVars,
    }));
    expect(actual).toEqual(expect.arrayContaining(expected));
    expect(actual).toHaveLength(expected.length);
  });

  it('labels are distinct; entries are frozen', () => {
    expect(new Set(STORED_SECRETS.map((secret) => secret.label)).size).toBe(STORED_SECRETS.length);
    for (const secret of STORED_SECRETS) {
      expect(Object.isFrozen(secret)).toBe(true);
      expect(Object.isFrozen(secret.envVars)).toBe(true);
    }
  });
});

describe('storedSecret', () => {
  it('finds an entry by provider and kind', () => {
    expect(storedSecret('github', 'api_key')).toMatchObject({
      label: 'GitHub token',
      field: 'github.token',
      envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
    });
    expect(storedSecret('anthropic', 'auth_token').field).toBe('anthropic.auth_token');
  });

  it('throws for a kind the store does not hold as a string', () => {
    expect(() => storedSecret('openai', 'oauth_tokens')).toThrow(/no string oauth_tokens/);
  });
});
