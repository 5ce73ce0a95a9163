// For tests only (nothing the package builds imports it): a TtyTerminal over in-memory streams.
import { PassThrough } from 'node:stream';
import { TtyTerminal } from './tty-terminal.js';

/** A TtyTerminal over streams that act as a terminal `columns` wide (and `rows` high, if given). */
export function fakeTty(columns = 40, rows?: number) {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns, rows });
  let written = '';
  output.on('data', (chunk) => {
    written += String(chunk);
  });
  const terminal = new TtyTerminal(input, output);
  return { input, output, terminal, written: () => written };
}
