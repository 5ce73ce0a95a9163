/**
 * Terminal column widths: combining marks and zero-width characters take no column, East
 * Asian wide and fullwidth characters and emoji take two. Regular expressions with Unicode
 * properties, so nothing is loaded at start-up.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: single code points are tested, never pairs
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u200b-\u200f\ufe00-\ufe0f]$/u;
const WIDE =
  /^[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]$/u;

/**
 * Code points known to take one column without asking the regular expressions: printable
 * ASCII and Latin-1 to Latin Extended (no combining mark before U+0300; U+00AD, the soft
 * hyphen, is a format character), and the general punctuation of prompts (`›`, `…`, `—`)
 * outside its zero-width and format runs. Compiling the Unicode-property expression costs
 * about half a millisecond, paid on the chat's first prompt otherwise.
 */
function narrowWithoutLookup(code: number): boolean {
  return (
    (code >= 0x20 && code < 0x7f) ||
    (code >= 0xa0 && code < 0x300 && code !== 0xad) ||
    (code >= 0x2010 && code <= 0x2027) ||
    (code >= 0x2030 && code <= 0x205e)
  );
}

/** The columns one code point takes. */
export function charWidth(character: string): number {
  if (character.length === 1 && narrowWithoutLookup(character.charCodeAt(0))) return 1;
  if (ZERO_WIDTH.test(character)) return 0;
  return WIDE.test(character) ? 2 : 1;
}

/** The columns `text` takes (no control characters or newlines in it). */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += charWidth(character);
  return width;
}

/** `text` without ANSI escape sequences (to measure a styled prompt). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are the point
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}

/**
 * `text` (plain characters and SGR styles) cut to at most `width` columns: a longer one
 * ends with `…` (and a style reset when it has styles), so it never wraps.
 */
export function fitWidth(text: string, width: number): string {
  const plain = stripAnsi(text);
  if (textWidth(plain) <= width) return text;
  let result = '';
  let used = 0;
  let styled = false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are kept whole
  const parts = text.split(/(\u001b\[[0-9;?]*[ -/]*[@-~])/);
  for (const [index, part] of parts.entries()) {
    if (index % 2 === 1) {
      result += part;
      styled = true;
      continue;
    }
    for (const character of part) {
      const next = charWidth(character);
      if (used + next > width - 1) return `${result}…${styled ? '\u001b[0m' : ''}`;
      result += character;
      used += next;
    }
  }
  return result;
}
