/**
 * Draws the line editor: the prompt, then the text, its extra lines under a `… ` margin,
 * wrapped at the terminal width (wide characters take two columns), with the cursor put
 * where the editor's is. Each redraw goes back up to the top of the previous one and
 * clears below, so a text grown over several rows is redrawn whole.
 *
 * A text taller than the screen cannot be redrawn that way (the cursor cannot move above the
 * top of the screen, so every redraw would leave a copy behind). It is shown through a window
 * of the screen's height that follows the cursor, with a dim line saying how many rows are
 * above or below it; the whole text is written out once it is sent, so the scrollback keeps
 * the message as it went.
 */
import type { Key } from './keys.js';
import type { LineEditor } from './line-editor.js';
import { charWidth, stripAnsi, textWidth } from './text-width.js';
import type { TerminalOutput } from './tty-terminal.js';

const MARGIN = '… ';

/** What is on the screen of the line being read, kept between redraws. */
export interface EditorView {
  prompt: string;
  /** The cursor's row, counted from the top of the drawing. */
  rows: number;
  /** When the text is taller than the screen: the first text row in the window. */
  windowTop?: number;
}

/** The fewest screen rows a window needs (an indicator above, one below, a text row). */
const MIN_WINDOW = 4;

/** The terminal's width in columns (80 when it does not say). */
export function screenColumns(output: TerminalOutput): number {
  return output.columns && output.columns > 0 ? output.columns : 80;
}

/** The terminal's height in rows, when it says. */
export function screenRows(output: TerminalOutput): number | undefined {
  return output.rows && output.rows > 0 ? output.rows : undefined;
}

