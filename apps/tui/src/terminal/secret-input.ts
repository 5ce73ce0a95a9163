/**
 * Decodes raw keystrokes typed (or pasted) at a hidden prompt.
 *
 * Guarantee: nothing here writes anywhere. The value exists only in this object until
 * `push` returns it; the caller echoes nothing, not even a placeholder per character,
 * so neither the secret nor its length ever reaches the screen.
 */

/** What a chunk of input did to a hidden prompt. */
export type SecretInputOutcome =
  | { type: 'pending' }
  | { type: 'done'; value: string }
  | { type: 'cancel' };

type EscapeState = 'none' | 'escape' | 'csi' | 'ss3';

/**
 * Keys: Enter submits; Ctrl-C cancels; Ctrl-D cancels when nothing was typed;
 * Backspace deletes the last character; Ctrl-U and Ctrl-W clear. Escape sequences
 * (arrow keys, bracketed-paste markers) and other control characters are ignored.
 */
export class SecretInput {
  #characters: string[] = [];
  #escape: EscapeState = 'none';

  /** Feeds one chunk of terminal input; returns as soon as the prompt is answered. */
  push(chunk: string): SecretInputOutcome {
    for (const character of chunk) {
      if (this.#escape !== 'none') {
        this.#skipEscape(character);
        continue;
      }
      switch (character) {
        case '\r':
        case '\n':
          return { type: 'done', value: this.#characters.join('') };
        case '\u0003':
          return this.#cancel();
        case '\u0004':
          if (this.#characters.length === 0) return this.#cancel();
          break;
        case '\u007f':
        case '\b':
          this.#characters.pop();
          break;
        case '\u0015':
        case '\u0017':
          this.#characters = [];
          break;
        case '\u001b':
          this.#escape = 'escape';
          break;
        default:
          if (character >= ' ' && !(character >= '\u0080' && character <= '\u009f')) {
            this.#characters.push(character);
          }
      }
    }
    return { type: 'pending' };
  }

  #cancel(): SecretInputOutcome {
    this.#characters = [];
    return { type: 'cancel' };
  }

  #skipEscape(character: string): void {
    if (this.#escape === 'escape') {
      this.#escape = character === '[' ? 'csi' : character === 'O' ? 'ss3' : 'none';
    } else if (this.#escape === 'ss3') {
      this.#escape = 'none';
    } else if (character >= '@' && character <= '~') {
      // The final byte of a CSI sequence (`\x1b[A`, `\x1b[200~`).
      this.#escape = 'none';
    }
  }
}
