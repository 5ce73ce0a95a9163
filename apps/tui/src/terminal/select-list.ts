/**
 * The keys of an arrow-key list (`Terminal.select`), apart from drawing: Up/Down (also
 * k/j and Ctrl-P/N), Home/End, a digit jumps to that row, a letter to the next choice whose
 * name starts with it; Enter chooses; Esc, Ctrl-C, Ctrl-D and q cancel.
 */
import type { Key } from './keys.js';

/** What a key did to the list. */
export type SelectOutcome =
  | { type: 'moved' }
  | { type: 'unchanged' }
  | { type: 'chosen'; index: number }
  | { type: 'cancelled' };

export class SelectList {
  #selected: number;
  readonly #count: number;
  readonly #names: readonly string[];

  constructor(count: number, initial = 0, names: readonly string[] = []) {
    if (count < 1) throw new RangeError('A list to select from needs at least one choice.');
    this.#count = count;
    this.#names = names.map((name) => name.toLowerCase());
    this.#selected = Math.min(Math.max(0, initial), count - 1);
  }

  /** The highlighted row. */
  get selected(): number {
    return this.#selected;
  }

  apply(key: Key): SelectOutcome {
    if (key.type === 'paste') return { type: 'unchanged' };
    if (key.type === 'text') return this.#text(key.text);
    switch (key.name) {
      case 'up':
        return this.#move(this.#selected - 1);
      case 'down':
        return this.#move(this.#selected + 1);
      case 'home':
        return this.#move(0);
      case 'end':
        return this.#move(this.#count - 1);
      case 'enter':
        return { type: 'chosen', index: this.#selected };
      case 'escape':
      case 'interrupt':
      case 'eof':
        return { type: 'cancelled' };
      default:
        return { type: 'unchanged' };
    }
  }

  #text(text: string): SelectOutcome {
    let outcome: SelectOutcome = { type: 'unchanged' };
    for (const character of text) {
      if (character === 'q') return { type: 'cancelled' };
      if (character === 'k') outcome = this.#move(this.#selected - 1, outcome);
      else if (character === 'j') outcome = this.#move(this.#selected + 1, outcome);
      else if (/^[1-9]$/.test(character)) outcome = this.#move(Number(character) - 1, outcome);
      else outcome = this.#jump(character.toLowerCase(), outcome);
    }
    return outcome;
  }

  /** To the next name (after the highlighted one, wrapping) starting with `letter`. */
  #jump(letter: string, outcome: SelectOutcome): SelectOutcome {
    for (let step = 1; step <= this.#count; step++) {
      const index = (this.#selected + step) % this.#count;
      if (this.#names[index]?.startsWith(letter)) return this.#move(index, outcome);
    }
    return outcome;
  }

  #move(index: number, outcome: SelectOutcome = { type: 'unchanged' }): SelectOutcome {
    if (index < 0 || index >= this.#count || index === this.#selected) return outcome;
    this.#selected = index;
    return { type: 'moved' };
  }
}
