import { describe, expect, it } from 'vitest';
import { credentialRemedy, loginCommand, renderRemedy } from './remedy.js';

describe('remedies', () => {
  it('renders a missing credential for the CLI and the TUI', () => {
    const openai = credentialRemedy('openai', ['api_key']);
    expect(renderRemedy(openai, 'cli')).toBe('Run `flynn openai-key` or set OPENAI_API_KEY');
    expect(renderRemedy(openai, 'tui')).toBe(
      'Run `/login openai`, or set OPENAI_API_KEY and restart Flynn',
    );
    const anthropic = credentialRemedy('anthropic', ['api_key', 'auth_token']);
    expect(renderRemedy(anthropic, 'cli')).toBe(
      'Run `flynn anthropic-auth` or `flynn anthropic-token`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN',
    );
    expect(renderRemedy(anthropic, 'tui')).toBe(
      'Run `/login anthropic`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN and restart Flynn',
    );
  });

  it('names `flynn login <id>` for providers without an older command', () => {
    expect(loginCommand('gemini', 'api_key')).toBe('flynn login gemini');
    expect(renderRemedy(credentialRemedy('xai', ['api_key']), 'cli')).toBe(
      'Run `flynn login xai` or set XAI_API_KEY',
    );
    expect(loginCommand('github', 'api_key')).toBe('flynn github-login');
  });

  it('renders login again, env only, config and advice steps', () => {
    expect(
      renderRemedy(
        [{ kind: 'login', provider: 'openai', credential: 'oauth_tokens', again: true }],
        'cli',
      ),
    ).toBe('Run `flynn openai-login` again');
    const replace = [
      { kind: 'login', provider: 'gemini', credential: 'api_key', replace: true },
    ] as const;
    expect(renderRemedy(replace, 'cli')).toBe('Run `flynn login gemini --replace`');
    expect(renderRemedy(replace, 'tui')).toBe('Run `/login gemini`');
    const inProfile = [
      { kind: 'login', provider: 'openai', credential: 'api_key', replace: true, profile: 'work' },
    ] as const;
    expect(renderRemedy(inProfile, 'cli')).toBe('Run `flynn openai-key --replace --profile work`');
    expect(renderRemedy(inProfile, 'tui')).toBe('Run `/login openai --profile work`');
    expect(renderRemedy([{ ...inProfile[0], profile: 'default', replace: false }], 'cli')).toBe(
      'Run `flynn openai-key`',
    );
    expect(renderRemedy([{ kind: 'env', vars: ['A', 'B'] }], 'cli')).toBe('Set A or B');
    expect(
      renderRemedy(
        [
          { kind: 'config', path: 'models.fast.auth_mode', change: 'Set auth_mode to auto' },
          { kind: 'advice', text: 'Then try again' },
        ],
        'tui',
      ),
    ).toBe('Set auth_mode to auto (models.fast.auth_mode). Then try again');
    expect(renderRemedy([], 'cli')).toBe('');
    expect(credentialRemedy('ollama', ['api_key'])).toEqual([]);
  });
});
