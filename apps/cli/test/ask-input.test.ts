// `flynn ask` and its input and limits: piped text after the prompt, `-` for stdin alone,
// an empty question as a usage error, a pipe that never speaks, --json errors, and a
// server that accepts the connection and never answers (--timeout).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  type OpenAIApiServer,
  type SilentServer,
  startOpenAIApiServer,
  startSilentServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runFlynn, startFlynn } from './run-flynn.js';

const KEY = 'sk-proj-ask-input-key-0001';
let openai: OpenAIApiServer;
let silent: SilentServer;
let home: TempHome;
let config: string;

beforeAll(async () => {
  openai = await startOpenAIApiServer({ apiKeys: [KEY] });
  silent = await startSilentServer();
});
afterAll(async () => {
  await Promise.all([openai.close(), silent.close()]);
});
beforeEach(() => {
  home = createTempHome({ OPENAI_API_KEY: KEY });
  config = join(home.home, 'config.yaml');
  writeFileSync(
    config,
    `models:
  default: { provider: openai, model: gpt-4.1-mini, base_url: "${openai.baseURL}" }
  fast: { provider: openai, model: gpt-4.1-mini, base_url: "${silent.url}/v1" }
`,
  );
});
afterEach(() => home.cleanup());

const lastContent = () =>
  (openai.requests.at(-1)?.json as { messages?: { content: string }[] } | undefined)?.messages?.[0]
    ?.content;

describe('flynn ask: piped input', () => {
  it('sends the prompt and then the piped text', async () => {
    const run = await runFlynn(['--config', config, 'ask', 'explain', 'this'], {
      env: home.env,
      input: 'line 1\nERROR at line 2\n',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lastContent()).toBe('explain this\n\nline 1\nERROR at line 2\n');
  });

  it.each([[['-']], [[]]])('sends stdin alone for %j', async (args) => {
    const run = await runFlynn(['--config', config, 'ask', ...args], {
      env: home.env,
      input: 'what is 2+2?',
    });
    expect(run.code).toBe(0);
    expect(lastContent()).toBe('what is 2+2?');
  });

  it('an empty prompt with nothing piped is a usage error pointing at --help', async () => {
    const run = await runFlynn(['--config', config, 'ask', ''], { env: home.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No question');
    expect(run.stderr).toContain('flynn ask --help');
    const none = await runFlynn(['--config', config, 'ask'], { env: home.env });
    expect(none.code).toBe(2);
  });

  it('does not hang on an inherited pipe that never writes nor closes', async () => {
    const started = Date.now();
    const ask = startFlynn(['--config', config, 'ask', 'hi'], {
      env: { ...home.env, FLYNN_STDIN_WAIT_MS: '300' },
      openStdin: true,
    });
    const run = await ask.done;
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Hello from openai\n');
    expect(run.stderr).toContain('Nothing arrived on stdin');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(lastContent()).toBe('hi');
  });
});

describe('flynn ask: limits and --json errors', () => {
  it('--timeout 3 against a server that never answers exits 1 within 5 s naming the host', async () => {
    const started = Date.now();
    const run = await runFlynn(
      ['--config', config, 'ask', '--tier', 'fast', '--timeout', '3', 'hi'],
      {
        env: home.env,
      },
    );
    const elapsed = Date.now() - started;
    expect(run.code).toBe(1);
    expect(elapsed).toBeLessThan(5000);
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    expect(run.stderr).toContain(silent.host);
    expect(run.stderr).toContain('within 3 s');
    expect(run.stderr).not.toMatch(/cancel/i);
    expect(run.stderr).not.toContain(KEY);
  });

  it('--json errors are JSON on stdout with the fields of a success', async () => {
    const ok = JSON.parse(
      (await runFlynn(['--config', config, 'ask', '--json', 'hi'], { env: home.env })).stdout,
    );
    const run = await runFlynn(
      ['--config', config, 'ask', '--json', '--tier', 'fast', '--timeout', '0.5', 'hi'],
      { env: home.env },
    );
    expect(run.code).toBe(1);
    const failed = JSON.parse(run.stdout);
    expect(Object.keys(failed).sort()).toEqual(Object.keys(ok).sort());
    expect(ok).toMatchObject({ ok: true, error: null });
    expect(failed).toMatchObject({
      ok: false,
      tier: 'fast',
      error: { code: 'MODEL_NETWORK' },
    });
    expect(failed.error.message).toContain(silent.host);
    expect(run.stdout).not.toContain(KEY);
  });

  it('--timeout takes only a positive number', async () => {
    const run = await runFlynn(['--config', config, 'ask', '--timeout', 'soon', 'hi'], {
      env: home.env,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout must be a positive number');
  });
});

describe('flynn ask: a misspelled config key is an error', () => {
  it('reports every misspelled key at once with "did you mean", and asks nothing', async () => {
    writeFileSync(
      config,
      `models:
  default: { provider: openai, model: gpt-4.1-mini, base_url: "${openai.baseURL}", auth-mode: api_key }
  complexx: { provider: openai, model: gpt-4.1 }
`,
    );
    const before = openai.requests.length;
    const run = await runFlynn(['--config', config, 'ask', 'hi'], { env: home.env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('models.default.auth-mode');
    expect(run.stderr).toContain('did you mean `auth_mode`');
    expect(run.stderr).toContain('models.complexx');
    expect(run.stderr).toContain('did you mean `complex`');
    expect(openai.requests.length).toBe(before);
    const validate = await runFlynn(['--config', config, 'config', 'validate'], { env: home.env });
    expect(validate.stdout + validate.stderr).toContain('did you mean `auth_mode`');
  });
});
