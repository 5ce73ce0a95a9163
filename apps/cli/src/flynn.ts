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
  const { markPhase } = require('./timing.js') as typeof import('./timing.js');
  const {
    BUNDLES,
    bundleFor,
    cacheVariant,
    flushCompileCache,
    recordedBundleKey,
    requireWithCompileCache,
    safeCacheDirectory,
  } = require('./compile-cache.js') as typeof import('./compile-cache.js');
  markPhase('node started');
  const { join } = require('node:path') as typeof import('node:path');
  const variant = cacheVariant(args);
  // `flynn doctor` has a bundle of its own holding that command alone (src/doctor-main.ts):
  // offline doctor is the budgeted start-up, and a bundle half the size loads faster.
  const bundle = join(__dirname, bundleFor(variant));
  // @flynn/config loads `yaml` and `zod/mini` only to parse a config (src/lazy-libs.ts):
  // each from its own file, through the same compile cache.
  const { installLibraryLoader, LIBRARY_FILES } =
    require('./lazy-libs.js') as typeof import('./lazy-libs.js');
  installLibraryLoader((file) => requireWithCompileCache(join(__dirname, file)), true);
  // The chat, doctor, status and ask each keep the compiled code of their own runs.
  const { main, mayEndNow, processIO } = requireWithCompileCache(bundle, {
    variant,
  }) as typeof import('./main.js');
  markPhase('commands loaded');
  // Parsed configs are cached beside the compile cache, keyed on this build: both bundles
  // (whichever runs, so `flynn doctor` and the other commands share the entry) and the yaml
  // and zod they parse with (see @flynn/config's fileConfigParseCache). Without a recorded
  // build key, or in a cache directory others can write to, no cache.
  const keys = [...BUNDLES, ...Object.values(LIBRARY_FILES)].map((file) =>
    recordedBundleKey(join(__dirname, file)),
  );
  const salt = keys.every((key) => key !== undefined) ? keys.join('.') : undefined;
  const directory = safeCacheDirectory();
  // `flynn ... | head` closes the pipe early: that is the reader's choice, not an error.
  // The streams are created only when a command needs them (see processIO).
  const io = processIO({
    onBrokenPipe: () => process.exit(process.exitCode ?? 0),
    configParseCache: salt && directory ? { directory, salt } : undefined,
  });
  // A command that leaves nothing running (offline doctor, the budgeted start-up, says so) ends
  // the process at once when its output has gone out, instead of waiting for Node to wind the
  // event loop down (half a millisecond). Every other run ends on its own, so work a command
  // leaves to finish (a token refresh completing after a cancel) is never cut short.
  main(args, __FLYNN_VERSION__, io).then((code) => {
    process.exitCode = code;
    if (mayEndNow()) {
      markPhase('ended at once');
      flushCompileCache();
      process.exit(code);
    }
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
