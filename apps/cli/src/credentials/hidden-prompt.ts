// The hidden prompt for secrets. Guarantees: the terminal echoes nothing of what is
// typed or pasted (raw mode, and this module writes no character, mask or count back),
// the terminal is restored (raw mode off, bracketed paste off) on every way out:
// Enter, Ctrl-D, Ctrl-C, end of input or an error. Ctrl-C rejects with
// InterruptedError so the command can exit 130 after the terminal is back to normal.
import { StringDecoder } from 'node:string_decoder';
import type { CommandIO } from '../io.js';
import { InterruptedError } from './credential-errors.js';

interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?(mode: boolean): unknown;
}

const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';
const PASTE_START = '\u001b[200~';
const PASTE_END = '\u001b[201~';
/** After ESC, a complete sequence: CSI (arrows, function keys), SS3, or Alt+key. */
const ESCAPE_BODY = /^(?:\[[0-9;?]*[ -/]*[@-~]|O[\s\S]|[^[O])/;
/** After ESC, the start of a sequence whose end has not arrived yet. */
const PARTIAL_ESCAPE_BODY = /^(?:\[[0-9;?]*[ -/]*|O)?$/;

/** True when `io.stdin` is a terminal that can be put in raw mode. */
export function canPromptHidden(io: CommandIO): boolean {
  const stdin = io.stdin as TerminalInput;
  return Boolean(stdin.isTTY) && typeof stdin.setRawMode === 'function';
}

/**
 * Shows `label` on stderr and reads one secret from the terminal without echoing it.
 * Enter (or Ctrl-D) finishes; Backspace deletes; Ctrl-U clears; arrows and other keys
 * that are not text are ignored; a bracketed paste is taken whole, newlines inside it
 * dropped. Resolves to the typed text (not trimmed; may be empty). `signal` ends the prompt
 * from outside (the terminal restored the same way), rejecting with its reason.
 * @throws InterruptedError on Ctrl-C.
 */
export function promptHidden(io: CommandIO, label: string, signal?: AbortSignal): Promise<string> {
  const stdin = io.stdin as TerminalInput & { setRawMode(mode: boolean): unknown };
  const wasRaw = Boolean(stdin.isRaw);
  const decoder = new StringDecoder('utf8');
  // Bracketed paste is a terminal mode: ask for it only when stderr is that terminal.
  const pasteMode = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
  let value = '';
  let pending = '';
  let pasting = false;

  return new Promise<string>((resolve, reject) => {
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      stdin.removeListener('data', onData);
      stdin.removeListener('end', onEnd);
      stdin.removeListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
      if (pasteMode) io.stderr.write(PASTE_OFF);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      io.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };

    const consume = () => {
      while (pending.length > 0 && !done) {
        if (pending.startsWith('\u001b')) {
          if (pending.startsWith(PASTE_START)) {
            pasting = true;
            pending = pending.slice(PASTE_START.length);
          } else if (pending.startsWith(PASTE_END)) {
            pasting = false;
            pending = pending.slice(PASTE_END.length);
          } else if (PARTIAL_ESCAPE_BODY.test(pending.slice(1))) {
            return; // wait for the rest of the sequence
          } else {
            const match = ESCAPE_BODY.exec(pending.slice(1));
            pending = pending.slice(1 + (match ? match[0].length : 0));
          }
          continue;
        }
        const codePoint = pending.codePointAt(0) ?? 0;
        const char = String.fromCodePoint(codePoint);
        pending = pending.slice(char.length);
        if (char === '\r' || char === '\n') {
          if (!pasting) finish();
        } else if (char === '\u0003') {
          finish(new InterruptedError());
        } else if (char === '\u0004') {
          finish();
        } else if (char === '\u007f' || char === '\b') {
          value = Array.from(value).slice(0, -1).join('');
        } else if (char === '\u0015') {
          value = '';
        } else if (codePoint >= 0x20) {
          value += char;
        }
      }
    };

    const onData = (chunk: Buffer | string) => {
      pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
      consume();
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(error);
    const onAbort = () => finish(signal?.reason ?? new Error('aborted'));
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });

    // Raw mode first: once the label is visible, nothing typed can be echoed any more.
    stdin.setRawMode(true);
    io.stderr.write(pasteMode ? `${PASTE_ON}${label}` : label);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', onError);
    stdin.resume();
  });
}
