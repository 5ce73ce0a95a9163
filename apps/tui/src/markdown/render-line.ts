import { renderInline, type Styler } from './render-inline.js';

/** What a line's rendering depends on from the lines before it. */
export interface BlockState {
  /** The open fenced code block: its fence character, fence length and indentation. */
  fence?: { character: string; length: number; indent: number };
  /** Indentations of the open list levels, outermost first (picks the bullet glyph). */
  lists: number[];
}

export interface RenderLineOptions {
  style: Styler;
  /** The terminal's width: rules and code frames are at most this wide. */
  columns: number;
}

/** A fresh state: no open code block, no open list. */
export function createBlockState(): BlockState {
  return { lists: [] };
}

/** The margin of a line inside a fenced code block. */
export function codeMargin(style: Styler): string {
  return style('dim', '│ ');
}

const BULLETS = ['•', '◦', '▪'];
/** A fence and its info string; the info is trimmed in code (a regex doing it backtracks). */
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const TASK = /^\[([ xX])\][ \t]+/;

function frameWidth(columns: number): number {
  return Math.max(4, Math.min(columns, 60));
}

function indentWidth(indent: string): number {
  let width = 0;
  for (const character of indent) width += character === '\t' ? 4 - (width % 4) : 1;
  return width;
}

/** The bottom of a code frame. */
function frameBottom(options: RenderLineOptions): string {
  return options.style('dim', `╰${'─'.repeat(frameWidth(options.columns) - 1)}`);
}

/**
 * One complete line of Markdown (sanitized, no newline) rendered for the terminal, updating
 * `state` for the lines after it. Inside a fenced code block the line is kept verbatim behind
 * a dim margin; fences become the frame's top (with the language) and bottom.
 */
export function renderLine(line: string, state: BlockState, options: RenderLineOptions): string {
  const { style } = options;
  const fence = state.fence;
  if (fence) {
    const trimmed = line.trim();
    if (
      /^ {0,3}\S/.test(line) &&
      trimmed.length >= fence.length &&
      trimmed === fence.character.repeat(trimmed.length)
    ) {
      state.fence = undefined;
      return frameBottom(options);
    }
    let code = line;
    for (let removed = 0; removed < fence.indent && code.startsWith(' '); removed++) {
      code = code.slice(1);
    }
    return `${codeMargin(style)}${code}`;
  }
  const opening = FENCE.exec(line);
  // A backtick fence's info string holds no backtick (else the line is inline code).
  if (opening && !(opening[2]?.startsWith('`') && opening[3]?.includes('`'))) {
    const [, indent = '', marker = '', rest = ''] = opening;
    const info = rest.trim();
    state.fence = { character: marker[0] as string, length: marker.length, indent: indent.length };
    const width = frameWidth(options.columns);
    const language = info.split(/\s+/)[0] ?? '';
    const label = language === '' ? '' : ` ${language} `;
    const fill = Math.max(1, width - 2 - [...label].length);
    return style('dim', `╭─${label}${'─'.repeat(fill)}`);
  }
  if (line.trim() === '') return '';
  const heading = HEADING.exec(line);
  if (heading) {
    state.lists = [];
    const level = heading[1]?.length ?? 1;
    const text = withoutClosingHashes(heading[2] ?? '');
    return style(level <= 2 ? 'heading' : 'bold', renderInline(text, style));
  }
  if (RULE.test(line)) {
    state.lists = [];
    return style('dim', '─'.repeat(frameWidth(options.columns)));
  }
  const quote = QUOTE.exec(line);
  if (quote) {
    let rest = quote[1] ?? '';
    let bars = style('dim', '│ ');
    for (let nested = QUOTE.exec(rest); nested; nested = QUOTE.exec(rest)) {
      bars += style('dim', '│ ');
      rest = nested[1] ?? '';
    }
    return `${bars}${style('italic', renderInline(rest, style))}`;
  }
  const item = LIST_ITEM.exec(line);
  if (item) {
    const [, indent = '', marker = '', rest = ''] = item;
    const width = indentWidth(indent);
    const lists = state.lists;
    while (lists.length > 0 && (lists.at(-1) as number) > width) lists.pop();
    if (lists.length === 0 || (lists.at(-1) as number) < width) lists.push(width);
    const depth = lists.length - 1;
    const glyph = /\d/.test(marker) ? marker : (BULLETS[depth % BULLETS.length] as string);
    const task = TASK.exec(rest);
    const text = task ? `${task[1] === ' ' ? '☐' : '☑'} ${rest.slice(task[0].length)}` : rest;
    return `${indent}${style('marker', glyph)} ${renderInline(text, style)}`;
  }
  // A paragraph at the margin ends any list; an indented line continues an item.
  if (!/^[ \t]/.test(line)) state.lists = [];
  return renderInline(line, style);
}

/** What ends the answer's open blocks: the bottom of an unterminated code frame, or nothing. */
export function closeBlocks(state: BlockState, options: RenderLineOptions): string | undefined {
  if (!state.fence) return undefined;
  state.fence = undefined;
  return frameBottom(options);
}

/**
 * A heading's text without its optional closing `#`s (`## Title ##`): a run of `#` at the end,
 * alone or after a space. Scanned from the end, not matched with a regular expression, which
 * backtracked quadratically over a long run of spaces.
 */
export function withoutClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes < end && (hashes === 0 || text[hashes - 1] === ' ' || text[hashes - 1] === '\t')) {
    end = hashes;
  }
  return text.slice(0, end).trim();
}
