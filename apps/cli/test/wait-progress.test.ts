// Progress on the waits that are not `ask`: a store write waiting on another Flynn's lock,
// and `doctor --online` waiting on the network. On a terminal (stderr a pty) a line says
// what Flynn waits for; in a pipe and with --json nothing of it is printed. The lock is held
// by this test process (the store's own lock API) and released only after the test has seen
// the line (or waited well past the notice), the server answers only when the test lets it:
// the wait points are the test's, not the machine's speed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultAuthStorePath, withAuthStoreLock } from '@flynn/auth-store';
import {
  createTempHome,
  type LoopbackServer,
  PtyScreen,
  plainText,
  startLoopbackServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FLYNN_BIN, runFlynn } from './run-flynn.js';

const KEY = 'sk-proj-lockwait-key-0001';
let home: TempHome;
let release: () => void = () => {};
let held: Promise<unknown> = Promise.resolve();

/** Takes the store's lock in this process until `release()`; resolves once it is held. */
async function holdStoreLock(): Promise<void> {
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let taken: () => void = () => {};
  const isTaken = new Promise<void>((resolve) => {
    taken = resolve;
  });
  held = withAuthStoreLock(
    async () => {
      taken();
      await gate;
    },
    { path: defaultAuthStorePath(home.env), env: home.env },
  );
  await isTaken;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
  home = createTempHome();
});
afterEach(async () => {
  release();
  await held;
  home.cleanup();
});

describe('a store write waiting on another Flynn’s lock', () => {
  it.each([[['login', 'openai', '--api-key', '--stdin']], [['openai-key', '--stdin']]])(
    'on a terminal: `flynn %s` says what it waits for, with the time, then erases it',
    async (args) => {
      await holdStoreLock();
      // stdin a pipe (the key), stderr and stdout the pty.
      const screen = new PtyScreen({
        file: '/bin/sh',
        args: [
          '-c',
          'printf %s "$LOCK_TEST_KEY" | exec "$0" "$@"',
          process.execPath,
          FLYNN_BIN,
          ...args,
        ],
        env: { ...home.env, LOCK_TEST_KEY: KEY },
        cols: 120,
        rows: 20,
      });
      await screen.waitFor(/Waiting for another Flynn \(process \d+.*\) to finish with auth\.json/);
      await screen.waitFor(/auth\.json \(gives up after 15 s\)… \(\d+ s\)/);
      release();
      expect(await screen.exit(20_000)).toBe(0);
      const text = plainText(screen.raw);
      expect(text).toContain('Stored');
      // Erased (carriage return, clear to end of line) before the result was printed.
      const erased = screen.raw.lastIndexOf('\r\u001b[K');
      expect(erased).toBeGreaterThan(screen.raw.indexOf('Waiting for another Flynn'));
      expect(screen.raw.indexOf('Stored')).toBeGreaterThan(erased);
      expect(screen.raw).not.toContain(KEY);
    },
  );

  it.each([
    [['login', 'openai', '--api-key', '--stdin'], false],
    [['openai-key', '--stdin'], false],
    [['openai-key', '--stdin', '--json'], true],
  ])('in a pipe: `flynn %s` prints nothing of the wait', async (args, json) => {
    await holdStoreLock();
    const run = runFlynn(args, { env: home.env, input: KEY });
    await sleep(2_500); // past the one-second notice, well inside the 15 s limit
    release();
    const done = await run;
    expect(done.code).toBe(0);
    expect(done.stderr).not.toMatch(/Waiting/);
    expect(done.stdout).not.toMatch(/Waiting/);
    if (json) expect(JSON.parse(done.stdout)).toMatchObject({ stored: true });
  });
});

describe('doctor --online', () => {
  let server: LoopbackServer;
  let answer: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  let config: string;

  beforeAll(async () => {
    server = await startLoopbackServer(async (_request, response) => {
      await gate;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ object: 'list', data: [{ id: 'gpt-4.1-mini', object: 'model' }] }),
      );
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    gate = new Promise((resolve) => {
      answer = resolve;
    });
    config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      `models:\n  default: { provider: openai, model: gpt-4.1-mini, base_url: "${server.url}/v1" }\n`,
    );
    home.env.OPENAI_API_KEY = KEY;
  });
  afterEach(() => answer());

  it('on a terminal: a line while it checks, erased before the report', async () => {
    const screen = new PtyScreen({
      file: process.execPath,
      args: [FLYNN_BIN, '--config', config, 'doctor', '--online'],
      env: home.env,
      cols: 120,
      rows: 40,
    });
    await screen.waitFor('Checking each tier online');
    answer();
    await screen.waitFor('Tiers');
    await screen.exit(20_000);
    const erased = screen.raw.indexOf('\r\u001b[K');
    expect(erased).toBeGreaterThan(screen.raw.indexOf('Checking each tier online'));
    expect(screen.raw.indexOf('Tiers')).toBeGreaterThan(erased);
    expect(screen.raw).not.toContain(KEY);
  });

  it.each([[[]], [['--json']]])(
    'in a pipe (extra flags %j): nothing of the wait',
    async (extra) => {
      const run = runFlynn(['--config', config, 'doctor', '--online', ...extra], { env: home.env });
      await sleep(1_500); // well past the 300 ms after which a terminal shows the line
      answer();
      const done = await run;
      expect(done.stderr).not.toContain('Checking');
      expect(done.stdout).not.toContain('Checking');
      if (extra.length > 0) expect(JSON.parse(done.stdout)).toHaveProperty('tiers');
      else expect(done.stdout).toContain('Tiers');
    },
  );
});
