// Loads the CLI's CommonJS bundle with a compile cache, so a start does not pay for
// compiling the ~330 KB bundle (commander, zod, yaml and Flynn's packages): that was
// most of what `flynn doctor` cost on top of starting Node.
//
// The cache lives in Flynn's cache directory (`FLYNN_CACHE_DIR`, else
// `$XDG_CACHE_HOME/flynn`, else `~/.cache/flynn`), never next to the installed bundle.
// Failing to read or write it is silently ignored: the CLI works without a cache.
//
// - Node 22.1+ has `module.enableCompileCache()`: Node keys its cache on a checksum of
//   each module's source and checks it on load. The bundle is then loaded by `require`.
// - Node 20 has no compile cache for user code, so the bundle is compiled with
//   `vm.Script` and V8's code cache. V8 checks its own version and flags, but of the
//   source only the length: an edited bundle of the same length would run the stale
//   cached code. So each cache entry is keyed on the bundle's content and carries the
//   exact bytes it was made from; it is used only when they equal the bundle's, byte for
//   byte. Reading that copy and comparing it costs well under a millisecond; hashing the
//   bundle at every start would cost more (loading node:crypto alone takes ~5 ms). The
//   key is the bundle's SHA-256, computed at build time (`<bundle>.sha256`, written by
//   tsup.config.ts); without that file it is computed here. A stale key file only costs
//   a miss: the bytes decide.
//
// A run that finds no usable entry writes one on exit (so it holds the functions this
// run compiled), best-effort and atomically (temp file + rename) into a 0700 directory,
// so concurrent runs never see a torn file. V8 does not checksum cached code in release
// builds: an entry damaged on disk could crash the start-up; removing the cache
// directory (or pointing FLYNN_CACHE_DIR elsewhere) recovers. An entry holds compiled
// code of the bundle and the bundle's own text only: no runtime values, so no secret
// ever reaches it.
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import * as nodeModule from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { firstCommandArg } from './first-command-arg.js';

/**
 * Entries of other builds of the same bundle (other installs, other Node versions) kept when
 * one is written. A build of main.cjs has up to four (variants cli, chat, status, ask), of
 * doctor.cjs one, so two installs used in turn keep each other's.
 */
const KEEP_OTHER_ENTRIES = 10;

/**
 * Entry layout: MAGIC, the source length (uint32 LE), the source bytes, zero padding to a
 * multiple of 8, V8's cached data (V8 copies cached data that is not 8-byte aligned).
 */
const MAGIC = 'flynn-v8-cache-2';
const HEADER_LENGTH = MAGIC.length + 4;
const codeOffset = (sourceLength: number) => (HEADER_LENGTH + sourceLength + 7) & ~7;

/**
 * Flynn's cache directory, by the same rule as the config directory (@flynn/core's
 * flynnConfigDir): `$FLYNN_CACHE_DIR`, else `$XDG_CACHE_HOME/flynn`, else
 * `$HOME/.cache/flynn` (HOME from `env`, then the OS). Empty or whitespace-only variables
 * count as unset.
 */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.FLYNN_CACHE_DIR?.trim();
  if (explicit) return resolve(explicit);
  const xdg = env.XDG_CACHE_HOME?.trim();
  if (xdg) return join(resolve(xdg), 'flynn');
  const home = env.HOME?.trim() || (require('node:os') as typeof import('node:os')).homedir();
  return join(home, '.cache', 'flynn');
}

const checkedDirectories = new Map<string, boolean>();

/**
 * Whether `directory` may hold Flynn's caches: it does not exist yet (it is created 0700), or
 * it is a directory of this user that no one else can write to. A cache holds code this
 * process runs and configs it trusts, so one that others could plant files in is not used.
 */
export function usableCacheDirectory(directory: string): boolean {
  let usable = checkedDirectories.get(directory);
  if (usable === undefined) {
    try {
      const stats = statSync(directory);
      const uid = typeof process.getuid === 'function' ? process.getuid() : stats.uid;
      usable = stats.isDirectory() && stats.uid === uid && (stats.mode & 0o022) === 0;
    } catch (error) {
      usable = (error as NodeJS.ErrnoException).code === 'ENOENT';
    }
    checkedDirectories.set(directory, usable);
  }
  return usable;
}

