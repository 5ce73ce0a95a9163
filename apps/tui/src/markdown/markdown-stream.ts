/**
 * Markdown rendered for a terminal while it streams.
 *
 * Design: text is sanitized as it arrives (control characters and escape sequences from the
 * model become visible `\x1b`-style text), so only the styles and cursor moves added here
 * reach the terminal raw. A complete line is rendered once, when its newline arrives. The
 * unfinished line is shown as it arrives, raw (behind the code margin inside a code block),
 * so the answer stays visible token by token; when it completes and its rendering differs
 * from what is shown, the cursor goes back to where the line started (up as many rows as
 * it wrapped to at the current width) and the rendered line replaces it. Per chunk the work
 * is proportional to the chunk; each line is rendered and measured once.
 */
import { sanitizeText } from '@flynn/core';
import { stripAnsi } from '../terminal/text-width.js';
import { cursorRow } from './cursor-row.js';
import type { Styler } from './render-inline.js';
import {
  type BlockState,
  closeBlocks,
  codeMargin,
  createBlockState,
  renderLine,
} from './render-line.js';

export interface MarkdownStreamOptions {
  style: Styler;
  /** The terminal's width now (read for every line, so a resize applies to the next one). */
  columns: () => number;
  /**
   * The terminal's height: an unfinished line that wrapped to more rows than the screen
   * has cannot be reached to redraw, and is left as it was shown.
   */
  rows?: () => number;
  /**
   * Show the unfinished line and redraw it when complete (a terminal). Without it an
   * unfinished line waits for its newline, and the output holds no cursor moves.
   */
  redraw: boolean;
}

export class MarkdownStream {
  readonly #options: MarkdownStreamOptions;
  readonly #state: BlockState = createBlockState();
  /** The unfinished line's text so far. */
  #line = '';
  /** What of the unfinished line is on the screen (margin included), if any. */
  #shown = '';
  /** How much of `#line` is in `#shown`. */
  #shownLength = 0;

  constructor(options: MarkdownStreamOptions) {
    this.#options = options;
  }

  /** The terminal text for `chunk` (outside text, sanitized here). */
  push(chunk: string): string {
    const text = sanitizeText(chunk);
    let output = '';
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      this.#line += text.slice(start, newline);
      output += `${this.#complete()}\n`;
      start = newline + 1;
    }
    const rest = text.slice(start);
    if (rest !== '') {
      this.#line += rest;
      if (this.#options.redraw) output += this.#show(rest);
    }
    return output;
  }

  /**
   * The terminal text that ends the answer: the unfinished line rendered, and the frame of
   * a code block left open closed. The cursor is left at the end of the last line.
   */
  end(): string {
    const unfinished = this.#line !== '' || this.#shown !== '';
    let output = unfinished ? this.#complete() : '';
    const closing = closeBlocks(this.#state, this.#renderOptions());
    if (closing !== undefined) output += `${unfinished ? '\n' : ''}${closing}`;
    return output;
  }

  #renderOptions() {
    return { style: this.#options.style, columns: this.#options.columns() };
  }

  /** Writes more of the unfinished line as it is (after the code margin on a new code line). */
  #show(text: string): string {
    const prefix = this.#shown === '' && this.#state.fence ? codeMargin(this.#options.style) : '';
    this.#shown += prefix + text;
    this.#shownLength += text.length;
    return prefix + text;
  }

  /** The unfinished line, now complete, rendered; replacing what was shown of it. */
  #complete(): string {
    const options = this.#renderOptions();
    const line = this.#line;
    const rendered = renderLine(line, this.#state, options);
    const shown = this.#shown;
    const shownLength = this.#shownLength;
    this.#line = '';
    this.#shown = '';
    this.#shownLength = 0;
    if (shown === '') return rendered;
    if (rendered.startsWith(shown)) return rendered.slice(shown.length);
    const up = cursorRow(stripAnsi(shown), options.columns);
    const rows = this.#options.rows?.();
    // Its start scrolled off the screen: the rest of the line goes on as it was shown.
    if (rows !== undefined && up >= rows) return line.slice(shownLength);
    return `\r${up > 0 ? `\u001b[${up}A` : ''}\u001b[J${rendered}`;
  }
}
