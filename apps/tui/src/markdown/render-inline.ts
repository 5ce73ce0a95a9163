/**
 * Inline Markdown for the terminal: `code`, **bold** or __bold__, *italic* or _italic_,
 * [links](url) and backslash escapes. The input is already sanitized (no control characters
 * but tabs), so the only escape sequences in the result are the styles `style` adds.
 *
 * Emphasis is matched with CommonMark's delimiter stack (simplified: no rule of three), so a
 * line costs time in proportion to its length whatever it holds: a model's line of a
 * thousand unmatched `*` or `` ` `` renders as fast as prose, and nothing recurses per
 * delimiter.
 */

/** Applies a terminal style to text (Screen's `style`, or the identity for plain output). */
export type Styler = (name: MarkdownStyle, text: string) => string;

/** The styles rendered Markdown uses; the caller maps them to terminal styles. */
export type MarkdownStyle = 'bold' | 'italic' | 'code' | 'link' | 'dim' | 'heading' | 'marker';

const PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const WORD = /^[\p{L}\p{N}]$/u;
const SPACE = /^\s$/u;
/** Link labels nest (`[**a**](u)`); deeper than this they are shown plain. */
const MAX_DEPTH = 4;
/** How far a link's `]` and `)` are looked for: links are short, a long line stays linear. */
const MAX_LINK = 1000;

/** A run of `*` or `_`: how many are left unmatched, and the styles it opens and closes. */
interface Run {
  character: string;
  count: number;
  canOpen: boolean;
  canClose: boolean;
  opens: MarkdownStyle[];
  closes: MarkdownStyle[];
}

type Piece = string | Run;

function isSpace(character: string | undefined): boolean {
  return character === undefined || SPACE.test(character);
}

function isWord(character: string | undefined): boolean {
  return character !== undefined && WORD.test(character);
}

function runLength(text: string, index: number, character: string): number {
  let end = index;
  while (text[end] === character) end++;
  return end - index;
}

/**
 * For each run of backticks (by start), where the next run of the same length starts: the
 * end of a code span opened there. One pass from the right.
 */
function codeSpanEnds(text: string): Map<number, number> {
  const runs: { start: number; length: number }[] = [];
  for (let at = text.indexOf('`'); at !== -1; at = text.indexOf('`', at)) {
    const length = runLength(text, at, '`');
    runs.push({ start: at, length });
    at += length;
  }
  const ends = new Map<number, number>();
  const nextOfLength = new Map<number, number>();
  for (let index = runs.length - 1; index >= 0; index--) {
    const run = runs[index] as { start: number; length: number };
    const next = nextOfLength.get(run.length);
    if (next !== undefined) ends.set(run.start, next);
    nextOfLength.set(run.length, run.start);
  }
  return ends;
}

/** The link at `index` (`[label](url "title")`): label, url and where it ends, if there is one. */
function linkAt(
  text: string,
  index: number,
): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let close = -1;
  const limit = Math.min(text.length, index + MAX_LINK);
  for (let at = index; at < limit; at++) {
    const current = text[at];
    if (current === '\\') at++;
    else if (current === '[') depth++;
    else if (current === ']' && --depth === 0) {
      close = at;
      break;
    }
  }
  if (close === -1 || text[close + 1] !== '(') return undefined;
  const end = text.slice(close + 2, close + 2 + MAX_LINK).indexOf(')');
  if (end === -1) return undefined;
  const target = text.slice(close + 2, close + 2 + end).trim();
  const url = (target.split(/\s+/)[0] ?? '').replace(/^<(.*)>$/, '$1');
  if (url === '') return undefined;
  return { label: text.slice(index + 1, close), url, end: close + 3 + end };
}

