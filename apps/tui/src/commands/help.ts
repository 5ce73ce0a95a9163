import { formatTable } from '../format-table.js';
import { COMMAND_HELP } from '../parse-command.js';
import type { Session } from '../session.js';

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
