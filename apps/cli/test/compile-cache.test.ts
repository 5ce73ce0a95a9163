import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { type BinRun, createTempHome, runBin, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FLYNN_BIN } from './run-flynn.js';

// The compile cache (src/compile-cache.ts) lives in Flynn's cache directory, never next to
// the installed bundle, and is keyed on the bundle's content: V8 itself checks only the
// length of the source, so before this an edited bundle of the same length ran the stale
// cached code (its old strings, its old logic). Each test runs a copy of the built CLI
// from a temp install directory with a temp cache directory and a scrubbed env.

const DIST = dirname(FLYNN_BIN);
/** Node 22.1+ caches by itself (module.enableCompileCache); Node 20 takes the V8 path. */
const NODE_CACHE = typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache;
const v8Path = NODE_CACHE !== 'function';
const ENTRY = /^(?:main|doctor)\.cjs-([0-9a-f]{32})-([a-z]+)-v\d+\.\d+\.\d+-[a-z0-9]+\.v8cache$/;

let home: TempHome;
let install: string;
let cache: string;
beforeEach(() => {
  home = createTempHome();
  install = join(home.home, 'install', 'dist');
  cache = join(home.home, 'cache');
  mkdirSync(install, { recursive: true });
  for (const file of ['flynn.cjs', 'main.cjs', 'main.cjs.sha256']) {
    copyFileSync(join(DIST, file), join(install, file));
  }
});
afterEach(() => home.cleanup());

/** `node <install>/flynn.cjs ...args` with exactly `env` (no XDG_CACHE_HOME unless given). */
function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<BinRun> {
  const base = { ...home.env };
  delete base.XDG_CACHE_HOME;
  delete base.FLYNN_CACHE_DIR;
  return runBin(join(install, 'flynn.cjs'), args, { env: { ...base, ...env } });
}

const help = (env: NodeJS.ProcessEnv = { FLYNN_CACHE_DIR: cache }) => run(['--help'], env);

/** Every file under `dir`, relative, sorted; [] when it does not exist. */
function filesUnder(dir: string): string[] {
  try {
    return (readdirSync(dir, { recursive: true }) as string[])
      .filter((name) => statSync(join(dir, name)).isFile())
      .sort();
  } catch {
    return [];
  }
}

/** The V8 cache entries in `dir`. */
const entries = (dir: string) => filesUnder(dir).filter((name) => ENTRY.test(name));

/**
 * A phrase of `text` (the help output) that occurs exactly once in the bundle, and the
 * same phrase in capitals: an edit that keeps the bundle's length.
 */
function sameLengthEdit(text: string, bundle: string): [string, string] {
  for (const phrase of text.match(/[a-z][a-z ]{14,}[a-z]/g) ?? []) {
    if (bundle.split(phrase).length === 2) return [phrase, phrase.toUpperCase()];
  }
  throw new Error(`no phrase of the help output occurs once in the bundle:\n${text}`);
}

