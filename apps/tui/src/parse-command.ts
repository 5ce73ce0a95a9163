/** A slash command as typed: `/login openai` -> `{ name: 'login', args: ['openai'] }`. */
export interface SlashCommand {
  name: string;
  args: string[];
}

/**
 * Parses a line that starts with `/` into a command name (lower-cased) and its
 * whitespace-separated arguments; `undefined` for anything else (a chat message).
 * A line starting with `//` is a message that starts with `/`, not a command.
 */
export function parseCommand(line: string): SlashCommand | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return undefined;
  const [head = '', ...args] = trimmed.slice(1).split(/\s+/).filter(Boolean);
  return { name: head.toLowerCase(), args };
}

/** The commands `/help` lists, in order. */
export const COMMAND_HELP: ReadonlyArray<readonly [string, string]> = [
  ['/login openai', 'log in: 1) OAuth device flow  2) paste an API key'],
  ['/login anthropic', 'store: 1) an API key  2) an auth token'],
  ['/login github', 'store a GitHub token (or take the one from `gh auth token`)'],
  ['/login zai', 'store a Z.AI API key'],
  ['/model', 'list tiers and local providers with their credential status'],
  ['/model <tier>', 'switch to another tier or local provider'],
  ['/status', 'what doctor says about each tier, compactly'],
  ['/logout <provider> [api-key|oauth|all]', 'remove stored credentials'],
  ['/help', 'this list'],
  ['/exit', 'leave (also Ctrl-D, or Ctrl-C at an empty prompt)'],
];
