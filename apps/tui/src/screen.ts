import { terminalText } from '@flynn/core';
import type { TerminalOutput } from './terminal/tty-terminal.js';

const STYLES = {
  bold: [1, 22],
  dim: [2, 22],
  reverse: [7, 27],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  italic: [3, 23],
  underline: [4, 24],
} as const;

export type StyleName = keyof typeof STYLES;

/**
 * The TUI's output: plain writes, optional ANSI styles (off for NO_COLOR or a
 * non-terminal), and one transient status line (a spinner) that is cleared before
 * anything else is written.
 */
export class Screen {
  readonly color: boolean;
  readonly interactive: boolean;
  readonly #output: TerminalOutput;
  #atLineStart = true;
  #status = false;

  constructor(output: TerminalOutput, options: { color: boolean; interactive: boolean }) {
    this.#output = output;
    this.color = options.color;
    this.interactive = options.interactive;
  }

  /** The terminal's width (80 when it is not a terminal). */
  get columns(): number {
    const columns = this.#output.columns;
    return columns && columns > 0 ? columns : 80;
  }

  /** The terminal's height (24 when it is not a terminal). */
  get rows(): number {
    const rows = this.#output.rows;
    return rows && rows > 0 ? rows : 24;
  }

  write(text: string): void {
    if (text === '') return;
    this.clearStatus();
    this.#output.write(text);
    this.#atLineStart = text.endsWith('\n');
  }

  /**
   * One line; control characters in it are escaped (its own styles kept), so outside text
   * (server errors, model and tier names, store keys) cannot drive the terminal.
   */
  line(text = ''): void {
    this.write(`${terminalText(text, { styles: this.color })}\n`);
  }

  /** Ends the current line if something was written on it. */
  endLine(): void {
    if (!this.#atLineStart) this.write('\n');
  }

  style(name: StyleName, text: string): string {
    if (!this.color) return text;
    const [open, close] = STYLES[name];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  error(message: string, hint?: string): void {
    this.endLine();
    this.line(`${this.style('red', 'error:')} ${message}`);
    if (hint) this.line(`${this.style('dim', 'hint:')} ${hint}`);
  }

  warn(message: string): void {
    this.endLine();
    this.line(`${this.style('yellow', 'warning:')} ${message}`);
  }

  note(message: string): void {
    this.line(this.style('dim', message));
  }

  /** Shows `text` on a line that the next write replaces (terminals only). */
  status(text: string): void {
    if (!this.interactive) return;
    this.endLine();
    this.#output.write(`\r\u001b[2K${terminalText(text, { styles: this.color })}`);
    this.#status = true;
  }

  clearStatus(): void {
    if (!this.#status) return;
    this.#status = false;
    this.#output.write('\r\u001b[2K');
  }
}
