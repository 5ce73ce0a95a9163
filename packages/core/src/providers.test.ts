import { describe, expect, it } from 'vitest';
import {
  CREDENTIAL_ENV_VARS,
  CREDENTIAL_PROVIDERS,
  credentialKinds,
  isProviderId,
  OAUTH_PROVIDERS,
  PROVIDER_CREDENTIALS,
  PROVIDER_IDS,
  providerSpec,
  wireFormat,
} from './providers.js';

describe('the provider registry', () => {
  it('lists every provider once, keyless ones without credentials', () => {
    expect(new Set(PROVIDER_IDS).size).toBe(PROVIDER_IDS.length);
    for (const id of PROVIDER_IDS) {
      const spec = providerSpec(id);
      expect(spec.keyless, id).toBe(spec.credentials.length === 0);
      expect(spec.probePath.startsWith('/'), id).toBe(true);
    }
    expect(CREDENTIAL_PROVIDERS).not.toContain('ollama');
    expect(CREDENTIAL_PROVIDERS).not.toContain('openai-compatible');
    expect(isProviderId('gemini')).toBe(true);
    expect(isProviderId('toString')).toBe(false);
  });

  it.each([
    ['gemini', 'GEMINI_API_KEY', 'https://generativelanguage.googleapis.com/v1beta/openai'],
    ['mistral', 'MISTRAL_API_KEY', 'https://api.mistral.ai/v1'],
    ['openrouter', 'OPENROUTER_API_KEY', 'https://openrouter.ai/api/v1'],
    ['groq', 'GROQ_API_KEY', 'https://api.groq.com/openai/v1'],
    ['deepseek', 'DEEPSEEK_API_KEY', 'https://api.deepseek.com/v1'],
    ['xai', 'XAI_API_KEY', 'https://api.x.ai/v1'],
  ] as const)('%s: one API key from %s over the OpenAI chat wire at %s', (id, envVar, url) => {
    const spec = providerSpec(id);
    expect(spec.wire).toBe('openai-chat');
    expect(spec.defaultBaseUrl).toBe(url);
    expect(credentialKinds(id)).toEqual(['api_key']);
    expect(spec.credentials[0]).toMatchObject({ envVars: [envVar], storeField: 'api_key' });
    expect(spec.credentials[0]?.getUrl).toMatch(/^https:\/\//);
    expect(CREDENTIAL_ENV_VARS).toContain(envVar);
  });

  it('keeps the facts of the first four providers (DESIGN section 4)', () => {
    expect(providerSpec('github').credentials[0]).toMatchObject({
      envVars: ['GH_TOKEN', 'GITHUB_TOKEN'],
      storeField: 'token',
    });
    expect(credentialKinds('anthropic')).toEqual(['api_key', 'auth_token']);
    expect(OAUTH_PROVIDERS).toEqual(['openai', 'anthropic']);
    expect(wireFormat('openai', 'oauth_tokens')).toBe('codex');
    expect(wireFormat('openai', 'api_key')).toBe('openai-chat');
    expect(wireFormat('anthropic', 'auth_token')).toBe('anthropic');
    expect(wireFormat('ollama', 'none')).toBe('openai-chat');
  });

  it('gives every credential a distinct store field per provider and no shared env var', () => {
    const fields = PROVIDER_CREDENTIALS.map(
      ({ provider, spec }) => `${provider}.${spec.storeField}`,
    );
    expect(new Set(fields).size).toBe(fields.length);
    const vars = PROVIDER_CREDENTIALS.flatMap(({ spec }) => spec.envVars);
    expect(new Set(vars).size).toBe(vars.length);
  });
});
