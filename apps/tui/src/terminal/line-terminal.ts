import { createInterface, type Interface } from 'node:readline';
import { terminalText } from '@flynn/core';
import type { LineResult, SecretResult, SelectOptions, Terminal } from './terminal.js';
import type { TerminalInput, TerminalOutput } from './tty-terminal.js';

/**
 * Plain lines from a pipe or file (`flynn chat < script`): prompts are written, input is
 * never echoed (there is no terminal to echo it), Ctrl-C is the shell's business.
 */
export class LineTerminal implements Terminal {
  readonly interactive = false;
  readonly #output: TerminalOutput;
  readonly #lines: Interface;
  readonly #queue: string[] = [];
  #waiting: ((line: string | undefined) => void) | undefined;
  #ended = false;

  constructor(input: TerminalInput, output: TerminalOutput) {
    this.#output = output;
    this.#lines = createInterface({ input, terminal: false });
    this.#lines.on('line', (line) => {
      if (this.#waiting) {
        const waiting = this.#waiting;
        this.#waiting = undefined;
        waiting(line);
      } else {
        this.#queue.push(line);
      }
    });
    this.#lines.on('close', () => {
      this.#ended = true;
      this.#waiting?.(undefined);
      this.#waiting = undefined;
    });
  }

  #next(): Promise<string | undefined> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.#ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  async readLine(prompt: string): Promise<LineResult> {
    this.#output.write(prompt);
    const line = await this.#next();
    if (line === undefined) {
      this.#output.write('\n');
      return { type: 'eof' };
    }
    this.#output.write('\n');
    return { type: 'line', text: line };
  }

  async readSecret(prompt: string): Promise<SecretResult> {
    this.#output.write(prompt);
    const line = await this.#next();
    this.#output.write('\n');
    return line === undefined ? { type: 'cancel' } : { type: 'secret', value: line };
  }

  /** The list as lines, then a number read (an empty or unknown answer cancels). */
  async select(options: SelectOptions): Promise<number | undefined> {
    for (const line of options.render(options.initial ?? 0, 80)) {
      this.#output.write(`${terminalText(line, { styles: false })}\n`);
    }
    this.#output.write(`Choose 1-${options.count} (Enter to cancel): `);
    const line = await this.#next();
    this.#output.write('\n');
    const choice = Number(line?.trim());
    return Number.isInteger(choice) && choice >= 1 && choice <= options.count
      ? choice - 1
      : undefined;
  }

  updatePrompt(): void {}

  cancelRead(): string {
    return '';
  }

  watchInterrupt(): () => void {
    return () => {};
  }

  restore(): void {
    this.#lines.close();
  }
}
