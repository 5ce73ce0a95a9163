import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, expect, test } from 'vitest';
import { runTui } from './run-tui.js';

let home: TempHome;
afterEach(() => home?.cleanup());

/** A new temp home (cleaned up after the test), with `config` as its config file if given. */
function newHome(config?: string): TempHome {
  home = createTempHome();
  if (config !== undefined) {
    mkdirSync(home.configDir, { recursive: true });
    writeFileSync(join(home.configDir, 'config.yaml'), config);
  }
  return home;
}

/** Runs the TUI in-process on piped (non-terminal) input; returns the exit code and output. */
async function run(lines: string[], config?: string) {
  const home = newHome(config);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk) => {
    text += String(chunk);
  });
  input.end(lines.map((line) => `${line}\n`).join(''));
  const code = await runTui({ env: home.env, input, output });
  return { code, text };
}

test('piped input works line by line and ends at end of input', async () => {
  const { code, text } = await run(['/model fast', '/help']);
  expect(code).toBe(0);
  expect(text).toContain('default (claude-sonnet-4-5) › ');
  expect(text).toContain('Switched to fast (openai gpt-5-mini).');
  expect(text).toContain('fast (gpt-5-mini) › ');
});

test('a broken config is reported with file and line, exit 1', async () => {
  const { code, text } = await run([], 'models:\n  fast: { provider: nope, model: x }\n');
  expect(code).toBe(1);
  expect(text).toMatch(/error: .*config\.yaml:2:.*models\.fast\.provider/);
});

test('piped /model prints the table (no picker) and piped input is never asked to log in', async () => {
  const { code, text } = await run(['/model']);
  expect(code).toBe(0);
  expect(text).toMatch(/ +TIER +PROVIDER +MODEL +AUTH\n/);
  expect(text).toMatch(
    /› +default +anthropic +claude-sonnet-4-5 +missing: Run `\/login anthropic`/,
  );
  expect(text).toContain('Switch with /model <tier>.');
  expect(text).not.toContain('Enter switch');
  expect(text).not.toContain('Log in to');
  // No cursor movement or hidden cursor on a pipe.
  expect(text).not.toContain('\u001b[');
});

/**
 * Runs the TUI in-process on a stand-in terminal (100x30, NO_COLOR) with `config` (if any)
 * and `env` added, typing `early` as soon as the early prompt (the tier alone, drawn before
 * the config is read) appears. `waitFor` resolves past `needle`'s first appearance from `from`.
 */
function onTerminal(early: string, options: { config?: string; env?: NodeJS.ProcessEnv } = {}) {
  const home = newHome(options.config);
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  let text = '';
  let typed = false;
  output.on('data', (chunk) => {
    text += String(chunk);
    if (!typed && text.includes('default')) {
      typed = true;
      input.write(early);
    }
  });
  const exited = runTui({ env: { ...home.env, NO_COLOR: '1', ...options.env }, input, output });
  const waitFor = async (needle: string, from = 0) => {
    for (let tries = 0; tries < 500 && !text.includes(needle, from); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(text.slice(from)).toContain(needle);
    return text.indexOf(needle, from) + needle.length;
  };
  return { input, exited, waitFor, text: () => text };
}

test('on a terminal, text typed at the early prompt is back in the prompt after the first-run menu', async () => {
  const tui = onTerminal('half a thou');
  const menu = await tui.waitFor('Choose 1-2 (Enter to cancel): ');
  // The early prompt had it before the menu opened.
  expect(tui.text().slice(0, menu)).toContain('half a thou');
  tui.input.write('\r'); // skip the menu
  const skipped = await tui.waitFor('Skipped: /login anthropic adds one later.', menu);
  await tui.waitFor('default (claude-sonnet-4-5) › half a thou', skipped);
  tui.input.write('\u0015\u0004'); // Ctrl-U empties the line, Ctrl-D exits
  expect(await tui.exited).toBe(0);
});

test('on a terminal, a line entered at the early prompt before config warnings is still run', async () => {
  const tui = onTerminal('/help\r', {
    config: 'models:\n  default: { provider: anthropic, model: claude-test }\nunknown_setting: 1\n',
    env: { ANTHROPIC_API_KEY: 'sk-ant-api03-early0line0test0key00' },
  });
  const warning = await tui.waitFor('unknown_setting');
  // The line was entered at the early prompt before the warning was shown (after the `›`:
  // the greeting above the prompt names /help too).
  const text = tui.text();
  expect(text.slice(text.indexOf('›'), warning)).toContain('/help');
  // The line was run after the warning was shown, not dropped with the early prompt.
  await tui.waitFor('/exit', warning);
  tui.input.write('\u0004');
  expect(await tui.exited).toBe(0);
});
