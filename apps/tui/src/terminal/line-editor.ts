/**
 * The prompt's line editor (no readline): the text being typed, the cursor, and the
 * history of this session. Pure state; `TtyTerminal` feeds it keys and draws it.
 *
 * Multi-line: Shift+Enter (where the terminal reports it), Alt+Enter, Ctrl+J, and `\`
 * right before Enter insert a newline; a bracketed paste is inserted whole, newlines kept.
 */
import type { Key } from './keys.js';
import { charWidth } from './text-width.js';

export type EditorOutcome =
  | { type: 'pending' }
  | { type: 'submit'; text: string }
  | { type: 'interrupt'; text: string }
  | { type: 'eof' }
  | { type: 'complete' }
  | { type: 'suspend' }
  | { type: 'clear' };

/** Code points, with combining marks kept on the character before them. */
function clusters(text: string): string[] {
  const out: string[] = [];
  for (const character of text) {
    if (out.length > 0 && charWidth(character) === 0 && character !== '\n') {
      out[out.length - 1] += character;
    } else {
      out.push(character);
    }
  }
  return out;
}

const WORD = /[\p{L}\p{N}_]/u;

export class LineEditor {
  text = '';
  /** The cursor, as an index into `text` (always at a cluster boundary). */
  cursor = 0;
  readonly #history: string[];
  #historyIndex: number;
  #draft = '';

  constructor(history: string[] = []) {
    this.#history = history;
    this.#historyIndex = history.length;
  }

  /** Sets the text, cursor at its end. */
  set(text: string): void {
    this.text = text;
    this.cursor = text.length;
  }

  insert(text: string): void {
    this.text = this.text.slice(0, this.cursor) + text + this.text.slice(this.cursor);
    this.cursor += text.length;
  }

  apply(key: Key): EditorOutcome {
    if (key.type === 'text') {
      this.insert(key.text);
      return { type: 'pending' };
    }
    if (key.type === 'paste') {
      // Control characters other than newlines are dropped; a tab becomes spaces (what it shows as).
      const text = key.text
        .replace(/\t/g, '    ')
        // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
        .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
      this.insert(text);
      return { type: 'pending' };
    }
    switch (key.name) {
      case 'enter':
        if (this.text.slice(0, this.cursor).endsWith('\\')) {
          // `\` then Enter: a newline instead of the backslash.
          this.text = `${this.text.slice(0, this.cursor - 1)}\n${this.text.slice(this.cursor)}`;
          return { type: 'pending' };
        }
        return { type: 'submit', text: this.text };
      case 'newline':
        this.insert('\n');
        break;
      case 'backspace':
        this.#deleteBack(this.#previous());
        break;
      case 'delete':
        this.#deleteForward(this.#next());
        break;
      case 'left':
        this.cursor = this.#previous();
        break;
      case 'right':
        this.cursor = this.#next();
        break;
      case 'home':
        this.cursor = this.#lineStart();
        break;
      case 'end':
        this.cursor = this.#lineEnd();
        break;
      case 'word-left':
        this.cursor = this.#wordLeft();
        break;
      case 'word-right':
        this.cursor = this.#wordRight();
        break;
      case 'kill-start':
        this.#deleteBack(this.#lineStart());
        break;
      case 'kill-end':
        this.#deleteForward(this.#lineEnd());
        break;
      case 'kill-word':
        this.#deleteBack(this.#wordLeft());
        break;
      case 'up':
        this.#recall(-1);
        break;
      case 'down':
        this.#recall(1);
        break;
      case 'tab':
        return { type: 'complete' };
      case 'interrupt':
        return { type: 'interrupt', text: this.text };
      case 'eof':
        if (this.text === '') return { type: 'eof' };
        this.#deleteForward(this.#next());
        break;
      case 'suspend':
        return { type: 'suspend' };
      case 'clear':
        return { type: 'clear' };
      case 'escape':
        break;
    }
    return { type: 'pending' };
  }

  /** Adds a submitted line to the history (not blank ones, not a repeat of the last). */
  remember(text: string): void {
    if (text.trim() !== '' && this.#history.at(-1) !== text) this.#history.push(text);
    this.#historyIndex = this.#history.length;
  }

  #recall(step: number): void {
    const index = this.#historyIndex + step;
    if (index < 0 || index > this.#history.length) return;
    if (this.#historyIndex === this.#history.length) this.#draft = this.text;
    this.#historyIndex = index;
    this.set(index === this.#history.length ? this.#draft : (this.#history[index] ?? ''));
  }

  #previous(): number {
    const before = clusters(this.text.slice(0, this.cursor));
    return this.cursor - (before.at(-1)?.length ?? 0);
  }

  #next(): number {
    const after = clusters(this.text.slice(this.cursor));
    return this.cursor + (after[0]?.length ?? 0);
  }

  #lineStart(): number {
    return this.text.lastIndexOf('\n', this.cursor - 1) + 1;
  }

  #lineEnd(): number {
    const end = this.text.indexOf('\n', this.cursor);
    return end === -1 ? this.text.length : end;
  }

  #wordLeft(): number {
    let index = this.cursor;
    while (index > 0 && !WORD.test(this.text[index - 1] ?? '')) index--;
    while (index > 0 && WORD.test(this.text[index - 1] ?? '')) index--;
    return index;
  }

  #wordRight(): number {
    let index = this.cursor;
    const length = this.text.length;
    while (index < length && !WORD.test(this.text[index] ?? '')) index++;
    while (index < length && WORD.test(this.text[index] ?? '')) index++;
    return index;
  }

  #deleteBack(to: number): void {
    this.text = this.text.slice(0, to) + this.text.slice(this.cursor);
    this.cursor = to;
  }

  #deleteForward(to: number): void {
    this.text = this.text.slice(0, this.cursor) + this.text.slice(to);
  }
}
