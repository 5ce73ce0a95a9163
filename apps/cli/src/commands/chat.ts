import type { CommandIO } from '../io.js';

export interface ChatOptions {
  /** `--config PATH`. */
  config?: string;
  /** `--tier T`: the tier or local provider to start with. */
  tier?: string;
}

/**
 * `flynn chat [--tier T]`: the chat TUI of `@flynn/tui` on the CLI's streams. Resolves to
 * its exit code (0 after /exit, Ctrl-D or Ctrl-C at an empty prompt; 1 for a broken
 * config; 2 for an unknown tier). The TUI restores the terminal on every path.
 */
export async function chat(options: ChatOptions, io: CommandIO): Promise<number> {
  // A misspelled key (`auth-mode`) would silently change what a tier does: refused before
  // the screen is taken, like `ask` (ConfigError, exit 1, every such key listed). Read
  // through the parse cache: parsing (yaml and zod) is most of the start-up time
  // (bench/tui-first-prompt.mjs). The TUI takes the config as read here, so it is read once
  // and the first prompt shows the tier's model at once.
  const { loadConfig, refuseMisspelledKeys } = await import('@flynn/config');
  const loaded = loadConfig(options.config, { env: io.env, parseCache: io.configParseCache });
  if (loaded.ok) refuseMisspelledKeys(loaded);
  const { runTui } = await import('@flynn/tui');
  return runTui({
    loadedConfig: loaded,
    configPath: options.config,
    tier: options.tier,
    env: io.env,
    input: io.stdin,
    output: io.stdout,
    configParseCache: io.configParseCache,
  });
}
