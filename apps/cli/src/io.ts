import { fstatSync, writeSync } from 'node:fs';
import { type ConfigParseCache, fileConfigParseCache } from '@flynn/config';
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
  /** What stdin is (pipe, file, terminal, other); without it, guessed from `stdin.isTTY`. */
  stdinKind?: () => StdinKind;
  /**
   * The width text should fit: `COLUMNS` when set, else the terminal's width when stdout is
   * one; undefined (no limit) for a pipe or file without `COLUMNS`.
   */
  columns?: number;
  /** Where parsed configs are cached across runs (the bin sets it; tests usually do not). */
  configParseCache?: ConfigParseCache;
  /**
   * Called by a command that, once it returns, leaves nothing running (no network call, no
   * store write, no child process still finishing): the bin may then end the process at once
   * ({@link mayEndNow}). Commands that are not sure never call it.
   */
  leavesNothingRunning?: () => void;
}

/**
 * What stdin is: a pipe or socket, a file, or a character device (a terminal, or /dev/null:
 * neither has text to read), or unknown.
 */
export type StdinKind = 'terminal' | 'pipe' | 'file' | 'other';

/** The kind of the process's fd 0, from `fstat` (without creating `process.stdin`). */
export function processStdinKind(): StdinKind {
  try {
    const stat = fstatSync(0);
    if (stat.isFIFO() || stat.isSocket()) return 'pipe';
    if (stat.isFile()) return 'file';
    if (stat.isCharacterDevice()) return 'terminal';
    return 'other';
  } catch {
    return 'other';
  }
}

/** How {@link processIO} treats the process's own streams. */
export interface ProcessIOOptions {
  /**
   * Called once when the reader of stdout or stderr has gone (EPIPE, e.g. `flynn ... | head`).
   * The `flynn` bin exits there; without it, later writes to that stream are dropped.
   */
  onBrokenPipe?: () => void;
  /**
   * Cache parsed configs in `directory` (Flynn's cache directory), keyed with `salt` (the
   * bundle's content key): see `@flynn/config`'s `fileConfigParseCache`.
   */
  configParseCache?: { directory: string; salt: string } | undefined;
}

/**
 * The process's streams, created only when used: `process.stdin` on first read, and
 * `process.stdout`/`process.stderr` only for a terminal or when a command needs more than
 * `write` (events, `columns`, piping). Creating them costs milliseconds that offline
 * `flynn doctor` cannot afford (docs/performance.md): for a pipe or a file, `write` is one
 * synchronous `write(2)`, which is what Node's own stream does there on POSIX.
 */
export function processIO(options: ProcessIOOptions = {}): CommandIO {
  const stdoutIsTerminal = isTerminal(1);
  return {
    stdout: lazyOutput(1, stdoutIsTerminal, () => process.stdout, options),
    stderr: lazyOutput(2, isTerminal(2), () => process.stderr, options),
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    stdinKind: processStdinKind,
    get columns() {
      return outputColumns(
        process.env,
        stdoutIsTerminal ? () => process.stdout.columns : undefined,
      );
    },
    color: stdoutIsTerminal && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    configParseCache: options.configParseCache
      ? fileConfigParseCache(options.configParseCache.directory, options.configParseCache.salt)
      : undefined,
    leavesNothingRunning: () => {
      nothingRunning = true;
    },
  };
}

/**
 * The width output should fit: a positive `COLUMNS`, else what `terminalWidth` says (the
 * terminal's width), else undefined.
 */
export function outputColumns(
  env: NodeJS.ProcessEnv,
  terminalWidth?: () => number | undefined,
): number | undefined {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  const width = terminalWidth?.();
  return width && width > 0 ? width : undefined;
}

/** Whether `fd` may be a terminal: a character device (a TTY, or /dev/null). */
function isTerminal(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return true; // unknown: let Node's own stream decide
  }
}

/**
 * Writes waiting for the end of the current tick, in order across stdout and stderr. A
 * command prints a report as dozens of lines in one synchronous run: one `write(2)` per
 * stream and tick instead of one per line (each is a system call). Flushed on the next
 * tick, before either stream switches to Node's stream, and at exit.
 */
