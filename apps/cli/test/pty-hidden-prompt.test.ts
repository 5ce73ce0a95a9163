// The hidden prompt in a real pseudo-terminal: what the terminal shows is everything
// the child wrote to it, including any echo, so "nothing on the screen" is checked on
// exactly what a user would see.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, PtyScreen, startOpenAIAuthServer, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectNoLeak, readStore } from './credential-helpers.js';
import { FLYNN_BIN } from './run-flynn.js';

const KEY = 'sk-proj-QZXJVWQZXKQJVZWXQJZVKXWQa1b2';
const PROMPT = 'input is hidden';

/** `flynn ...args` on a terminal of its own (TERM=xterm, 120x30). */
function openTerminal(args: string[], env: NodeJS.ProcessEnv): PtyScreen {
  return new PtyScreen({
    file: process.execPath,
    args: [FLYNN_BIN, ...args],
    env,
    term: 'xterm',
    cols: 120,
    rows: 30,
  });
}

/** The visible text: escape sequences removed. */
function visible(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escapes
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}

let home: TempHome;
beforeEach(() => {
  home = createTempHome({ TERM: 'xterm' });
});
afterEach(() => home.cleanup());

describe('hidden prompt in a pseudo-terminal', () => {
  it('shows nothing of a typed key, honours Backspace, and stores the key', async () => {
    const terminal = openTerminal(['openai-key'], home.env);
    await terminal.waitFor(PROMPT);
    const before = terminal.mark();
    await terminal.typeSlowly(`${KEY.slice(0, 10)}#`);
    terminal.write('\u007f'); // Backspace removes the typo
    await terminal.typeSlowly(KEY.slice(10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const whileTyping = terminal.raw.slice(before);
    // Not one character appeared while typing: no echo, no mask, no count.
    expect(visible(whileTyping)).toBe('');
    terminal.write('\r');
    expect((await terminal.exited).exitCode).toBe(0);
    expect(readStore(home)?.openai?.api_key).toBe(KEY);
    expect(terminal.raw).toContain('Stored the OpenAI API key sk-proj-…a1b2');
    expect(terminal.raw).not.toContain('#');
    expectNoLeak([terminal.raw], [KEY]);
  });

  it('Ctrl-C exits 130, restores the terminal modes and stores nothing', async () => {
    const terminal = openTerminal(['openai-key'], home.env);
    await terminal.waitFor(PROMPT);
    await terminal.typeSlowly(KEY.slice(0, 12));
    terminal.write('\u0003');
    expect((await terminal.exited).exitCode).toBe(130);
    const screen = terminal.raw;
    expect(screen).toContain('Cancelled');
    // Bracketed paste was switched on for the prompt and off again before exiting.
    expect(screen.lastIndexOf('\u001b[?2004l')).toBeGreaterThan(screen.indexOf('\u001b[?2004h'));
    expect(readStore(home)).toBeUndefined();
    expectNoLeak([screen], [KEY]);
    expect(visible(screen)).not.toContain(KEY.slice(8, 12));
  });

  it('takes a bracketed paste whole, dropping its newline, and Enter stores it', async () => {
    const terminal = openTerminal(['zai-key'], home.env);
    await terminal.waitFor(PROMPT);
    terminal.write(`\u001b[200~${KEY}\r\n\u001b[201~`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readStore(home)).toBeUndefined(); // the pasted newline did not submit
    terminal.write('\r');
    expect((await terminal.exited).exitCode).toBe(0);
    expect(readStore(home)?.zai?.api_key).toBe(KEY);
    expectNoLeak([terminal.raw], [KEY]);
  });

  it('Ctrl-D on an empty prompt is empty input: exit 1, nothing stored', async () => {
    const terminal = openTerminal(['github-login'], { ...home.env, PATH: '/nonexistent' });
    await terminal.waitFor(PROMPT);
    terminal.write('\u0004');
    expect((await terminal.exited).exitCode).toBe(1);
    expect(terminal.raw).toContain('was empty');
    expect(readStore(home)).toBeUndefined();
  });

  it('--stdin on a terminal still prompts without echo', async () => {
    const terminal = openTerminal(['anthropic-token', '--stdin'], home.env);
    await terminal.waitFor(PROMPT);
    const before = terminal.mark();
    await terminal.typeSlowly(KEY);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(visible(terminal.raw.slice(before))).toBe('');
    terminal.write('\r');
    expect((await terminal.exited).exitCode).toBe(0);
    expect(readStore(home)?.anthropic?.auth_token).toBe(KEY);
  });
});

describe('github-login on a terminal with gh installed', () => {
  const GH_TOKEN = 'gho_QZXJVWQZXKQJVZWXQJZVKXWQc3d4';

  function pathWithGh(): string {
    const bin = join(home.home, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho ${GH_TOKEN}\n`);
    chmodSync(join(bin, 'gh'), 0o755);
    return bin;
  }

  it('offers the gh token; Enter accepts it', async () => {
    const terminal = openTerminal(['github-login'], { ...home.env, PATH: pathWithGh() });
    await terminal.waitFor('[Y/n]');
    terminal.write('\r');
    expect((await terminal.exited).exitCode).toBe(0);
    expect(readStore(home)?.github?.token).toBe(GH_TOKEN);
    expectNoLeak([terminal.raw], [GH_TOKEN]);
  });

  it('"n" falls back to the hidden prompt', async () => {
    const terminal = openTerminal(['github-login'], { ...home.env, PATH: pathWithGh() });
    await terminal.waitFor('[Y/n]');
    terminal.write('n\r');
    await terminal.waitFor(PROMPT);
    await terminal.typeSlowly(KEY);
    terminal.write('\r');
    expect((await terminal.exited).exitCode).toBe(0);
    expect(readStore(home)?.github?.token).toBe(KEY);
    expectNoLeak([terminal.raw], [KEY, GH_TOKEN]);
  });
});

describe('openai-login on a terminal', () => {
  it('counts down the time left and stops on Ctrl-C with exit 130', async () => {
    const server = await startOpenAIAuthServer({ interval: '1', pendingPolls: 1000 });
    try {
      const terminal = openTerminal(['openai-login', '--no-browser'], {
        ...home.env,
        FLYNN_OPENAI_ISSUER: server.issuer,
      });
      await terminal.waitFor('left (Ctrl-C to cancel)');
      expect(terminal.raw).toContain(`${server.issuer}/codex/device`);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const counts = visible(terminal.raw).match(/\d+:\d\d left/g) ?? [];
      expect(new Set(counts).size).toBeGreaterThan(1); // the line was updated
      terminal.write('\u0003');
      expect((await terminal.exited).exitCode).toBe(130);
      expect(terminal.raw).toContain('Cancelled');
      expect(readStore(home)).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
