import { EXIT, EXIT_CODE_OF } from './exit-codes.js';
import { type CommandIO, eprintln, style } from './io.js';

/**
 * The one top-level handler. A Flynn error (any package, any copy: recognised by brand and
 * code) becomes its message, its remedy rendered for the CLI (`hint: Run \`flynn ...\``) and
 * the exit code {@link EXIT_CODE_OF} gives its code. Anything else is a bug: "internal
 * error" with the version and exit 70 (the stack only with FLYNN_DEBUG=1). Library errors
 * never carry secrets, so their messages are safe to print.
 */
export async function handleError(error: unknown, io: CommandIO, version: string): Promise<number> {
  // Loaded only here, when something failed.
  const { isFlynnError, renderRemedy } = await import('@flynn/core');
  if (isFlynnError(error)) {
    eprintln(io, `${style(io, 'red', 'error:')} ${error.message}`);
    const remedy = renderRemedy(error.remedy, 'cli');
    if (remedy && !error.message.includes(remedy)) {
      eprintln(io, `${style(io, 'dim', 'hint:')} ${remedy}.`);
    }
    return EXIT_CODE_OF[error.code];
  }
  eprintln(
    io,
    `${style(io, 'red', 'internal error:')} flynn ${version} hit an unexpected problem.`,
  );
  if (io.env.FLYNN_DEBUG)
    eprintln(io, error instanceof Error ? (error.stack ?? error.message) : String(error));
  else
    eprintln(
      io,
      'Run again with FLYNN_DEBUG=1 for details, and report it with that output (check it for secrets first).',
    );
  return EXIT.internal;
}
