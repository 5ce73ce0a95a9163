// Every command's --help ends with examples and its exit codes, in one layout (commandHelp
// in main.ts): the list comes from COMMAND_NAMES, so a command added without them fails here.
// And `flynn chat` refuses a misspelled behaviour-changing key before it takes the screen,
// as `ask` does.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../src/program.js';
import { commandHelpText } from './help-text.js';
import { runFlynn } from './run-flynn.js';

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
});
afterEach(() => home.cleanup());

/** Subcommands of the commands that have them. */
const SUBCOMMANDS: Partial<Record<(typeof COMMAND_NAMES)[number], string[]>> = {
  config: ['path', 'validate', 'init', 'set', 'unset'],
  store: ['migrate'],
};

const EVERY_COMMAND = COMMAND_NAMES.flatMap((name) => [
  [name],
  ...(SUBCOMMANDS[name] ?? []).map((sub) => [name, sub]),
]);

describe('each command’s --help', () => {
  it.each(EVERY_COMMAND)(
    '`flynn %s %s --help` shows examples and exit codes',
    async (...command) => {
      const text = await commandHelpText(command.filter(Boolean), home.env);
      expect(text).toContain(`Usage: flynn ${command.filter(Boolean).join(' ')}`);
      const examples = text.indexOf('\nExamples:\n');
      const exitCodes = text.indexOf('\nExit codes:\n');
      expect(examples).toBeGreaterThan(-1);
      expect(exitCodes).toBeGreaterThan(examples);
      // At least one example naming flynn, and the codes as `N meaning` lines, 0 first.
      expect(text.slice(examples, exitCodes)).toMatch(/\n {2}\S*.*flynn /);
      expect(text.slice(exitCodes)).toMatch(/^\nExit codes:\n {2}0 \S/);
    },
  );

  it('the subcommand lists above are complete', async () => {
    for (const [name, subs] of Object.entries(SUBCOMMANDS)) {
      const text = await commandHelpText([name], home.env);
      const listed = [...text.matchAll(/^ {2}([a-z-]+)(?: \[options\]| <)/gm)].map((m) => m[1]);
      expect(listed.filter((command) => command !== 'help').sort()).toEqual([...subs].sort());
    }
  });
});

describe('flynn chat and a misspelled config key', () => {
  const write = (tier: string) => {
    const config = join(home.home, 'config.yaml');
    writeFileSync(
      config,
      `models:\n  default: { provider: openai, model: gpt-4.1-mini, ${tier} }\n`,
    );
    return config;
  };

  it('refuses `auth-mode` at start, with "did you mean", before any screen', async () => {
    const run = await runFlynn(['--config', write('auth-mode: api_key'), 'chat'], {
      env: home.env,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('models.default.auth-mode');
    expect(run.stderr).toContain('did you mean `auth_mode`');
    expect(run.stdout).toBe('');
  });

  it('the same config spelled right gets past that check (so the check is what refused it)', async () => {
    const run = await runFlynn(['--config', write('auth_mode: api_key'), 'chat'], {
      env: home.env,
    });
    expect(run.stderr).not.toContain('did you mean');
    // The chat started (its prompt names the tier) and ended at the end of its input.
    expect(run.stdout).toContain('default (gpt-4.1-mini)');
    expect(run.code).toBe(0);
  });

  it('still refuses it when the config comes from the parse cache (the chat reads through it)', async () => {
    const cache = join(home.home, 'cache');
    const env = { ...home.env, FLYNN_CACHE_DIR: cache };
    const config = write('auth-mode: api_key');
    for (const attempt of ['first read parses and caches', 'second read hits the cache']) {
      const run = await runFlynn(['--config', config, 'chat'], { env });
      expect(run.code, attempt).toBe(1);
      expect(run.stderr, attempt).toContain('did you mean `auth_mode`');
      expect(existsSync(join(cache, 'config-parse.json')), attempt).toBe(true);
    }
  });
});
