import { sanitizeText } from '@flynn/core';
import { MarkdownStream } from './markdown/markdown-stream.js';
import type { MarkdownStyle } from './markdown/render-inline.js';
import type { Screen, StyleName } from './screen.js';

/** Where a streamed answer goes: `write` each text delta, `end` once (also after a cancel). */
export interface AnswerWriter {
  write(text: string): void;
  end(): void;
}

const STYLES: Record<MarkdownStyle, StyleName[]> = {
  bold: ['bold'],
  italic: ['italic'],
  code: ['cyan'],
  link: ['underline'],
  dim: ['dim'],
  heading: ['bold', 'underline'],
  marker: ['cyan'],
};

/**
 * The answer's writer for this screen. On a terminal with colors the Markdown is rendered
 * as it streams (`MarkdownStream`). With NO_COLOR or when the output is not a terminal the
 * answer is written as the model sent it, sanitized: Markdown source is itself the readable
 * plain form, it streams token by token without any escape sequence, and a script reading
 * the output gets the text unchanged.
 */
export function createAnswerWriter(screen: Screen): AnswerWriter {
  if (!(screen.color && screen.interactive)) {
    return {
      write: (text) => screen.write(sanitizeText(text)),
      end() {},
    };
  }
  const markdown = new MarkdownStream({
    style: (name, text) =>
      STYLES[name].reduceRight((styled, style) => screen.style(style, styled), text),
    columns: () => screen.columns,
    rows: () => screen.rows,
    redraw: true,
  });
  let ended = false;
  return {
    write: (text) => screen.write(markdown.push(text)),
    end() {
      if (ended) return;
      ended = true;
      screen.write(markdown.end());
    },
  };
}

/**
 * Ends a turn on a terminal: a blank line and a dim rule the width of the terminal, after
 * the answer, the cancel notice or the error, before the next prompt. Not written when the
 * output is not a terminal, so a script reading the chat gets only the answers.
 */
export function endTurn(screen: Screen): void {
  if (!screen.interactive) return;
  screen.endLine();
  screen.write('\n');
  screen.line(screen.style('dim', '─'.repeat(screen.columns)));
}
