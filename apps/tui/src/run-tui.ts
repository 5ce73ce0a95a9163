import type { ConfigParseCache, LoadConfigResult } from '@flynn/config';
import { sanitizeText } from '@flynn/core';
import { completions } from './complete.js';
import { parseCommand } from './parse-command.js';
import { Screen } from './screen.js';
import { promptText, type Session } from './session.js';
import { createTerminal } from './terminal/create-terminal.js';
import type { LineResult } from './terminal/terminal.js';
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
  /** Passed to `loadConfig`: a cache of parsed configs (`@flynn/config`'s `fileConfigParseCache`). */
  configParseCache?: ConfigParseCache;
  /**
   * The config as the caller already read it (`loadConfig(configPath, { env })`), e.g. to
   * refuse misspelled keys first: not read again, and the first prompt shows the model at once.
   */
  loadedConfig?: LoadConfigResult;
}

/** How long after "Press Ctrl-C again to exit" a second Ctrl-C exits. */
const EXIT_CONFIRM_MS = 2000;

/** Exit codes of `runTui`. */
export const TUI_EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Runs the chat TUI until `/exit`, Ctrl-D, or Ctrl-C at an empty prompt, and resolves to
 * the exit code: 0 after a normal exit, 1 when the config is invalid, 2 for an unknown
 * `tier`. Never calls `process.exit`; the terminal is restored (raw mode off, cursor
 * shown) on every path, including errors.
 *
 * On a terminal the prompt appears before the config is read (parsing it loads zod and
 * yaml, most of the start-up time) showing the tier only; the model is filled in as soon
 * as the config is loaded, keeping anything already typed.
 */
export async function runTui(options: RunTuiOptions): Promise<number> {
  const { env, input, output } = options;
  const screen = new Screen(output, {
    color: Boolean(output.isTTY) && !env.NO_COLOR,
    interactive: Boolean(input.isTTY && output.isTTY),
  });
  const terminal = await createTerminal(input, output);
  let early: Promise<LineResult> | undefined;
  /**
   * The early prompt was answered (Enter, Ctrl-C or Ctrl-D): `early` holds that line for the
   * chat, so it is not ended, nor the first-run menu opened over it. Set once the read has
   * resolved; never for a prompt `endEarly` ended (that one is no longer `early`).
   */
  let earlyAnswered = false;
  /**
   * What was typed at an early prompt that had to end before Enter (output had to be written,
   * or the first-run menu opened): it is in the next prompt, not lost.
   */
  let carried = '';
  /**
   * Output must be written, or the first-run menu opens: a line still being typed at the early
   * prompt is ended (and carried to the next prompt); one already entered stays for the chat.
   */
  const endEarly = () => {
    if (earlyAnswered) return;
    carried = terminal.cancelRead();
    early = undefined;
  };
  // Tab on the early prompt completes tiers too once the config is read.
  let current: Session | undefined;
  let greeted = false;
  const showPrompt = (prompt: string) => {
    if (!greeted) screen.note('Flynn chat. /help for commands, Ctrl-D to exit.');
    greeted = true;
    earlyAnswered = false;
    early = terminal.readLine(prompt, {
      history: true,
      complete: (text) => completions(text, current),
      text: carried,
    });
    carried = '';
    const shown = early;
    shown.then(() => {
      // Not for a prompt that `endEarly` ended (it may be followed by another).
      if (early === shown) earlyAnswered = true;
    });
  };
  try {
    // Without the config in hand, a prompt with the tier alone shows before it is read.
    if (terminal.interactive && !options.loadedConfig) {
      const tier = options.tier ?? 'default';
      showPrompt(`${screen.style('cyan', sanitizeText(tier, { singleLine: true }))} › `);
    }
    // Something must be printed first: end the early prompt so it is not garbled.
    const setup = await loadSession(options, screen, terminal, endEarly);
    if (typeof setup === 'number') return setup;
    current = setup;
    // The model goes into the prompt before the credential check: with a credential, the
    // full prompt is there as early as it can be.
    if (terminal.interactive && !early) showPrompt(promptText(setup));
    else terminal.updatePrompt(promptText(setup));
    if (terminal.interactive) {
      const { firstRunOffer } = await import('./first-run.js');
      await firstRunOffer(setup, () => {
        // A line already entered at the early prompt is kept for the chat, and the menu
        // is not opened on top of it; one still being typed gives way to the menu and is
        // back in the prompt after it.
        if (earlyAnswered) return false;
        endEarly();
        return true;
      });
    }
    return await chatLoop(setup, early, carried);
  } catch (error) {
    terminal.cancelRead();
    const { reportError } = await import('./report-error.js');
    reportError(screen, error, env);
    return TUI_EXIT.failure;
  } finally {
    screen.clearStatus();
    terminal.restore();
  }
}