/**
 * Flynn's cache directory ({@link cacheDirectory}) when it may be used
 * ({@link usableCacheDirectory}); undefined when there is no home to be found or others can
 * write there. Every cache (compiled code, parsed configs) goes through this.
 */
export function safeCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  let directory: string;
  try {
    directory = cacheDirectory(env);
  } catch {
    return undefined; // no home directory to be found: run without a cache
  }
  return usableCacheDirectory(directory) ? directory : undefined;
}

const recordedKeys = new Map<string, string | undefined>();

/**
 * The bundle's content key as the build recorded it (`<bundle>.sha256`), if it did. Read once
 * per process: the bin asks again for the bundle it runs when it builds the config cache's salt.
 */
export function recordedBundleKey(bundleFile: string): string | undefined {
  if (recordedKeys.has(bundleFile)) return recordedKeys.get(bundleFile);
  let key: string | undefined;
  try {
    const recorded = readFileSync(`${bundleFile}.sha256`, 'latin1').trim();
    if (/^[0-9a-f]{64}$/.test(recorded)) key = recorded.slice(0, 32);
  } catch {
    // Not built by `pnpm build`.
  }
  recordedKeys.set(bundleFile, key);
  return key;
}

/** The bundle's content key: its SHA-256 from the build, else computed now. */
export function bundleKey(bundleFile: string, bytes: Buffer): string {
  const recorded = recordedBundleKey(bundleFile);
  if (recorded !== undefined) return recorded;
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Where the V8 code cache of a bundle with content key `key` lives in `directory`; `variant`
 * (a command name) gives that command an entry of its own.
 */
export function compileCachePath(
  bundleFile: string,
  key: string,
  directory: string,
  variant?: string,
): string {
  const of = variant ? `-${variant}` : '';
  return join(
    directory,
    `${basename(bundleFile)}-${key}${of}-${process.version}-${process.arch}.v8cache`,
  );
}

/** Commands whose start-up is budgeted: each keeps a code cache of its own. */
const CACHE_VARIANTS = ['chat', 'doctor', 'status', 'ask'] as const;

/**
 * The code cache variant of a run: the command it runs when that is `chat`, `doctor`,
 * `status` or `ask`, else `cli`. A V8 cache entry holds the functions the run that wrote it
 * compiled: one written by `flynn doctor` would leave the chat compiling its terminal code on
 * every start (and the other way round), and an entry, once there, is not rewritten.
 */
export function cacheVariant(args: readonly string[]): string {
  const command = firstCommandArg(args);
  return (CACHE_VARIANTS as readonly string[]).includes(command ?? '')
    ? (command as string)
    : 'cli';
}

/** The CLI bundle a run loads: `flynn doctor` has one of its own (src/doctor-main.ts). */
export function bundleFor(variant: string): (typeof BUNDLES)[number] {
  return variant === 'doctor' ? 'doctor.cjs' : 'main.cjs';
}

/** Every CLI bundle: what the parsed-config cache is keyed on, whichever runs. */
export const BUNDLES = ['main.cjs', 'doctor.cjs'] as const;

export interface CompileCacheOptions {
  /** The cache directory (default: {@link cacheDirectory}); undefined for none. */
  directory?: string | undefined;
  /** An entry of its own for this kind of run ({@link cacheVariant}); default: one for all. */
  variant?: string;
  /** Ignore an existing V8 cache entry and write a fresh one at exit (the build's warm-up). */
  refresh?: boolean;
}

type EnableCompileCache = (directory?: string) => unknown;

/**
 * Writes Node's own compile cache (Node 22.1+, `module.enableCompileCache`) now, for a process
 * about to end with `process.exit`, which would skip the write Node makes at a natural exit.
 * Nothing on Node 20, whose V8 entries are written by an `exit` handler.
 */
export function flushCompileCache(): void {
  try {
    (nodeModule as { flushCompileCache?: () => void }).flushCompileCache?.();
  } catch {
    // A cache that cannot be written costs only the next start's compile.
  }
}

/**
 * Runs the CommonJS file `bundleFile` like `require` would, with a compile cache when
 * one is available, and returns its exports.
 */
export function requireWithCompileCache(
  bundleFile: string,
  options: CompileCacheOptions = {},
): unknown {
  let directory = 'directory' in options ? options.directory : safeCacheDirectory();
  if (directory !== undefined && !usableCacheDirectory(directory)) directory = undefined;
  const enableCompileCache = (nodeModule as { enableCompileCache?: EnableCompileCache })
    .enableCompileCache;
  if (typeof enableCompileCache === 'function') {
    if (directory !== undefined) {
      try {
        enableCompileCache(join(directory, 'node-compile-cache'));
      } catch {
        // Without a cache, Node just compiles.
      }
    }
    return nodeModule.createRequire(bundleFile)(bundleFile);
  }
  return requireWithV8Cache(bundleFile, directory, options.refresh === true, options.variant);
}

function requireWithV8Cache(
  bundleFile: string,
  directory: string | undefined,
  refresh: boolean,
  variant: string | undefined,
): unknown {
  const bytes = readFileSync(bundleFile);
  let entryFile: string | undefined;
  let cachedData: Buffer | undefined;
  let key: string | undefined;
  if (directory !== undefined) {
    try {
      key = bundleKey(bundleFile, bytes);
      entryFile = compileCachePath(bundleFile, key, directory, variant);
    } catch {
      entryFile = undefined; // a Node without crypto and no recorded key: no cache
    }
    if (entryFile !== undefined && !refresh) cachedData = cachedCodeFor(entryFile, bytes);
  }
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`,
    { filename: bundleFile, cachedData },
  );
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} as unknown };
  run(
    module.exports,
    nodeModule.createRequire(bundleFile),
    module,
    bundleFile,
    dirname(bundleFile),
  );

  if (entryFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    const file = entryFile;
    // Written on exit so the entry also holds the functions this run compiled.
    const build = `${basename(bundleFile)}-${key}-`;
    process.once('exit', () => writeEntry(file, build, bytes, script));
  }
  return module.exports;
}

/** V8's cached data in `entryFile` when that entry was made from exactly `bytes`. */
function cachedCodeFor(entryFile: string, bytes: Buffer): Buffer | undefined {
  let entry: Buffer;
  try {
    entry = readFileSync(entryFile);
  } catch {
    return undefined;
  }
  const end = HEADER_LENGTH + bytes.length;
  const code = codeOffset(bytes.length);
  if (
    entry.length <= code ||
    entry.toString('latin1', 0, MAGIC.length) !== MAGIC ||
    entry.readUInt32LE(MAGIC.length) !== bytes.length ||
    !bytes.equals(entry.subarray(HEADER_LENGTH, end))
  ) {
    return undefined;
  }
  return entry.subarray(code);
}

function writeEntry(entryFile: string, build: string, bytes: Buffer, script: Script): void {
  try {
    const header = Buffer.alloc(HEADER_LENGTH);
    header.write(MAGIC, 0, 'latin1');
    header.writeUInt32LE(bytes.length, MAGIC.length);
    const padding = Buffer.alloc(codeOffset(bytes.length) - HEADER_LENGTH - bytes.length);
    const directory = dirname(entryFile);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const temp = `${entryFile}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([header, bytes, padding, script.createCachedData()]), {
      mode: 0o600,
    });
    renameSync(temp, entryFile);
    pruneEntries(directory, build);
  } catch {
    // A read-only or missing cache directory: the CLI still works, just compiles.
  }
}

/**
 * Removes all but the newest few entries of other builds of the same bundle, and stale temp
 * files. Entries of this build (`build`: `main.cjs-<key>-`, every variant) for this Node are kept.
 */
function pruneEntries(directory: string, build: string): void {
  const prefix = `${build.slice(0, build.indexOf('-') + 1)}`;
  const others: Array<[string, number]> = [];
  for (const name of readdirSync(directory)) {
    const file = join(directory, name);
    const thisBuild =
      name.startsWith(build) && name.endsWith(`-${process.version}-${process.arch}.v8cache`);
    if (!name.startsWith(prefix) || thisBuild) continue;
    try {
      const age = Date.now() - statSync(file).mtimeMs;
      if (name.endsWith('.tmp')) {
        if (age > 60_000) unlinkSync(file);
      } else if (name.endsWith('.v8cache')) {
        others.push([file, age]);
      }
    } catch {
      // Removed by another run meanwhile.
    }
  }
  others.sort((a, b) => a[1] - b[1]);
  for (const [file] of others.slice(KEEP_OTHER_ENTRIES)) {
    try {
      unlinkSync(file);
    } catch {
      // Removed by another run meanwhile.
    }
  }
}
