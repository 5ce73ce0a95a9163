import { createInterface } from 'node:readline';
import type { CommandIO } from '../io.js';
import { InterruptedError } from './credential-errors.js';

/**
 * Asks a yes/no question on the terminal (question on stderr). Enter alone means
 * `defaultYes`. Only for questions, never for secrets: the answer is echoed.
 * @throws InterruptedError on Ctrl-C.
 */
export function askYesNo(io: CommandIO, question: string, defaultYes = true): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  return new Promise<boolean>((resolve, reject) => {
    let settled = false;
    rl.on('SIGINT', () => {
      settled = true;
      io.stderr.write('\n');
      rl.close();
      reject(new InterruptedError());
    });
    rl.on('close', () => {
      if (!settled) resolve(defaultYes);
    });
    rl.question(`${question} ${defaultYes ? '[Y/n]' : '[y/N]'} `, (answer) => {
      settled = true;
      rl.close();
      const normalized = answer.trim().toLowerCase();
      resolve(normalized === '' ? defaultYes : normalized === 'y' || normalized === 'yes');
    });
  });
}
