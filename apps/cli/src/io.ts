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

/** Writes a line to stdout. */
export function println(io: CommandIO, text = ''): void {
  io.stdout.write(`${text}\n`);
}

/** Writes a line to stderr. */
export function eprintln(io: CommandIO, text = ''): void {
  io.stderr.write(`${text}\n`);
}

/** Pretty JSON on stdout, the `--json` form of every command. */
export function printJson(io: CommandIO, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
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
