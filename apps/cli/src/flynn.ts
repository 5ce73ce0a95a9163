#!/usr/bin/env node
// The `flynn` entry, built as CommonJS (dist/flynn.cjs): Node's ESM loader costs a few
// milliseconds of start-up that `flynn --version` cannot afford (docs/performance.md).
// It does no work at import time: `--version` is answered here with one write to fd 1
// (creating process.stdout would load Node's stream modules, and for a pipe `net`);
// every other invocation loads the command bundle (dist/main.cjs) through a compile
// cache (see compile-cache.ts).

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  printVersion(`${__FLYNN_VERSION__}\n`);
} else {
  // `flynn ... | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const { markPhase } = require('./timing.js') as typeof import('./timing.js');
  const { requireWithCompileCache } =
    require('./compile-cache.js') as typeof import('./compile-cache.js');
  markPhase('node started');
  const { main } = requireWithCompileCache(
    require('node:path').join(__dirname, 'main.cjs'),
  ) as typeof import('./main.js');
  markPhase('commands loaded');
  main(args, __FLYNN_VERSION__).then((code) => {
    process.exitCode = code;
  });
}

function printVersion(text: string): void {
  const { writeSync } = require('node:fs') as typeof import('node:fs');
  let written = 0;
  try {
    written = writeSync(1, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return; // the reader is gone: nothing to tell it
    if (code !== 'EAGAIN') throw error;
  }
  // A full non-blocking pipe (EAGAIN) or a short write: let the stream wait for the reader.
  if (written < Buffer.byteLength(text)) process.stdout.write(text.slice(written));
}
