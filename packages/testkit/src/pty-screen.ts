// A program on a real pseudo-terminal, and a screen that accumulates what it prints so
// tests can wait for text the way a person would look for it. What the terminal shows is
// everything the program wrote to it, echo included, so "nothing on the screen" is checked
// on exactly what a user would see.
//
// node-pty (a native addon, a devDependency of this kit) is loaded on the first spawn
// only: the kit's other users never load it.
import { createRequire } from 'node:module';
import type { Terminal as HeadlessTerminal } from '@xterm/headless';
import type { IPty } from 'node-pty';

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal control sequences.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;

/** `raw` without escape sequences and carriage returns: roughly what a person reads. */
export function plainText(raw: string): string {
  return raw.replace(ESCAPES, '').replace(/\r/g, '');
}

export interface PtyScreenOptions {
  /** The program, e.g. `process.execPath` (with the script as the first arg) or `/bin/sh`. */
  file: string;
  args?: string[];
  /** Exactly the program's environment (node-pty then sets `TERM` to `term`). */
  env: NodeJS.ProcessEnv;
  /** The terminal type, also `TERM`; default `env.TERM`, else `xterm` (node-pty's default). */
  term?: string;
  cols?: number;
  rows?: number;
  cwd?: string;
}

export interface WaitOptions {
  /** Only look at output after this offset (from `mark()`); default: all output. */
  since?: number;
  /**
   * Default 15 s: under vitest's 20 s per test, so a wait that never ends fails with the
   * screen in the message, yet not so far under it that a slow step alone fails the test.
   * (The first prompt and the first answer of a fresh TUI load the config, @flynn/models and
   * a provider SDK: 0.5 s on an idle machine, over 4 s with the CPUs busy.)
   */
  timeoutMs?: number;
}

let nodePty: typeof import('node-pty') | undefined;
let xtermHeadless: typeof import('@xterm/headless') | undefined;
function loadNodePty(): typeof import('node-pty') {
  nodePty ??= createRequire(import.meta.url)('node-pty') as typeof import('node-pty');
  return nodePty;
}
function loadXtermHeadless(): typeof import('@xterm/headless') {
  xtermHeadless ??= createRequire(import.meta.url)(
    '@xterm/headless',
  ) as typeof import('@xterm/headless');
  return xtermHeadless;
}

/** What a terminal shows at one moment: its visible rows and where the cursor is. */
export interface ScreenView {
  /** The visible rows, top to bottom, trailing spaces removed. */
  rows: string[];
  /** The cursor's row (0 = top of the visible rows) and column. */
  cursor: { row: number; column: number };
  /** Rows scrolled off the top so far (the terminal's scrollback). */
  scrolledOff: number;
}

export class PtyScreen {
  /** Everything the program wrote, escape sequences included. */
  raw = '';
  /** Resolves when the program has exited (it is never killed for you: see `exit`). */
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  readonly #pty: IPty;
  #listeners = new Set<() => void>();
  #exitCode: number | undefined;
  /** The size at start and each resize, with how much of `raw` had arrived by then. */
  readonly #sizes: Array<{ at: number; cols: number; rows: number }>;
  /** The emulator behind {@link view}, and how far into `raw` (and `#sizes`) it has read. */
  #emulator: { terminal: HeadlessTerminal; read: number; sizes: number } | undefined;

