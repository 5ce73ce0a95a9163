import { format, inspect } from 'node:util';
import { renderRemedy } from '@flynn/core';
import { describe, expect, it } from 'vitest';
import { AuthModeUnsupportedError } from './auth-mode-unsupported-error.js';
import { credentialPresence } from './credential-presence.js';
import { isFlynnError } from './flynn-error.js';
import { MissingCredentialError } from './missing-credential-error.js';
import type { ResolveRequest } from './resolution-types.js';
import { resolveCredential } from './resolve-credential.js';
import type { AuthMode, AuthStoreData, CredentialKind, ProviderId } from './types.js';

const STORE_PATH = '/home/u/.config/flynn/auth.json';
const OAUTH = {
  access_token: 'eyJ-access-token-7777',
  refresh_token: 'refresh-8888',
  account_id: 'acct',
};

function catchError(attempt: () => unknown): unknown {
  try {
    attempt();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

function request(overrides: Partial<ResolveRequest>): ResolveRequest {
  return {
    tier: 'fast',
    provider: 'openai',
    mode: 'auto',
    modeOrigin: 'default',
    config: {},
    configPath: 'models.fast',
    env: {},
    store: { version: 1 },
    storePath: STORE_PATH,
    ...overrides,
  };
}

interface Source {
  name: string;
  source: 'config' | 'env' | 'store';
  location: string;
  put: (value: string) => Partial<ResolveRequest>;
}

function sources(provider: ProviderId, kind: CredentialKind): Source[] {
  const envVars: Record<string, string[]> = {
    'openai:api_key': ['OPENAI_API_KEY'],
    'anthropic:api_key': ['ANTHROPIC_API_KEY'],
    'anthropic:auth_token': ['ANTHROPIC_AUTH_TOKEN'],
    'zai:api_key': ['ZAI_API_KEY'],
    'github:api_key': ['GH_TOKEN', 'GITHUB_TOKEN'],
  };
  const field = provider === 'github' ? 'token' : kind;
  const list: Source[] = [
    {
      name: 'config',
      source: 'config',
      location: `models.fast.${kind}`,
      put: (value) => ({ config: { [kind]: value } }),
    },
    ...(envVars[`${provider}:${kind}`] ?? []).map((name) => ({
      name,
      source: 'env' as const,
      location: name,
      put: (value: string) => ({ env: { [name]: value } }),
    })),
    {
      name: 'store',
      source: 'store',
      location: `${STORE_PATH} ${provider}.${field}`,
      put: (value) => ({ store: { version: 1, [provider]: { [field]: value } } as AuthStoreData }),
    },
  ];
  return list;
}

const API_KEY_PROVIDERS: ProviderId[] = ['openai', 'anthropic', 'zai', 'github'];

describe('resolveCredential: API-key chain', () => {
  for (const provider of API_KEY_PROVIDERS) {
    for (const mode of ['api_key', 'auto'] as AuthMode[]) {
      for (const source of sources(provider, 'api_key')) {
        it(`${provider}, ${mode}: finds the key in ${source.name} (trimmed)`, () => {
          const value = `  key-${provider}-${source.name}-abcdef1234 `;
          const resolution = resolveCredential(request({ provider, mode, ...source.put(value) }));
          expect(resolution).toMatchObject({
            provider,
            mode,
            kind: 'api_key',
            source: source.source,
            location: source.location,
            fingerprint: '…1234',
          });
          expect(resolution.secret?.reveal()).toBe(value.trim());
          expect(resolution.oauth).toBeUndefined();
        });
      }
    }
  }
});

describe('resolveCredential: OAuth/token chain', () => {
  for (const mode of ['oauth', 'auto'] as AuthMode[]) {
    for (const source of sources('anthropic', 'auth_token')) {
      it(`anthropic, ${mode}: finds the auth token in ${source.name}`, () => {
        const value = ' sk-ant-oat01-token-abcdefgh5678 ';
        const resolution = resolveCredential(
          request({ provider: 'anthropic', mode, ...source.put(value) }),
        );
        expect(resolution).toMatchObject({
          kind: 'auth_token',
          source: source.source,
          location: source.location,
          fingerprint: 'sk-ant-oat01-…5678',
        });
        expect(resolution.secret?.reveal()).toBe(value.trim());
      });
    }

    it(`openai, ${mode}: takes the OAuth tokens from the store`, () => {
      const store: AuthStoreData = { version: 1, openai: { oauth: OAUTH } };
      const resolution = resolveCredential(request({ mode, store }));
      expect(resolution).toMatchObject({
        kind: 'oauth_tokens',
        source: 'store',
        location: `${STORE_PATH} openai.oauth`,
        fingerprint: '…7777',
      });
      expect(resolution.oauth).toEqual(OAUTH);
      expect(resolution.secret).toBeUndefined();
      expect(JSON.stringify(resolution)).not.toContain('refresh-8888');
      expect(Object.keys(resolution)).not.toContain('oauth');
    });
  }

  it('prints an OAuth resolution without its tokens, however it is printed', () => {
    const tokens = {
      access_token: 'eyJ-access-PRINTED-7777',
      refresh_token: 'refresh-PRINTED-8888',
      id_token: 'id-PRINTED-9999',
      account_id: 'acct',
    };
    const store: AuthStoreData = { version: 1, openai: { oauth: tokens } };
    const resolution = resolveCredential(request({ mode: 'oauth', store }));
    const printed = [
      inspect(resolution),
      inspect(resolution, { getters: true }),
      inspect(resolution, { getters: true, showHidden: true, depth: Number.POSITIVE_INFINITY }),
      inspect({ resolution }, { getters: true, showHidden: true }),
      format('%o | %O | %j | %s', resolution, resolution, resolution, resolution),
      JSON.stringify(resolution),
      JSON.stringify({ resolution }),
      String(resolution),
      `${resolution}`,
    ];
    for (const text of printed) expect(text).not.toMatch(/PRINTED/);
    // What is shown stays useful: the fields, and that tokens exist without their values.
    expect(inspect(resolution, { getters: true, showHidden: true })).toContain(
      "fingerprint: '…7777'",
    );
    expect(inspect(resolution)).toContain('oauth: [redacted]');
    expect(JSON.parse(JSON.stringify(resolution))).toEqual({
      tier: 'fast',
      provider: 'openai',
      mode: 'oauth',
      modeOrigin: 'default',
      kind: 'oauth_tokens',
      source: 'store',
      location: `${STORE_PATH} openai.oauth`,
      fingerprint: '…7777',
    });
    // Code that needs the tokens still reads them, and the visible shape is unchanged.
    expect(resolution.oauth?.access_token).toBe(tokens.access_token);
    expect(resolution.oauth?.refresh_token).toBe(tokens.refresh_token);
    expect(Object.keys(resolution)).toEqual([
      'tier',
      'provider',
      'mode',
      'modeOrigin',
      'kind',
      'source',
      'location',
      'fingerprint',
    ]);
  });

  it('openai oauth: ignores incomplete tokens and config auth_token', () => {
    const store: AuthStoreData = {
      version: 1,
      openai: { oauth: { ...OAUTH, refresh_token: ' ' } },
    };
    const attempt = () =>
      resolveCredential(request({ mode: 'oauth', store, config: { auth_token: 'x' } }));
    expect(attempt).toThrow(MissingCredentialError);
  });
});

describe('resolveCredential: precedence', () => {
  it('config beats env beats store, per chain', () => {
    const store: AuthStoreData = { version: 1, openai: { api_key: 'store-key-00000001' } };
    const env = { OPENAI_API_KEY: 'env-key-000000002' };
    const config = { api_key: 'config-key-0000003' };
    expect(resolveCredential(request({ store, env, config })).source).toBe('config');
    expect(resolveCredential(request({ store, env })).source).toBe('env');
    expect(resolveCredential(request({ store })).source).toBe('store');
  });

  it('empty or whitespace-only values at a higher level fall through', () => {
    const store: AuthStoreData = { version: 1, zai: { api_key: 'store-zai-key-1234' } };
    const resolution = resolveCredential(
      request({ provider: 'zai', config: { api_key: '   ' }, env: { ZAI_API_KEY: '\n' }, store }),
    );
    expect(resolution.source).toBe('store');
    expect(resolution.secret?.reveal()).toBe('store-zai-key-1234');
  });

  it('GH_TOKEN before GITHUB_TOKEN', () => {
    const env = { GH_TOKEN: 'gh-token-0000001', GITHUB_TOKEN: 'github-token-0002' };
    expect(resolveCredential(request({ provider: 'github', env })).location).toBe('GH_TOKEN');
    const blankGh = { ...env, GH_TOKEN: ' ' };
    expect(resolveCredential(request({ provider: 'github', env: blankGh })).location).toBe(
      'GITHUB_TOKEN',
    );
  });

  it('auto: the API-key chain wins over the token chain, even from a weaker source', () => {
    const store: AuthStoreData = {
      version: 1,
      anthropic: { api_key: 'sk-ant-api03-stored-key-1' },
    };
    const resolution = resolveCredential(
      request({ provider: 'anthropic', store, config: { auth_token: 'config-token-123456' } }),
    );
    expect(resolution).toMatchObject({ kind: 'api_key', source: 'store' });
    const openai = resolveCredential(
      request({ store: { version: 1, openai: { api_key: 'sk-stored-key-123456', oauth: OAUTH } } }),
    );
    expect(openai.kind).toBe('api_key');
  });

  it('api_key mode never uses a token, oauth mode never uses an API key', () => {
    const anthropic: AuthStoreData = {
      version: 1,
      anthropic: { auth_token: 'sk-ant-oat01-tok-12345' },
    };
    expect(() =>
      resolveCredential(request({ provider: 'anthropic', mode: 'api_key', store: anthropic })),
    ).toThrow(MissingCredentialError);
    const env = { OPENAI_API_KEY: 'sk-env-key-1234567' };
    expect(() => resolveCredential(request({ mode: 'oauth', env }))).toThrow(
      MissingCredentialError,
    );
    const anthropicKey = { ANTHROPIC_API_KEY: 'sk-ant-api03-key-1234567' };
    expect(() =>
      resolveCredential(request({ provider: 'anthropic', mode: 'oauth', env: anthropicKey })),
    ).toThrow(/needs an Anthropic auth token/);
  });

  it('echoes tier, provider, mode and mode origin', () => {
    const resolution = resolveCredential(
      request({
        tier: 'complex',
        mode: 'oauth',
        modeOrigin: 'use_oauth',
        store: { version: 1, openai: { oauth: OAUTH } },
      }),
    );
    expect(resolution).toMatchObject({
      tier: 'complex',
      provider: 'openai',
      mode: 'oauth',
      modeOrigin: 'use_oauth',
    });
  });
});

describe('resolveCredential: local providers', () => {
  for (const provider of ['ollama', 'openai-compatible'] as ProviderId[]) {
    it(`${provider}: no credential needed (kind none) unless config has api_key`, () => {
      const env = { OPENAI_API_KEY: 'sk-not-for-local-1234' };
      for (const mode of ['auto', 'api_key'] as AuthMode[]) {
        expect(resolveCredential(request({ provider, mode, env }))).toEqual({
          tier: 'fast',
          provider,
          mode,
          modeOrigin: 'default',
          kind: 'none',
          source: 'none',
          location: '',
          fingerprint: '',
        });
      }
      const configured = resolveCredential(
        request({
          provider,
          configPath: 'models.local_providers[0]',
          config: { api_key: 'lm-studio-key-9999' },
        }),
      );
      expect(configured).toMatchObject({
        kind: 'api_key',
        source: 'config',
        location: 'models.local_providers[0].api_key',
      });
      expect(configured.secret?.reveal()).toBe('lm-studio-key-9999');
    });
  }

  for (const provider of ['zai', 'github', 'ollama', 'openai-compatible'] as ProviderId[]) {
    it(`${provider}: oauth mode is a clear AUTH_MODE_UNSUPPORTED error`, () => {
      const attempt = () =>
        resolveCredential(request({ provider, mode: 'oauth', modeOrigin: 'auth_mode' }));
      expect(attempt).toThrow(AuthModeUnsupportedError);
      expect(attempt).toThrow(`provider ${provider}, which does not support auth_mode oauth`);
      expect(renderRemedy((catchError(attempt) as AuthModeUnsupportedError).remedy, 'cli')).toBe(
        'Set auth_mode to api_key or auto (models.fast.auth_mode)',
      );
    });
  }
});

describe('resolveCredential: missing credentials', () => {
  function missing(overrides: Partial<ResolveRequest>): MissingCredentialError {
    try {
      resolveCredential(request(overrides));
    } catch (error) {
      if (error instanceof MissingCredentialError) return error;
      throw error;
    }
    throw new Error('expected a MissingCredentialError');
  }

  it('api_key mode: names tier, provider, kind, every place tried and the remedy', () => {
    const error = missing({ mode: 'api_key', modeOrigin: 'auth_mode' });
    expect(isFlynnError(error, 'CREDENTIAL_MISSING')).toBe(true);
    expect(error).toMatchObject({
      tier: 'fast',
      provider: 'openai',
      mode: 'api_key',
      kinds: ['api_key'],
    });
    expect(error.tried).toEqual([
      'models.fast.api_key',
      'OPENAI_API_KEY',
      `${STORE_PATH} openai.api_key`,
    ]);
    expect(error.message).toBe(
      'Tier "fast" (provider openai, auth_mode api_key) needs an OpenAI API key, but none was found. ' +
        `Tried: models.fast.api_key, OPENAI_API_KEY, ${STORE_PATH} openai.api_key.`,
    );
    expect(renderRemedy(error.remedy, 'cli')).toBe('Run `flynn openai-key` or set OPENAI_API_KEY');
    expect(error.remedy).toEqual([
      { kind: 'login', provider: 'openai', credential: 'api_key' },
      { kind: 'env', vars: ['OPENAI_API_KEY'] },
    ]);
  });

  it('oauth mode via use_oauth: names the login command and the mode origin', () => {
    const error = missing({ mode: 'oauth', modeOrigin: 'use_oauth' });
    expect(error.kinds).toEqual(['oauth_tokens']);
    expect(error.tried).toEqual([`${STORE_PATH} openai.oauth`]);
    expect(error.message).toContain('auth_mode oauth via use_oauth: true');
    expect(error.message).toContain('needs a ChatGPT login');
    expect(renderRemedy(error.remedy, 'cli')).toBe('Run `flynn openai-login`');
  });

  it('auto: names both ways to fix it and every place of both chains', () => {
    const error = missing({ provider: 'anthropic', tier: 'default', configPath: 'models.default' });
    expect(error.kinds).toEqual(['api_key', 'auth_token']);
    expect(error.tried).toEqual([
      'models.default.api_key',
      'ANTHROPIC_API_KEY',
      `${STORE_PATH} anthropic.api_key`,
      'models.default.auth_token',
      'ANTHROPIC_AUTH_TOKEN',
      `${STORE_PATH} anthropic.auth_token`,
    ]);
    expect(error.message).toContain('Tier "default" (provider anthropic, default auth_mode auto)');
    expect(error.message).toContain('needs an Anthropic API key or an Anthropic auth token');
    expect(renderRemedy(error.remedy, 'cli')).toContain(
      'Run `flynn anthropic-auth` or `flynn anthropic-token`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN',
    );
    expect(renderRemedy(error.remedy, 'tui')).toBe(
      'Run `/login anthropic`, or set ANTHROPIC_API_KEY or ANTHROPIC_AUTH_TOKEN and restart Flynn',
    );
  });

  it('zai and github: name their commands and env vars', () => {
    expect(renderRemedy(missing({ provider: 'zai' }).remedy, 'cli')).toContain(
      'Run `flynn zai-key` or set ZAI_API_KEY',
    );
    const github = missing({ provider: 'github' });
    expect(github.message).toContain('needs a GitHub token');
    expect(github.tried).toEqual([
      'models.fast.api_key',
      'GH_TOKEN',
      'GITHUB_TOKEN',
      `${STORE_PATH} github.token`,
    ]);
    expect(renderRemedy(github.remedy, 'cli')).toContain(
      'Run `flynn github-login` or set GH_TOKEN or GITHUB_TOKEN',
    );
  });
});

describe('resolveCredential: values with control characters', () => {
  const BAD = 'sk-proj-line-one-0123456789\nline-two-ABCDEF';
  it.each([
    ['env', { env: { OPENAI_API_KEY: BAD } }, 'OPENAI_API_KEY'],
    [
      'config',
      { config: { api_key: 'sk-proj-abc\u001b]0;pwned\u0007-0123456789' } },
      'models.fast.api_key',
    ],
    [
      'store',
      { store: { version: 1, openai: { api_key: `x${BAD}` } } },
      `${STORE_PATH} openai.api_key`,
    ],
  ] as const)(
    'a %s value is CREDENTIAL_INVALID naming where, never the value',
    (source, overrides, location) => {
      const error = catchError(() =>
        resolveCredential(request(overrides as Partial<ResolveRequest>)),
      );
      expect(isFlynnError(error, 'CREDENTIAL_INVALID')).toBe(true);
      const { message, remedy } = error as { message: string; remedy: unknown };
      expect(message).toContain(location);
      expect(message).toContain(`(${source})`);
      expect(message).not.toMatch(/line-one|line-two|pwned|0123456789/);
      expect(JSON.stringify(remedy)).not.toMatch(/line-one|pwned/);
    },
  );

  it('stops at the invalid value instead of silently falling through to the next source', () => {
    const error = catchError(() =>
      resolveCredential(
        request({
          env: { OPENAI_API_KEY: BAD },
          store: { version: 1, openai: { api_key: 'sk-proj-valid-stored-0123456789' } },
        }),
      ),
    );
    expect(isFlynnError(error, 'CREDENTIAL_INVALID')).toBe(true);
  });

  it('presence marks it invalid without a fingerprint', () => {
    const rows = credentialPresence(request({ env: { OPENAI_API_KEY: BAD } }));
    expect(rows.find((row) => row.location === 'OPENAI_API_KEY')).toMatchObject({
      present: true,
      invalid: true,
      fingerprint: '',
    });
  });
});
