// Hostile input through the built binary (issue 11): text from servers, config, the store and
// env never reaches the terminal raw, odd-shaped secrets are refused with their location and
// never echoed, secrets on the command line are refused, special files never hang a command,
// and a write waiting on a lock says so.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  HOSTILE_TEXT,
  type HostileServer,
  startHostileServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readStore, storePath } from './credential-helpers.js';
import { runFlynn } from './run-flynn.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: raw control bytes are what must not appear
const RAW_CONTROL = /[\u0007\u0008\u000d\u001b\u009b]/;

let hostile: HostileServer;
let home: TempHome;
let config: string;

beforeAll(async () => {
  hostile = await startHostileServer({ fallback: 'escapes' });
});
afterAll(() => hostile.close());
beforeEach(() => {
  home = createTempHome();
  config = join(home.home, 'config.yaml');
});
afterEach(() => home.cleanup());

function writeConfig(text: string) {
  writeFileSync(config, text);
}

describe('terminal injection', () => {
  it('a server error full of escape sequences is shown escaped by ask, doctor --online, text and --json', async () => {
    writeConfig(
      `models:\n  default: { provider: openai, model: "m\u001b]0;title\u0007", base_url: "${hostile.baseURL}" }\n` +
        `  fast: { provider: anthropic, model: m, base_url: "${hostile.url}" }\n`,
    );
    const env = {
      ...home.env,
      OPENAI_API_KEY: 'sk-proj-hostile-test-key-0123456789',
      ANTHROPIC_API_KEY: 'sk-ant-api03-hostile-test-key-0123456789',
    };
    const runs = await Promise.all([
      runFlynn(['--config', config, 'ask', 'hi'], { env }),
      runFlynn(['--config', config, 'ask', '--tier', 'fast', 'hi'], { env }),
      runFlynn(['--config', config, 'doctor', '--online'], { env }),
      runFlynn(['--config', config, 'doctor', '--online', '--json'], { env }),
      runFlynn(['--config', config, 'config', 'validate'], { env }),
    ]);
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toMatch(RAW_CONTROL);
      expect(run.stderr).not.toContain('internal error');
    }
    expect(runs[0]?.code).toBe(1);
    expect(runs[0]?.stderr).toContain('\\x1b]0;pwned-title\\x07');
    const json = JSON.parse(runs[3]?.stdout ?? '');
    expect(JSON.stringify(json)).toContain('pwned-title');
  });
});

describe('secrets in odd shapes', () => {
  const BROKEN = 'sk-proj-first-half-0123456789\nsecond-half-ABCDEFGH';

  it('a key with a line break is refused with its location by ask and doctor, never echoed, even with FLYNN_DEBUG', async () => {
    writeConfig(
      `models:\n  default: { provider: openai, model: m, base_url: "${hostile.baseURL}" }\n`,
    );
    const env = { ...home.env, OPENAI_API_KEY: BROKEN, FLYNN_DEBUG: '1' };
    const ask = await runFlynn(['--config', config, 'ask', 'hi'], { env });
    expect(ask.code).toBe(1);
    expect(ask.stderr).toContain('OPENAI_API_KEY');
    expect(ask.stderr).toContain('control character');
    expect(ask.stderr).not.toContain('internal error');
    const doctor = await runFlynn(['--config', config, 'doctor', '--json'], { env });
    const tier = JSON.parse(doctor.stdout).tiers.find(
      (t: { tier: string }) => t.tier === 'default',
    );
    expect(tier.status).toBe('fail');
    for (const run of [ask, doctor]) {
      expect(run.stdout + run.stderr).not.toMatch(/first-half|second-half/);
    }
  });

  it('refuses --api-key=..., --token=... and a secret as --tier, naming the flag only', async () => {
    const secret = 'sk-proj-pasted-on-the-command-line-0123';
    for (const args of [
      ['login', 'openai', `--api-key=${secret}`],
      ['login', 'anthropic', `--token=${secret}`],
      ['ask', '--tier', secret, 'hi'],
    ]) {
      const run = await runFlynn(args, { env: home.env });
      expect(run.code).toBe(2);
      expect(run.stdout + run.stderr).not.toContain('pasted-on-the');
    }
    expect(readStore(home)).toBeUndefined();
  });
});

describe('special files and foreign ownership', () => {
  it('a fifo at auth.json or as --config never hangs a command', async () => {
    mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
    execFileSync('mkfifo', [storePath(home)]);
    const fifoConfig = join(home.home, 'config.fifo');
    execFileSync('mkfifo', [fifoConfig]);
    writeConfig('models:\n  default: { provider: openai, model: m }\n');
    const started = Date.now();
    const [doctor, login, configRun] = await Promise.all([
      runFlynn(['--config', config, 'doctor'], { env: home.env, timeoutMs: 10_000 }),
      runFlynn(['login', 'zai', '--stdin'], {
        env: home.env,
        input: 'zai-key-0123456789',
        timeoutMs: 10_000,
      }),
      runFlynn(['--config', fifoConfig, 'doctor'], { env: home.env, timeoutMs: 10_000 }),
    ]);
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(doctor.signal).toBeNull();
    expect(doctor.stdout + doctor.stderr).toContain('is a fifo');
    expect(login.code).toBe(1);
    expect(login.stderr).toContain('is a fifo');
    expect(configRun.code).toBe(1);
    expect(configRun.stdout + configRun.stderr).toContain('is a fifo');
  });

  it('a config directory others can write to is refused, not chmodded', async () => {
    const shared = join(home.home, 'shared');
    mkdirSync(shared, { mode: 0o777 });
    execFileSync('chmod', ['1777', shared]);
    const run = await runFlynn(['login', 'zai', '--stdin'], {
      env: { ...home.env, FLYNN_CONFIG_DIR: shared },
      input: 'zai-key-0123456789',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('can be written by other users');
    expect(run.stderr).toContain('chmod 700');
  });
});

describe('lock waits', () => {
  let holder: ChildProcess | undefined;
  afterEach(() => holder?.kill('SIGKILL'));

  // What a terminal shows while it waits is in wait-progress.test.ts; a pipe sees nothing of it.
  it('a write waiting on another live process finishes once it is gone, silently in a pipe', async () => {
    mkdirSync(home.configDir, { recursive: true, mode: 0o700 });
    holder = spawn('sleep', ['30']);
    const lock = `${storePath(home)}.lock`;
    writeFileSync(
      lock,
      JSON.stringify({ pid: holder.pid, host: (await import('node:os')).hostname(), token: 't' }),
    );
    const pending = runFlynn(['login', 'zai', '--stdin'], {
      env: home.env,
      input: 'zai-key-0123456789',
      timeoutMs: 15_000,
    });
    setTimeout(() => holder?.kill('SIGKILL'), 2_500).unref();
    const run = await pending;
    expect(run.stderr).not.toContain('Waiting');
    expect(run.code).toBe(0);
    expect(readStore(home)?.zai).toEqual({ api_key: 'zai-key-0123456789' });
  });
});

describe('the hostile server itself', () => {
  it('really sends escape sequences (so the tests above can fail)', () => {
    expect(HOSTILE_TEXT).toMatch(RAW_CONTROL);
  });
});
