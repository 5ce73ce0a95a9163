import { PassThrough } from 'node:stream';
import { sanitizeText } from '@flynn/core';
import { expect, test } from 'vitest';
import { Screen } from './screen.js';

test('model text cannot carry escape sequences or control characters: they are shown escaped', () => {
  expect(sanitizeText('plain\ttext\nnext line')).toBe('plain\ttext\nnext line');
  expect(sanitizeText('\u001b[2J\u001b[Hcleared?')).toBe('\\x1b[2J\\x1b[Hcleared?');
  expect(sanitizeText('\u001b]0;new title\u0007title')).toBe('\\x1b]0;new title\\x07title');
  expect(sanitizeText('bell\u0007 back\b cr\r nul\u0000 c1\u009b')).toBe(
    'bell\\x07 back\\x08 cr\\r nul\\x00 c1\\x9b',
  );
});

test('a line with outside text keeps its own styles and escapes everything else', () => {
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk) => {
    written += String(chunk);
  });
  const screen = new Screen(output as unknown as NodeJS.WriteStream, {
    color: true,
    interactive: false,
  });
  screen.error('server said \u001b]52;c;cGF3bmVk\u0007 and \u009b2J', 'hint \u001b[2J');
  screen.line(`${screen.style('red', 'x')} model \u001b]0;title\u0007`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control byte may remain
  expect(written).not.toMatch(/\u001b\]|\u0007|\u009b|\u001b\[2J/);
  expect(written).toContain('\u001b[31merror:\u001b[39m');
  expect(written).toContain('\\x1b]52;c;cGF3bmVk\\x07');
});

test('styles only with color; the status line is cleared before the next write', () => {
  const output = new PassThrough();
  let written = '';
  output.on('data', (chunk) => {
    written += String(chunk);
  });
  const plain = new Screen(output, { color: false, interactive: true });
  expect(plain.style('red', 'x')).toBe('x');
  expect(new Screen(output, { color: true, interactive: true }).style('red', 'x')).toBe(
    '\u001b[31mx\u001b[39m',
  );
  plain.status('waiting');
  plain.line('done');
  expect(written).toBe('\r\u001b[2Kwaiting\r\u001b[2Kdone\n');
});
