/**
 * The terminal implementation for a real TTY.
 *
 * Guarantees:
 * - raw mode is held for the whole session, so the kernel never echoes what is typed
 *   between prompts (a secret pasted a moment too early is not shown either);
 * - a hidden prompt writes nothing per keystroke: no characters, no placeholders, so
 *   neither the secret nor its length appears;
 * - hidden input never enters the line-editing history;
 * - `restore()` turns raw mode off and shows the cursor, and runs on every exit path:
 *   the caller's `finally`, a process `exit` hook, and SIGTERM/SIGHUP (restored, then
 *   the signal is raised again so the process still ends the way the sender meant).
 */
import { createInterface, type Interface } from 'node:readline';
import { SecretInput } from './secret-input.js';
import type { LineResult, ReadLineOptions, SecretResult, Terminal } from './terminal.js';

export type TerminalInput = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
};
export type TerminalOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const SHOW_CURSOR = '\u001b[?25h';
/** Signals that end the process by default; the terminal is restored before they do. */
const SIGNALS = ['SIGTERM', 'SIGHUP'] as const;
const HISTORY_SIZE = 200;

function chunkText(chunk: unknown): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
}

export class TtyTerminal implements Terminal {
  readonly interactive = true;
  readonly #input: TerminalInput;
  readonly #output: TerminalOutput;
  #history: string[] = [];
  #restored = false;
  /** The line being read, and how to end it early. */
  #active: { lines: Interface; cancel(): void } | undefined;
  readonly #onExit = () => this.restore();
  readonly #onSignal = (signal: NodeJS.Signals) => {
    this.restore();
    process.kill(process.pid, signal);
  };

  constructor(input: TerminalInput, output: TerminalOutput) {
    this.#input = input;
    this.#output = output;
    process.once('exit', this.#onExit);
    for (const signal of SIGNALS) process.once(signal, this.#onSignal);
    this.#setRaw(true);
  }

  readLine(prompt: string, options: ReadLineOptions = {}): Promise<LineResult> {
    return new Promise((resolve) => {
      const keep = options.history === true;
      const lines = createInterface({
        input: this.#input,
        output: this.#output,
        terminal: true,
        prompt,
        history: keep ? [...this.#history] : [],
        historySize: keep ? HISTORY_SIZE : 0,
        removeHistoryDuplicates: true,
      });
      let settled = false;
      const finish = (result: LineResult) => {
        if (settled) return;
        settled = true;
        this.#active = undefined;
        lines.close();
        // readline drops raw mode on close; take it back before anything can be echoed.
        this.#setRaw(true);
        if (result.type !== 'line') this.#output.write('\n');
        resolve(result);
      };
      if (keep) {
        lines.on('history', (history: string[]) => {
          this.#history = [...history];
        });
      }
      lines.on('line', (text) => finish({ type: 'line', text }));
      lines.on('SIGINT', () => finish({ type: 'interrupt', text: lines.line }));
      lines.on('close', () => finish({ type: 'eof' }));
      // Back from Ctrl-Z: readline paused itself; carry on where the line was.
      lines.on('SIGCONT', () => lines.prompt(true));
      this.#active = { lines, cancel: () => finish({ type: 'eof' }) };
      lines.prompt();
    });
  }

  updatePrompt(prompt: string): void {
    if (!this.#active) return;
    this.#active.lines.setPrompt(prompt);
    // Redraws prompt and typed text in place, keeping the cursor where it was.
    this.#active.lines.prompt(true);
  }

  cancelRead(): void {
    this.#active?.cancel();
  }

  readSecret(prompt: string): Promise<SecretResult> {
    return new Promise((resolve) => {
      const decoder = new SecretInput();
      const onData = (chunk: unknown) => {
        const outcome = decoder.push(chunkText(chunk));
        if (outcome.type === 'pending') return;
        this.#input.removeListener('data', onData);
        this.#input.removeListener('end', onEnd);
        this.#input.pause();
        this.#output.write('\n');
        resolve(outcome.type === 'done' ? { type: 'secret', value: outcome.value } : outcome);
      };
      const onEnd = () => {
        this.#input.removeListener('data', onData);
        this.#output.write('\n');
        resolve({ type: 'cancel' });
      };
      this.#setRaw(true);
      this.#input.on('data', onData);
      this.#input.once('end', onEnd);
      this.#input.resume();
      this.#output.write(prompt);
    });
  }

  watchInterrupt(handler: () => void): () => void {
    // Keys typed meanwhile are kept for the next prompt (as a shell keeps type-ahead),
    // unless Ctrl-C comes: cancelling drops them too.
    let typeAhead = '';
    const onData = (chunk: unknown) => {
      const text = chunkText(chunk);
      if (text.includes('\u0003')) {
        typeAhead = '';
        handler();
      } else {
        typeAhead += text;
      }
    };
    this.#setRaw(true);
    this.#input.on('data', onData);
    this.#input.resume();
    return () => {
      this.#input.removeListener('data', onData);
      this.#input.pause();
      if (typeAhead)
        (this.#input as NodeJS.ReadableStream & { unshift(chunk: string): void }).unshift(
          typeAhead,
        );
    };
  }

  restore(): void {
    if (this.#restored) return;
    this.#restored = true;
    process.removeListener('exit', this.#onExit);
    for (const signal of SIGNALS) process.removeListener(signal, this.#onSignal);
    this.#setRaw(false, true);
    this.#input.pause();
    this.#output.write(SHOW_CURSOR);
  }

  #setRaw(mode: boolean, force = false): void {
    if (this.#restored && !force) return;
    try {
      this.#input.setRawMode?.(mode);
    } catch {
      // The terminal went away (hang-up): there is nothing left to restore.
    }
  }
}
