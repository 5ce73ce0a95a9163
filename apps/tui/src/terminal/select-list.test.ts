import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { fakeTty } from './fake-tty.test-helper.js';
import { encodeKey, type Key, KeyDecoder } from './keys.js';
import { LineTerminal } from './line-terminal.js';
import { SelectList } from './select-list.js';
import { fitWidth, stripAnsi, textWidth } from './text-width.js';

const keys = (text: string) => new KeyDecoder().push(text);

function run(list: SelectList, input: string) {
  return keys(input).map((key) => list.apply(key));
}

describe('SelectList', () => {
  test('starts on the initial choice; arrows, k/j, Home/End move within the list', () => {
    const list = new SelectList(4, 2, ['default', 'fast', 'complex', 'glm']);
    expect(list.selected).toBe(2);
    run(list, '\u001b[A');
    expect(list.selected).toBe(1);
    run(list, 'jj');
    expect(list.selected).toBe(3);
    // Past the end stays put (no wrap), and says nothing moved.
    expect(run(list, 'j')).toEqual([{ type: 'unchanged' }]);
    run(list, '\u001b[H');
    expect(list.selected).toBe(0);
    expect(run(list, '\u001b[A')).toEqual([{ type: 'unchanged' }]);
    run(list, '\u001b[F');
    expect(list.selected).toBe(3);
    run(list, '\u0010'); // Ctrl-P
    expect(list.selected).toBe(2);
    run(list, '\u000e'); // Ctrl-N
    expect(list.selected).toBe(3);
  });

  test('a digit jumps to that row, a letter to the next name starting with it', () => {
    const list = new SelectList(4, 0, ['default', 'fast', 'flash', 'glm']);
    run(list, '3');
    expect(list.selected).toBe(2);
    run(list, '9');
    expect(list.selected).toBe(2);
    run(list, 'f');
    expect(list.selected).toBe(1);
    run(list, 'F');
    expect(list.selected).toBe(2);
    run(list, 'g');
    expect(list.selected).toBe(3);
  });

  test('Enter chooses; Esc, Ctrl-C, Ctrl-D and q cancel', () => {
    const list = new SelectList(3, 1);
    expect(run(list, '\r')).toEqual([{ type: 'chosen', index: 1 }]);
    for (const cancel of ['\u001b', '\u0003', '\u0004', 'q']) {
      expect(run(new SelectList(3), cancel)).toEqual([{ type: 'cancelled' }]);
    }
    expect(() => new SelectList(0)).toThrow(RangeError);
  });
});

describe('fitWidth', () => {
  test('leaves a line that fits, cuts a longer one with … (styles kept, then reset)', () => {
    expect(fitWidth('short', 10)).toBe('short');
    expect(fitWidth('abcdefghij', 6)).toBe('abcde…');
    const styled = fitWidth('\u001b[7mabcdefghij\u001b[27m', 6);
    expect(styled).toBe('\u001b[7mabcde…\u001b[0m');
    expect(textWidth(stripAnsi(styled))).toBe(6);
    // Wide characters count two columns.
    expect(textWidth(fitWidth('漢字漢字漢字', 7))).toBeLessThanOrEqual(7);
  });
});

describe('encodeKey', () => {
  test('decodes back to the same key', () => {
    const samples: Key[] = [
      { type: 'text', text: 'hello' },
      { type: 'paste', text: 'two\nlines' },
      ...(['enter', 'up', 'down', 'home', 'end', 'backspace', 'interrupt', 'tab'] as const).map(
        (name) => ({ type: 'key' as const, name }),
      ),
    ];
    for (const key of samples) expect(keys(encodeKey(key))).toEqual([key]);
  });
});

const render = (selected: number, columns: number) => [
  `width ${columns}`,
  ...['one', 'two', 'three'].map((name, index) => `${index === selected ? '›' : ' '} ${name}`),
];

describe('TtyTerminal.select', () => {
  test('draws, redraws in place, erases itself, and hands keys typed after Enter to the next prompt', async () => {
    const { input, terminal, written } = fakeTty();
    try {
      const chosen = terminal.select({ count: 3, render });
      input.write('\u001b[B');
      await new Promise((resolve) => setImmediate(resolve));
      input.write('\rnext line\r');
      expect(await chosen).toBe(1);
      // A redraw goes up over the 4 lines drawn (3 rows) and clears below.
      expect(written()).toContain('\r\u001b[3A\u001b[J\u001b[?25lwidth 40\r\n  one\r\n› two');
      expect(written().endsWith('\r\u001b[3A\u001b[J\u001b[?25h')).toBe(true);
      const line = await terminal.readLine('› ');
      expect(line).toEqual({ type: 'line', text: 'next line' });
    } finally {
      terminal.restore();
    }
  });

  test('gets the height, and never draws more than the screen less one row (the hints stay)', async () => {
    const { input, terminal, written } = fakeTty(40, 6);
    try {
      let given: number | undefined;
      const chosen = terminal.select({
        count: 1,
        render: (_, _columns, rows) => {
          given = rows;
          return [...Array.from({ length: 9 }, (_, index) => `line ${index}`), 'hints'];
        },
      });
      input.write('\r');
      expect(await chosen).toBe(0);
      expect(given).toBe(6);
      expect(written()).toContain('line 0\r\nline 1\r\nline 2\r\nline 3\r\nhints');
      expect(written()).not.toContain('line 4');
    } finally {
      terminal.restore();
    }
  });

  test('a resize redraws at the new width; lines too long are cut', async () => {
    const { input, output, terminal, written } = fakeTty(40);
    try {
      const chosen = terminal.select({
        count: 1,
        render: (_, columns) => [`${'x'.repeat(30)} at ${columns}`],
      });
      output.columns = 20;
      output.emit('resize');
      expect(written()).toContain(`\r\u001b[1A\u001b[J\u001b[?25l${'x'.repeat(18)}…`);
      input.write('\u001b');
      expect(await chosen).toBeUndefined();
    } finally {
      terminal.restore();
    }
  });

  test('outside text is escaped when drawn', async () => {
    const { input, terminal, written } = fakeTty();
    try {
      const chosen = terminal.select({ count: 1, render: () => ['evil\u001b]0;title\u0007'] });
      input.write('q');
      expect(await chosen).toBeUndefined();
      expect(written()).toContain('evil\\x1b]0;title\\x07');
      expect(written()).not.toContain('\u001b]0;');
    } finally {
      terminal.restore();
    }
  });
});

describe('LineTerminal.select', () => {
  test('prints the list and reads a number; an empty or unknown answer cancels', async () => {
    for (const [answer, expected] of [
      ['2', 1],
      ['', undefined],
      ['7', undefined],
      ['two', undefined],
    ] as const) {
      const input = new PassThrough();
      const output = new PassThrough();
      let written = '';
      output.on('data', (chunk) => {
        written += String(chunk);
      });
      const terminal = new LineTerminal(input, output);
      input.end(`${answer}\n`);
      expect(await terminal.select({ count: 3, initial: 0, render })).toBe(expected);
      expect(written).toContain('width 80\n› one\n  two\n  three\nChoose 1-3 (Enter to cancel): ');
      terminal.restore();
    }
  });
});
