import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { VirtualTerminal } from '../../test/virtual-terminal.js';
import { MarkdownStream } from './markdown-stream.js';
import type { Styler } from './render-inline.js';

/** Styles as tags, so a test reads what was styled how. */
const tags: Styler = (name, text) => `<${name}>${text}</${name}>`;

const SGR: Record<string, [number, number]> = {
  bold: [1, 22],
  italic: [3, 23],
  code: [36, 39],
  link: [4, 24],
  dim: [2, 22],
  heading: [4, 24],
  marker: [36, 39],
};
/** Styles as the terminal gets them. */
const ansi: Styler = (name, text) => {
  const [open, close] = SGR[name] ?? [0, 0];
  return `\u001b[${open}m${text}\u001b[${close}m`;
};

function renderAll(
  chunks: string[],
  options: { style?: Styler; columns?: number; redraw?: boolean } = {},
) {
  const stream = new MarkdownStream({
    style: options.style ?? tags,
    columns: () => options.columns ?? 80,
    redraw: options.redraw ?? false,
  });
  return chunks.map((chunk) => stream.push(chunk)).join('') + stream.end();
}

const DOCUMENT = [
  '# Title with `code`',
  '',
  'Some **bold**, *italic* and snake_case text; 2 * 3 = 6.',
  '',
  '- first',
  '  - nested *item*',
  '    - deeper',
  '- [x] done',
  '1. one',
  '2. two',
  '',
  '> quoted [link](https://example.com)',
  '',
  '---',
  '```ts',
  'const a = b ** 2; // **not bold**',
  '\tindented  with  spaces',
  '```',
  '~~~',
  '# not a heading',
  '~~~',
  '### Small heading ###',
  'Wide 漢字 text and an emoji 🎉 at the end of a long line that wraps',
].join('\n');

