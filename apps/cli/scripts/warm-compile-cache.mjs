#!/usr/bin/env node
// Build step: load dist/main.cjs (dist/doctor.cjs for the doctor) through the compile-cache
// loader, once per budgeted command, each in a process of its own on a throwaway home with
// every tier configured: offline `flynn doctor` and `flynn status` as the bin runs them on
// pipes, `flynn chat` on a stand-in terminal answered with /exit. The loader writes each
// command's compile cache at exit into Flynn's cache directory (FLYNN_CACHE_DIR, else
// $XDG_CACHE_HOME/flynn, else ~/.cache/flynn; never dist/). On Node 20 each V8 cache entry
// then holds the functions start-up and that command use (see src/compile-cache.ts); entries
// for the same bundle content are rewritten. Fake credentials only; the temp home is removed.
// A failure here never fails the build: the CLI works without the cache and writes one on its
// first run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const { bundleFor, requireWithCompileCache, safeCacheDirectory } = await import(
  join(dist, 'compile-cache.js')
);

const home = mkdtempSync(join(tmpdir(), 'flynn-warm-'));
const configDir = join(home, 'flynn');
process.on('exit', () => rmSync(home, { recursive: true, force: true }));

mkdirSync(configDir, { recursive: true, mode: 0o700 });
writeFileSync(
  join(configDir, 'config.yaml'),
  `models:
  default: { provider: anthropic, model: claude-sonnet-4-5 }
  fast: { provider: openai, model: gpt-5-mini, auth_mode: oauth }
  complex: { provider: openai, model: gpt-5, auth_mode: api_key }
  local: { provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:11434/v1" }
  local_providers:
    - { name: glm, provider: zai, model: glm-4.6 }
    - { name: gh, provider: github, model: openai/gpt-4.1 }
`,
);
writeFileSync(
  join(configDir, 'auth.json'),
  JSON.stringify({
    version: 1,
    openai: { api_key: 'sk-warmup-not-a-key-0000' },
    anthropic: { api_key: 'sk-ant-api03-warmup-not-a-key' },
    zai: { api_key: 'warmup-not-a-key-0000' },
    github: { token: 'ghp_warmupnotatoken0000' },
  }),
  { mode: 0o600 },
);

const env = { PATH: process.env.PATH, HOME: home, FLYNN_CONFIG_DIR: configDir, NO_COLOR: '1' };
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
const io = (input) => ({
  stdout: discard(),
  stderr: discard(),
  stdin: Readable.from([input]),
  env,
  color: false,
});

// As the bin does (src/flynn.ts): @flynn/config's yaml and zod come from their own files
// through the compile cache, so their entries are warmed too.
globalThis[Symbol.for('flynn.config.module-loader')] = (name) =>
  requireWithCompileCache(join(dist, name === 'yaml' ? 'yaml.cjs' : 'zod.cjs'), { refresh: true });

/**
 * A terminal for the chat (raw mode, a size), typing `keys`: the chat's terminal code (line
 * editor, key decoder, drawing) runs as it does on a real one, so its entry holds that code.
 */
const keyboard = (keys) =>
  Object.assign(Readable.from([keys]), { isTTY: true, setRawMode: () => undefined });
const screen = () => Object.assign(discard(), { isTTY: true, columns: 80, rows: 24 });

/**
 * Doctor and status run as the bin runs them on pipes (the child's stdout and stderr are
 * pipes this script drains): the bundle's own `processIO`, writing with `write(2)`, and the
 * parsed-config cache, twice, so that the second run takes the cache's hit path as every
 * later start does. The entry then holds the code real runs execute, not a stand-in's.
 */
async function asTheBinRuns(main, processIO, args) {
  const configParseCache = { directory: join(home, 'parse-cache'), salt: 'warm' };
  for (let run = 0; run < 2; run++) await main(args, version, processIO({ configParseCache }));
}

/** Each command, in a process of its own: V8 shares compiled code between copies in one. */
const RUNS = {
  doctor: ({ main, processIO }) => asTheBinRuns(main, processIO, ['doctor']),
  status: ({ main, processIO }) => asTheBinRuns(main, processIO, ['status']),
  chat: ({ main }) =>
    main(['chat'], version, { ...io(''), stdin: keyboard('/exit\r'), stdout: screen() }),
};

const variant = process.argv[2];
if (variant === undefined) {
  // One entry per budgeted command, as src/flynn.ts picks them (cacheVariant). Each child
  // gets the throwaway home's env, with the cache directory this process would use.
  const cache = safeCacheDirectory(process.env);
  if (cache === undefined) process.exit(0); // no usable cache directory: nothing to warm
  for (const name of Object.keys(RUNS)) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], {
      env: { ...env, FLYNN_CACHE_DIR: cache },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    const warning = child.stderr.split('\n').find((line) => line.startsWith('warm-compile-cache:'));
    if (warning) console.warn(warning);
    if (child.status !== 0 && child.status !== 1) {
      console.warn(`warm-compile-cache: ${name} exited ${child.status ?? child.signal}`);
    }
  }
} else {
  try {
    const bundle = join(dist, bundleFor(variant));
    await RUNS[variant](requireWithCompileCache(bundle, { refresh: true, variant }));
  } catch (error) {
    console.warn(`warm-compile-cache: ${error instanceof Error ? error.message : error}`);
  }
}
