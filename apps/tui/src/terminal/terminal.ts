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
  /** Ends the line being read, as if Ctrl-D was pressed. No-op when none is. */
  cancelRead(): void;
  /** Shows `prompt` and reads a line without echoing anything of it. */
  readSecret(prompt: string): Promise<SecretResult>;
  /**
   * While work runs between prompts (a streamed answer, a device login), calls
   * `handler` on Ctrl-C. Other keys typed meanwhile go to the next prompt (Ctrl-C
   * drops them). Returns the function that stops watching.
   */
  watchInterrupt(handler: () => void): () => void;
  /** Leaves the terminal as it was found: raw mode off, cursor visible. Idempotent. */
  restore(): void;
}
