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
