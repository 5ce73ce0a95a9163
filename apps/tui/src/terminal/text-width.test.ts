import { expect, test } from 'vitest';
import { charWidth, textWidth } from './text-width.js';

// The reference: what the Unicode-property lookup says (nothing in these ranges is wide).
// biome-ignore lint/suspicious/noMisleadingCharacterClass: single code points are tested, never pairs
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u200b-\u200f\ufe00-\ufe0f]$/u;

test('the no-lookup path agrees with the Unicode lookup on every code point it covers', () => {
  const ranges: Array<[number, number]> = [
    [0x20, 0x2ff],
    [0x2000, 0x206f],
  ];
  for (const [from, to] of ranges) {
    for (let code = from; code <= to; code++) {
      if (code === 0x7f || (code > 0x7f && code < 0xa0)) continue; // control characters
      const character = String.fromCharCode(code);
      expect(charWidth(character), `U+${code.toString(16)}`).toBe(
        ZERO_WIDTH.test(character) ? 0 : 1,
      );
    }
  }
});

test('widths of marks, format characters, wide characters and emoji', () => {
  expect(charWidth('\u0301')).toBe(0); // combining acute
  expect(charWidth('\u00ad')).toBe(0); // soft hyphen
  expect(charWidth('\u200b')).toBe(0); // zero width space
  expect(charWidth('漢')).toBe(2);
  expect(charWidth('😀')).toBe(2);
  expect(textWidth('default (gpt-5) › é')).toBe(19);
  expect(textWidth('e\u0301')).toBe(1);
});
