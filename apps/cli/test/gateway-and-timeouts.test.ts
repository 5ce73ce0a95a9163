// Checks that work behind gateways and limits on every network wait, end to end: a gateway
// without a models route that accepts the key on chat, and a server that accepts the
// connection and never answers (for --verify and the ChatGPT device login).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  type OpenAIApiServer,
  type SilentServer,
  startOpenAIApiServer,
  startSilentServer,
  startUnconnectableServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runFlynn } from './run-flynn.js';

const KEY = 'sk-proj-gateway-key-0001abcd';
let gateway: OpenAIApiServer;
let silent: SilentServer;
let home: TempHome;
let config: string;

beforeAll(async () => {
  gateway = await startOpenAIApiServer({ apiKeys: [KEY], modelsRouteStatus: 404 });
  silent = await startSilentServer();
});
afterAll(async () => {
  await Promise.all([gateway.close(), silent.close()]);
});
beforeEach(() => {
  home = createTempHome();
  mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
  config = join(home.configDir, 'config.yaml');
});
afterEach(() => home.cleanup());

function writeConfig(baseURL: string, extra = ''): void {
  writeFileSync(
    config,
    `models:\n  default: { provider: openai, model: gpt-4.1-mini, base_url: "${baseURL}" }\n${extra}`,
    { mode: 0o600 },
  );
}

describe('behind a gateway without a models route', () => {
  it('--verify stores the key after a one-token request, and doctor --online says ok naming that check', async () => {
    writeConfig(gateway.baseURL);
    const verify = await runFlynn(['--config', config, 'openai-key', '--stdin', '--verify'], {
      env: home.env,
      input: `${KEY}\n`,
    });
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('one-token request to gpt-4.1-mini');
    expect(verify.stdout).toContain('Stored');
    expect(verify.stdout + verify.stderr).not.toContain(KEY);
    expect(JSON.parse(readFileSync(join(home.configDir, 'auth.json'), 'utf8')).openai.api_key).toBe(
      KEY,
    );
    const chat = gateway.requests.filter((request) => request.path.endsWith('/chat/completions'));
    expect(chat.at(-1)?.json).toMatchObject({ model: 'gpt-4.1-mini' });

    const doctor = await runFlynn(['--config', config, 'doctor', '--online', '--timeout', '30'], {
      env: home.env,
    });
    expect(doctor.stdout).toMatch(
      /default online: authenticated call succeeded, checked with a one-token request to gpt-4.1-mini/,
    );
    const json = JSON.parse(
      (
        await runFlynn(['--config', config, 'doctor', '--online', '--json', '--timeout', '30'], {
          env: home.env,
        })
      ).stdout,
    );
    const tier = json.tiers.find((entry: { tier: string }) => entry.tier === 'default');
    expect(tier.online).toMatchObject({ status: 'ok', check: 'one-token' });
  });

  it('--verify --json names the check; a wrong key is still refused and not stored', async () => {
    writeConfig(gateway.baseURL);
    const wrong = await runFlynn(
      ['--config', config, 'openai-key', '--stdin', '--verify', '--json'],
      {
        env: home.env,
        input: 'sk-proj-wrong-key-0000wxyz\n',
      },
    );
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ stored: false, verified: { ok: false } });
    const right = await runFlynn(
      ['--config', config, 'openai-key', '--stdin', '--verify', '--json'],
      {
        env: home.env,
        input: `${KEY}\n`,
      },
    );
    expect(JSON.parse(right.stdout)).toMatchObject({
      stored: true,
      verified: { ok: true, check: 'one-token' },
    });
  });
});

describe('a server that accepts connections and never answers', () => {
  it('--verify --timeout 2 fails within its limit naming the host, and stores nothing', async () => {
    writeConfig(`${silent.url}/v1`);
    const started = Date.now();
    const run = await runFlynn(
      ['--config', config, 'openai-key', '--stdin', '--verify', '--timeout', '2'],
      { env: home.env, input: `${KEY}\n` },
    );
    const elapsed = Date.now() - started;
    expect(run.code).toBe(1);
    expect(elapsed).toBeLessThan(5000);
    expect(run.stderr).toContain(silent.host);
    expect(run.stderr).toContain('within 2 s');
    expect(run.stderr).toContain('was not stored');
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it.each([[['login', 'openai', '--device']], [['openai-login']]])(
    '%j --timeout 3 gives up within its limit naming the host',
    async (args) => {
      writeConfig(gateway.baseURL, `oauth:\n  openai: { issuer: "${silent.url}" }\n`);
      const started = Date.now();
      const run = await runFlynn(['--config', config, ...args, '--timeout', '3', '--no-browser'], {
        env: home.env,
      });
      const elapsed = Date.now() - started;
      expect(run.code).toBe(1);
      expect(elapsed).toBeLessThan(6000);
      expect(run.stderr).toContain(silent.host);
      expect(run.stderr).not.toMatch(/cancelled/i);
    },
  );
});

describe('an address where the connection never opens (the handshake never completes)', () => {
  it('ask gives up on connecting after 10 s a try, saying no connection was made to the host', async () => {
    const unconnectable = await startUnconnectableServer();
    try {
      writeConfig(`${unconnectable.url}/v1`);
      const started = Date.now();
      const run = await runFlynn(['--config', config, 'ask', 'hi'], {
        env: { ...home.env, OPENAI_API_KEY: KEY },
        timeoutMs: 60_000,
      });
      const elapsed = Date.now() - started;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`no connection to ${unconnectable.host} within 10 s`);
      // Flynn's limit, not the first-byte one (60 s): one try and the SDK's one retry.
      expect(elapsed).toBeGreaterThanOrEqual(9_000);
      expect(elapsed).toBeLessThan(35_000);
      expect(run.stdout + run.stderr).not.toContain(KEY);
    } finally {
      await unconnectable.close();
    }
  }, 60_000);
});
