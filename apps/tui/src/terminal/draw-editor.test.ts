import { plainText } from '@flynn/testkit';
import { describe, expect, test } from 'vitest';
import { drawEditor, type EditorView, layoutRows, moveToEnd } from './draw-editor.js';
import { LineEditor } from './line-editor.js';
import type { TerminalOutput } from './tty-terminal.js';

describe('layoutRows', () => {
  test('wraps at the width, puts extra lines under the margin, and places the cursor', () => {
    const text = 'abcdefgh\nxy';
    expect(layoutRows('> ', text, text.length, 5)).toEqual({
      rows: ['> abc', 'defgh', '… xy'],
      cursor: { row: 2, column: 4 },
      end: { row: 2, column: 4 },
    });
    expect(layoutRows('> ', text, 3, 5).cursor).toEqual({ row: 1, column: 0 });
    expect(layoutRows('> ', text, 9, 5).cursor).toEqual({ row: 2, column: 2 });
    // The end of the text, wherever the cursor is.
    expect(layoutRows('> ', text, 3, 5).end).toEqual({ row: 2, column: 4 });
  });

  test('a wide character that does not fit starts the next row; a full last row adds one', () => {
    expect(layoutRows('', 'abcd漢', 5, 5).rows).toEqual(['abcd', '漢']);
    const full = layoutRows('', 'abcde', 5, 5);
    expect(full.rows).toEqual(['abcde', '']);
    expect(full.cursor).toEqual({ row: 1, column: 0 });
    expect(layoutRows('', 'abcde', 0, 5).end).toEqual({ row: 1, column: 0 });
    // A full row that is not the last line is followed by the next line's row, no blank one.
    expect(layoutRows('', 'abcde\nf', 7, 5).rows).toEqual(['abcde', '… f']);
  });
});

/** An output that records writes, of a given size. */
function output(columns: number, rows: number): TerminalOutput & { written: string } {
  const target = {
    columns,
    rows,
    written: '',
    write(chunk: string) {
      target.written += chunk;
      return true;
    },
  };
  return target as unknown as TerminalOutput & { written: string };
}

const lines = (count: number) =>
  Array.from({ length: count }, (_, i) => `line ${i + 1}`).join('\n');

describe('drawEditor on a text taller than the screen', () => {
  test('shows a window ending at the cursor, with a line for the rows above', () => {
    const screen = output(40, 6);
    const editor = new LineEditor();
    editor.set(lines(20));
    const view: EditorView = { prompt: '> ', rows: 0 };
    drawEditor(screen, view, editor);
    // 5 rows (the screen's height less one): the indicator, then lines 17 to 20.
    const shown = screen.written.split('\r\n');
    expect(shown).toHaveLength(5);
    expect(shown[0]).toContain('(16 more lines above)');
    expect(shown.slice(1).map((row) => plainText(row))).toEqual([
      '… line 17',
      '… line 18',
      '… line 19',
      '… line 20',
    ]);
    expect(view).toMatchObject({ rows: 4, windowTop: 15 });
  });

  test('follows the cursor to the top, and writes the whole text when it is sent', () => {
    const screen = output(40, 6);
    const editor = new LineEditor();
    editor.set(lines(20));
    const view: EditorView = { prompt: '> ', rows: 0 };
    drawEditor(screen, view, editor);
    editor.cursor = 2; // in "line 1"
    screen.written = '';
    drawEditor(screen, view, editor);
    // Back up the 4 rows of the last drawing, then the top of the text.
    expect(screen.written.startsWith('\u001b[4A\r\u001b[J> line 1\r\n… line 2')).toBe(true);
    expect(screen.written).toContain('(16 more lines below)');
    expect(view).toMatchObject({ rows: 0, windowTop: 0 });
    screen.written = '';
    moveToEnd(screen, view, editor);
    expect(screen.written).toBe(`\r\u001b[J> ${lines(20).split('\n').join('\r\n… ')}`);
    expect(view.windowTop).toBeUndefined();
  });

  test('a text that fits is drawn whole, as before', () => {
    const screen = output(40, 30);
    const editor = new LineEditor();
    editor.set(lines(3));
    const view: EditorView = { prompt: '> ', rows: 0 };
    drawEditor(screen, view, editor);
    // Then back to the cursor at the end: the start of the row, 8 columns right.
    expect(screen.written).toBe('\r\u001b[J> line 1\r\n… line 2\r\n… line 3\r\u001b[8C');
    expect(screen.written).not.toContain('more lines');
  });
});