/** The line cut into text pieces (code spans and links already rendered) and `*`/`_` runs. */
function pieces(text: string, style: Styler, depth: number): Piece[] {
  const result: Piece[] = [];
  const spans = codeSpanEnds(text);
  let plain = '';
  const push = (piece: Piece) => {
    if (plain !== '') result.push(plain);
    plain = '';
    result.push(piece);
  };
  for (let at = 0; at < text.length; ) {
    const current = text[at] as string;
    if (current === '\\' && PUNCTUATION.test(text[at + 1] ?? '')) {
      plain += text[at + 1];
      at += 2;
    } else if (current === '`') {
      const length = runLength(text, at, '`');
      const end = spans.get(at);
      if (end === undefined) {
        plain += text.slice(at, at + length);
        at += length;
        continue;
      }
      let code = text.slice(at + length, end);
      // One space each side is padding (`` ` `a` ` `` shows `a`), unless it is all spaces.
      if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') {
        code = code.slice(1, -1);
      }
      push(style('code', code));
      at = end + length;
    } else if (current === '*' || current === '_') {
      const length = runLength(text, at, current);
      const before = text[at - 1];
      const after = text[at + length];
      const leftFlanking = !isSpace(after);
      const rightFlanking = !isSpace(before);
      // `_` inside a word (snake_case) neither opens nor closes.
      push({
        character: current,
        count: length,
        canOpen: leftFlanking && (current === '*' || !isWord(before)),
        canClose: rightFlanking && (current === '*' || !isWord(after)),
        opens: [],
        closes: [],
      });
      at += length;
    } else if (current === '[' || (current === '!' && text[at + 1] === '[')) {
      const link = linkAt(text, current === '!' ? at + 1 : at);
      if (!link) {
        plain += current;
        at++;
        continue;
      }
      const label = depth < MAX_DEPTH ? renderInline(link.label, style, depth + 1) : link.label;
      push(
        link.label === link.url || link.label === ''
          ? style('link', link.url)
          : `${style('link', label)} ${style('dim', `(${link.url})`)}`,
      );
      at = link.end;
    } else {
      plain += current;
      at++;
    }
  }
  if (plain !== '') result.push(plain);
  return result;
}

/** Pairs openers with closers (bold when both sides have two, else italic), innermost first. */
function matchEmphasis(all: Piece[]): void {
  const stack: Run[] = [];
  // Per character: openers below this stack height cannot match (a search found none).
  const bottom = new Map<string, number>();
  for (const piece of all) {
    if (typeof piece === 'string') continue;
    if (piece.canClose) {
      while (piece.count > 0) {
        let index = stack.length - 1;
        const floor = bottom.get(piece.character) ?? 0;
        while (index >= floor && (stack[index] as Run).character !== piece.character) index--;
        if (index < floor) {
          bottom.set(piece.character, stack.length);
          break;
        }
        const opener = stack[index] as Run;
        const use = opener.count >= 2 && piece.count >= 2 ? 2 : 1;
        const name = use === 2 ? 'bold' : 'italic';
        opener.count -= use;
        piece.count -= use;
        opener.opens.unshift(name);
        piece.closes.push(name);
        // Openers between the pair can no longer match.
        stack.length = opener.count > 0 ? index + 1 : index;
        for (const [character, height] of bottom) {
          if (height > stack.length) bottom.set(character, stack.length);
        }
      }
    }
    if (piece.count > 0 && piece.canOpen) stack.push(piece);
  }
}

/** `text` (one line, sanitized) with its inline Markdown rendered through `style`. */
export function renderInline(text: string, style: Styler, depth = 0): string {
  const all = pieces(text, style, depth);
  matchEmphasis(all);
  // Styled spans nest properly (a match drops the openers inside it), so a stack of buffers
  // builds the result: an open starts a buffer, its close styles it into the one below.
  const buffers: { name?: MarkdownStyle; text: string }[] = [{ text: '' }];
  const top = () => buffers[buffers.length - 1] as { text: string };
  for (const piece of all) {
    if (typeof piece === 'string') {
      top().text += piece;
      continue;
    }
    for (const _ of piece.closes) {
      const closed = buffers.pop() as { name: MarkdownStyle; text: string };
      top().text += style(closed.name, closed.text);
    }
    top().text += piece.character.repeat(piece.count);
    for (const name of piece.opens) buffers.push({ name, text: '' });
  }
  return (buffers[0] as { text: string }).text;
}
