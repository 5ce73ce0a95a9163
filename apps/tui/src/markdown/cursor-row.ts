import { charWidth } from '../terminal/text-width.js';

const TAB_STOP = 8;

/**
 * The row (0 for the first) the cursor is on after `text` (printable, no newline) was
 * written from the left margin of a terminal `columns` wide, wrapping as xterm does: a
 * character that does not fit (a wide one in the last column too) goes to the next row, and
 * after a full row the cursor waits in the last column until the next character comes.
 */
export function cursorRow(text: string, columns: number): number {
  const width = Math.max(1, columns);
  let row = 0;
  let column = 0;
  for (const character of text) {
    if (character === '\t') {
      // A tab stops at the last column rather than wrap.
      column = Math.min(width - 1, (Math.floor(column / TAB_STOP) + 1) * TAB_STOP);
      continue;
    }
    const cells = charWidth(character);
    if (cells === 0) continue;
    if (column + cells > width) {
      row++;
      column = 0;
    }
    column += cells;
  }
  return row;
}
