#!/usr/bin/env node
// The `flynn` entry. It does no work at import time: `--version` is answered here
// without loading anything else, every other invocation loads the command table.

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
  const { main } = await import('./main.js');
  process.exitCode = await main(args, __FLYNN_VERSION__);
}
