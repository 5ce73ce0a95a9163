/**
 * The one sanitizer for text from outside (servers, config, the store, env) on its way to a
 * terminal. Control characters are shown, not obeyed: ESC becomes `\x1b`, BEL `\x07`, a C1
 * control `\x9b`, DEL `\x7f`, so an OSC or CSI sequence in a server's error cannot retitle the
 * window, write the clipboard, move the cursor or fake a prompt, and the text stays readable.
 * Why: a terminal executes what it is sent; only Flynn's own styling may reach it raw.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeControl(character: string): string {
  const code = character.charCodeAt(0);
  if (code === 0x0a) return '\\n';
  if (code === 0x09) return '\\t';
  if (code === 0x0d) return '\\r';
  return code > 0xff
    ? `\\u${code.toString(16).padStart(4, '0')}`
    : `\\x${code.toString(16).padStart(2, '0')}`;
}

/**
 * `text` with every control character escaped. Tabs and line breaks are kept unless
 * `singleLine` is set (a user code, an account id, a model name: one line on screen).
 * Idempotent on text without control characters; pure; never throws for string input.
 */
export function sanitizeText(text: string, options: { singleLine?: boolean } = {}): string {
  return text.replace(options.singleLine ? CONTROL_OR_NEWLINE : CONTROL, escapeControl);
}

/** True when `text` holds a character {@link sanitizeText} would escape (tabs and newlines aside). */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/**
 * `JSON.stringify` escapes C0 controls but leaves DEL and the C1 range (which some terminals
 * obey) raw: this escapes those too, so JSON output is valid JSON with no raw control byte.
 */
export function escapeJsonControls(json: string): string {
  return json.replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** An SGR style sequence (`ESC [ 1 m`, `ESC [ 31 m`, `ESC [ 39 m`): colors and weight only. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape character is the point
const SGR = /^\u001b\[[0-9;]{1,8}m/;

/**
 * A line for the terminal built by an app: every control character escaped as
 * {@link sanitizeText} does, except, when `styles` is on, SGR sequences (colors, bold, dim),
 * which the app adds itself and which cannot move the cursor, retitle the window or write
 * the clipboard.
 */
export function terminalText(text: string, options: { styles: boolean }): string {
  if (!options.styles) return sanitizeText(text);
  let result = '';
  let rest = text;
  for (let index = rest.indexOf('\u001b'); index !== -1; index = rest.indexOf('\u001b')) {
    result += sanitizeText(rest.slice(0, index));
    const style = SGR.exec(rest.slice(index));
    result += style ? style[0] : '\\x1b';
    rest = rest.slice(index + (style ? style[0].length : 1));
  }
  return result + sanitizeText(rest);
}
