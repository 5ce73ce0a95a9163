// What `flynn ask` reads from stdin. Text is read from a pipe or a file, never from a
// terminal (a person types the prompt as arguments) nor from a character device such as
// /dev/null (which has nothing to read). A pipe whose writer never writes nor closes (an inherited stdin of a CI step
// or an editor's task runner) must not hang `ask` forever: with a prompt, piped text is
// awaited for FLYNN_STDIN_WAIT_MS (default 3 s) until its first byte; once text flows it
// is read to the end. `flynn ask -` (or no prompt) asks for stdin and waits as long as it
// takes.
import type { CommandIO, StdinKind } from './io.js';

/** Default wait for the first byte of piped text when a prompt was given. */
export const STDIN_WAIT_MS = 3000;

/** The stdin kind of `io`: its own answer, else a guess from the stream (tests drive streams). */
export function stdinKind(io: CommandIO): StdinKind {
  if (io.stdinKind) return io.stdinKind();
  return io.stdin.isTTY ? 'terminal' : 'pipe';
}

export type PipedInput =
  | { kind: 'text'; text: string }
  | { kind: 'none' }
  /** A pipe sent nothing, not even its end, within the wait. */
  | { kind: 'silent'; waitedMs: number };

/**
 * Reads piped text from `io.stdin` (see the module header). `required`: the prompt is `-`
 * or absent, so stdin is the question and is read with no time limit.
 */
export async function readPipedInput(
  io: CommandIO,
  options: { required: boolean; signal?: AbortSignal },
): Promise<PipedInput> {
  const kind = stdinKind(io);
  if (kind === 'terminal' || kind === 'other') return { kind: 'none' };
  const parsed = Number(io.env.FLYNN_STDIN_WAIT_MS);
  const waitMs = Number.isFinite(parsed) && parsed >= 0 ? parsed : STDIN_WAIT_MS;
  const limited = kind === 'pipe' && !options.required;
  const stdin = io.stdin;
  return new Promise<PipedInput>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: PipedInput | Error) => {
      clearTimeout(timer);
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.removeListener('error', onError);
      options.signal?.removeEventListener('abort', onAbort);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer | string) => {
      clearTimeout(timer);
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    };
    const onEnd = () => {
      const text = Buffer.concat(chunks).toString('utf8');
      finish(text === '' ? { kind: 'none' } : { kind: 'text', text });
    };
    const onError = (error: Error) => finish(error);
    const onAbort = () => {
      (stdin as NodeJS.ReadableStream & { destroy?: () => void }).pause();
      finish({ kind: 'none' });
    };
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (limited) {
      timer = setTimeout(() => {
        if (chunks.length > 0) return;
        stdin.pause();
        (stdin as { unref?: () => void }).unref?.();
        finish({ kind: 'silent', waitedMs: waitMs });
      }, waitMs);
    }
  });
}
