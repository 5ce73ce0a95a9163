import { LineTerminal } from './line-terminal.js';
import type { Terminal } from './terminal.js';
import { type TerminalInput, type TerminalOutput, TtyTerminal } from './tty-terminal.js';

/** A keystroke terminal when `input` is a TTY that can go raw, else plain lines. */
export function createTerminal(input: TerminalInput, output: TerminalOutput): Terminal {
  return input.isTTY && typeof input.setRawMode === 'function'
    ? new TtyTerminal(input, output)
    : new LineTerminal(input, output);
}
