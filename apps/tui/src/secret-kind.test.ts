import { expect, test } from 'vitest';
import { credentialLook, kindMismatch } from './secret-kind.js';

test('recognises documented prefixes only', () => {
  expect(credentialLook('sk-ant-oat01-abc')).toBe('anthropic-auth-token');
  expect(credentialLook('sk-ant-api03-abc')).toBe('anthropic-api-key');
  expect(credentialLook('sk-proj-abc')).toBe('openai-api-key');
  expect(credentialLook('github_pat_abc')).toBe('github-token');
  expect(credentialLook('gho_abc')).toBe('github-token');
  expect(credentialLook('sk-abc')).toBeUndefined();
  expect(credentialLook('c1e5a7.zai')).toBeUndefined();
});

test('warns about the other Anthropic kind, naming the kind and never the value', () => {
  const secret = 'sk-ant-oat01-Zq8Rk3Xm6Vp2Tw9N';
  const mismatch = kindMismatch('anthropic-api-key', secret);
  expect(mismatch?.looksLike).toBe('anthropic-auth-token');
  expect(mismatch?.message).toBe(
    'That looks like an Anthropic OAuth token (sk-ant-oat…), not an Anthropic API key.',
  );
  expect(mismatch?.message).not.toContain('Zq8R');
  expect(kindMismatch('anthropic-auth-token', 'sk-ant-api03-x')?.looksLike).toBe(
    'anthropic-api-key',
  );
});

test('no warning when the value fits or says nothing', () => {
  expect(kindMismatch('anthropic-api-key', 'sk-ant-api03-x')).toBeUndefined();
  expect(kindMismatch('zai-api-key', 'c1e5a7.zai')).toBeUndefined();
  expect(kindMismatch('zai-api-key', 'ghp_abc')?.message).toBe(
    'That looks like a GitHub token, not a Z.AI API key.',
  );
});