type Chunk = string | Uint8Array;
/** Each piece with the writer of its fd (which writes now, synchronously or to the stream). */
const pending: Array<{ writeNow: (data: Chunk) => void; data: Chunk }> = [];
let flushScheduled = false;

function flushPending(): void {
  flushScheduled = false;
  while (pending.length > 0) {
    const first = pending[0] as (typeof pending)[number];
    let end = 1;
    while (end < pending.length && pending[end]?.writeNow === first.writeNow) end++;
    const run = pending.splice(0, end);
    const texts = run.map((piece) => piece.data);
    first.writeNow(
      texts.every((data) => typeof data === 'string')
        ? texts.join('')
        : Buffer.concat(texts.map((data) => (typeof data === 'string' ? Buffer.from(data) : data))),
    );
  }
}

function enqueue(writeNow: (data: Chunk) => void, data: Chunk): void {
  pending.push({ writeNow, data });
  if (flushScheduled) return;
  flushScheduled = true;
  process.nextTick(flushPending);
}

/** Whether {@link processIO} handed stdout or stderr to Node's own stream. */
let streamsCreated = false;
/** Whether the command that ran said it leaves nothing running (`leavesNothingRunning`). */
let nothingRunning = false;

/**
 * For the bin, once the command has returned: whether `process.exit` now loses nothing. True
 * when the command said it leaves nothing running and everything written through
 * {@link processIO}'s stdout and stderr has gone out by synchronous `write(2)`s (what is
 * batched is written here). False once Node's own stream took over one of them (a terminal,
 * or a full pipe, also during this flush), whose writes may still be in flight.
 */
export function mayEndNow(): boolean {
  if (!nothingRunning) return false;
  flushPending();
  return !streamsCreated;
}

let exitHooked = false;
function flushAtExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', flushPending);
}

/**
 * A writable for fd 1 or 2 whose `write` is a synchronous `write(2)` (batched per tick, see
 * {@link flushPending}) when the fd is a pipe, socket or file. Anything else (a terminal, any
 * other property, a full non-blocking pipe) switches it to the real stream for good, after
 * what is pending, so writes never overtake each other.
 */
function lazyOutput(
  fd: number,
  terminal: boolean,
  real: () => NodeJS.WriteStream,
  { onBrokenPipe }: ProcessIOOptions,
): NodeJS.WritableStream {
  let stream: NodeJS.WriteStream | undefined;
  let broken = false;
  const brokenPipe = () => {
    if (broken) return;
    broken = true;
    onBrokenPipe?.();
  };
  /** Node's stream for this fd, from now on. `flush`: write what is pending first. */
  const toStream = (flush = true): NodeJS.WriteStream => {
    if (stream) return stream;
    if (flush) flushPending();
    streamsCreated = true;
    stream = real();
    if (onBrokenPipe)
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') brokenPipe();
        else throw error;
      });
    return stream;
  };
  const writeNow = (text: Chunk): void => {
    if (stream) {
      stream.write(text);
      return;
    }
    if (broken) return;
    const data = typeof text === 'string' ? Buffer.from(text) : text;
    let written = 0;
    try {
      while (written < data.length) written += writeSync(fd, data, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
        brokenPipe();
        return;
      }
      // A full non-blocking pipe (EAGAIN) or anything else: Node's stream waits for the
      // reader or reports the error its own way; from now on it writes. Called from
      // flushPending, which sends what follows in order after this: no flush here.
      toStream(false).write(data.subarray(written));
    }
  };
  if (terminal) toStream();
  const write = (chunk: Chunk, ...rest: unknown[]): boolean => {
    if (stream) return (stream.write as (...args: unknown[]) => boolean)(chunk, ...rest);
    if (broken) return true;
    flushAtExit();
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
    enqueue(writeNow, typeof chunk === 'string' && encoding ? Buffer.from(chunk, encoding) : chunk);
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  };
  return new Proxy({} as NodeJS.WritableStream, {
    get(_target, property) {
      if (property === 'write') return write;
      const target = toStream();
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(_target, property, value) {
      return Reflect.set(toStream(), property, value);
    },
    has(_target, property) {
      return property === 'write' || Reflect.has(toStream(), property);
    },
  });
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
