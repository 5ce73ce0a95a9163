import { mkdirSync, writeFileSync } from 'node:fs';
import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CANARY, CORRUPT_FILES } from '../test/support/corrupt-files.js';
import { useTempStore } from '../test/support/temp-store.js';
import { credentialPresence } from './credential-presence.js';
import { storeOpenAIApiKey, storeOpenAIOAuth } from './openai.js';
import { readAuthStore, readAuthStoreSync } from './read-auth-store.js';
import type { ResolveRequest } from './resolution-types.js';
import { resolveCredential } from './resolve-credential.js';
import type { AuthStoreData } from './types.js';
import { updateAuthStore } from './update-auth-store.js';

const store = useTempStore();

/** Every way an error or a result could be turned into text by a caller or a logger. */
function renderings(value: unknown): string[] {
  const forms = [
    String(value),
    `${value}`,
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, getters: true }),
    inspect(value, { getters: true }),
    format('%o %O %j %s', value, value, value, value),
    JSON.stringify(value) ?? '',
  ];
  if (value instanceof Error) {
    forms.push(value.message, value.stack ?? '', String(value.cause), inspect(value.cause));
    forms.push(
      JSON.stringify(Object.getOwnPropertyNames(value).map((key) => (value as never)[key])),
    );
  }
  return forms;
}

function expectNoCanary(value: unknown) {
  for (const form of renderings(value)) expect(form).not.toContain(CANARY);
  for (const form of renderings(value)) expect(form).not.toContain(CANARY.slice(8, -4));
}

async function caught(attempt: () => unknown): Promise<unknown> {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('canary secrets never leak', () => {
  for (const corrupt of CORRUPT_FILES) {
    it(`not through the errors for ${corrupt.name}`, async () => {
      mkdirSync(store.dir, { recursive: true });
      writeFileSync(store.path, corrupt.text);
      expectNoCanary(await caught(() => readAuthStore(store.options)));
      expectNoCanary(await caught(() => readAuthStoreSync(store.options)));
      expectNoCanary(
        await caught(() => storeOpenAIApiKey('sk-another-key-12345678', store.options)),
      );
    });
  }

  it('not through input errors', async () => {
    expectNoCanary(
      await caught(() =>
        storeOpenAIOAuth({ access_token: CANARY, refresh_token: ' ' }, store.options),
      ),
    );
    const oauth = {
      access_token: CANARY,
      refresh_token: 'r',
      expires_at: CANARY as unknown as number,
    };
    expectNoCanary(await caught(() => storeOpenAIOAuth(oauth, store.options)));
    const badShape = () =>
      updateAuthStore((data) => {
        data.openai = CANARY as never;
      }, store.options);
    expectNoCanary(await caught(badShape));
  });

  const everywhere: AuthStoreData = {
    version: 1,
    openai: {
      api_key: CANARY,
      oauth: { access_token: CANARY, refresh_token: CANARY, id_token: CANARY },
    },
    anthropic: { api_key: CANARY, auth_token: CANARY },
    zai: { api_key: CANARY },
    github: { token: CANARY },
  };
  const base: ResolveRequest = {
    tier: 'fast',
    provider: 'openai',
    mode: 'auto',
    modeOrigin: 'default',
    config: { api_key: CANARY, auth_token: CANARY },
    configPath: 'models.fast',
    env: {
      OPENAI_API_KEY: CANARY,
      ANTHROPIC_API_KEY: CANARY,
      ANTHROPIC_AUTH_TOKEN: CANARY,
      GH_TOKEN: CANARY,
    },
    store: everywhere,
    storePath: '/s/auth.json',
  };

  it('not through resolutions and presence rows, from any source', () => {
    for (const provider of ['openai', 'anthropic', 'zai', 'github'] as const) {
      for (const mode of ['auto', 'api_key'] as const) {
        const bySource = [base, { ...base, config: {} }, { ...base, config: {}, env: {} }];
        for (const request of bySource) {
          const resolution = resolveCredential({ ...request, provider, mode });
          expect(resolution.secret?.reveal()).toBe(CANARY);
          expectNoCanary(resolution);
          expectNoCanary(credentialPresence({ ...request, provider }));
        }
      }
    }
    const oauth = resolveCredential({ ...base, mode: 'oauth' });
    expect(oauth.oauth?.refresh_token).toBe(CANARY);
    expect(oauth.oauth?.access_token).toBe(CANARY);
    expectNoCanary(oauth);
    expectNoCanary({ nested: { deeper: [oauth] } });
  });

  it('not through missing-credential errors when other kinds hold secrets', () => {
    const tokenOnly: AuthStoreData = {
      version: 1,
      anthropic: { auth_token: CANARY },
      openai: { api_key: CANARY },
    };
    const request = {
      ...base,
      provider: 'anthropic' as const,
      mode: 'api_key' as const,
      config: { auth_token: CANARY },
      env: { ANTHROPIC_AUTH_TOKEN: CANARY },
      store: tokenOnly,
    };
    const error = (() => {
      try {
        resolveCredential(request);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(Error);
    expectNoCanary(error);
  });
});
