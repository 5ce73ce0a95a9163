// Ctrl-C for the credential commands. At the hidden prompt the terminal is in raw
// mode, so Ctrl-C arrives as a byte and the prompt raises InterruptedError; while a
// login waits, it arrives as SIGINT and aborts the login's signal. Either way the
// command reports "Cancelled" and exits 130 with nothing stored.
import { EXIT } from '../exit-codes.js';
import { type CommandIO, eprintln } from '../io.js';
import { isInterrupted } from './credential-errors.js';

/** Runs `body`; an InterruptedError becomes "Cancelled." on stderr and exit 130. */
export async function exitOnInterrupt(io: CommandIO, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!isInterrupted(error)) throw error;
    eprintln(io, 'Cancelled; nothing was stored.');
    return EXIT.interrupted;
  }
}

/**
 * An AbortController that SIGINT aborts while `body` runs; the handler is removed
 * afterwards, so Node's default (exit on Ctrl-C) is back for the rest of the process.
 */
export async function withSigintAbort<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    return await body(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
