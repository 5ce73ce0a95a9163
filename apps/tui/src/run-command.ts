import { help } from './commands/help.js';
import { login } from './commands/login.js';
import { logout } from './commands/logout.js';
import { model } from './commands/model.js';
import { status } from './commands/status.js';
import { closestCommand } from './complete.js';
import type { SlashCommand } from './parse-command.js';
import { reportError } from './report-error.js';
import type { Session } from './session.js';

/**
 * Runs one slash command. Resolves to `exit` for `/exit`, else `continue`. Errors are
 * reported on the screen and never end the session.
 */
export async function runCommand(
  session: Session,
  command: SlashCommand,
): Promise<'exit' | 'continue'> {
  try {
    switch (command.name) {
      case 'exit':
      case 'quit':
        return 'exit';
      case 'help':
      case '?':
        help(session);
        break;
      case 'login':
        await login(session, command.args);
        break;
      case 'logout':
        await logout(session, command.args);
        break;
      case 'model':
      case 'models':
        await model(session, command.args);
        break;
      case 'status':
        await status(session);
        break;
      default: {
        const suggestion = closestCommand(command.name);
        session.screen.line(
          `Unknown command /${command.name}.${suggestion ? ` Did you mean ${suggestion}?` : ''} Type /help for the list.`,
        );
      }
    }
  } catch (error) {
    session.screen.clearStatus();
    reportError(session.screen, error, session.env);
  }
  return 'continue';
}
