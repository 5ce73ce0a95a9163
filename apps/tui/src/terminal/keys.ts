/**
 * Splits raw terminal input into keys. Escape sequences are recognised as a whole, also
 * when split across chunks; a bracketed paste (`ESC [200~ ... ESC [201~`) is one `paste`
 * key holding its text, newlines and all.
 */
export type Key =
  | { type: 'text'; text: string }
  | { type: 'paste'; text: string }
  | { type: 'key'; name: KeyName };

export type KeyName =
  | 'enter'
  | 'newline'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'kill-start'
  | 'kill-end'
  | 'kill-word'
  | 'tab'
  | 'interrupt'
  | 'eof'
  | 'escape'
  | 'suspend'
  | 'clear';

const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';

const CONTROL: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'newline',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\u0001': 'home',
  '\u0005': 'end',
  '\u0002': 'left',
  '\u0006': 'right',
  '\u0003': 'interrupt',
  '\u0004': 'eof',
  '\u0015': 'kill-start',
  '\u000b': 'kill-end',
  '\u0017': 'kill-word',
  '\u001a': 'suspend',
  '\u000c': 'clear',
  '\u0010': 'up',
  '\u000e': 'down',
};

const CSI_FINAL: Record<string, KeyName> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
};

const TILDE: Record<string, KeyName> = {
  '1': 'home',
  '7': 'home',
  '4': 'end',
  '8': 'end',
  '3': 'delete',
};

/** A CSI sequence's key: arrows with modifiers, Shift+Enter (CSI-u and modifyOtherKeys). */
function csiKey(params: string, final: string): KeyName | undefined {
  const parts = params.split(';');
  const modifier = Number(parts[1] ?? 1);
  if (final === 'u' && parts[0] === '13') return modifier > 1 ? 'newline' : 'enter';
  if (final === '~') {
    if (parts[0] === '27' && parts[2] === '13') return modifier > 1 ? 'newline' : 'enter';
    return TILDE[parts[0] ?? ''];
  }
  const name = CSI_FINAL[final];
  if (!name) return undefined;
  // Alt (3) or Ctrl (5) with Left/Right jump a word.
  if (modifier > 1 && name === 'left') return 'word-left';
  if (modifier > 1 && name === 'right') return 'word-right';
  return name;
}

export class KeyDecoder {
  #pending = '';
  #paste: string | undefined;

  /** Decodes one chunk; an incomplete sequence at its end waits for the next chunk. */
  push(chunk: string): Key[] {
    const keys: Key[] = [];
    let input = this.#pending + chunk;
    this.#pending = '';
    let text = '';
    const flush = () => {
      if (text) keys.push({ type: 'text', text });
      text = '';
    };
    while (input.length > 0) {
      if (this.#paste !== undefined) {
        const end = input.indexOf(PASTE_END);
        if (end === -1) {
          // Keep a possible start of the end marker for the next chunk.
          const keep = partialSuffix(input, PASTE_END);
          this.#paste += input.slice(0, input.length - keep);
          this.#pending = input.slice(input.length - keep);
          return keys;
        }
        this.#paste += input.slice(0, end);
        keys.push({ type: 'paste', text: this.#paste.replace(/\r\n?/g, '\n') });
        this.#paste = undefined;
        input = input.slice(end + PASTE_END.length);
        continue;
      }
      const character = String.fromCodePoint(input.codePointAt(0) ?? 0);
      if (character === '\u001b') {
        const parsed = this.#escape(input);
        if (parsed === 'incomplete') {
          flush();
          this.#pending = input;
          return keys;
        }
        flush();
        if (parsed.paste) this.#paste = '';
        else if (parsed.key) keys.push({ type: 'key', name: parsed.key });
        input = input.slice(parsed.length);
        continue;
      }
      input = input.slice(character.length);
      const control = CONTROL[character];
      if (control) {
        flush();
        keys.push({ type: 'key', name: control });
      } else if (character >= ' ' && !(character >= '\u0080' && character <= '\u009f')) {
        text += character;
      }
    }
    flush();
    return keys;
  }

  /**
   * The input received but not decoded yet, as it arrived (the start of a key sequence cut
   * at a chunk's end, or a paste whose end marker has not come), and forgets it: for
   * whatever reads the input next, when this decoder's reader is done.
   */
  takeUnread(): string {
    const unread =
      this.#paste === undefined ? this.#pending : `${PASTE_START}${this.#paste}${this.#pending}`;
    this.#pending = '';
    this.#paste = undefined;
    return unread;
  }

  #escape(input: string): 'incomplete' | { length: number; key?: KeyName; paste?: boolean } {
    if (input.length === 1) return { length: 1, key: 'escape' };
    const next = input[1] ?? '';
    if (next === '[') {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are parsed here
      const match = /^\u001b\[([0-9;?<>]*)([ -/]*)([@-~])/.exec(input);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are parsed here
      if (!match) return /^\u001b\[[0-9;?<>]*[ -/]*$/.test(input) ? 'incomplete' : { length: 2 };
      const [whole, params = '', , final = ''] = match;
      if (params === '200' && final === '~') return { length: whole.length, paste: true };
      return { length: whole.length, key: csiKey(params, final) };
    }
    if (next === 'O') {
      if (input.length < 3) return 'incomplete';
      return { length: 3, key: CSI_FINAL[input[2] ?? ''] };
    }
    if (next === '\r' || next === '\n') return { length: 2, key: 'newline' };
    if (next === 'b' || next === 'B') return { length: 2, key: 'word-left' };
    if (next === 'f' || next === 'F') return { length: 2, key: 'word-right' };
    if (next === '\u007f' || next === '\b') return { length: 2, key: 'kill-word' };
    if (next === '\u001b') return { length: 1, key: 'escape' };
    return { length: 2 };
  }
}

/** How many characters at the end of `text` could start `marker`. */
function partialSuffix(text: string, marker: string): number {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
    if (marker.startsWith(text.slice(-length))) return length;
  }
  return 0;
}

const ENCODED: Record<KeyName, string> = {
  enter: '\r',
  newline: '\n',
  backspace: '\u007f',
  delete: '\u001b[3~',
  left: '\u001b[D',
  right: '\u001b[C',
  up: '\u001b[A',
  down: '\u001b[B',
  home: '\u001b[H',
  end: '\u001b[F',
  'word-left': '\u001bb',
  'word-right': '\u001bf',
  'kill-start': '\u0015',
  'kill-end': '\u000b',
  'kill-word': '\u0017',
  tab: '\t',
  interrupt: '\u0003',
  eof: '\u0004',
  escape: '\u001b',
  suspend: '\u001a',
  clear: '\u000c',
};

/**
 * The input that decodes to `key` again (one form of it), so keys read ahead by one reader
 * can be handed back to the next (`KeyDecoder.push(encodeKey(key))` gives `key`).
 */
export function encodeKey(key: Key): string {
  if (key.type === 'text') return key.text;
  if (key.type === 'paste') return `${PASTE_START}${key.text}${PASTE_END}`;
  return ENCODED[key.name];
}
