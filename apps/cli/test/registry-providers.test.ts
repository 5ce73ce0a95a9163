// The six OpenAI-compatible API-key providers that are nothing but registry entries, end to
// end through the built binary: a tier streams with `Authorization: Bearer <env key>`,
// `flynn login <id> --stdin` stores the key (0600, masked), doctor then reports the store as
// the source, and with no credential doctor's remedy names the env var and the login command.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialSpec, maskSecret, type ProviderId } from '@flynn/core';
import {
  createTempHome,
  type OpenAIApiServer,
  startOpenAIApiServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectRunNoLeak, modeOf, readStore, storePath } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

const PROVIDERS = [
  ['gemini', 'GEMINI_API_KEY'],
  ['mistral', 'MISTRAL_API_KEY'],
  ['openrouter', 'OPENROUTER_API_KEY'],
  ['groq', 'GROQ_API_KEY'],
  ['deepseek', 'DEEPSEEK_API_KEY'],
  ['xai', 'XAI_API_KEY'],
] as const satisfies ReadonlyArray<readonly [ProviderId, string]>;

// Keys that share nothing with the provider names printed beside them.
const keyOf = (id: string) =>
  `k${[...id].map((c) => c.charCodeAt(0).toString(36)).join('')}Zq8mN3vR7tY1`;

let server: OpenAIApiServer;
let home: TempHome;
let config: string;

beforeAll(async () => {
  server = await startOpenAIApiServer({
    name: 'compat',
    apiKeys: PROVIDERS.map(([id]) => keyOf(id)),
  });
});
afterAll(() => server.close());

beforeEach(() => {
  home = createTempHome();
  config = join(home.home, 'config.yaml');
  const tiers = PROVIDERS.map(
    ([id]) =>
      `    - { name: ${id}-tier, provider: ${id}, model: m, base_url: "${server.baseURL}" }`,
  ).join('\n');
  writeFileSync(config, `models:\n  local_providers:\n${tiers}\n`);
});
afterEach(() => home.cleanup());

describe.each(PROVIDERS)('%s (registry entry only)', (id, envVar) => {
  it('the registry names the env var the acceptance expects', () => {
    expect(credentialSpec(id, 'api_key')?.envVars).toEqual([envVar]);
  });

  it(`streams an answer with Authorization: Bearer from ${envVar}`, async () => {
    const run = await runFlynn(['--config', config, 'ask', '--tier', `${id}-tier`, 'hi'], {
      env: { ...home.env, [envVar]: keyOf(id) },
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Hello from compat\n');
    expect(run.code).toBe(0);
    expect(server.requests.at(-1)?.headers.authorization).toBe(`Bearer ${keyOf(id)}`);
  });

  it('flynn login --stdin stores it (0600, masked), then doctor shows source store', async () => {
    const stored = await runFlynn(['--config', config, 'login', id, '--stdin'], {
      env: home.env,
      input: `${keyOf(id)}\n`,
    });
    expect(stored.code).toBe(0);
    expect(stored.stdout).toContain(maskSecret(keyOf(id)));
    expectRunNoLeak(stored, [keyOf(id)]);
    expect(readStore(home)?.[id]).toEqual({ api_key: keyOf(id) });
    expect(modeOf(storePath(home))).toBe(0o600);
    expect(modeOf(home.configDir)).toBe(0o700);

    const doctor = await runFlynn(['--config', config, 'doctor', '--json'], { env: home.env });
    const tier = JSON.parse(doctor.stdout).tiers.find(
      (t: { tier: string }) => t.tier === `${id}-tier`,
    );
    expect(tier).toMatchObject({ provider: id, source: 'store', status: 'ok' });
    expectRunNoLeak(doctor, [keyOf(id)]);
  });

  it(`with no credential, doctor's remedy names ${envVar} and flynn login ${id}`, async () => {
    const doctor = await runFlynn(['--config', config, 'doctor', '--json'], { env: home.env });
    const tier = JSON.parse(doctor.stdout).tiers.find(
      (t: { tier: string }) => t.tier === `${id}-tier`,
    );
    expect(tier.status).toBe('fail');
    expect(JSON.stringify(tier.remedy)).toContain(envVar);
    expect(JSON.stringify(tier.remedy)).toContain(`flynn login ${id}`);
  });
});

describe('flynn login', () => {
  it('refuses an unknown provider and a kind the provider lacks, exit 2, echoing nothing secret', async () => {
    const unknown = await runFlynn(['login', 'nope'], { env: home.env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('gemini');
    const pasted = await runFlynn(['login', 'sk-proj-pasted-as-a-provider-0123456789'], {
      env: home.env,
    });
    expect(pasted.code).toBe(2);
    expect(pasted.stderr).not.toContain('pasted-as-a-provider');
    const token = await runFlynn(['login', 'gemini', '--token', '--stdin'], {
      env: home.env,
      input: 'x',
    });
    expect(token.code).toBe(2);
    const several = await runFlynn(['login', 'anthropic', '--stdin'], {
      env: home.env,
      input: 'x',
    });
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('--api-key');
    expect(several.stderr).toContain('--token');
    expect(readStore(home)).toBeUndefined();
  });

  it('stores an Anthropic auth token with --token, like flynn anthropic-token', async () => {
    const token = 'sk-ant-oat01-login-verb-token-0123456789';
    const run = await runFlynn(['login', 'anthropic', '--token', '--stdin'], {
      env: home.env,
      input: token,
    });
    expect(run.code).toBe(0);
    expect(readStore(home)?.anthropic).toEqual({ auth_token: token });
    expectRunNoLeak(run, [token]);
  });
});