/** Reads the config and picks the tier; an exit code when that fails (already reported). */
async function loadSession(
  options: RunTuiOptions,
  screen: Screen,
  terminal: Session['terminal'],
  beforeOutput: () => void,
): Promise<Session | number> {
  const { env } = options;
  const config = await import('@flynn/config');
  const loaded =
    options.loadedConfig ??
    config.loadConfig(options.configPath, { env, parseCache: options.configParseCache });
  const tiers = loaded.ok ? config.listTiers(loaded.config) : [];
  const tier = loaded.ok
    ? options.tier
      ? config.findTier(loaded.config, options.tier)
      : (config.findTier(loaded.config, 'default') ?? tiers[0])
    : undefined;
  if (loaded.warnings.length > 0 || !loaded.ok || !tier) beforeOutput();
  for (const warning of loaded.warnings) screen.warn(config.formatConfigWarning(warning));
  if (!loaded.ok) {
    for (const issue of loaded.issues) screen.error(config.formatConfigIssue(issue));
    return TUI_EXIT.failure;
  }
  if (!tier) {
    screen.error(
      options.tier
        ? `There is no tier or local provider called "${options.tier}".`
        : 'The config has no tiers.',
      tiers.length ? `Choose one of: ${tiers.map((entry) => entry.name).join(', ')}.` : undefined,
    );
    return options.tier ? TUI_EXIT.usage : TUI_EXIT.failure;
  }
  return {
    terminal,
    screen,
    env,
    config: loaded.config,
    configPath: loaded.path,
    storePath: config.resolveConfigPaths(env).authFile,
    tiers,
    tier,
    turns: [],
    secretResolver: config.createSecretResolver({ env }),
  };
}

async function chatLoop(
  session: Session,
  early: Promise<LineResult> | undefined,
  carried: string,
): Promise<number> {
  const { terminal } = session;
  let pending = early;
  let text = carried;
  let lastInterrupt = 0;
  for (;;) {
    const result =
      (await pending) ??
      (await terminal.readLine(promptText(session), {
        history: true,
        complete: (typed) => completions(typed, session),
        text,
      }));
    pending = undefined;
    text = '';
    if (result.type === 'eof') return TUI_EXIT.ok;
    if (result.type === 'interrupt') {
      // Ctrl-C discards a typed line; at an empty prompt it asks first, and a second
      // Ctrl-C within two seconds exits (a reflexive double press never loses the chat).
      if (result.text.trim() !== '') {
        lastInterrupt = 0;
        continue;
      }
      const now = Date.now();
      if (now - lastInterrupt <= EXIT_CONFIRM_MS) return TUI_EXIT.ok;
      lastInterrupt = now;
      session.screen.note('Press Ctrl-C again to exit.');
      continue;
    }
    lastInterrupt = 0;
    const line = result.text.trim();
    if (line === '') continue;
    const command = parseCommand(line);
    if (command) {
      const { runCommand } = await import('./run-command.js');
      if ((await runCommand(session, command)) === 'exit') return TUI_EXIT.ok;
      continue;
    }
    const { sendMessage } = await import('./send-message.js');
    await sendMessage(session, line.startsWith('//') ? line.slice(1) : line);
  }
}
