import { escapeJsonControls, terminalText as sanitizeTerminal } from '@flynn/core';

/**
 * Where a command reads and writes. Commands never touch `process` directly, so
 * they can be driven from tests and from the TUI; the bin passes the real streams.
 */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Colors on: stdout is a terminal and NO_COLOR is unset. */
  color: boolean;
}

export function processIO(): CommandIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}

/**
 * `text` for the terminal: every control character escaped (`\x1b`), tabs and newlines kept,
 * and, when colors are on, style sequences (colors, bold, dim) left as they are. Everything a
 * command prints goes through here, so text from a server, the config, the store or the
 * environment can never drive the terminal (retitle it, write the clipboard, fake a prompt).
 */
export function terminalText(io: Pick<CommandIO, 'color'>, text: string): string {
  return sanitizeTerminal(text, { styles: io.color });
}

/** Writes a line to stdout, through {@link terminalText}. */
export function println(io: CommandIO, text = ''): void {
  io.stdout.write(`${terminalText(io, text)}\n`);
}

/** Writes a line to stderr, through {@link terminalText}. */
export function eprintln(io: CommandIO, text = ''): void {
  io.stderr.write(`${terminalText(io, text)}\n`);
}

/** Pretty JSON on stdout, the `--json` form of every command: valid JSON, no raw control byte. */
export function printJson(io: CommandIO, value: unknown): void {
  io.stdout.write(`${escapeJsonControls(JSON.stringify(value, null, 2))}\n`);
}

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
} as const;

/** Wraps text in an ANSI style when colors are on. */
export function style(io: CommandIO, name: keyof typeof CODES, text: string): string {
  if (!io.color) return text;
  const [open, close] = CODES[name];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}
