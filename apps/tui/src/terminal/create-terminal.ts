import type { Terminal } from './terminal.js';
import { type TerminalInput, type TerminalOutput, TtyTerminal } from './tty-terminal.js';

/**
 * A keystroke terminal when `input` is a TTY that can go raw, else plain lines. The plain-line
 * terminal (and `node:readline`, most of a millisecond to load) loads only for piped input,
 * never on the way to an interactive first prompt.
 */
export async function createTerminal(
  input: TerminalInput,
  output: TerminalOutput,
): Promise<Terminal> {
  if (input.isTTY && typeof input.setRawMode === 'function') return new TtyTerminal(input, output);
  const { LineTerminal } = await import('./line-terminal.js');
  return new LineTerminal(input, output);
}
