import { formatTable, providerSpec, withArticle } from '@flynn/core';
import { LOGIN_PROVIDERS } from '../login-providers.js';
import type { Session } from '../session.js';

/** The commands `/help` lists, in order; every registry provider has its `/login`. */
export const COMMAND_HELP: ReadonlyArray<readonly [string, string]> = [
  ['/login openai', 'log in: 1) ChatGPT in the browser  2) with a device code  3) an API key'],
  ['/login anthropic', 'store: 1) an API key  2) an auth token'],
  ['/login github', 'store a GitHub token (or take the one from `gh auth token`)'],
  ...LOGIN_PROVIDERS.filter((id) => !['openai', 'anthropic', 'github'].includes(id)).map(
    (id) =>
      [
        `/login ${id}`,
        `store ${withArticle(providerSpec(id).credentials[0]?.label ?? 'credential')}`,
      ] as const,
  ),
  ['/login <provider> --profile <name>', 'store it in a named profile (also /logout)'],
  ['/model', 'list tiers and local providers with their credential status'],
  ['/model <tier>', 'switch to another tier or local provider'],
  ['/status', 'what doctor says about each tier, compactly'],
  ['/logout <provider> [api-key|oauth|all]', 'remove stored credentials'],
  ['/help', 'this list'],
  ['/exit', 'leave (also Ctrl-D, or Ctrl-C at an empty prompt)'],
];

/** `/help`. */
export function help(session: Session): void {
  const { screen } = session;
  screen.line('Type a message to chat with the current tier. Commands:');
  for (const line of formatTable(COMMAND_HELP.map(([command, text]) => [`  ${command}`, text]))) {
    screen.line(line);
  }
  screen.note(
    'Ctrl-C cancels a streaming answer. A line starting with // sends a message starting with /.',
  );
}
