import { describe, expect, it } from 'vitest';
import { credentialRemedy, remedyText } from './remedy.js';

describe('credentialRemedy', () => {
  it('names the command, env vars and TUI command of each provider and kind', () => {
    expect(credentialRemedy('openai', ['api_key'])).toEqual({
      commands: ['flynn openai-key'],
      envVars: ['OPENAI_API_KEY'],
      tuiCommand: '/login openai',
    });
    expect(credentialRemedy('openai', ['oauth_tokens']).commands).toEqual(['flynn openai-login']);
    expect(credentialRemedy('anthropic', ['api_key', 'auth_token'])).toEqual({
      commands: ['flynn anthropic-auth', 'flynn anthropic-token'],
      envVars: ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN'],
      tuiCommand: '/login anthropic',
    });
    expect(credentialRemedy('zai', ['api_key']).commands).toEqual(['flynn zai-key']);
    expect(credentialRemedy('github', ['api_key']).envVars).toEqual(['GH_TOKEN', 'GITHUB_TOKEN']);
  });
});

describe('remedyText', () => {
  it('cli: one command and one env var', () => {
    expect(remedyText(credentialRemedy('openai', ['api_key']), 'cli')).toBe(
      'Run `flynn openai-key` or set OPENAI_API_KEY',
    );
  });

  it('cli: several commands and env vars', () => {
    expect(remedyText(credentialRemedy('openai', ['api_key', 'oauth_tokens']), 'cli')).toBe(
      'Run `flynn openai-key` or `flynn openai-login`, or set OPENAI_API_KEY',
    );
    expect(remedyText(credentialRemedy('github', ['api_key']), 'cli')).toBe(
      'Run `flynn github-login` or set GH_TOKEN or GITHUB_TOKEN',
    );
  });

  it('cli: a command without an env var', () => {
    expect(remedyText(credentialRemedy('openai', ['oauth_tokens']), 'cli')).toBe(
      'Run `flynn openai-login`',
    );
  });

  it('tui: points at /login', () => {
    expect(remedyText(credentialRemedy('anthropic', ['auth_token']), 'tui')).toBe(
      'Run `/login anthropic`, or set ANTHROPIC_AUTH_TOKEN and restart Flynn',
    );
    expect(remedyText(credentialRemedy('openai', ['oauth_tokens']), 'tui')).toBe(
      'Run `/login openai`',
    );
  });
});