/** Back to the top of the editor's drawing, and clear from there down. */
export function eraseEditor(view: EditorView): string {
  return `${view.rows > 0 ? `\u001b[${view.rows}A` : ''}\r\u001b[J`;
}

interface Position {
  row: number;
  column: number;
}

/**
 * The text as screen rows of at most `width` columns (the prompt and margins included), the
 * row and column of `index` (`cursor`) and of the end of the text (`end`). A wide character
 * that does not fit at the end of a row starts the next one, as terminals do.
 */
export function layoutRows(
  prompt: string,
  text: string,
  index: number,
  width: number,
): { rows: string[]; cursor: Position; end: Position } {
  const rows: string[] = [];
  let cursor: Position = { row: 0, column: 0 };
  let end: Position = cursor;
  let offset = 0;
  const lines = text.split('\n');
  for (const [number, line] of lines.entries()) {
    let row = number === 0 ? prompt : MARGIN;
    let used = number === 0 ? textWidth(stripAnsi(prompt)) : MARGIN.length;
    for (const character of line) {
      const columnsTaken = charWidth(character);
      if (used + columnsTaken > width && used > 0) {
        rows.push(row);
        row = '';
        used = 0;
      }
      if (offset === index) cursor = { row: rows.length, column: used };
      row += character;
      used += columnsTaken;
      offset += character.length;
    }
    // At the exact end of a full row the cursor waits at the start of the next one. The last
    // line's end is the text's.
    end = used >= width ? { row: rows.length + 1, column: 0 } : { row: rows.length, column: used };
    if (offset === index) cursor = end;
    rows.push(row);
    // The terminal shows that next row only under the last line (a newline moves on anyway).
    if (used >= width && number === lines.length - 1) rows.push('');
    offset += 1; // the newline
  }
  return { rows, cursor, end };
}

/** The row and column (from the top of the drawing) where the text ends. */
function endOf(prompt: string, text: string, width: number): Position {
  return layoutRows(prompt, text, text.length, width).end;
}

function moveTo(from: number, target: Position): string {
  let out = '';
  if (target.row < from) out += `\u001b[${from - target.row}A`;
  if (target.row > from) out += `\u001b[${target.row - from}B`;
  out += '\r';
  if (target.column > 0) out += `\u001b[${target.column}C`;
  return out;
}

/**
 * Prompt and whole text, wrapped by the terminal, the cursor left at the end of the text
 * (`end`, where the text ends on the screen).
 */
function wholeText(prompt: string, text: string, end: Position): string {
  let out = `${prompt}${text.split('\n').join(`\r\n${MARGIN}`)}`;
  // At the exact end of a row the terminal waits to wrap; a space and CR make it wrap now.
  if (end.column === 0 && text.length + stripAnsi(prompt).length > 0) out += ' \r';
  return out;
}

/** Redraws prompt and text from the top of the previous drawing; updates `view`. */
export function drawEditor(output: TerminalOutput, view: EditorView, editor: LineEditor): void {
  const width = screenColumns(output);
  const height = screenRows(output);
  let out = eraseEditor(view);
  const layout = layoutRows(view.prompt, editor.text, editor.cursor, width);
  if (height !== undefined && height >= MIN_WINDOW + 1 && layout.rows.length > height - 1) {
    out += drawWindow(view, layout, height - 1, width);
  } else {
    view.windowTop = undefined;
    out += wholeText(view.prompt, editor.text, layout.end);
    out += moveTo(layout.end.row, layout.cursor);
    view.rows = layout.cursor.row;
  }
  output.write(out);
}

/**
 * `size` screen rows of the text around the cursor. A dim line stands in for the rows above
 * the window (its first row) and below it (its last). The window moves only as far as it
 * must to keep the cursor in it, so scrolling through the text is steady.
 */
function drawWindow(
  view: EditorView,
  layout: ReturnType<typeof layoutRows>,
  size: number,
  width: number,
): string {
  const total = layout.rows.length;
  const cursorRow = layout.cursor.row;
  let top = Math.min(view.windowTop ?? total - size, total - size);
  const firstShown = (start: number) => (start > 0 ? start + 1 : start);
  const lastShown = (start: number) => (start + size < total ? start + size - 2 : start + size - 1);
  if (cursorRow < firstShown(top)) top = Math.max(0, cursorRow - 1);
  if (cursorRow > lastShown(top)) {
    top = cursorRow - size + 1;
    if (top + size < total) top += 1;
    top = Math.min(top, total - size);
  }
  view.windowTop = top;
  const lines: string[] = [];
  for (let row = top; row < top + size; row++) {
    if (row === top && top > 0) lines.push(dim(`(${top + 1} more lines above)`, width));
    else if (row === top + size - 1 && row < total - 1)
      lines.push(dim(`(${total - row} more lines below)`, width));
    else lines.push(layout.rows[row] ?? '');
  }
  const cursor = { row: cursorRow - top, column: layout.cursor.column };
  view.rows = cursor.row;
  return `${lines.join('\r\n')}${moveTo(size - 1, cursor)}`;
}

function dim(text: string, width: number): string {
  return `\u001b[2m${text.slice(0, Math.max(0, width - 1))}\u001b[22m`;
}

/** Puts the cursor at the end of the text (before a newline is written under it). */
export function moveToEnd(output: TerminalOutput, view: EditorView, editor: LineEditor): void {
  const end = endOf(view.prompt, editor.text, screenColumns(output));
  if (view.windowTop !== undefined) {
    // The whole message, as sent: written from the top of the window down, the terminal
    // scrolling as it goes, so the scrollback holds all of it.
    output.write(`${eraseEditor(view)}${wholeText(view.prompt, editor.text, end)}`);
    view.windowTop = undefined;
    view.rows = end.row;
    return;
  }
  output.write(moveTo(view.rows, end));
}

/**
 * Typing at the end of a line that still fits: only the new characters are written
 * (no redraw, as a plain terminal would show them). False when a redraw is needed.
 */
export function appendInPlace(
  output: TerminalOutput,
  view: EditorView,
  editor: LineEditor,
  before: { text: string; cursor: number },
  key: Key,
): boolean {
  if (key.type !== 'text' || before.cursor !== before.text.length) return false;
  if (editor.cursor !== editor.text.length || view.windowTop !== undefined) return false;
  const end = endOf(view.prompt, editor.text, screenColumns(output));
  if (end.row !== view.rows || end.column === 0) return false;
  // A text that grows taller than the screen is redrawn through the window.
  const height = screenRows(output);
  if (height !== undefined && end.row >= height - 1) return false;
  output.write(key.text);
  return true;
}
