import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { sanitizeText } from './sanitize-text.js';
import { Screen } from './screen.js';

test('model text cannot carry escape sequences or control characters', () => {
  expect(sanitizeText('plain\ttext\nnext line')).toBe('plain\ttext\nnext line');
  expect(sanitizeText('\u001b[2J\u001b[Hcleared?')).toBe('cleared?');
  expect(sanitizeText('\u001b]0;new title\u0007title')).toBe('title');
  expect(sanitizeText('bell\u0007 back\b cr\r nul\u0000 c1\u009b')).toBe('bell back cr nul c1');
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