describe('MarkdownStream', () => {
  test('renders headings, lists, quotes, rules, emphasis and framed code kept verbatim', () => {
    const lines = renderAll([`${DOCUMENT}\n`], { columns: 20 }).split('\n');
    expect(lines).toEqual([
      '<heading>Title with <code>code</code></heading>',
      '',
      'Some <bold>bold</bold>, <italic>italic</italic> and snake_case text; 2 * 3 = 6.',
      '',
      '<marker>•</marker> first',
      '  <marker>◦</marker> nested <italic>item</italic>',
      '    <marker>▪</marker> deeper',
      '<marker>•</marker> ☑ done',
      '<marker>1.</marker> one',
      '<marker>2.</marker> two',
      '',
      '<dim>│ </dim><italic>quoted <link>link</link> <dim>(https://example.com)</dim></italic>',
      '',
      `<dim>${'─'.repeat(20)}</dim>`,
      `<dim>╭─ ts ${'─'.repeat(14)}</dim>`,
      '<dim>│ </dim>const a = b ** 2; // **not bold**',
      '<dim>│ </dim>\tindented  with  spaces',
      `<dim>╰${'─'.repeat(19)}</dim>`,
      `<dim>╭${'─'.repeat(19)}</dim>`,
      '<dim>│ </dim># not a heading',
      `<dim>╰${'─'.repeat(19)}</dim>`,
      '<bold>Small heading</bold>',
      'Wide 漢字 text and an emoji 🎉 at the end of a long line that wraps',
      '',
    ]);
  });

  test('hostile lines render in time proportional to their length', () => {
    const started = performance.now();
    for (const line of [
      `\`\`\`${' '.repeat(20_000)}\``,
      `\`\`\`${' \t'.repeat(10_000)}x\``,
      `${'- '.repeat(20_000)}x`,
      `###### ${'# '.repeat(20_000)}x`,
      `# a${' '.repeat(100_000)}b`,
      `## a${' \t'.repeat(50_000)}#`,
      `${' '.repeat(20_000)}x`,
      '> '.repeat(20_000),
    ]) {
      expect(renderAll([`${line}\n`])).toContain('\n');
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('a code block left open at the end of the answer gets its frame closed', () => {
    expect(renderAll(['```py\nprint(1)'], { columns: 12 })).toBe(
      `<dim>╭─ py ${'─'.repeat(6)}</dim>\n<dim>│ </dim>print(1)\n<dim>╰${'─'.repeat(11)}</dim>`,
    );
    // On a terminal the last code line was shown already; the frame still closes below it.
    const stream = new MarkdownStream({ style: tags, columns: () => 12, redraw: true });
    expect(stream.push('```py\nprint(1)')).toBe(
      `<dim>╭─ py ${'─'.repeat(6)}</dim>\n<dim>│ </dim>print(1)`,
    );
    expect(stream.end()).toBe(`\n<dim>╰${'─'.repeat(11)}</dim>`);
    expect(renderAll(['```\nx\n'], { columns: 12 })).toBe(
      `<dim>╭${'─'.repeat(11)}</dim>\n<dim>│ </dim>x\n<dim>╰${'─'.repeat(11)}</dim>`,
    );
  });

  test('without redraw an unfinished line waits for its newline', () => {
    const stream = new MarkdownStream({ style: tags, columns: () => 80, redraw: false });
    expect(stream.push('**bo')).toBe('');
    expect(stream.push('ld**\nnext')).toBe('<bold>bold</bold>\n');
    expect(stream.end()).toBe('next');
  });

  test('with redraw the unfinished line shows raw, and is replaced only when its rendering differs', () => {
    const stream = new MarkdownStream({ style: tags, columns: () => 80, redraw: true });
    expect(stream.push('plain ')).toBe('plain ');
    expect(stream.push('text\n')).toBe('text\n');
    expect(stream.push('some **bo')).toBe('some **bo');
    expect(stream.push('ld**')).toBe('ld**');
    expect(stream.push('\n')).toBe('\r\u001b[Jsome <bold>bold</bold>\n');
    // Inside a code block the margin comes first, so a code line is never redrawn.
    expect(stream.push('```\nco')).toBe(`<dim>╭${'─'.repeat(59)}</dim>\n<dim>│ </dim>co`);
    expect(stream.push('de\n')).toBe('de\n');
  });

  test('a redrawn line that wrapped goes back up as many rows as it took', () => {
    const columns = 10;
    const line = '**abcdefghij** klmnopqrstu 漢字';
    const stream = new MarkdownStream({ style: ansi, columns: () => columns, redraw: true });
    const shown = stream.push(line);
    expect(shown).toBe(line);
    // Rows of 10: `**abcdefgh`, `ij** klmno`, `pqrstu 漢` and `字`, which did not fit in the
    // last column of the third row.
    const redraw = stream.push('\n');
    expect(redraw.startsWith('\r\u001b[3A\u001b[J')).toBe(true);
    const terminal = new VirtualTerminal(columns);
    terminal.write(`${shown}${redraw}`);
    expect(terminal.text()).toBe('abcdefghij\n klmnopqrs\ntu 漢字');
  });

  test('an unfinished line taller than the screen is finished as shown, not redrawn', () => {
    const stream = new MarkdownStream({
      style: tags,
      columns: () => 10,
      rows: () => 3,
      redraw: true,
    });
    expect(stream.push(`**${'x'.repeat(28)}`)).toBe(`**${'x'.repeat(28)}`);
    // 30 columns: three rows, the cursor on the third; up 2 reaches the start.
    expect(stream.push('y**\n')).toBe(`\r\u001b[2A\u001b[J<bold>${'x'.repeat(28)}y</bold>\n`);
    expect(stream.push(`**${'x'.repeat(29)}`)).toBe(`**${'x'.repeat(29)}`);
    // 31 columns: the cursor on the fourth row, the start is out of reach.
    expect(stream.push('y**\n')).toBe('y**\n');
  });

  test('any split of a document into chunks gives the screen that feeding it whole gives', () => {
    const samples = [
      DOCUMENT,
      `${DOCUMENT}\n`,
      '```js\nconst x = `a`;\n',
      '```js\nconst x = **1**;',
      'Trailing **bold** with no newline',
      '漢字漢字漢字漢字漢字漢字漢字漢字 **wide** *and* `code`\n- a\n  - b',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.constantFrom(7, 10, 13, 40, 80),
        fc.array(fc.nat(), { maxLength: 40 }),
        (document, columns, cuts) => {
          const characters = [...document];
          const points = [...new Set(cuts.map((cut) => cut % (characters.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks: string[] = [];
          let from = 0;
          for (const point of points) {
            chunks.push(characters.slice(from, point).join(''));
            from = point;
          }
          chunks.push(characters.slice(from).join(''));
          const whole = new VirtualTerminal(columns);
          whole.write(renderAll([document], { style: ansi, columns, redraw: true }));
          const split = new VirtualTerminal(columns);
          const stream = new MarkdownStream({ style: ansi, columns: () => columns, redraw: true });
          for (const chunk of chunks) split.write(stream.push(chunk));
          split.write(stream.end());
          expect(split.snapshot()).toBe(whole.snapshot());
          // And it is the screen of the rendered lines alone: every redraw replaced its line.
          const rendered = new VirtualTerminal(columns);
          rendered.write(renderAll([document], { style: ansi, columns }));
          expect(split.snapshot()).toBe(rendered.snapshot());
          // Without redraw the output itself is the same, whatever the chunks.
          expect(renderAll(chunks, { columns })).toBe(renderAll([document], { columns }));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('escape sequences from the model are shown as text in code, headings, links and quotes', () => {
    const hostile = [
      '# Title \u001b]0;pwned-title\u0007',
      'Text with `code \u001b[2J` and [link\u001b[31m](https://x.example/\u001b]52;c;AAAA\u0007)',
      '> quote \u009b31m',
      '```sh\u001b[8m',
      'echo \u001b[?1049h hidden\u0007',
      '```',
    ].join('\n');
    for (const redraw of [false, true]) {
      const stream = new MarkdownStream({ style: ansi, columns: () => 40, redraw });
      // One character at a time, so a sequence is also split between chunks.
      const output =
        [...hostile].map((character) => stream.push(character)).join('') + stream.end();
      // biome-ignore lint/suspicious/noControlCharactersInRegex: finding escape sequences is the point
      const ownSequences = /\u001b\[(?:[0-9]{1,2}m|[0-9]*A|J)/g;
      // Tabs, newlines and the redraw's carriage return aside, no control character is left.
      expect(output.replace(ownSequences, '')).not.toMatch(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/,
      );
      expect(output).toContain('\\x1b]0;pwned-title\\x07');
      expect(output).toContain('\\x1b[2J');
      expect(output).toContain('\\x1b]52;c;AAAA\\x07');
      expect(output).toContain('\\x9b31m');
      expect(output).toContain('echo \\x1b[?1049h hidden\\x07');
    }
  });

  test('work per chunk does not grow with the answer', () => {
    const stream = new MarkdownStream({ style: ansi, columns: () => 80, redraw: true });
    const started = performance.now();
    // 200 000 one-character deltas: quadratic work would take minutes, linear work milliseconds.
    for (let index = 0; index < 200_000; index++) stream.push(index % 97 === 96 ? '\n' : '*');
    stream.end();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
