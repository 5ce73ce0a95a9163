import {
  findTier,
  formatConfigIssue,
  formatConfigWarning,
  listTiers,
  loadConfig,
  resolveConfigPaths,
} from '@flynn/config';
import { parseCommand } from './parse-command.js';
import { reportError } from './report-error.js';
import { runCommand } from './run-command.js';
import { Screen } from './screen.js';
import { sendMessage } from './send-message.js';
import { promptText, type Session } from './session.js';
import { createTerminal } from './terminal/create-terminal.js';
import type { TerminalInput, TerminalOutput } from './terminal/tty-terminal.js';

export interface RunTuiOptions {
  /** The config file (`--config`); default: `$FLYNN_CONFIG_DIR/config.yaml` and so on. */
  configPath?: string;
  /** Where credentials, config locations and NO_COLOR are read from. */
  env: NodeJS.ProcessEnv;
  /** Keystrokes (a TTY for the interactive UI; anything else is read as lines). */
  input: TerminalInput;
  output: TerminalOutput;
  /** The tier or local provider to start with (default: `default`, else the first configured). */
  tier?: string;
}

/** Exit codes of `runTui`. */
export const TUI_EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Runs the chat TUI until `/exit`, Ctrl-D, or Ctrl-C at an empty prompt, and resolves to
 * the exit code: 0 after a normal exit, 1 when the config is invalid, 2 for an unknown
 * `tier`. Never calls `process.exit`; the terminal is restored (raw mode off, cursor
 * shown) on every path, including errors.
 */
export async function runTui(options: RunTuiOptions): Promise<number> {
  const { env, input, output } = options;
  const screen = new Screen(output, {
    color: Boolean(output.isTTY) && !env.NO_COLOR,
    interactive: Boolean(input.isTTY && output.isTTY),
  });
  const terminal = createTerminal(input, output);
  try {
    const loaded = loadConfig(options.configPath, { env });
    for (const warning of loaded.warnings) screen.warn(formatConfigWarning(warning));
    if (!loaded.ok) {
      for (const issue of loaded.issues) screen.error(formatConfigIssue(issue));
      return TUI_EXIT.failure;
    }
    const tiers = listTiers(loaded.config);
    const tier = options.tier
      ? findTier(loaded.config, options.tier)
      : (findTier(loaded.config, 'default') ?? tiers[0]);
    if (!tier) {
      screen.error(
        options.tier
          ? `There is no tier or local provider called "${options.tier}".`
          : 'The config has no tiers.',
        tiers.length ? `Choose one of: ${tiers.map((entry) => entry.name).join(', ')}.` : undefined,
      );
      return options.tier ? TUI_EXIT.usage : TUI_EXIT.failure;
    }
    const session: Session = {
      terminal,
      screen,
      env,
      config: loaded.config,
      configPath: loaded.path,
      storePath: resolveConfigPaths(env).authFile,
      tiers,
      tier,
      turns: [],
    };
    return await chatLoop(session);
  } catch (error) {
    reportError(screen, error, env);
    return TUI_EXIT.failure;
  } finally {
    screen.clearStatus();
    terminal.restore();
  }
}

async function chatLoop(session: Session): Promise<number> {
  const { screen, terminal } = session;
  if (terminal.interactive) screen.note('Flynn chat. /help for commands, Ctrl-D to exit.');
  for (;;) {
    const result = await terminal.readLine(promptText(session), { history: true });
    if (result.type === 'eof') return TUI_EXIT.ok;
    if (result.type === 'interrupt') {
      // Ctrl-C discards a typed line; at an empty prompt (so also on a second Ctrl-C) it exits.
      if (result.text.trim() === '') return TUI_EXIT.ok;
      continue;
    }
    const line = result.text.trim();
    if (line === '') continue;
    const command = parseCommand(line);
    if (command) {
      if ((await runCommand(session, command)) === 'exit') return TUI_EXIT.ok;
      continue;
    }
    await sendMessage(session, line.startsWith('//') ? line.slice(1) : line);
  }
}
