// Loads the CLI's CommonJS bundle through V8's code cache.
//
// Node 20 has no built-in compile cache for user code (module.enableCompileCache
// arrived in Node 22), and compiling the ~1 MB bundle (commander, zod, yaml and
// Flynn's packages) is most of what `flynn doctor` costs on top of starting Node. So
// the bundle is compiled with `vm.Script` and V8's cached data: `pnpm build` writes
// the cache next to the bundle after a warm-up run, and a run that finds no usable
// cache (another Node version, a rebuilt bundle) writes one on exit, best-effort and
// atomically (temp file + rename), so concurrent runs never see a torn file. V8
// verifies the cache against the source and its own version and flags, and rejects
// a stale one. The cache holds compiled code of the bundle only: no runtime values,
// so no secret ever reaches it.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/** Where the code cache of `bundleFile` lives for this Node version and architecture. */
export function compileCachePath(bundleFile: string): string {
  return `${bundleFile}.${process.version}-${process.arch}.v8cache`;
}

/**
 * Runs the CommonJS file `bundleFile` like `require` would, compiling it with V8's
 * code cache when one is available, and returns its exports.
 */
export function requireWithCompileCache(bundleFile: string): unknown {
  const source = readFileSync(bundleFile, 'utf8');
  const cacheFile = compileCachePath(bundleFile);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: bundleFile, cachedData },
  );
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as unknown };
  run(module.exports, createRequire(bundleFile), module, bundleFile, dirname(bundleFile));

  if (cachedData === undefined || script.cachedDataRejected) {
    // Written on exit so the cache also holds the functions this run compiled.
    process.once('exit', () => {
      try {
        const temp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        // A read-only install still works, just without the cache.
      }
    });
  }
  return module.exports;
}
