/**
 * Draws the line editor: the prompt, then the text, its extra lines under a `… ` margin,
 * wrapped at the terminal width (wide characters take two columns), with the cursor put
 * where the editor's is. Each redraw goes back up to the top of the previous one and
 * clears below, so a text grown over several rows is redrawn whole.
 */
import type { Key } from './keys.js';
import type { LineEditor } from './line-editor.js';
import { stripAnsi, textWidth } from './text-width.js';
import type { TerminalOutput } from './tty-terminal.js';

const MARGIN = '… ';

function columns(output: TerminalOutput): number {
  return output.columns && output.columns > 0 ? output.columns : 80;
}

/** The row and column (from the top of the drawing) that `index` of `text` lands on. */
function position(prompt: string, text: string, index: number, width: number) {
  const lines = text.slice(0, index).split('\n');
  let row = 0;
  for (const [number, line] of lines.entries()) {
    const prefix = number === 0 ? textWidth(stripAnsi(prompt)) : MARGIN.length;
    const used = prefix + textWidth(line);
    if (number < lines.length - 1) {
      row += Math.max(1, Math.ceil(used / width));
    } else {
      return { row: row + Math.floor(used / width), column: used % width };
    }
  }
  return { row, column: 0 };
}

function moveTo(from: number, target: { row: number; column: number }): string {
  let out = '';
  if (target.row < from) out += `\u001b[${from - target.row}A`;
  if (target.row > from) out += `\u001b[${target.row - from}B`;
  out += '\r';
  if (target.column > 0) out += `\u001b[${target.column}C`;
  return out;
}

/** Redraws prompt and text; `row` is the cursor's row in the previous drawing. Returns the new one. */
export function drawEditor(
  output: TerminalOutput,
  prompt: string,
  editor: LineEditor,
  row: number,
): number {
  const width = columns(output);
  let out = row > 0 ? `\u001b[${row}A` : '';
  out += `\r\u001b[J${prompt}${editor.text.split('\n').join(`\r\n${MARGIN}`)}`;
  const end = position(prompt, editor.text, editor.text.length, width);
  // At the exact end of a row the terminal waits to wrap; a space and CR make it wrap now.
  if (end.column === 0 && editor.text.length + stripAnsi(prompt).length > 0) out += ' \r';
  const cursor = position(prompt, editor.text, editor.cursor, width);
  out += moveTo(end.row, cursor);
  output.write(out);
  return cursor.row;
}

/** Puts the cursor at the end of the text (before a newline is written under it). */
export function moveToEnd(
  output: TerminalOutput,
  prompt: string,
  editor: LineEditor,
  row: number,
): void {
  const end = position(prompt, editor.text, editor.text.length, columns(output));
  output.write(moveTo(row, end));
}

/**
 * Typing at the end of a line that still fits: only the new characters are written
 * (no redraw, as a plain terminal would show them). False when a redraw is needed.
 */
export function appendInPlace(
  output: TerminalOutput,
  view: { prompt: string; rows: number },
  editor: LineEditor,
  before: { text: string; cursor: number },
  key: Key,
): boolean {
  if (key.type !== 'text' || before.cursor !== before.text.length) return false;
  if (editor.cursor !== editor.text.length) return false;
  const width = columns(output);
  const end = position(view.prompt, editor.text, editor.text.length, width);
  if (end.row !== view.rows || end.column === 0) return false;
  output.write(key.text);
  return true;
}
