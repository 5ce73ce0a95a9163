import { createInterface } from 'node:readline';
import type { LoginMethod } from '@flynn/core';
import type { CommandIO } from '../io.js';
import { InterruptedError } from './credential-errors.js';

/**
 * The short menu `flynn login <provider>` shows on a terminal when no kind flag was given:
 * the choices of `methods` numbered (the words of `loginMethods`, the same as the TUI's
 * `/login`), Enter taking the first. Only numbers are asked for, so the answer is echoed.
 * @throws InterruptedError on Ctrl-C or end of input.
 */
export function chooseLoginMethod(
  io: CommandIO,
  providerLabel: string,
  methods: readonly LoginMethod[],
): Promise<LoginMethod> {
  io.stderr.write(
    `Log in to ${providerLabel}:\n${methods.map((method, i) => `  ${i + 1}) ${method.label}`).join('\n')}\n`,
  );
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  return new Promise<LoginMethod>((resolve, reject) => {
    let settled = false;
    const done = (result: LoginMethod | Error) => {
      settled = true;
      rl.close();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    rl.on('SIGINT', () => {
      io.stderr.write('\n');
      done(new InterruptedError());
    });
    rl.on('close', () => {
      if (!settled) reject(new InterruptedError());
    });
    const ask = () =>
      rl.question(`Choose 1-${methods.length} [1]: `, (answer) => {
        const text = answer.trim();
        const choice = text === '' ? 1 : Number(text);
        const method = Number.isInteger(choice) ? methods[choice - 1] : undefined;
        if (method) done(method);
        else {
          io.stderr.write(`Type a number from 1 to ${methods.length}.\n`);
          ask();
        }
      });
    ask();
  });
}
