// `flynn ask` end to end: the built binary against loopback provider servers, one
// tier per provider, plus --json, a missing credential, a rejected one and Ctrl-C.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeAnthropicAuthToken, storeOpenAIOAuth, storeZaiApiKey } from '@flynn/auth-store';
import {
  type AnthropicServer,
  type CodexBackendServer,
  createTempHome,
  type OpenAIApiServer,
  type OpenAIAuthServer,
  startAnthropicServer,
  startCodexBackendServer,
  startOpenAIApiServer,
  startOpenAIAuthServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runFlynn, startFlynn } from './run-flynn.js';

const OPENAI_KEY = 'sk-proj-e2e-openai-key-0001';
const ANTHROPIC_TOKEN = 'sk-ant-oat01-e2e-anthropic-token-0001';
const ZAI_KEY = 'zai-e2e-key-0001.abcdef';
const GITHUB_TOKEN = 'github_pat_e2e_token_0001_abcdefghijkl';
const SECRETS = [OPENAI_KEY, ANTHROPIC_TOKEN, ZAI_KEY, GITHUB_TOKEN];

let openai: OpenAIApiServer;
let anthropic: AnthropicServer;
let zai: OpenAIApiServer;
let github: OpenAIApiServer;
let ollama: OpenAIApiServer;
let lmstudio: OpenAIApiServer;
let auth: OpenAIAuthServer;
let codex: CodexBackendServer;
let home: TempHome;
let storePath: string;

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [OPENAI_KEY] });
  anthropic = await startAnthropicServer({ authTokens: [ANTHROPIC_TOKEN] });
  zai = await startOpenAIApiServer({ name: 'zai', apiKeys: [ZAI_KEY] });
  github = await startOpenAIApiServer({ name: 'github', apiKeys: [GITHUB_TOKEN] });
  ollama = await startOpenAIApiServer({ name: 'ollama' });
  lmstudio = await startOpenAIApiServer({ name: 'lmstudio' });
  auth = await startOpenAIAuthServer();
  codex = await startCodexBackendServer({ auth, accountId: auth.accountId });
});

afterAll(async () => {
  await Promise.all(
    [openai, anthropic, zai, github, ollama, lmstudio, auth, codex].map((server) => server.close()),
  );
});

beforeEach(() => {
  home = createTempHome();
  storePath = join(home.configDir, 'auth.json');
  writeFileSync(
    join(home.home, 'config.yaml'),
    `models:
  default: { provider: openai, model: gpt-4.1-mini, base_url: "${openai.baseURL}" }
  fast: { provider: anthropic, model: claude-haiku-4-5, auth_mode: oauth, base_url: "${anthropic.baseURL}" }
  complex: { provider: zai, model: glm-4.6, base_url: "${zai.url}/api/paas/v4" }
  local: { provider: ollama, model: llama3.2, base_url: "${ollama.baseURL}" }
  local_providers:
    - { name: gh, provider: github, model: openai/gpt-4.1, base_url: "${github.url}/inference" }
    - { name: lmstudio, provider: openai-compatible, model: qwen3, base_url: "${lmstudio.baseURL}" }
    - { name: chatgpt, provider: openai, model: gpt-5, auth_mode: oauth, base_url: "${codex.baseURL}" }
oauth:
  openai: { issuer: "${auth.issuer}" }
`,
  );
});
afterEach(() => home.cleanup());

function flynnAsk(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const config = join(home.home, 'config.yaml');
  return runFlynn(['--config', config, 'ask', ...args], { env: { ...home.env, ...extraEnv } });
}

