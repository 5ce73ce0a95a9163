#!/usr/bin/env node
// The `flynn` entry, built as CommonJS (dist/flynn.cjs): Node's ESM loader costs a few
// milliseconds of start-up that `flynn --version` cannot afford (docs/performance.md).
// It does no work at import time: `--version` is answered here without loading
// anything else; every other invocation loads the command bundle (dist/main.cjs)
// through V8's code cache (see compile-cache.ts).

// `flynn ... | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${__FLYNN_VERSION__}\n`);
} else {
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
