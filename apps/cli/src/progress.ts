// Progress on a terminal: a spinner line on stderr saying what Flynn waits for, shown only
// when the wait lasts longer than PROGRESS_DELAY_MS, only when stderr is a terminal, and
// never with --json. It erases itself before anything else is printed, so pipes, files and
// scripts see exactly the output they saw before.
import { type CommandIO, terminalText } from './io.js';

/** A wait shorter than this shows nothing. */
export const PROGRESS_DELAY_MS = 300;
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface Progress {
  /** Changes what the line says it waits for. */
  update(text: string): void;
  /** Erases the line (if shown) and stops; safe to call more than once. */
  stop(): void;
}

/** Whether `io.stderr` is a terminal (the only place progress is drawn). */
export function stderrIsTerminal(io: CommandIO): boolean {
  return Boolean((io.stderr as { isTTY?: boolean }).isTTY);
}

/**
 * Starts a progress line saying `text` ("Waiting for api.openai.com…"). `quiet` (e.g.
 * `--json`) or a stderr that is not a terminal makes it a no-op.
 */
export function startProgress(
  io: CommandIO,
  text: string,
  options: {
    quiet?: boolean;
    /** Show the line after this long (default PROGRESS_DELAY_MS). */
    delayMs?: number;
    /** When the wait began (default now), for the elapsed time the line shows. */
    since?: number;
  } = {},
): Progress {
  if (options.quiet || !stderrIsTerminal(io)) return { update() {}, stop() {} };
  let current = text;
  let frame = 0;
  let shown = false;
  let stopped = false;
  const started = options.since ?? Date.now();
  const draw = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const line = `${FRAMES[frame++ % FRAMES.length]} ${current}${seconds >= 1 ? ` (${seconds} s)` : ''}`;
    io.stderr.write(`\r${terminalText({ color: false }, line)}\u001b[K`);
    shown = true;
  };
  let interval: NodeJS.Timeout | undefined;
  const delay = setTimeout(() => {
    draw();
    interval = setInterval(draw, 120);
    interval.unref?.();
  }, options.delayMs ?? PROGRESS_DELAY_MS);
  delay.unref?.();
  return {
    update(next) {
      current = next;
      if (shown && !stopped) draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(delay);
      clearInterval(interval);
      if (shown) io.stderr.write('\r\u001b[K');
    },
  };
}

/** Runs `work` with a progress line saying `text`, erased when it settles. */
export async function withProgress<T>(
  io: CommandIO,
  text: string,
  work: () => Promise<T>,
  options: { quiet?: boolean } = {},
): Promise<T> {
  const progress = startProgress(io, text, options);
  try {
    return await work();
  } finally {
    progress.stop();
  }
}