function expectNoSecret(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('flynn ask', () => {
  it('default tier (OpenAI, key from OPENAI_API_KEY): prints the streamed text', async () => {
    const run = await flynnAsk(['Say', 'hello'], { OPENAI_API_KEY: OPENAI_KEY });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Hello from openai\n');
    expect(run.code).toBe(0);
    const request = openai.requests.at(-1);
    expect(request?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(request?.json).toMatchObject({ messages: [{ role: 'user', content: 'Say hello' }] });
  });

  it('Anthropic auth token from the store (--tier fast)', async () => {
    await storeAnthropicAuthToken(ANTHROPIC_TOKEN, { path: storePath });
    const run = await flynnAsk(['--tier', 'fast', 'hi'], {
      ANTHROPIC_API_KEY: 'sk-ant-api03-env-decoy-never-sent',
    });
    expect(run.stdout).toBe('Hello from anthropic\n');
    expect(run.code).toBe(0);
    expect(anthropic.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ANTHROPIC_TOKEN}`);
  });

  it.each([
    ['complex', 'Hello from zai', { ZAI_API_KEY: ZAI_KEY }],
    ['gh', 'Hello from github', { GH_TOKEN: GITHUB_TOKEN }],
    ['local', 'Hello from ollama', {}],
    ['lmstudio', 'Hello from lmstudio', {}],
  ])('--tier %s prints the streamed text', async (tier, text, env) => {
    const run = await flynnAsk(['--tier', tier, 'hi'], env);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${text}\n`);
    expect(run.code).toBe(0);
  });

  it('OpenAI OAuth (ChatGPT login in the store) goes to the Codex backend', async () => {
    await storeOpenAIOAuth(auth.issueTokens(), { path: storePath });
    const run = await flynnAsk(['--tier', 'chatgpt', 'hi'], { OPENAI_API_KEY: OPENAI_KEY });
    expect(run.stdout).toBe('Hello from codex\n');
    expect(run.code).toBe(0);
    expect(codex.requests.at(-1)?.headers['chatgpt-account-id']).toBe(auth.accountId);
  });

  it('--json prints one object with the masked credential', async () => {
    await storeZaiApiKey(ZAI_KEY, { path: storePath });
    const run = await flynnAsk(['--tier', 'complex', '--json', 'hi']);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output).toEqual({
      ok: true,
      error: null,
      tier: 'complex',
      provider: 'zai',
      model: 'glm-4.6',
      text: 'Hello from zai',
      usage: { inputTokens: 1, outputTokens: 4 },
      credential: {
        kind: 'api_key',
        source: 'store',
        location: `${storePath} zai.api_key`,
        fingerprint: expect.stringMatching(/cdef$/),
      },
    });
    expectNoSecret(run.stdout + run.stderr);
  });

  it('a missing credential exits 1 with the remedy', async () => {
    const run = await flynnAsk(['hi']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Tier "default"');
    expect(run.stderr).toContain('`flynn openai-key`');
    expect(run.stderr).toContain('`flynn openai-login`');
    expect(run.stderr).toContain('OPENAI_API_KEY');
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a rejected key exits 1 with the provider message and the remedy, never the key', async () => {
    const wrong = 'sk-proj-e2e-wrong-key-9999';
    const run = await flynnAsk(['hi'], { OPENAI_API_KEY: wrong });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('OpenAI rejected the credential (tier "default")');
    // The remedy names where the rejected key came from (its wording is @flynn/models').
    expect(run.stderr).toMatch(/^hint: .*OPENAI_API_KEY/m);
    expect(run.stderr).not.toContain(wrong);
  });

  it('an unknown tier exits 1 naming the configured tiers', async () => {
    const run = await flynnAsk(['--tier', 'nope', 'hi']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Unknown tier "nope"');
    expect(run.stderr).toContain('default, fast, complex, local, gh, lmstudio, chatgpt');
  });

  it('Ctrl-C stops the stream: partial text, "Cancelled.", exit 130', async () => {
    const slow = await startOpenAIApiServer({ text: 'z'.repeat(2000), chunkSize: 1, delayMs: 5 });
    try {
      const config = join(home.home, 'slow.yaml');
      writeFileSync(
        config,
        `models:\n  default: { provider: ollama, model: m, base_url: "${slow.baseURL}" }\n`,
      );
      const ask = startFlynn(['--config', config, 'ask', 'go'], { env: home.env });
      const started = Date.now();
      await ask.waitForStdout((stdout) => stdout.length >= 20);
      ask.child.kill('SIGINT');
      const { code, stdout, stderr } = await ask.done;
      expect(code).toBe(130);
      expect(stderr).toBe('Cancelled.\n');
      expect(stdout).toMatch(/^z+\n$/);
      expect(stdout.length).toBeLessThan(1000);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await slow.close();
    }
  });
});
