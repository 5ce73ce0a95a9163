// A small model of an xterm-like screen for tests of output that moves the cursor:
// printable text wraps at the width (wide characters take two cells, a full row waits in
// its last column), `\n` is a new line at the margin (the pty's ONLCR), `\r`, cursor moves
// (`CSI n A/B/C`), erase below (`CSI J`), erase line (`CSI 2K`, `CSI K`) and SGR styles
// (kept per cell, so styled and plain output compare differently); private modes
// (`CSI ? … h/l`) are ignored. Rows never scroll off: moves are relative, so a screen taller
// than the real one gives the same rows. Anything else fails the test: nothing unexpected
// may reach the terminal.
import { charWidth } from '../src/terminal/text-width.js';

interface Cell {
  character: string;
  style: string;
}

export class VirtualTerminal {
  readonly columns: number;
  readonly #rows: Cell[][] = [[]];
  #row = 0;
  #column = 0;
  #style = new Map<string, string>();

  constructor(columns: number) {
    this.columns = columns;
  }

  write(text: string): void {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: parsing terminal output is the point
    const token = /\u001b\[([0-9;?]*)([A-Za-z])|\r|\n|\t|[^\u001b\r\n\t]/gu;
    let expected = 0;
    for (const match of text.matchAll(token)) {
      if (match.index !== expected) {
        throw new Error(
          `unexpected output at ${expected}: ${JSON.stringify(text.slice(expected, expected + 10))}`,
        );
      }
      expected = match.index + match[0].length;
      const [whole, parameters, command] = match;
      if (command !== undefined) this.#escape(parameters ?? '', command);
      else if (whole === '\r') this.#column = 0;
      else if (whole === '\n') {
        this.#row++;
        this.#column = 0;
      } else if (whole === '\t') {
        this.#column = Math.min(this.columns - 1, (Math.floor(this.#column / 8) + 1) * 8);
      } else this.#print(whole);
    }
    if (expected !== text.length) {
      throw new Error(
        `unexpected output at ${expected}: ${JSON.stringify(text.slice(expected, expected + 10))}`,
      );
    }
  }

  /** The screen's rows as text, trailing spaces removed (styles dropped). */
  text(): string {
    return this.#rows
      .map((row) =>
        row
          .map((cell) => cell.character)
          .join('')
          .trimEnd(),
      )
      .join('\n');
  }

  /** The screen with each cell's style, for comparing two screens exactly. */
  snapshot(): string {
    return JSON.stringify({ rows: this.#rows, row: this.#row, column: this.#column });
  }

  #line(): Cell[] {
    while (this.#rows.length <= this.#row) this.#rows.push([]);
    return this.#rows[this.#row] as Cell[];
  }

  #print(character: string): void {
    const width = charWidth(character);
    if (width === 0) return;
    if (this.#column + width > this.columns) {
      this.#row++;
      this.#column = 0;
    }
    const line = this.#line();
    while (line.length < this.#column) line.push({ character: ' ', style: '' });
    const style = [...this.#style.entries()].sort().join(',');
    line[this.#column] = { character, style };
    if (width === 2) line[this.#column + 1] = { character: '', style };
    this.#column += width;
  }

  #escape(parameters: string, command: string): void {
    const count = Number(parameters || '1');
    if (parameters.startsWith('?') && (command === 'h' || command === 'l')) return;
    if (command === 'A') {
      this.#row = Math.max(0, this.#row - count);
    } else if (command === 'B') {
      this.#row += count;
    } else if (command === 'C') {
      this.#column = Math.min(this.columns - 1, this.#column + count);
    } else if (command === 'K' && parameters === '2') {
      this.#line().length = 0;
    } else if (command === 'K' && (parameters === '' || parameters === '0')) {
      this.#line().length = Math.min(this.#line().length, this.#column);
    } else if (command === 'J' && parameters === '') {
      this.#line().length = Math.min(this.#line().length, this.#column);
      this.#rows.length = this.#row + 1;
    } else if (command === 'm') {
      for (const code of parameters.split(';').map(Number)) this.#sgr(code);
    } else {
      throw new Error(`unexpected escape sequence CSI ${parameters}${command}`);
    }
  }

  #sgr(code: number): void {
    const set = (key: string, value: string | undefined) =>
      value === undefined ? this.#style.delete(key) : this.#style.set(key, value);
    if (code === 0) this.#style.clear();
    else if (code === 1) set('bold', '1');
    else if (code === 2) set('dim', '2');
    else if (code === 22) {
      set('bold', undefined);
      set('dim', undefined);
    } else if (code === 3) set('italic', '3');
    else if (code === 23) set('italic', undefined);
    else if (code === 4) set('underline', '4');
    else if (code === 24) set('underline', undefined);
    else if (code >= 30 && code <= 37) set('color', String(code));
    else if (code === 39) set('color', undefined);
    else throw new Error(`unexpected SGR ${code}`);
  }
}
