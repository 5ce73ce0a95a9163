import { describe, expect, it } from 'vitest';
import { credentialPresence } from './credential-presence.js';
import type { ResolveRequest } from './resolution-types.js';

const STORE_PATH = '/s/auth.json';
const base: Omit<ResolveRequest, 'mode' | 'modeOrigin'> = {
  tier: 'default',
  provider: 'anthropic',
  config: {},
  configPath: 'models.default',
  env: {},
  store: { version: 1 },
  storePath: STORE_PATH,
};

describe('credentialPresence', () => {
  it('lists every kind x source in resolution order, found or not, without values', () => {
    const rows = credentialPresence({
      ...base,
      config: { auth_token: '  ' },
      env: { ANTHROPIC_API_KEY: 'sk-ant-api03-ENVSECRET-0001' },
      store: {
        version: 1,
        anthropic: { api_key: 'sk-ant-api03-STORESECRET-0002', auth_token: 'tok-STORESECRET-3' },
      },
    });
    expect(rows).toEqual([
      {
        provider: 'anthropic',
        kind: 'api_key',
        source: 'config',
        location: 'models.default.api_key',
        present: false,
        fingerprint: '',
      },
      {
        provider: 'anthropic',
        kind: 'api_key',
        source: 'env',
        location: 'ANTHROPIC_API_KEY',
        present: true,
        fingerprint: 'sk-ant-api03-…0001',
      },
      {
        provider: 'anthropic',
        kind: 'api_key',
        source: 'store',
        location: `${STORE_PATH} anthropic.api_key`,
        present: true,
        fingerprint: 'sk-ant-api03-…0002',
      },
      {
        provider: 'anthropic',
        kind: 'auth_token',
        source: 'config',
        location: 'models.default.auth_token',
        present: false,
        fingerprint: '',
      },
      {
        provider: 'anthropic',
        kind: 'auth_token',
        source: 'env',
        location: 'ANTHROPIC_AUTH_TOKEN',
        present: false,
        fingerprint: '',
      },
      {
        provider: 'anthropic',
        kind: 'auth_token',
        source: 'store',
        location: `${STORE_PATH} anthropic.auth_token`,
        present: true,
        fingerprint: '…ET-3',
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('SECRET');
  });

  it('openai: API key rows plus the stored OAuth tokens', () => {
    const rows = credentialPresence({
      ...base,
      provider: 'openai',
      store: {
        version: 1,
        openai: { oauth: { access_token: 'access-SECRET-abcd', refresh_token: 'r-SECRET' } },
      },
    });
    expect(rows.map((row) => [row.kind, row.source, row.present])).toEqual([
      ['api_key', 'config', false],
      ['api_key', 'env', false],
      ['api_key', 'store', false],
      ['oauth_tokens', 'store', true],
    ]);
    expect(rows[3]?.fingerprint).toBe('…abcd');
    expect(JSON.stringify(rows)).not.toContain('SECRET');
  });

  it('github: both env vars; local providers: the config key only', () => {
    const github = credentialPresence({
      ...base,
      provider: 'github',
      env: { GITHUB_TOKEN: 'ghp_abcdefghijkl0000' },
    });
    expect(github.map((row) => `${row.location}:${row.present}`)).toEqual([
      'models.default.api_key:false',
      'GH_TOKEN:false',
      'GITHUB_TOKEN:true',
      `${STORE_PATH} github.token:false`,
    ]);
    const local = credentialPresence({
      ...base,
      provider: 'ollama',
      env: { OPENAI_API_KEY: 'sk-x-0000000000' },
    });
    expect(local).toEqual([
      {
        provider: 'ollama',
        kind: 'api_key',
        source: 'config',
        location: 'models.default.api_key',
        present: false,
        fingerprint: '',
      },
    ]);
  });
});
