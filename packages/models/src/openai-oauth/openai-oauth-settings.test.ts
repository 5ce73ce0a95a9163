import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CODEX_BACKEND_URL,
  DEFAULT_OPENAI_CLIENT_ID,
  DEFAULT_OPENAI_ISSUER,
  resolveOpenAIOAuthSettings,
} from './openai-oauth-settings.js';

const env = {
  FLYNN_OPENAI_ISSUER: 'http://127.0.0.1:1/',
  FLYNN_OPENAI_CLIENT_ID: 'env-client',
  FLYNN_OPENAI_CODEX_URL: 'http://127.0.0.1:2/backend-api/codex/',
};

describe('resolveOpenAIOAuthSettings', () => {
  it('defaults to the real issuer, client id and backend', () => {
    expect(resolveOpenAIOAuthSettings(undefined, {})).toEqual({
      issuer: DEFAULT_OPENAI_ISSUER,
      clientId: DEFAULT_OPENAI_CLIENT_ID,
      backendUrl: DEFAULT_CODEX_BACKEND_URL,
    });
    expect(DEFAULT_OPENAI_ISSUER).toBe('https://auth.openai.com');
    expect(DEFAULT_OPENAI_CLIENT_ID).toBe('app_EMoamEEZ73f0CkXaXp7hrann');
    expect(DEFAULT_CODEX_BACKEND_URL).toBe('https://chatgpt.com/backend-api/codex');
  });

  it('takes env overrides (trailing slashes dropped, blank values ignored)', () => {
    expect(resolveOpenAIOAuthSettings(undefined, env)).toEqual({
      issuer: 'http://127.0.0.1:1',
      clientId: 'env-client',
      backendUrl: 'http://127.0.0.1:2/backend-api/codex',
    });
    expect(resolveOpenAIOAuthSettings(undefined, { FLYNN_OPENAI_ISSUER: '  ' }).issuer).toBe(
      DEFAULT_OPENAI_ISSUER,
    );
  });

  it('prefers config over env, and a tier base_url over both for the backend', () => {
    const config = {
      models: { local_providers: [] },
      oauth: {
        openai: {
          issuer: 'http://127.0.0.1:3',
          client_id: 'config-client',
          backend_url: 'http://127.0.0.1:4/codex',
        },
      },
    };
    expect(resolveOpenAIOAuthSettings(config, env)).toEqual({
      issuer: 'http://127.0.0.1:3',
      clientId: 'config-client',
      backendUrl: 'http://127.0.0.1:4/codex',
    });
    expect(resolveOpenAIOAuthSettings(config, env, 'http://127.0.0.1:5/gw/').backendUrl).toBe(
      'http://127.0.0.1:5/gw',
    );
  });
});
