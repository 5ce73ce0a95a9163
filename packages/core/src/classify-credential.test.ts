import { describe, expect, it } from 'vitest';
import { classifyCredential, looksLikeOtherCredential } from './classify-credential.js';

describe('classifyCredential', () => {
  it.each([
    ['sk-ant-oat01-abc', 'anthropic', 'auth_token'],
    ['sk-ant-api03-abc', 'anthropic', 'api_key'],
    ['sk-proj-abc', 'openai', 'api_key'],
    ['github_pat_abc', 'github', 'api_key'],
    ['ghp_abc', 'github', 'api_key'],
    ['AIzaSyabc', 'gemini', 'api_key'],
    ['gsk_abc', 'groq', 'api_key'],
    ['sk-or-v1-abc', 'openrouter', 'api_key'],
    ['xai-abc', 'xai', 'api_key'],
  ])('%s is %s %s', (value, provider, kind) => {
    const look = classifyCredential(value);
    expect(look?.provider).toBe(provider);
    expect(look?.spec.kind).toBe(kind);
  });

  it('says nothing for values without a documented prefix', () => {
    expect(classifyCredential('0123456789abcdef.zai')).toBeUndefined();
    expect(classifyCredential('sk-plainkey')).toBeUndefined();
  });

  it('reports another kind or provider, not the expected one', () => {
    expect(looksLikeOtherCredential('anthropic', 'api_key', 'sk-ant-oat01-x')?.spec.kind).toBe(
      'auth_token',
    );
    expect(looksLikeOtherCredential('anthropic', 'auth_token', 'sk-ant-oat01-x')).toBeUndefined();
    expect(looksLikeOtherCredential('mistral', 'api_key', 'ghp_x')?.provider).toBe('github');
  });
});
