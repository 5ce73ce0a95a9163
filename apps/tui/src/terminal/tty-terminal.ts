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
import {
  appendInPlace,
  drawEditor,
  type EditorView,
  eraseEditor,
  moveToEnd,
  screenColumns,
  screenRows,
} from './draw-editor.js';
import { encodeKey, type Key, KeyDecoder } from './keys.js';
import { LineEditor } from './line-editor.js';
import { SecretInput } from './secret-input.js';
import { SelectList } from './select-list.js';
import type {
  LineResult,
  ReadLineOptions,
  SecretResult,
  SelectOptions,
  Terminal,
} from './terminal.js';
import { fitWidth, stripAnsi, textWidth } from './text-width.js';

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
const HIDE_CURSOR = '\u001b[?25l';
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
  /** The line being read, and how to end it early (returning what was typed). */
  #active: { setPrompt(prompt: string): void; cancel(): string } | undefined;
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
      if (options.text) editor.set(options.text);
      const decoder = new KeyDecoder();
      const view: EditorView = { prompt, rows: 0 };
      let settled = false;
      const draw = () => {
        drawEditor(this.#output, view, editor);
      };
      const finish = (result: LineResult, erase = false) => {
        if (settled) return;
        settled = true;
        this.#active = undefined;
        this.#input.removeListener('data', onData);
        this.#input.removeListener('end', onEnd);
        this.#output.removeListener?.('resize', draw);
        process.removeListener('SIGCONT', onContinue);
        this.#input.pause();
        if (erase) {
          // Ended from outside (cancelRead): the prompt and its text leave the screen; the
          // caller has the text and shows it again where it belongs.
          this.#output.write(eraseEditor(view));
        } else {
          // The cursor goes below the whole text before anything else is written.
          moveToEnd(this.#output, view, editor);
          this.#output.write('\r\n');
        }
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
      const apply = (key: Key) => {
        if (options.escapeCancels && key.type === 'key' && key.name === 'escape') {
          finish({ type: 'interrupt', text: editor.text });
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
            moveToEnd(this.#output, view, editor);
            this.#output.write(`\r\n${BRACKETED_PASTE_OFF}`);
            this.#setRaw(false);
            process.kill(process.pid, 'SIGTSTP');
            break;
          default:
            if (editor.text !== before.text || editor.cursor !== before.cursor) {
              if (!appendInPlace(this.#output, view, editor, before, key)) draw();
            }
        }
      };
      const onData = (chunk: unknown) => {
        const keys = decoder.push(chunkText(chunk));
        let taken = 0;
        while (!settled && taken < keys.length) apply(keys[taken++] as Key);
        // Keys after Enter (a fast typist, or lines pasted where the terminal does not mark
        // pastes) belong to the next prompt: kept, never dropped, with the start of a key
        // sequence the chunk cut in two.
        if (settled) this.#keepTypeAhead(keys.slice(taken), decoder.takeUnread());
      };
      const onEnd = () => finish({ type: 'eof' });
      this.#setRaw(true);
      this.#input.on('data', onData);
      this.#input.once('end', onEnd);
      this.#output.on?.('resize', draw);
      process.on('SIGCONT', onContinue);
      this.#active = {
        cancel: () => {
          const typed = editor.text;
          finish({ type: 'eof' }, true);
          // The start of a key sequence or paste still arriving goes to whatever reads next.
          this.#keepTypeAhead([], decoder.takeUnread());
          return typed;
        },
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
  #complete(editor: LineEditor, options: ReadLineOptions, view: EditorView) {
    const candidates = options.complete?.(editor.text) ?? [];
    if (candidates.length === 0) return;
    const common = candidates.reduce((prefix, candidate) => {
      let length = 0;
      while (length < prefix.length && prefix[length] === candidate[length]) length++;
      return prefix.slice(0, length);
    });
    if (candidates.length > 1) {
      moveToEnd(this.#output, view, editor);
      const names = candidates.map((candidate) => candidate.split(' ').at(-1) ?? candidate);
      this.#output.write(`\r\n${terminalText(names.join('  '), { styles: false })}\r\n`);
      view.rows = 0;
    }
    if (common.length >= editor.text.length) editor.set(common);
  }

  select(options: SelectOptions): Promise<number | undefined> {
    return new Promise((resolve) => {
      const list = new SelectList(options.count, options.initial, options.names);
      const decoder = new KeyDecoder();
      /** The widths of the lines on screen; the cursor is at the end of the last. */
      let drawn: number[] = [];
      let settled = false;
      // Back to the top of the drawing and clear below. After a narrowing resize a terminal
      // that reflows has wrapped each line over several rows: those are counted too.
      const erase = () => {
        const width = screenColumns(this.#output);
        const up = drawn.reduce(
          (rows, used, index) =>
            rows +
            (index < drawn.length - 1
              ? Math.max(1, Math.ceil(used / width))
              : Math.floor(used / width)),
          0,
        );
        return `\r${up > 0 ? `\u001b[${up}A` : ''}\u001b[J`;
      };
      const draw = () => {
        const width = screenColumns(this.#output);
        const height = screenRows(this.#output);
        // One column short of the width: a full row would leave the cursor waiting to wrap.
        let lines = options
          .render(list.selected, width, height)
          .map((line) =>
            fitWidth(
              terminalText(line, { styles: true }).replace(/\n/g, ' '),
              Math.max(1, width - 1),
            ),
          );
        // One row short of the height: a drawing that scrolls the screen cannot be erased in
        // place. The last line (the key hints) stays.
        if (height !== undefined && lines.length > Math.max(2, height - 1)) {
          lines = [...lines.slice(0, Math.max(1, height - 2)), lines.at(-1) as string];
        }
        this.#output.write(`${erase()}${HIDE_CURSOR}${lines.join('\r\n')}`);
        drawn = lines.map((line) => textWidth(stripAnsi(line)));
      };
      const finish = (index: number | undefined, rest: Key[]) => {
        if (settled) return;
        settled = true;
        this.#input.removeListener('data', onData);
        this.#input.removeListener('end', onEnd);
        this.#output.removeListener?.('resize', draw);
        this.#input.pause();
        this.#output.write(`${erase()}${SHOW_CURSOR}`);
        drawn = [];
        // Keys typed after Enter or Esc belong to the next prompt.
        this.#keepTypeAhead(rest, decoder.takeUnread());
        resolve(index);
      };
      const onData = (chunk: unknown) => {
        const keys = decoder.push(chunkText(chunk));
        for (const [position, key] of keys.entries()) {
          const outcome = list.apply(key);
          if (outcome.type === 'moved') draw();
          else if (outcome.type === 'chosen') finish(outcome.index, keys.slice(position + 1));
          else if (outcome.type === 'cancelled') finish(undefined, keys.slice(position + 1));
          if (settled) return;
        }
      };
      const onEnd = () => finish(undefined, []);
      this.#setRaw(true);
      this.#input.on('data', onData);
      this.#input.once('end', onEnd);
      this.#output.on?.('resize', draw);
      draw();
      this.#input.resume();
    });
  }

  updatePrompt(prompt: string): void {
    this.#active?.setPrompt(prompt);
  }

  cancelRead(): string {
    return this.#active?.cancel() ?? '';
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

  /**
   * Puts `keys`, then `unread` (input not yet decoded: the start of a key sequence), back in
   * front of the input, for whatever reads it next.
   */
  #keepTypeAhead(keys: readonly Key[], unread = ''): void {
    const typeAhead = keys.map(encodeKey).join('') + unread;
    if (typeAhead)
      (this.#input as NodeJS.ReadableStream & { unshift(chunk: string): void }).unshift(typeAhead);
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
