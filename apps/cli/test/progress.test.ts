// Progress on every wait: on a terminal a line on stderr says what `flynn ask` waits for
// until the first token; in a pipe (and with --json) nothing extra is printed. The server
// holds its answer until the test has seen (or waited past) the progress line, so nothing
// here depends on how fast the machine is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTempHome,
  type LoopbackServer,
  openSse,
  PtyScreen,
  startLoopbackServer,
  type TempHome,
} from '@flynn/testkit';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commandHelpText } from './help-text.js';
import { FLYNN_BIN, runFlynn } from './run-flynn.js';

let server: LoopbackServer;
let release: () => void = () => {};
let gate: Promise<void>;
let home: TempHome;
let config: string;

function closeGate() {
  gate = new Promise<void>((resolve) => {
    release = resolve;
  });
}

beforeAll(async () => {
  server = await startLoopbackServer(async (_request, response) => {
    await gate;
    const sse = openSse(response);
    const chunk = (delta: object, finish: string | null) =>
      JSON.stringify({
        id: 'c1',
        object: 'chat.completion.chunk',
        created: 0,
        model: 'gpt-4.1-mini',
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
    await sse.send(chunk({ content: 'Hello after the wait' }, null));
    await sse.send(chunk({}, 'stop'));
    await sse.send('[DONE]');
    sse.end();
  });
});
afterAll(() => server.close());
beforeEach(() => {
  closeGate();
  home = createTempHome({ OPENAI_API_KEY: 'sk-proj-progress-key-0001' });
  config = join(home.home, 'config.yaml');
  writeFileSync(
    config,
    `models:\n  default: { provider: openai, model: gpt-4.1-mini, base_url: "${server.url}/v1" }\n`,
  );
});
afterEach(() => {
  release();
  home.cleanup();
});

describe('progress while ask waits', () => {
  it('on a terminal: a line naming the model and host until the first token, then erased', async () => {
    const screen = new PtyScreen({
      file: process.execPath,
      args: [FLYNN_BIN, '--config', config, 'ask', 'hi'],
      env: home.env,
      cols: 100,
      rows: 20,
    });
    await screen.waitFor(`Waiting for gpt-4.1-mini at ${server.url.replace('http://', '')}`);
    release();
    await screen.waitFor('Hello after the wait');
    expect(await screen.exit()).toBe(0);
    // The line was erased (carriage return + clear to end of line) before the answer.
    const erased = screen.raw.indexOf('\r\u001b[K');
    expect(erased).toBeGreaterThan(-1);
    expect(screen.raw.indexOf('Hello after the wait')).toBeGreaterThan(erased);
  });

  it('in a pipe: nothing extra on stderr, however long the wait', async () => {
    const run = runFlynn(['--config', config, 'ask', 'hi'], { env: home.env });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    release();
    const done = await run;
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('Hello after the wait\n');
    expect(done.stderr).toBe('');
  });
});

describe('help', () => {
  it('flynn --help opens with a start-here line and examples', async () => {
    const run = await runFlynn(['--help'], { env: home.env });
    expect(run.stdout.split('\n')[0]).toMatch(/^Start here: `flynn login/);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('flynn status');
  });

  it.each([['ask'], ['status'], ['config', 'set'], ['config', 'init']])(
    '`flynn %s --help` shows examples and exit codes',
    async (...command) => {
      const text = await commandHelpText(command, home.env);
      expect(text).toContain('Examples:');
      expect(text).toContain('Exit codes:');
    },
  );

  it('a usage error points at the subcommand’s --help', async () => {
    const run = await runFlynn(['ask', '--bogus'], { env: home.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('`flynn ask --help`');
    const nested = await runFlynn(['config', 'set', 'models.fast.model'], { env: home.env });
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('`flynn config set --help`');
  });
});
