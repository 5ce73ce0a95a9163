import { describe, expect, it } from 'vitest';
import { loginMethods } from './login-methods.js';
import { CREDENTIAL_PROVIDERS } from './providers.js';
import { renderRemedy } from './remedy.js';

describe('loginMethods', () => {
  it('offers OpenAI the browser first, then the device code, then an API key', () => {
    expect(loginMethods('openai').map(({ flag, label }) => `${flag} ${label}`)).toEqual([
      '--browser ChatGPT login in the browser',
      '--device ChatGPT login with a device code',
      '--api-key Paste an OpenAI API key',
    ]);
  });

  it('offers Anthropic its API key and auth token, GitHub a pasted token, gh and the device flow', () => {
    expect(loginMethods('anthropic').map((method) => [method.flag, method.kind])).toEqual([
      ['--api-key', 'api_key'],
      ['--token', 'auth_token'],
    ]);
    expect(loginMethods('github').map((method) => method.method)).toEqual([
      'paste',
      'gh',
      'device',
    ]);
    expect(loginMethods('zai')).toEqual([
      { method: 'paste', kind: 'api_key', flag: '--api-key', label: 'Paste a Z.AI API key' },
    ]);
  });

  it('gives every credential provider at least one method and none to keyless ones', () => {
    for (const provider of CREDENTIAL_PROVIDERS)
      expect(loginMethods(provider).length).toBeGreaterThan(0);
    expect(loginMethods('ollama')).toEqual([]);
  });
});

describe('renderRemedy with a login method', () => {
  it('names flynn login with the method flag in the CLI and /login in the TUI', () => {
    const remedy = [
      {
        kind: 'login',
        provider: 'openai',
        credential: 'oauth_tokens',
        again: true,
        method: 'browser',
      },
    ] as const;
    expect(renderRemedy(remedy, 'cli')).toBe('Run `flynn login openai --browser` again');
    expect(renderRemedy(remedy, 'tui')).toBe('Run `/login openai` again');
  });
});