  constructor(options: PtyScreenOptions) {
    this.#sizes = [{ at: 0, cols: options.cols ?? 120, rows: options.rows ?? 40 }];
    this.#pty = loadNodePty().spawn(options.file, options.args ?? [], {
      name: options.term ?? options.env.TERM ?? 'xterm',
      cols: options.cols ?? 120,
      rows: options.rows ?? 40,
      cwd: options.cwd ?? process.cwd(),
      env: options.env as Record<string, string>,
    });
    this.#pty.onData((data) => {
      this.raw += data;
      for (const listener of this.#listeners) listener();
    });
    this.exited = new Promise((resolve) => {
      this.#pty.onExit((event) => {
        this.#exitCode = event.exitCode;
        resolve(event);
        for (const listener of this.#listeners) listener();
      });
    });
  }

  /** The process id of the program on the pty. */
  get pid(): number {
    return this.#pty.pid;
  }

  /** What is on the screen so far, without escape sequences. */
  get text(): string {
    return plainText(this.raw);
  }

  /**
   * An offset for `waitFor({ since })`: only output after this point counts. Take it
   * before the keystroke whose output you then wait for, never right after `waitFor`
   * saw earlier output: the program often writes a message and the next prompt in one
   * go, the pty hands both over in one chunk, and a mark taken then is past the prompt.
   */
  mark(): number {
    return this.raw.length;
  }

  /** Text written since `mark`, without escape sequences. */
  textSince(mark: number): string {
    return plainText(this.raw.slice(mark));
  }

  write(data: string): void {
    this.#pty.write(data);
  }

  /** Resizes the terminal, as a user dragging the window would (the program gets SIGWINCH). */
  resize(cols: number, rows: number): void {
    this.#sizes.push({ at: this.raw.length, cols, rows });
    this.#pty.resize(cols, rows);
  }

  /**
   * What a person sees now: everything written so far run through a terminal emulator
   * (xterm.js, headless) of the pty's size, resizes replayed where they happened. Unlike
   * `text`, which keeps every character ever written, this shows the result of cursor moves
   * and erases: a redraw that leaves garbage or scrolls wrongly shows here.
   */
  async view(): Promise<ScreenView> {
    if (!this.#emulator) {
      const first = this.#sizes[0] as { cols: number; rows: number };
      const { Terminal } = loadXtermHeadless();
      this.#emulator = {
        terminal: new Terminal({ cols: first.cols, rows: first.rows, allowProposedApi: true }),
        read: 0,
        sizes: 1,
      };
    }
    const emulator = this.#emulator;
    const feed = (data: string) =>
      new Promise<void>((resolve) => emulator.terminal.write(data, resolve));
    while (emulator.sizes < this.#sizes.length) {
      const size = this.#sizes[emulator.sizes] as { at: number; cols: number; rows: number };
      await feed(this.raw.slice(emulator.read, size.at));
      emulator.read = size.at;
      emulator.terminal.resize(size.cols, size.rows);
      emulator.sizes++;
    }
    const end = this.raw.length;
    await feed(this.raw.slice(emulator.read, end));
    emulator.read = end;
    const buffer = emulator.terminal.buffer.active;
    const rows: string[] = [];
    for (let row = 0; row < emulator.terminal.rows; row++) {
      rows.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
    }
    return {
      rows,
      cursor: { row: buffer.cursorY, column: buffer.cursorX },
      scrolledOff: buffer.baseY,
    };
  }

  /** Types `line` and presses Enter, in one write. */
  type(line: string): void {
    this.#pty.write(`${line}\r`);
  }

  /** Types `text` one character at a time, as a person would (no Enter). */
  async typeSlowly(text: string, delayMs = 2): Promise<void> {
    for (const char of text) {
      this.#pty.write(char);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  /**
   * Resolves with the text since `since` when `pattern` appears in it (escape sequences
   * removed); rejects after the timeout, or when the program exits first, with the
   * screen so far in the message.
   */
  waitFor(pattern: string | RegExp, options: WaitOptions = {}): Promise<string> {
    const since = options.since ?? 0;
    const timeoutMs = options.timeoutMs ?? 15_000;
    const found = () => {
      const text = this.textSince(since);
      return typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text);
    };
    return new Promise((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.#listeners.delete(check);
        if (error) reject(error);
        else resolve(this.textSince(since));
      };
      const failure = (why: string) =>
        new Error(
          `${why} waiting for ${String(pattern)}.\n--- screen since mark ---\n${this.textSince(since).slice(-3000)}\n--- end ---`,
        );
      const check = () => {
        if (found()) done();
        else if (this.#exitCode !== undefined) done(failure(`Program exited (${this.#exitCode})`));
      };
      const timer = setTimeout(() => done(failure(`Timed out after ${timeoutMs} ms`)), timeoutMs);
      this.#listeners.add(check);
      check();
    });
  }

  /** Waits for the program to exit and resolves to its exit code; kills it after `timeoutMs`. */
  async exit(timeoutMs = 10_000): Promise<number> {
    const timer = setTimeout(() => this.kill(), timeoutMs);
    const { exitCode } = await this.exited;
    clearTimeout(timer);
    return exitCode;
  }

  kill(): void {
    try {
      this.#pty.kill('SIGKILL');
    } catch {}
  }
}

/**
 * Whether any run of `window` consecutive characters of `secret` appears in `raw`
 * (escape sequences removed or not). Returns the offending piece, or `undefined`.
 */
export function findSecretPiece(raw: string, secret: string, window = 4): string | undefined {
  const haystacks = [raw, plainText(raw), raw.replace(/\s+/g, '')];
  for (let start = 0; start + window <= secret.length; start++) {
    const piece = secret.slice(start, start + window);
    if (haystacks.some((text) => text.includes(piece))) return piece;
  }
  return undefined;
}
