/**
 * Inline Markdown for the terminal: `code`, **bold** or __bold__, *italic* or _italic_,
 * [links](url) and backslash escapes. The input is already sanitized (no control characters
 * but tabs), so the only escape sequences in the result are the styles `style` adds.
 */

/** Applies a terminal style to text (Screen's `style`, or the identity for plain output). */
export type Styler = (name: MarkdownStyle, text: string) => string;

/** The styles rendered Markdown uses; the caller maps them to terminal styles. */
export type MarkdownStyle = 'bold' | 'italic' | 'code' | 'link' | 'dim' | 'heading' | 'marker';

const PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const WORD = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;

/** Whether `character` (maybe past either end of the text) is whitespace for flanking rules. */
function isSpace(character: string | undefined): boolean {
  return character === undefined || SPACE.test(character);
}

/** The length of the run of `character` starting at `index`. */
function runLength(text: string, index: number, character: string): number {
  let end = index;
  while (text[end] === character) end++;
  return end - index;
}

/** Where the code span opened by `length` backticks at `index` closes, or -1. */
function codeSpanEnd(text: string, index: number, length: number): number {
  for (let at = text.indexOf('`', index + length); at !== -1; at = text.indexOf('`', at)) {
    const run = runLength(text, at, '`');
    if (run === length) return at;
    at += run;
  }
  return -1;
}

/**
 * Whether the delimiter run `text[index, index + length)` may open emphasis: followed by a
 * non-space, and for `_` not preceded by a letter or digit (snake_case stays as it is).
 */
function canOpen(text: string, index: number, length: number): boolean {
  const before = text[index - 1];
  const after = text[index + length];
  if (isSpace(after)) return false;
  return text[index] === '*' || before === undefined || !WORD.test(before);
}

function canClose(text: string, index: number, length: number): boolean {
  const before = text[index - 1];
  const after = text[index + length];
  if (isSpace(before)) return false;
  return text[index] === '*' || after === undefined || !WORD.test(after);
}

/**
 * Where the emphasis opened by `delimiter` (`*`, `**`, `_`, `__`) before `from` closes, or
 * -1. Code spans and escapes are skipped, and a nested emphasis of another length is stepped
 * over whole, so `*a **b** c*` closes at the last `*`.
 */
function closerAt(text: string, from: number, delimiter: string): number {
  const character = delimiter[0] as string;
  for (let at = from; at < text.length; ) {
    const current = text[at];
    if (current === '\\') {
      at += 2;
    } else if (current === '`') {
      const run = runLength(text, at, '`');
      const end = codeSpanEnd(text, at, run);
      at = end === -1 ? at + run : end + run;
    } else if (current === character) {
      const run = runLength(text, at, character);
      if (run >= delimiter.length && at > from && canClose(text, at, run)) return at;
      const length = Math.min(run, 2);
      const inner = canOpen(text, at, length)
        ? closerAt(text, at + length, character.repeat(length))
        : -1;
      at = inner === -1 ? at + run : inner + length;
    } else {
      at++;
    }
  }
  return -1;
}

/** The link at `index` (`[label](url "title")`): label, url and where it ends, if there is one. */
function linkAt(
  text: string,
  index: number,
): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let at = index; at < text.length; at++) {
    const current = text[at];
    if (current === '\\') at++;
    else if (current === '[') depth++;
    else if (current === ']' && --depth === 0) {
      close = at;
      break;
    }
  }
  if (close === -1 || text[close + 1] !== '(') return undefined;
  const end = text.indexOf(')', close + 2);
  if (end === -1) return undefined;
  const target = text.slice(close + 2, end).trim();
  const url = target.split(/\s+/)[0] ?? '';
  if (url === '') return undefined;
  return { label: text.slice(index + 1, close), url: url.replace(/^<(.*)>$/, '$1'), end: end + 1 };
}

/** `text` (one line, sanitized) with its inline Markdown rendered through `style`. */
export function renderInline(text: string, style: Styler): string {
  let result = '';
  let plain = 0;
  const flush = (at: number) => {
    result += text.slice(plain, at);
  };
  for (let at = 0; at < text.length; ) {
    const current = text[at];
    if (current === '\\' && PUNCTUATION.test(text[at + 1] ?? '')) {
      flush(at);
      result += text[at + 1];
      at += 2;
      plain = at;
      continue;
    }
    if (current === '`') {
      const run = runLength(text, at, '`');
      const end = codeSpanEnd(text, at, run);
      if (end !== -1) {
        flush(at);
        let code = text.slice(at + run, end);
        if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
        result += style('code', code);
        at = end + run;
        plain = at;
      } else {
        at += run;
      }
      continue;
    }
    if (current === '*' || current === '_') {
      const run = runLength(text, at, current);
      const length = Math.min(run, 2);
      const close = canOpen(text, at, length)
        ? closerAt(text, at + length, current.repeat(length))
        : -1;
      if (close !== -1) {
        flush(at);
        const inner = renderInline(text.slice(at + length, close), style);
        result += style(length === 2 ? 'bold' : 'italic', inner);
        at = close + length;
        plain = at;
      } else {
        at += run;
      }
      continue;
    }
    if (current === '[' || (current === '!' && text[at + 1] === '[')) {
      const start = current === '!' ? at + 1 : at;
      const link = linkAt(text, start);
      if (link) {
        flush(at);
        const label = renderInline(link.label, style);
        result +=
          link.label === link.url || link.label === ''
            ? style('link', link.url)
            : `${style('link', label)} ${style('dim', `(${link.url})`)}`;
        at = link.end;
        plain = at;
        continue;
      }
    }
    at++;
  }
  flush(text.length);
  return result;
}
