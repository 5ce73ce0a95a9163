/**
 * A second look at store text that `JSON.parse` accepted, for what it accepts silently:
 * nesting too deep for the rest of Flynn to copy or write back (`JSON.stringify` and
 * `structuredClone` overflow the stack at a few thousand levels, so a write would fail with
 * an internal error), and duplicate keys (the parser keeps the last value and drops the others
 * without a word). One linear pass over the text; it never quotes a value, and reports key
 * names only through `showKey` so that a secret pasted as a key is not printed.
 */

/** Deeper than this is refused: far beyond any real store, far below a stack overflow. */
export const MAX_STORE_DEPTH = 64;

/** What the scan found. */
export interface JsonScan {
  /** Where nesting first went past {@link MAX_STORE_DEPTH}, 1-based; absent when it did not. */
  tooDeep?: { line: number; column: number };
  /** Dotted paths of keys that occur twice in one object (`openai.api_key`). */
  duplicateKeys: string[];
}

/** A key as it may be shown: plain identifiers as they are, anything else as `<key>`. */
function showKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/.test(key) && !/\d{6}/.test(key) ? key : '<key>';
}

interface Frame {
  object: boolean;
  keys: Set<string>;
  /** The path of this container, shown. */
  path: string;
  /** The key just read, awaiting its value. */
  pendingKey?: string;
}

/**
 * Scans JSON `text` (already known to parse) for excessive depth and duplicate keys. Stops at
 * the first place nesting goes too deep.
 */
export function scanJson(text: string): JsonScan {
  const stack: Frame[] = [];
  const duplicateKeys: string[] = [];
  let line = 1;
  let lineStart = 0;
  let index = 0;
  const childPath = (frame: Frame | undefined): string => {
    if (!frame) return '';
    const name = frame.object ? showKey(frame.pendingKey ?? '') : '[]';
    if (!frame.path) return name;
    return frame.object ? `${frame.path}.${name}` : `${frame.path}${name}`;
  };
  while (index < text.length) {
    const character = text[index];
    if (character === '\n') {
      line++;
      lineStart = index + 1;
      index++;
    } else if (character === '"') {
      let end = index + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      // A string directly inside an object, not after a colon, is a key.
      if (top?.object && top.pendingKey === undefined) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.keys.has(key)) {
          const path = top.path ? `${top.path}.${showKey(key)}` : showKey(key);
          if (!duplicateKeys.includes(path)) duplicateKeys.push(path);
        }
        top.keys.add(key);
        top.pendingKey = key;
      } else if (top?.object) {
        top.pendingKey = undefined;
      }
      index = end + 1;
    } else if (character === '{' || character === '[') {
      const parent = stack.at(-1);
      stack.push({ object: character === '{', keys: new Set(), path: childPath(parent) });
      if (stack.length > MAX_STORE_DEPTH) {
        return { tooDeep: { line, column: index - lineStart + 1 }, duplicateKeys };
      }
      index++;
    } else if (character === '}' || character === ']') {
      stack.pop();
      const parent = stack.at(-1);
      if (parent?.object) parent.pendingKey = undefined;
      index++;
    } else if (character === ',') {
      const top = stack.at(-1);
      if (top?.object) top.pendingKey = undefined;
      index++;
    } else {
      index++;
    }
  }
  return { duplicateKeys };
}
