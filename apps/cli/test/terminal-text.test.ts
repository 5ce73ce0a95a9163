import { describe, expect, it } from 'vitest';
import { style, terminalText } from '../src/io.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control bytes is the point
const RAW_CONTROL = /[\u0007\u0008\u000d\u001b\u009b]/;

describe('terminalText', () => {
  const hostile = 'account \u001b]52;c;cGF3bmVk\u0007 \u001b[2J\u009b0m\rfake prompt $ ';

  it('escapes every control byte from outside text when colors are off', () => {
    const shown = terminalText({ color: false }, `error: ${hostile}`);
    expect(shown).not.toMatch(RAW_CONTROL);
    expect(shown).toContain('\\x1b]52;c;cGF3bmVk\\x07');
  });

  it("keeps Flynn's own styles with colors on, and nothing else", () => {
    const io = { color: true } as Parameters<typeof style>[0];
    const shown = terminalText(io, `${style(io, 'red', 'error:')} ${hostile}`);
    expect(shown.startsWith('\u001b[31merror:\u001b[39m ')).toBe(true);
    expect(shown.slice('\u001b[31merror:\u001b[39m '.length)).not.toMatch(RAW_CONTROL);
  });
});