describe('the compile cache', () => {
  it('goes to FLYNN_CACHE_DIR, and nothing is written next to the bundle', async () => {
    const before = filesUnder(install);
    const first = await help();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('Usage: flynn');
    expect(filesUnder(install)).toEqual(before);
    expect(filesUnder(cache).length).toBeGreaterThan(0);
    if (v8Path) {
      // One entry, named by the content key the build recorded.
      const key = readFileSync(join(install, 'main.cjs.sha256'), 'latin1').trim().slice(0, 32);
      expect(entries(cache)).toEqual([expect.stringContaining(`main.cjs-${key}-`)]);
    }
    // The build itself caches outside dist/ too.
    expect(filesUnder(DIST).filter((name) => name.includes('.v8cache'))).toEqual([]);
  });

  it.skipIf(!v8Path)('is reused, not rewritten, while the bundle is unchanged', async () => {
    await help();
    const [entry] = entries(cache);
    const written = statSync(join(cache, entry!));
    const second = await help();
    expect(second).toMatchObject({ code: 0, stderr: '' });
    const after = statSync(join(cache, entry!));
    expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
    expect(entries(cache)).toEqual([entry]);
  });

  it('never runs stale code for an edited bundle of the same length', async () => {
    const bundleFile = join(install, 'main.cjs');
    const original = readFileSync(bundleFile, 'utf8');
    const first = await help();
    expect(first.code).toBe(0);
    const [phrase, edited] = sameLengthEdit(first.stdout, original);
    const [entry] = entries(cache);
    const cached = v8Path ? statSync(join(cache, entry!)) : undefined;

    // Edited in place: same length, and the recorded key (main.cjs.sha256) is now stale.
    writeFileSync(bundleFile, original.replace(phrase, edited));
    expect(statSync(bundleFile).size).toBe(Buffer.byteLength(original));
    const second = await help();
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toContain(edited);
    expect(second.stdout).not.toContain(phrase);
    if (v8Path) {
      // The stale key's entry was replaced by one made from the edited bytes.
      const rewritten = statSync(join(cache, entry!));
      expect(rewritten.ino).not.toBe(cached!.ino);
      expect(readFileSync(join(cache, entry!), 'latin1')).toContain(edited);
    }
    // And that entry serves the edited bundle from now on.
    expect((await help()).stdout).toContain(edited);

    // Rebuilt with a fresh recorded key: a new entry, and the output follows the bundle.
    const rebuilt = phrase.replace(/[a-z]/, (letter) => letter.toUpperCase());
    writeFileSync(bundleFile, original.replace(phrase, rebuilt));
    writeFileSync(
      join(install, 'main.cjs.sha256'),
      `${createHash('sha256').update(readFileSync(bundleFile)).digest('hex')}\n`,
    );
    const third = await help();
    expect(third.stdout).toContain(rebuilt);
    expect(third.stdout).not.toContain(edited);
    if (v8Path) expect(entries(cache)).toHaveLength(2);
  });

  it.skipIf(!v8Path)('keys a bundle without a recorded key on its SHA-256', async () => {
    rmSync(join(install, 'main.cjs.sha256'));
    expect((await help()).code).toBe(0);
    const digest = createHash('sha256')
      .update(readFileSync(join(install, 'main.cjs')))
      .digest('hex');
    expect(entries(cache)).toEqual([expect.stringContaining(`main.cjs-${digest.slice(0, 32)}-`)]);
  });

  it.skipIf(!v8Path)('replaces a corrupt or foreign entry instead of using it', async () => {
    await help();
    const [entry] = entries(cache);
    const file = join(cache, entry!);
    const good = readFileSync(file);
    const sourceLength = readFileSync(join(install, 'main.cjs')).length;
    // An entry: a 16-byte magic and the source length (20 bytes), the source, V8's code.
    const variants = [
      Buffer.from('not a cache entry'),
      good.subarray(0, 1000), // truncated
      // The right header and source, then code V8 rejects (no V8 header).
      Buffer.concat([good.subarray(0, 20 + sourceLength), Buffer.alloc(4096, 7)]),
      // Made from another bundle of the same length.
      Buffer.concat([
        good.subarray(0, 20),
        Buffer.alloc(sourceLength, 32),
        good.subarray(20 + sourceLength),
      ]),
    ];
    for (const bad of variants) {
      writeFileSync(file, bad);
      const result = await help();
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('Usage: flynn');
      expect(readFileSync(file).length).toBeGreaterThan(sourceLength);
      expect(readFileSync(file).equals(bad)).toBe(false);
    }
  });

  it.skipIf(!v8Path)(
    'keeps an entry per budgeted command, each written once, none pruning another',
    async () => {
      const env = { FLYNN_CACHE_DIR: cache };
      // doctor and status parse a config: yaml and zod load from files of their own; doctor
      // runs from a bundle of its own.
      for (const file of [
        'yaml.cjs',
        'yaml.cjs.sha256',
        'zod.cjs',
        'zod.cjs.sha256',
        'doctor.cjs',
        'doctor.cjs.sha256',
      ]) {
        copyFileSync(join(DIST, file), join(install, file));
      }
      // Entries of twelve older builds, to be pruned down to the newest ten of other builds.
      mkdirSync(cache, { recursive: true, mode: 0o700 });
      for (let old = 0; old < 12; old++) {
        writeFileSync(
          join(cache, `main.cjs-${old.toString(16).repeat(32)}-cli-v20.0.0-x64.v8cache`),
          'x',
        );
      }
      await help(env);
      await run(['doctor'], env);
      await run(['--config', join(home.home, 'none.yaml'), 'status'], env);
      const keyOf = (bundle: string) =>
        readFileSync(join(install, `${bundle}.sha256`), 'latin1')
          .trim()
          .slice(0, 32);
      const builds = [`main.cjs-${keyOf('main.cjs')}-`, `doctor.cjs-${keyOf('doctor.cjs')}-`];
      const thisBuild = (name: string) => builds.some((build) => name.startsWith(build));
      const ours = () =>
        entries(cache)
          .filter(thisBuild)
          .map((name) => `${name.slice(0, name.indexOf('-'))} ${ENTRY.exec(name)?.[2]}`);
      const expected = ['doctor.cjs doctor', 'main.cjs cli', 'main.cjs status'];
      expect(ours().sort()).toEqual(expected);
      expect(entries(cache).filter((name) => !thisBuild(name))).toHaveLength(10);
      const doctorEntry = entries(cache).find((name) => name.startsWith(builds[1] as string));
      const written = statSync(join(cache, doctorEntry as string));
      expect((await run(['doctor'], env)).stdout).toContain('Tiers');
      const after = statSync(join(cache, doctorEntry as string));
      expect([after.ino, after.mtimeMs]).toEqual([written.ino, written.mtimeMs]);
      expect(ours().sort()).toEqual(expected);
    },
  );

  it('lives in $XDG_CACHE_HOME/flynn, else ~/.cache/flynn', async () => {
    const xdg = join(home.home, 'xdg-cache');
    expect((await help({ XDG_CACHE_HOME: xdg })).code).toBe(0);
    expect(filesUnder(join(xdg, 'flynn')).length).toBeGreaterThan(0);
    expect(filesUnder(join(home.home, '.cache'))).toEqual([]);

    expect((await help({ XDG_CACHE_HOME: '  ' })).code).toBe(0);
    expect(filesUnder(join(home.home, '.cache', 'flynn')).length).toBeGreaterThan(0);
  });

  it('runs without complaint when the cache directory cannot be written', async () => {
    const blocker = join(home.home, 'not-a-directory');
    writeFileSync(blocker, '');
    for (let round = 0; round < 2; round++) {
      const result = await help({ FLYNN_CACHE_DIR: join(blocker, 'flynn') });
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('Usage: flynn');
    }
    expect(filesUnder(install)).toEqual(['flynn.cjs', 'main.cjs', 'main.cjs.sha256']);
  });

  it('is not touched by --version', async () => {
    const result = await run(['--version'], { FLYNN_CACHE_DIR: cache });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
    expect(filesUnder(cache)).toEqual([]);
  });
});
