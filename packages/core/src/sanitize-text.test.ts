import { describe, expect, it } from 'vitest';
import { escapeJsonControls, hasControlCharacters, sanitizeText } from './sanitize-text.js';

describe('sanitizeText', () => {
  it('escapes OSC, CSI, BEL, C1, CR and backspace so none reaches the terminal raw', () => {
    const hostile = 'code \u001b]0;pwned\u0007 \u001b[2J\u009b31m back\u0008space\rfake';
    const safe = sanitizeText(hostile);
    expect(safe).toBe('code \\x1b]0;pwned\\x07 \\x1b[2J\\x9b31m back\\x08space\\rfake');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control byte may remain
    expect(safe).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  it('keeps tabs and newlines unless asked for one line; leaves plain text alone', () => {
    expect(sanitizeText('a\tb\nc')).toBe('a\tb\nc');
    expect(sanitizeText('a\tb\nc', { singleLine: true })).toBe('a\\tb\\nc');
    expect(sanitizeText('héllo wörld — ✓')).toBe('héllo wörld — ✓');
    expect(hasControlCharacters('a\nb')).toBe(false);
    expect(hasControlCharacters('a\u001bb')).toBe(true);
  });

  it('escapes DEL and C1 in JSON, keeping it valid JSON', () => {
    const json = escapeJsonControls(JSON.stringify({ message: 'x\u009b\u007f\u001b' }));
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control byte may remain
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(JSON.parse(json).message).toBe('x\u009b\u007f\u001b');
  });
});
