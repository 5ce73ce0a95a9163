import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createTempHome, type TempHome } from '@flynn/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMMAND_NAMES, invokedCommand } from '../src/program.js';
import { FLYNN_BIN, runFlynn } from './run-flynn.js';

// The bin writes to pipes and files with synchronous write(2)s batched per tick, and
// creates Node's stdout/stderr streams only for a terminal (src/io.ts processIO). These
// tests hold it to what Node's own streams guarantee: nothing lost, nothing reordered, a
// reader that goes away is not an error.

let home: TempHome;
beforeEach(() => {
  home = createTempHome();
});
afterEach(() => home.cleanup());

/** A config with `count` local providers: doctor's report then runs to hundreds of KB. */
function bigConfig(count: number): string {
  const file = join(home.home, 'big.yaml');
  const lines = ['models:', '  local_providers:'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `    - {name: p${i}, provider: openai-compatible, model: m${i}, base_url: "http://127.0.0.1:9/v1"}`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function sh(script: string) {
  return spawnSync('bash', ['-c', script], { env: home.env, encoding: 'utf8' });
}

describe('the bin on pipes and files', () => {
  it('writes the whole of a large report to a pipe, the same as to a file', async () => {
    const file = bigConfig(600);
    const piped = await runFlynn(['doctor', '--config', file], { env: home.env });
    const out = join(home.home, 'doctor.txt');
    const redirected = sh(`node ${FLYNN_BIN} doctor --config ${file} > ${out}`);
    expect(piped.stdout.length).toBeGreaterThan(100_000);
    expect(readFileSync(out, 'utf8')).toBe(piped.stdout);
    expect(redirected.status).toBe(piped.code);
    expect(piped.stdout).toContain('p599');
  });

  it('keeps stdout and stderr in the order they were written when both go to one pipe', () => {
    // `config validate` prints the table (stdout), then each warning (stderr), then the verdict
    // (stdout): merged into one pipe they must come out in that order.
    const file = join(home.home, 'warn.yaml');
    writeFileSync(
      file,
      'models:\n  default: {provider: openai, model: gpt-5, use_oauth: true, auth_mode: api_key}\n',
    );
    const result = sh(`node ${FLYNN_BIN} config validate --config ${file} 2>&1`);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const table = lines.findIndex((line) => line.startsWith('default '));
    const warning = lines.findIndex((line) => line.startsWith('warning: models.default'));
    const verdict = lines.indexOf('Config is valid.');
    expect(table).toBeGreaterThan(0);
    expect(warning).toBeGreaterThan(table);
    expect(verdict).toBeGreaterThan(warning);
  });

  it('stops quietly when the reader goes away (`| head -c 100`)', () => {
    const file = bigConfig(600);
    const result = sh(
      `node ${FLYNN_BIN} doctor --config ${file} 2>${join(home.home, 'err.txt')} | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`,
    );
    expect(result.stdout.trim()).toMatch(/^status=(0|1)$/);
    expect(readFileSync(join(home.home, 'err.txt'), 'utf8')).toBe('');
  });
});

describe('the command table', () => {
  it('names the command being run, past the global --config', () => {
    expect(invokedCommand(['doctor', '--json'])).toBe('doctor');
    expect(invokedCommand(['--config', 'x.yaml', 'ask', 'hi'])).toBe('ask');
    expect(invokedCommand(['--config=x.yaml', 'logout', 'openai'])).toBe('logout');
    expect(invokedCommand(['help', 'doctor'])).toBeUndefined();
    expect(invokedCommand(['--help'])).toBeUndefined();
    expect(invokedCommand(['docter'])).toBeUndefined();
    expect(invokedCommand([])).toBeUndefined();
  });

  it('builds every listed command when it is run alone, and lists them all in --help', async () => {
    const help = await runFlynn(['--help'], { env: home.env });
    for (const name of COMMAND_NAMES) {
      expect(help.stdout).toContain(`  ${name}`);
      const run = await runFlynn([name, '--help'], { env: home.env });
      expect({ name, code: run.code }).toEqual({ name, code: 0 });
      expect(run.stdout).toContain(`Usage: flynn ${name}`);
    }
  });

  it('still suggests a command for a typo', async () => {
    const run = await runFlynn(['docter'], { env: home.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('doctor');
  });
});

describe('the parsed-config cache', () => {
  it('is kept in the cache directory, follows edits, and never holds a config with a key', async () => {
    const env = {
      ...home.env,
      OPENAI_API_KEY: 'sk-proj-parseCacheProbe000000000pc01',
    };
    const cache = join(home.home, '.cache', 'flynn', 'config-parse.json');
    const file = join(home.home, 'c.yaml');
    writeFileSync(file, 'models:\n  default: {provider: openai, model: gpt-5}\n');
    const first = await runFlynn(['doctor', '--json', '--config', file], { env });
    expect(first.code).toBe(0);
    expect(existsSync(cache)).toBe(true);
    writeFileSync(file, 'models:\n  default: {provider: openai, model: gpt-4o}\n');
    const edited = await runFlynn(['doctor', '--json', '--config', file], { env });
    expect(JSON.parse(edited.stdout).tiers[0].model).toBe('gpt-4o');

    rmSync(cache);
    writeFileSync(
      file,
      'models:\n  default: {provider: openai, model: gpt-5, api_key: "sk-proj-inConfig0000000000000000pc02"}\n',
    );
    await runFlynn(['doctor', '--json', '--config', file], { env });
    expect(existsSync(cache)).toBe(false);
  });
});

describe('yaml and zod, kept out of the start-up bundle', () => {
  it('are loaded to parse a config, and not at all when the parsed config is cached', async () => {
    const env = { ...home.env, OPENAI_API_KEY: 'sk-proj-lazyLibsProbe0000000000000ll01' };
    const cacheDir = join(home.home, '.cache', 'flynn');
    const file = join(home.home, 'c.yaml');
    writeFileSync(file, 'models:\n  default: {provider: openai, model: gpt-5}\n');
    const libEntries = () =>
      readdirSync(cacheDir).filter((name) => /^(yaml|zod)\.cjs-.*\.v8cache$/.test(name));
    // First run: the config is parsed, so both libraries load (and get a compile-cache entry).
    expect((await runFlynn(['doctor', '--config', file], { env })).code).toBe(0);
    expect(libEntries().sort()).toEqual([
      expect.stringMatching(/^yaml\.cjs-/),
      expect.stringMatching(/^zod\.cjs-/),
    ]);
    for (const name of libEntries()) rmSync(join(cacheDir, name));
    // Second run: the parse cache answers; neither library is loaded, so no entry is written.
    const second = await runFlynn(['doctor', '--config', file], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('gpt-5');
    expect(libEntries()).toEqual([]);
    // A broken config still gets its file:line:col from the parser.
    writeFileSync(file, 'models:\n  default: {provider: nope, model: x}\n');
    const broken = await runFlynn(['config', 'validate', '--config', file], { env });
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain(`${file}:2:`);
  });
});

describe('a cache directory others can write to', () => {
  it('is not used: no compile cache, no parsed config, and the command still works', async () => {
    const shared = join(home.home, 'shared-cache');
    mkdirSync(shared, { mode: 0o777 });
    chmodSync(shared, 0o777);
    const env = {
      ...home.env,
      FLYNN_CACHE_DIR: shared,
      OPENAI_API_KEY: 'sk-proj-sharedCacheProbe00000000000sc01',
    };
    const file = join(home.home, 'c.yaml');
    writeFileSync(file, 'models:\n  default: {provider: openai, model: gpt-5}\n');
    const run = await runFlynn(['doctor', '--config', file], { env });
    expect(run.code).toBe(0);
    expect(readdirSync(shared)).toEqual([]);
  });
});
