// `flynn status` and `flynn doctor` at 80 columns, with every tier configured and every
// credential stored: no line is wider than the terminal.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  storeAnthropicAuthToken,
  storeGitHubToken,
  storeOpenAIApiKey,
  storeOpenAIOAuth,
  storeZaiApiKey,
} from '@flynn/auth-store';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runFlynn } from './run-flynn.js';

let home: TempHome;
let config: string;
const SECRETS = [
  'sk-ant-oat01-width-token-0001abcd',
  'sk-proj-width-openai-key-0001efgh',
  'zai-width-key-0001.ijkl',
  'github_pat_width_token_0001_mnopqrstuv',
];

beforeEach(async () => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  config = join(home.configDir, 'config.yaml');
  writeFileSync(
    config,
    `models:
  default: { provider: anthropic, model: claude-sonnet-4-5, auth_mode: oauth }
  fast: { provider: openai, model: gpt-5-mini, auth_mode: oauth }
  complex: { provider: zai, model: glm-4.6 }
  local: { provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:11434/v1" }
  local_providers:
    - { name: gh, provider: github, model: openai/gpt-4.1 }
    - { name: work, provider: openai, model: gpt-4.1-mini, auth_mode: api_key, base_url: "https://gateway.internal.example.com/openai/v1" }
    - { name: lmstudio, provider: openai-compatible, model: qwen3-coder-30b-a3b-instruct, base_url: "http://127.0.0.1:1234/v1" }
`,
    { mode: 0o600 },
  );
  const path = join(home.configDir, 'auth.json');
  await storeAnthropicAuthToken(SECRETS[0] as string, { path });
  await storeOpenAIApiKey(SECRETS[1] as string, { path });
  await storeZaiApiKey(SECRETS[2] as string, { path });
  await storeGitHubToken(SECRETS[3] as string, { path });
  await storeOpenAIOAuth(
    {
      access_token: 'not.a.jwt-width',
      refresh_token: 'rt-width-0001',
      account_id: 'acct-width',
      expires_at: Date.now() + 3_600_000,
    },
    { path },
  );
});
afterEach(() => home.cleanup());

function expectWithin(text: string, width: number) {
  const wide = text.split('\n').filter((line) => line.length > width);
  expect(wide).toEqual([]);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('80 columns', () => {
  it('flynn status: one line per tier, every line within 80 columns', async () => {
    const run = await runFlynn(['--config', config, 'status'], {
      env: { ...home.env, COLUMNS: '80' },
    });
    expect(run.stderr).toBe('');
    expectWithin(run.stdout, 80);
    for (const tier of ['default', 'fast', 'complex', 'local', 'gh', 'work', 'lmstudio'])
      expect(run.stdout).toMatch(new RegExp(`^${tier}\\s`, 'm'));
    expect(run.stdout).toMatch(/^default\s+anthropic\/claude-sonnet-4-5\s+auth token/m);
    expect(run.stdout).toMatch(/^fast\s+openai\/gpt-5-mini\s+ChatGPT login/m);
    expect(run.stdout).toMatch(/^gh\s+github\/openai\/gpt-4.1\s+token/m);
  });

  it('flynn status --json lists each tier with its status', async () => {
    const run = await runFlynn(['--config', config, 'status', '--json'], { env: home.env });
    const json = JSON.parse(run.stdout);
    expect(json.tiers.map((tier: { tier: string }) => tier.tier)).toContain('lmstudio');
    expect(json.tiers.find((tier: { tier: string }) => tier.tier === 'complex')).toMatchObject({
      credential: 'api_key',
      source: 'store',
      status: 'ok',
    });
  });

  it('flynn doctor: every line within 80 columns, words whole', async () => {
    const wide = await runFlynn(['--config', config, 'doctor'], { env: home.env });
    const run = await runFlynn(['--config', config, 'doctor'], {
      env: { ...home.env, COLUMNS: '80' },
    });
    expectWithin(run.stdout, 80);
    expect(wide.stdout.split('\n').some((line) => line.length > 80)).toBe(true);
    // Never cut mid-word: every word of the narrow report is a word of the wide one.
    const words = (text: string) => new Set(text.split(/\s+/).filter(Boolean));
    const full = words(wide.stdout);
    const fragments = [...words(run.stdout)].filter(
      (word) => !full.has(word) && !/^(fix:|[a-z]+:)$/.test(word),
    );
    expect(fragments).toEqual([]);
    // The remedy column, dropped at 80, follows its tier instead.
    expect(run.stdout).not.toMatch(/REMEDY/);
  });
});
