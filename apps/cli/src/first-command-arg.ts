/**
 * The first argument after the global `--config PATH` (`flynn --config x chat` -> `chat`):
 * the command a run names, if any. Used by the entry (to pick a code cache) and by the
 * command table (to build only the invoked command), so it loads nothing.
 */
export function firstCommandArg(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--config') i++;
    else if (!arg.startsWith('--config=')) return arg;
  }
  return undefined;
}
