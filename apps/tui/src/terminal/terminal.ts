/** What the user did at a prompt. */
export type LineResult =
  /** Enter: the line as typed. */
  | { type: 'line'; text: string }
  /** Ctrl-C: `text` is what had been typed so far (the line is discarded). */
  | { type: 'interrupt'; text: string }
  /** Ctrl-D on an empty line, or the end of the input. */
  | { type: 'eof' };

/** The answer at a hidden prompt. */
export type SecretResult = { type: 'secret'; value: string } | { type: 'cancel' };

export interface ReadLineOptions {
  /** Keep the line in the Up-arrow history (chat messages and commands, not answers). */
  history?: boolean;
  /**
   * Tab: the completions of the text typed so far (whole replacement texts). One is taken
   * at once; several are listed and their common start is taken.
   */
  complete?: (text: string) => string[];
  /** Esc alone ends the line as Ctrl-C does (a question's answer, not the chat's prompt). */
  escapeCancels?: boolean;
  /** Text already in the line when the prompt appears, the cursor at its end. */
  text?: string;
}

/** An arrow-key list for {@link Terminal.select}. */
export interface SelectOptions {
  /** How many choices there are (at least one). */
  count: number;
  /** The choice highlighted first (default the first). */
  initial?: number;
  /** The choices' names, for jumping to one by typing its first letter. */
  names?: readonly string[];
  /**
   * The lines to draw (a header, one line per choice, key hints: the caller's layout) with
   * choice `selected` highlighted, fitted to `columns` and, on a terminal, to `rows` (its
   * height: a list taller than the screen shows a window of its choices around the selected
   * one). Called again on every move and resize. Control characters are escaped when drawn
   * (SGR styles kept), a line longer than the terminal is cut with `…`, and lines beyond the
   * screen's height less one are dropped (all but the last, the key hints).
   */
  render(selected: number, columns: number, rows?: number): string[];
}

/**
 * The TUI's input side. Two implementations: a real terminal (raw mode, line editing,
 * hidden prompts without echo) and plain lines for piped input.
 */
export interface Terminal {
  /** True when reading keystrokes from a terminal. */
  readonly interactive: boolean;
  /** Shows `prompt` and reads one edited line. */
  readLine(prompt: string, options?: ReadLineOptions): Promise<LineResult>;
  /**
   * Redraws the prompt of the line being read (keeping what was typed), e.g. once the
   * config says which model the tier uses. No-op when no line is being read.
   */
  updatePrompt(prompt: string): void;
  /**
   * Ends the line being read, as if Ctrl-D was pressed, erases it from the screen, and returns
   * what had been typed in it (pass it back as {@link ReadLineOptions.text} so nothing typed is
   * lost; a key sequence or paste cut short stays in the input). '' when no line is being read.
   */
  cancelRead(): string;
  /** Shows `prompt` and reads a line without echoing anything of it. */
  readSecret(prompt: string): Promise<SecretResult>;
  /**
   * Shows a list and lets the user pick one entry: on a terminal with the arrow keys (also
   * k/j, Ctrl-P/N, Home/End, a digit, a first letter) and Enter, redrawn in place and erased
   * when done; from a pipe, as numbered lines and a number read. Resolves to the chosen
   * index, or `undefined` when cancelled (Esc, Ctrl-C, Ctrl-D, q; an empty line from a pipe).
   */
  select(options: SelectOptions): Promise<number | undefined>;
  /**
   * While work runs between prompts (a streamed answer, a device login), calls
   * `handler` on Ctrl-C. Other keys typed meanwhile go to the next prompt (Ctrl-C
   * drops them). Returns the function that stops watching.
   */
  watchInterrupt(handler: () => void): () => void;
  /** Leaves the terminal as it was found: raw mode off, cursor visible. Idempotent. */
  restore(): void;
}
