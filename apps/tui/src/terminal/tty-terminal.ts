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
import { terminalText } from '@flynn/core';
import { appendInPlace, drawEditor, moveToEnd } from './draw-editor.js';
import { KeyDecoder } from './keys.js';
import { LineEditor } from './line-editor.js';
import { SecretInput } from './secret-input.js';
import type { LineResult, ReadLineOptions, SecretResult, Terminal } from './terminal.js';

export type TerminalInput = NodeJS.ReadableStream & {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
};
export type TerminalOutput = NodeJS.WritableStream & {
  isTTY?: boolean;
  columns?: number;
  rows?: number;
  on?(event: 'resize', listener: () => void): unknown;
  removeListener?(event: 'resize', listener: () => void): unknown;
};

const SHOW_CURSOR = '\u001b[?25h';
const BRACKETED_PASTE_ON = '\u001b[?2004h';
const BRACKETED_PASTE_OFF = '\u001b[?2004l';
/** Signals that end the process by default; the terminal is restored before they do. */
const SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

function chunkText(chunk: unknown): string {
  return typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
}

/**
 * Where Ctrl-C, or an Esc on its own (not the start of an arrow key's sequence), is in a
 * chunk read while work runs.
 */
function cancelKeyAt(text: string): { index: number; length: number } | undefined {
  const interrupt = text.indexOf('\u0003');
  if (interrupt !== -1) return { index: interrupt, length: 1 };
  for (
    let index = text.indexOf('\u001b');
    index !== -1;
    index = text.indexOf('\u001b', index + 1)
  ) {
    const next = text[index + 1];
    if (next === undefined || next === '\u001b') return { index, length: 1 };
  }
  return undefined;
}

export class TtyTerminal implements Terminal {
  readonly interactive = true;
  readonly #input: TerminalInput;
  readonly #output: TerminalOutput;
  #history: string[] = [];
  #restored = false;
  /** The line being read, and how to end it early. */
  #active: { setPrompt(prompt: string): void; cancel(): void } | undefined;
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
    // A paste arrives marked, so its newlines are text, not Enter.
    this.#output.write(BRACKETED_PASTE_ON);
  }

  readLine(prompt: string, options: ReadLineOptions = {}): Promise<LineResult> {
    return new Promise((resolve) => {
      const keep = options.history === true;
      const editor = new LineEditor(keep ? this.#history : []);
      const decoder = new KeyDecoder();
      const view = { prompt, rows: 0 };
      let settled = false;
      const draw = () => {
        view.rows = drawEditor(this.#output, view.prompt, editor, view.rows);
      };
      const finish = (result: LineResult) => {
        if (settled) return;
        settled = true;
        this.#active = undefined;
        this.#input.removeListener('data', onData);
        this.#input.removeListener('end', onEnd);
        this.#output.removeListener?.('resize', draw);
        process.removeListener('SIGCONT', onContinue);
        this.#input.pause();
        // The cursor goes below the whole text before anything else is written.
        moveToEnd(this.#output, view.prompt, editor, view.rows);
        this.#output.write('\r\n');
        if (keep && result.type === 'line') editor.remember(result.text);
        resolve(result);
      };
      const onContinue = () => {
        // Back from Ctrl-Z: the shell had the terminal; take raw mode back and redraw.
        this.#setRaw(true);
        this.#output.write(BRACKETED_PASTE_ON);
        view.rows = 0;
        draw();
        this.#input.resume();
      };
      const onData = (chunk: unknown) => {
        for (const key of decoder.push(chunkText(chunk))) {
          if (settled) {
            // Keys after Enter belong to the next prompt.
            return;
          }
          const before = { text: editor.text, cursor: editor.cursor };
          const outcome = editor.apply(key);
          switch (outcome.type) {
            case 'submit':
              finish({ type: 'line', text: outcome.text });
              break;
            case 'interrupt':
              finish({ type: 'interrupt', text: outcome.text });
              break;
            case 'eof':
              finish({ type: 'eof' });
              break;
            case 'complete':
              this.#complete(editor, options, view);
              draw();
              break;
            case 'clear':
              this.#output.write('\u001b[2J\u001b[H');
              view.rows = 0;
              draw();
              break;
            case 'suspend':
              moveToEnd(this.#output, view.prompt, editor, view.rows);
              this.#output.write(`\r\n${BRACKETED_PASTE_OFF}`);
              this.#setRaw(false);
              process.kill(process.pid, 'SIGTSTP');
              break;
            default:
              if (editor.text !== before.text || editor.cursor !== before.cursor) {
                if (!appendInPlace(this.#output, view, editor, before, key)) draw();
              }
          }
        }
      };
      const onEnd = () => finish({ type: 'eof' });
      this.#setRaw(true);
      this.#input.on('data', onData);
      this.#input.once('end', onEnd);
      this.#output.on?.('resize', draw);
      process.on('SIGCONT', onContinue);
      this.#active = {
        cancel: () => finish({ type: 'eof' }),
        setPrompt: (next) => {
          view.prompt = next;
          draw();
        },
      };
      draw();
      this.#input.resume();
    });
  }

  /** Tab: one completion is taken; several are listed above the prompt, their common start taken. */
  #complete(editor: LineEditor, options: ReadLineOptions, view: { prompt: string; rows: number }) {
    const candidates = options.complete?.(editor.text) ?? [];
    if (candidates.length === 0) return;
    const common = candidates.reduce((prefix, candidate) => {
      let length = 0;
      while (length < prefix.length && prefix[length] === candidate[length]) length++;
      return prefix.slice(0, length);
    });
    if (candidates.length > 1) {
      moveToEnd(this.#output, view.prompt, editor, view.rows);
      const names = candidates.map((candidate) => candidate.split(' ').at(-1) ?? candidate);
      this.#output.write(`\r\n${terminalText(names.join('  '), { styles: false })}\r\n`);
      view.rows = 0;
    }
    if (common.length >= editor.text.length) editor.set(common);
  }

  updatePrompt(prompt: string): void {
    this.#active?.setPrompt(prompt);
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
    // Keys typed meanwhile are kept for the next prompt (as a shell keeps type-ahead), also
    // when Ctrl-C or Esc cancels the work: only that key itself is taken out.
    let typeAhead = '';
    const onData = (chunk: unknown) => {
      const text = chunkText(chunk);
      const cancel = cancelKeyAt(text);
      if (cancel === undefined) {
        typeAhead += text;
        return;
      }
      typeAhead += text.slice(0, cancel.index) + text.slice(cancel.index + cancel.length);
      handler();
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
    this.#output.write(`${BRACKETED_PASTE_OFF}${SHOW_CURSOR}`);
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
