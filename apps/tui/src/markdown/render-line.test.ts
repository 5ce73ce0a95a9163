import { expect, test } from 'vitest';
import { withoutClosingHashes } from './render-line.js';

test("a heading's closing hashes go, the ones that are part of the text stay", () => {
  expect(withoutClosingHashes('Title ##')).toBe('Title');
  expect(withoutClosingHashes('Title #  ')).toBe('Title');
  expect(withoutClosingHashes('Title\t#')).toBe('Title');
  expect(withoutClosingHashes('Learn C#')).toBe('Learn C#');
  expect(withoutClosingHashes('#')).toBe('');
  expect(withoutClosingHashes('a # b')).toBe('a # b');
  expect(withoutClosingHashes('  spaced  ')).toBe('spaced');
});

test('a long run of spaces is linear: 200,000 of them take milliseconds', () => {
  const started = performance.now();
  expect(withoutClosingHashes(`a${' '.repeat(200_000)}b`)).toBe(`a${' '.repeat(200_000)}b`);
  expect(performance.now() - started).toBeLessThan(500);
});
